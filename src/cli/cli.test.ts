import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { cli } from '../test-support/cli.js';
import { ROOT, SHARED_DIR } from '../paths.js';
import { dropSchemas, findPostgres, schemaName } from '../test-support/postgres.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'entente-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const db = (name: string): string => join(dir, `${name}.db`);
const SEED_DATES: Record<string, string> = { '000': '2026-01-28', '001': '2025-02-05', '002': '2026-01-29', '003': '2025-10-27', '004': '2025-02-18' };
const haveShared = existsSync(join(SHARED_DIR, 'seeds'));

test('seeds ingest through the CLI with their dates, and show what was removed', { skip: !haveShared && 'no ../shared' }, async () => {
  const files = readdirSync(join(SHARED_DIR, 'seeds')).sort();
  for (const f of files) {
    const r = await cli(['ingest', join(SHARED_DIR, 'seeds', f), '--date', SEED_DATES[f.slice(0, 3)]!, '--db', db('seeds'), '--json']);
    assert.equal(r.code, 0, r.err);
    const summary = JSON.parse(r.out) as { ingested: number; items: Array<{ status: string; id: number }> };
    assert.equal(summary.ingested, 1);
  }
  const list = JSON.parse((await cli(['articles', 'list', '--json', '--db', db('seeds')])).out) as { total: number; items: Array<{ id: number; related: number; outlet?: string; published?: string }> };
  assert.equal(list.total, 5);
  assert.deepEqual(list.items.map((a) => a.related), [17, 0, 0, 0, 0]);
  assert.deepEqual(list.items.map((a) => a.outlet ?? null), [null, null, null, 'Liberty One News', 'cgtn.com']);
  assert.deepEqual(list.items.map((a) => a.published), Object.values(SEED_DATES));

  const shown = await cli(['articles', 'show', '3', '--removed', '--db', db('seeds')]);
  assert.equal(shown.code, 0);
  assert.match(shown.out, /Removed by the cleaner \(2\):\n {2}\[clean\/author-box\] About The Author\n {2}\[clean\/comment-prompt\] Leave a Reply/);
  const json = JSON.parse((await cli(['articles', 'show', '5', '--json', '--db', db('seeds')])).out) as { body: string; outlet: string; outletBasis: string; removed: unknown[] };
  assert.equal(json.outlet, 'cgtn.com');
  assert.equal(json.outletBasis, 'source-reference');
  assert.ok(!json.body.includes('\\"') && !json.body.includes('cgtn.com'));

  // Re-ingesting is idempotent.
  const again = JSON.parse((await cli(['ingest', join(SHARED_DIR, 'seeds'), '--db', db('seeds'), '--json'])).out) as { ingested: number; skipped: number };
  assert.deepEqual([again.ingested, again.skipped], [0, 5]);
});

test('the sample corpus ingests every format: 10 articles', async () => {
  const r = await cli(['ingest', join(ROOT, 'examples', 'corpus'), '--db', db('examples'), '--json']);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out) as { ingested: number; duplicate: number; failed: number; flagged: number; items: Array<{ status: string; origin: string }> };
  assert.deepEqual([s.ingested, s.duplicate, s.failed, s.flagged], [10, 0, 0, 0]);
  const list = JSON.parse((await cli(['articles', 'list', '--json', '--db', db('examples')])).out) as { items: Array<{ outlet?: string; published?: string; format: string }> };
  for (const a of list.items) {
    assert.ok(a.outlet, `no outlet for a ${a.format} article`);
    assert.match(a.published ?? '', /^20(25|26)-\d\d-\d\d$/);
  }
});

test('bad input: one clear line per item, the batch goes on, exit 0 when something was ingested', async () => {
  const d = mkdtempSync(join(dir, 'bad-'));
  const article = 'The foreign ministers of Chile and Peru met in Lima on Tuesday and agreed to reopen talks on a maritime trade corridor, officials said.';
  writeFileSync(join(d, 'a-good.txt'), `Chile and Peru Reopen Talks\n${article}\nA second paragraph adds that both governments will publish a joint plan next month.\n`);
  writeFileSync(join(d, 'b-empty.txt'), '');
  writeFileSync(join(d, 'c-binary.bin'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]));
  writeFileSync(join(d, 'd-bad.xml'), '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>X</title>\n<item><title>One</title>\n');
  writeFileSync(join(d, 'e-bad.json'), '{"articles": [{"title": "A", "text": "B"}');
  writeFileSync(join(d, 'f-rows.csv'), `title,text,date\n"Row one","${article}",2025-01-02\n"Row two","broken ""quote,2025-01-03\n`);
  writeFileSync(join(d, 'g-big.txt'), `Big File\n${'word '.repeat(4000)}\n`);
  writeFileSync(join(d, 'h-french.txt'), 'Le gouvernement français a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la sécheresse. Les syndicats ont salué une décision attendue depuis des mois, mais demandent davantage de moyens.\n');
  writeFileSync(join(d, 'i-truncated.html'), `<!doctype html><html><head><title>Cut</title></head><body><article><p>${article}</p><p>Second para of the page that was cut off in the mid`);
  const r = await cli(['ingest', d, join(d, 'missing.txt'), '--max-bytes', '10000', '--db', db('bad'), '--json']);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out) as { ingested: number; failed: number; flagged: number; items: Array<{ status: string; origin: string; error?: string }> };
  const failed = Object.fromEntries(s.items.filter((i) => i.status === 'failed').map((i) => [i.origin.replace(d + '/', ''), i.error]));
  assert.deepEqual(Object.keys(failed).sort(), ['b-empty.txt', 'c-binary.bin', 'd-bad.xml', 'e-bad.json', 'f-rows.csv:row-2', 'g-big.txt', 'missing.txt']);
  assert.match(failed['b-empty.txt']!, /^ingest: .*b-empty\.txt: .*empty/);
  assert.match(failed['c-binary.bin']!, /binary/);
  assert.match(failed['d-bad.xml']!, /cannot parse feed .*d-bad\.xml: .*line \d+/);
  assert.match(failed['e-bad.json']!, /e-bad\.json/);
  assert.match(failed['f-rows.csv:row-2']!, /^ingest: .*f-rows\.csv:row-2: unclosed quote$/);
  assert.match(failed['g-big.txt']!, /over the size cap of 10000/);
  assert.match(failed['missing.txt']!, /no such file or directory/);
  assert.deepEqual([s.ingested, s.failed, s.flagged], [4, 7, 2]);
  const flagged = s.items.filter((i) => i.status === 'ingested' && (i as { flagged?: boolean }).flagged).map((i) => i.origin.replace(d + '/', '')).sort();
  assert.deepEqual(flagged, ['h-french.txt', 'i-truncated.html']);

  // Nothing ingestible at all: non-zero exit, and the plain summary says why.
  const none = await cli(['ingest', join(d, 'b-empty.txt'), join(d, 'c-binary.bin'), '--db', db('bad2')]);
  assert.equal(none.code, 1);
  assert.match(none.out, /^ingested 0, duplicate 0, skipped 0 \(already stored\), flagged 0, failed 2/);
  assert.match(none.err, /^failed {3}ingest: .*b-empty\.txt/m);
});

test('exact and near duplicates are stored as duplicate_of, re-ingest is idempotent', async () => {
  const d = mkdtempSync(join(dir, 'dup-'));
  const body = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1}: negotiators from Kenya and Ethiopia discussed water sharing on the Nile basin and agreed on a schedule of technical meetings for the coming months.`).join('\n');
  writeFileSync(join(d, 'one.txt'), `Water Talks\n${body}\n`);
  writeFileSync(join(d, 'two.txt'), `Water Talks Resume\n${body}\nShare this article\n`);
  writeFileSync(join(d, 'three.txt'), `Water Talks\n${body.replace('coming months', 'next few months')}\n`);
  const r = JSON.parse((await cli(['ingest', d, '--db', db('dup'), '--json'])).out) as { ingested: number; duplicate: number; items: Array<{ status: string; kind?: string; duplicateOf?: number }> };
  assert.deepEqual([r.ingested, r.duplicate], [1, 2]);
  assert.deepEqual(r.items.map((i) => [i.status, i.kind ?? null, i.duplicateOf ?? null]), [['ingested', null, null], ['duplicate', 'near', 1], ['duplicate', 'exact', 1]]);
  const again = JSON.parse((await cli(['ingest', d, '--db', db('dup'), '--json'])).out) as { ingested: number; duplicate: number; skipped: number };
  assert.deepEqual([again.ingested, again.duplicate, again.skipped], [0, 0, 3]);
});

test('URLs: fetched from a loopback server only with --allow-private; feeds with --follow', async () => {
  const page = (title: string, para: string): string => `<!doctype html><html><head><title>${title}</title><meta property="og:site_name" content="Loopback Times"><meta property="article:published_time" content="2025-05-06T10:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1><p>${para}</p><p>${para.replace('Tuesday', 'Wednesday')}</p><p>Officials from both countries said further rounds would follow in the autumn, with a focus on customs and energy.</p></article><footer>Copyright 2025 Loopback Times</footer></body></html>`;
  const server: Server = createServer((req, res) => {
    if (req.url === '/story') {
      res.setHeader('content-type', 'text/html');
      res.end(page('Norway and Iceland Sign Fisheries Pact', 'Norway and Iceland signed a fisheries agreement in Reykjavik on Tuesday after two years of negotiations, their governments said.'));
    } else if (req.url === '/feed') {
      const { port } = server.address() as AddressInfo;
      res.setHeader('content-type', 'application/rss+xml');
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Times</title><item><title>Norway and Iceland Sign Fisheries Pact</title><link>http://127.0.0.1:${port}/story</link><description>Short teaser.</description><pubDate>Tue, 06 May 2025 10:00:00 GMT</pubDate></item></channel></rss>`);
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const refused = await cli(['ingest', `${base}/story`, '--db', db('url')]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /refused .*127\.0\.0\.1.*--allow-private/);
    const ok = JSON.parse((await cli(['ingest', `${base}/story`, `${base}/missing`, '--allow-private', '--db', db('url'), '--json'])).out) as { ingested: number; failed: number; items: Array<{ status: string; error?: string }> };
    assert.deepEqual([ok.ingested, ok.failed], [1, 1]);
    assert.match(ok.items.find((i) => i.status === 'failed')!.error!, /404/);
    const stored = JSON.parse((await cli(['articles', 'show', '1', '--json', '--db', db('url')])).out) as { title: string; outlet: string; published: string; url: string; body: string };
    assert.deepEqual([stored.title, stored.outlet, stored.published, stored.url], ['Norway and Iceland Sign Fisheries Pact', 'Loopback Times', '2025-05-06', `${base}/story`]);
    assert.ok(!stored.body.includes('Home') && !stored.body.includes('Copyright'));

    const followed = JSON.parse((await cli(['ingest', `${base}/feed`, '--follow', '--allow-private', '--db', db('feed'), '--json'])).out) as { ingested: number };
    assert.equal(followed.ingested, 1);
    const item = JSON.parse((await cli(['articles', 'show', '1', '--json', '--db', db('feed')])).out) as { body: string; format: string; published: string };
    assert.equal(item.format, 'rss');
    assert.equal(item.published, '2025-05-06');
    assert.match(item.body, /signed a fisheries agreement in Reykjavik/);
  } finally {
    server.close();
  }
});

test('bad usage and a bad database location give one clear line', async () => {
  const r = await cli(['articles', 'show', '99', '--db', db('empty')]);
  assert.equal(r.code, 2);
  assert.equal(r.err, `entente: articles: no article #99 in ${db('empty')}\n`);
  const bad = await cli(['ingest', 'x', '--date', '2025-13-45', '--db', db('empty')]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--date <YYYY-MM-DD>' argument '2025-13-45' is invalid/);
  const notDb = join(dir, 'not-a-db.db');
  writeFileSync(notDb, 'this is not a database, just text that fills the header page of the file');
  const c = await cli(['articles', 'list', '--db', notDb]);
  assert.equal(c.code, 1);
  assert.match(c.err, /^entente: store: cannot open SQLite database .*not-a-db\.db: file is not a database/);
});

const postgres = await findPostgres();

test('the same CLI works on PostgreSQL', { skip: 'reason' in postgres && postgres.reason }, async () => {
  if (!('url' in postgres)) return;
  const schema = schemaName('entente_cli');
  const location = `${postgres.url}?schema=${schema}`;
  try {
    const first = JSON.parse((await cli(['ingest', join(ROOT, 'examples', 'corpus'), '--db', location, '--json'])).out) as { ingested: number };
    assert.equal(first.ingested, 10);
    const again = JSON.parse((await cli(['ingest', join(ROOT, 'examples', 'corpus'), '--db', location, '--json'])).out) as { skipped: number };
    assert.equal(again.skipped, 10);
    const list = JSON.parse((await cli(['articles', 'list', '--json', '--db', location])).out) as { total: number; items: Array<{ id: number; related: number }> };
    assert.equal(list.total, 10);
    // A PostgreSQL sequence may skip values, so the article is found by what it holds, not by a fixed id.
    const withRelated = list.items.filter((a) => a.related === 7);
    assert.equal(withRelated.length, 1);
    const shown = await cli(['articles', 'show', String(withRelated[0]!.id), '--removed', '--db', location]);
    assert.match(shown.out, /Related headlines \(7\):/);
    assert.match(shown.out, /\[clean\/byline\]/);
  } finally {
    await dropSchemas(postgres.url, [schema]);
  }
});
