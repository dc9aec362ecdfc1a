import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SHARED_DIR } from '../paths.js';
import {
  evalExtraction,
  formatExtractionReport,
  precisionScore,
  recallScore,
  scorePage,
  shingleMatch,
  shingles,
  summarise,
  tokenize,
  type ExtractionReport,
} from './extraction.js';

const SEP = '\u0001';

test('tokens are unicode \\w+ runs, as Python re.findall(r"\\w+") gives them', () => {
  assert.deepEqual(tokenize('Hello, wörld_1 — 東京 x2! ¿Qué?'), ['Hello', 'wörld_1', '東京', 'x2', 'Qué']);
  assert.deepEqual(tokenize(''), []);
});

test('shingles are 4-token multisets; a shorter text is one shingle', () => {
  assert.deepEqual([...shingles('a b c d e')], [[`a${SEP}b${SEP}c${SEP}d`, 1], [`b${SEP}c${SEP}d${SEP}e`, 1]]);
  assert.deepEqual([...shingles('x y x y x y x')], [[`x${SEP}y${SEP}x${SEP}y`, 2], [`y${SEP}x${SEP}y${SEP}x`, 2]]);
  assert.deepEqual([...shingles('a b')], [[`a${SEP}b`, 1]]);
  assert.deepEqual([...shingles('  ')], []);
});

test('per-page TP/FP/FN are normalised to sum 1, with the benchmark precision and recall', () => {
  const m = shingleMatch('a b c d e', 'a b c d x');
  assert.deepEqual(m, { tp: 1 / 3, fp: 1 / 3, fn: 1 / 3 });
  assert.equal(precisionScore(m), 0.5);
  assert.equal(recallScore(m), 0.5);

  // Multiset: the repeated shingle counts twice in the truth, once in the prediction.
  const rep = shingleMatch('a b c d a b c d', 'a b c d');
  assert.deepEqual(rep, { tp: 0.2, fp: 0, fn: 0.8 });
  assert.equal(precisionScore(rep), 1);
  assert.equal(recallScore(rep), 0.2);

  const same = shingleMatch('one two three four five', 'one, two; three four five.');
  assert.deepEqual(same, { tp: 1, fp: 0, fn: 0 });
  assert.equal(precisionScore(same), 1);
});

test('large vocabularies (string shingle keys) count the same way', () => {
  const words = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');
  const m = shingleMatch(words(0, 10000), words(0, 5000));
  assert.deepEqual(m, { tp: 4997 / 9997, fp: 0, fn: 5000 / 9997 });
});

test('empty sides: the page leaves the precision mean when nothing was predicted, the recall mean when there is no truth', () => {
  assert.deepEqual(scorePage('p', 'a b c d', ''), { id: 'p', precision: 0, recall: 0, f1: 0, inPrecision: false, inRecall: true });
  assert.deepEqual(scorePage('q', '', 'a b c d'), { id: 'q', precision: 0, recall: 0, f1: 0, inPrecision: true, inRecall: false });
  assert.deepEqual(scorePage('r', '', ''), { id: 'r', precision: 1, recall: 1, f1: 1, inPrecision: false, inRecall: false });
});

test('precision and recall are means over pages and F1 comes from the means', () => {
  const pages = [scorePage('a', 'a b c d e', 'a b c d x'), scorePage('b', 'a b c d a b c d', 'a b c d'), scorePage('c', 'a b c d', '')];
  const r = summarise(pages);
  const precision = (0.5 + 1) / 2;
  const recall = (0.5 + 0.2 + 0) / 3;
  assert.equal(r.precision, precision);
  assert.equal(r.recall, recall);
  assert.equal(r.f1, (2 * precision * recall) / (precision + recall));
  assert.equal(r.f1.toFixed(4), '0.3559');
  assert.equal(r.pages, 3);
  assert.deepEqual(summarise([]), { precision: 0, recall: 0, f1: 0, pages: 0, perPage: [] });
});

const BODY = [
  'The river authority opened the northern sluice gates on Monday after three days of rain raised the water level above the spring mark.',
  'Farmers downstream were told to move livestock away from the lower fields, and the ferry crossing was closed until the flow eases.',
  'Engineers expect the level to fall by the weekend if the forecast holds, the authority said in a short statement.',
  'The last time the gates were opened this early in the year was more than a decade ago, according to the authority’s own records.',
];

test('evalExtraction scores a benchmark-layout directory and counts unreadable pages as zero without crashing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'entente-extraction-'));
  try {
    mkdirSync(join(dir, 'html'));
    const page = `<html><head><title>Gates opened</title></head><body><nav><a href="/">Home</a></nav><article><h1>Gates opened</h1>${BODY.map((p) => `<p>${p}</p>`).join('')}<div class="share"><a href="#">Share</a></div></article></body></html>`;
    writeFileSync(join(dir, 'html', 'good.html.gz'), gzipSync(page));
    writeFileSync(join(dir, 'html', 'badgz.html.gz'), 'this is not gzip');
    writeFileSync(
      join(dir, 'ground-truth.json'),
      JSON.stringify({
        good: { articleBody: BODY.join('\n\n'), url: 'https://river.example/gates' },
        missing: { articleBody: 'a b c d e' },
        badgz: { articleBody: 'a b c d e' },
      }),
    );
    const r = await evalExtraction(dir);
    assert.equal(r.pages, 3);
    assert.deepEqual(
      r.perPage.map((p) => [p.id, p.precision, p.recall, p.f1]),
      [
        ['good', 1, 1, 1],
        ['missing', 0, 0, 0],
        ['badgz', 0, 0, 0],
      ],
    );
    assert.equal(r.perPage[0]!.url, 'https://river.example/gates');
    assert.equal(r.perPage[0]!.error, undefined);
    assert.match(r.perPage[1]!.error!, /^eval: cannot read page .*missing\.html\.gz: ENOENT/);
    assert.match(r.perPage[2]!.error!, /^eval: cannot read page .*badgz\.html\.gz: incorrect header check/);
    assert.equal(r.precision, 1 / 3);
    assert.equal(r.recall, 1 / 3);
    assert.equal(r.f1, 1 / 3);

    writeFileSync(join(dir, 'ground-truth.json'), '{"x": {"url": 3}}');
    await assert.rejects(evalExtraction(dir), /^Error: eval: cannot read ground truth .*ground-truth\.json: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('formatExtractionReport prints the scores and, on request, the worst pages', () => {
  const r: ExtractionReport = {
    precision: 0.98765,
    recall: 0.5,
    f1: 0.66389,
    pages: 3,
    perPage: [
      { id: 'b', precision: 1, recall: 0.5, f1: 2 / 3, inPrecision: true, inRecall: true },
      { id: 'a', url: 'https://a.example/', precision: 0.9, recall: 0.8, f1: 0.847, inPrecision: true, inRecall: true },
      { id: 'c', precision: 0, recall: 0, f1: 0, inPrecision: true, inRecall: true, error: 'eval: cannot read page c.html.gz: ENOENT' },
    ],
  };
  assert.equal(formatExtractionReport(r), 'precision 0.988\nrecall    0.500\nf1        0.664\npages     3\nfailed    1');
  assert.equal(
    formatExtractionReport(r, { errors: 2 }),
    [
      'precision 0.988',
      'recall    0.500',
      'f1        0.664',
      'pages     3',
      'failed    1',
      '',
      'worst 2 pages by f1:',
      '  f1 0.000  p 0.000  r 0.000  c  (eval: cannot read page c.html.gz: ENOENT)',
      '  f1 0.667  p 1.000  r 0.500  b',
    ].join('\n'),
  );
});

const DEV = join(SHARED_DIR, 'eval', 'extraction-zyte-dev');

test('on the Zyte dev pages the extractor reaches F1 ≥ 0.96', async (t) => {
  if (!existsSync(join(DEV, 'ground-truth.json'))) {
    t.skip(`no benchmark pages at ${DEV}`);
    console.log(`skipped: no benchmark pages at ${DEV}`);
    return;
  }
  const started = performance.now();
  const r = await evalExtraction(DEV);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${formatExtractionReport(r).replace(/\n/g, '  ')}  (${(r.pages / seconds).toFixed(0)} pages/s)`);
  assert.equal(r.pages, 121);
  assert.equal(r.perPage.filter((p) => p.error).length, 0);
  assert.ok(r.f1 >= 0.96, `f1 ${r.f1.toFixed(4)} < 0.96`);
});
