import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../test-support/cli.js';

let dir: string;
let db: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'entente-voices-cli-'));
  db = join(dir, 'v.db');
  const a = join(dir, 'a.txt');
  writeFileSync(
    a,
    [
      'Oslo Talks End With a Fisheries Deal',
      'Norwegian Prime Minister Jonas Gahr Støre and German Chancellor Olaf Scholz agreed a fisheries deal in Oslo on Monday.',
      '"This agreement is a real success for both our countries," Scholz said after the talks.',
      'Readers reacted online.',
      '- @FjordFan: "Finally some good news for the fishermen!"',
    ].join('\n'),
  );
  const r = await cli(['ingest', a, '--date', '2023-05-08', '--outlet', 'Fjord Post', '--db', db]);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('quotes: speaker resolved, reactions marked, filters by speaker and about', async () => {
  const r = await cli(['quotes', '--json', '--db', db]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { total: number; items: Array<{ text: string; speaker?: { code: string; text: string }; reaction?: string; outlet?: string }> };
  assert.deepEqual(j.items.map((q) => [q.speaker?.code ?? '', q.speaker?.text, q.reaction ?? '', q.outlet]), [
    ['DEUGOV', 'Scholz', '', 'Fjord Post'],
    ['', '@FjordFan', 'supportive', 'Fjord Post'],
  ]);
  const de = JSON.parse((await cli(['quotes', '--speaker', 'DEUGOV', '--json', '--db', db])).out) as { total: number };
  assert.equal(de.total, 1);
  const none = JSON.parse((await cli(['quotes', '--speaker', 'NOR', '--json', '--db', db])).out) as { total: number };
  assert.equal(none.total, 0);
  const text = await cli(['quotes', '--reactions', '--db', db]);
  assert.match(text.out, /@FjordFan \(supportive\): "Finally some good news for the fishermen!"/);
});

test('outlets, outlet NAME and stories', async () => {
  const o = JSON.parse((await cli(['outlets', '--json', '--db', db])).out) as Array<{ outlet: string; articles: number; quotes: number; reactions: number; speakers: Array<{ text: string }> }>;
  assert.deepEqual(o.map((p) => [p.outlet, p.articles, p.quotes, p.reactions, p.speakers.map((s) => s.text)]), [['Fjord Post', 1, 1, 1, ['@FjordFan', 'Scholz']]]);
  const one = await cli(['outlet', 'fjord post', '--db', db]);
  assert.match(one.out, /^Fjord Post {2}— {2}1 article\(s\), 2023-05-08…2023-05-08/);
  const missing = await cli(['outlet', 'Nowhere', '--db', db]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /outlet: no outlet "Nowhere"/);
  const st = JSON.parse((await cli(['stories', '--json', '--db', db])).out) as Array<{ articles: number[]; label: string }>;
  assert.deepEqual(st.map((s) => [s.articles, s.label]), [[[1], 'Oslo Talks End With a Fisheries Deal']]);
  assert.deepEqual(JSON.parse((await cli(['stories', '--since', '2024-01-01', '--json', '--db', db])).out), []);
});

test('eval tone: Pearson and Spearman on a VADER-layout file; bad lines reported', async () => {
  const f = join(dir, 'ratings.tsv');
  writeFileSync(f, ['s1\t3\tThe peace deal was a great success.', 's2\t-3\tThe bombing killed dozens of civilians.', 's3\t0\tThe minister arrived on Tuesday.', 's4\tbad\tOops.'].join('\n'));
  const r = await cli(['eval', 'tone', f, '--format', 'vader', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { pearson: number; spearman: number; cases: number };
  assert.equal(j.cases, 3);
  assert.equal(j.spearman, 1);
  assert.ok(j.pearson > 0.9, String(j.pearson));
  assert.match(r.err, /line 4: rating must be a number/);
  const bad = await cli(['eval', 'tone', f, '--format', 'other']);
  assert.notEqual(bad.code, 0);
});
