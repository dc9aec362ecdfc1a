import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.js';
import { sink } from '../test-support/cli.js';
import { ROOT } from '../paths.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import type { ReportData } from '../report/collect.js';
import { computeRelations } from '../relations/relations.js';
import { PLAIN_CATALOG } from '../relations/groups.js';
import { loadAlliances } from '../relations/alliances.js';
import type { RelationRow } from '../relations/types.js';
import type { EventWithArticle } from '../store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'entente-rel-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('analyze: the sample corpus → report.html and a summary; a second run stores nothing new', async () => {
  const db = join(dir, 'a.db');
  const out = join(dir, 'a.html');
  for (const round of [1, 2]) {
    const stdout = sink();
    const stderr = sink();
    const code = await runCli(['analyze', join(ROOT, 'examples', 'corpus'), '-o', out, '--db', db], { stdout, stderr, env: { CI: 'true' } });
    assert.equal(code, 0, stderr.text);
    assert.match(stdout.text, round === 1 ? /^ingested 10, duplicate 0/ : /^ingested 0, duplicate 0, skipped 10/);
    assert.match(stdout.text, /\nRelations as of 2026-01-16 from \d+ event rows: \d+ dyads, \d+ shift\(s\), \d+ hedging case\(s\)\.\n/);
    assert.match(stdout.text, /Canada – China: warming \+[\d.]+/);
    assert.match(stdout.text, new RegExp(`Report: ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `));
  }
  const html = readFileSync(out, 'utf8');
  assert.ok(existsSync(out));
  assert.match(html, /<h2>Top dyads<\/h2>/);
  assert.match(html, /<svg class="tl"/);
  // Self-contained: no script, no external asset.
  assert.doesNotMatch(html, /<script|<link|src=|url\(/i);
});

test('report: scraped text is escaped in HTML and Markdown', () => {
  const row: RelationRow = { eventId: 'x<1>', articleId: 1, outlet: 'Evil <b>Wire</b>', date: '2025-01-02', source: 'USA', target: 'CHN', quadClass: 4, goldstein: -9, modality: 'asserted', negated: false, confidence: 1, cameoCode: '190' };
  const result = computeRelations([row, { ...row, eventId: 'x2', date: '2025-01-09', cameoCode: '180' }], PLAIN_CATALOG, loadAlliances());
  const ev: EventWithArticle = {
    articleId: 1, field: 'body', fieldIndex: 0, title: 'Click <img src=x onerror=alert(1)>', outlet: 'Evil <b>Wire</b>', url: 'javascript:alert(1)',
    record: {
      id: 'x<1>', article_id: 1, sentence: { text: 'They said <script>alert("x")</script> & more', start: 0, end: 10 }, sources: [], targets: [],
      plover: { type: 'ASSAULT', mode: '', context: [] }, cameo: { code: '190', root: '19', quad_class: 4, goldstein: -9 }, modality: 'asserted', negated: false,
      date: '2025-01-02', date_basis: 'article', trigger: { text: 'x', start: 0, end: 1 }, rule_id: 'r', confidence: 1, dictionary_version: 'd',
    },
  };
  const data: ReportData = { title: 'T <i>', result, series: new Map(), period: 'week', evidence: new Map([['x<1>', ev]]), stats: { articles: 1, events: 2, outlets: 1, first: '2025-01-02', last: '2025-01-09' }, name: (k) => k, topDyads: 5, blocHistory: [] };
  const html = renderHtml(data);
  assert.doesNotMatch(html, /<script|<img|<b>Wire|T <i>|javascript:/);
  assert.match(html, /They said &#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62; &#38; more/);
  assert.match(html, /Evil &#60;b&#62;Wire&#60;\/b&#62;/);
  const md = renderMarkdown(data);
  assert.match(md, /They said \\<script\\>alert\("x"\)\\<\/script\\> & more/);
});
