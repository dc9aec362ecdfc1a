/**
 * The API against a real server on loopback, over SQLite and PostgreSQL,
 * with the five seeds ingested. The PostgreSQL half skips (with the reason)
 * only when no server answers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { TestContext } from 'node:test';
import { DEFAULT_CONFIG } from '../config.js';
import { loadKnowledgeBase } from '../actors/kb.js';
import { openStore, type Store } from '../store/store.js';
import { dropSchemas, findPostgres, schemaName } from '../test-support/postgres.js';
import { startServer, type RunningServer } from './server.js';
import { eventsQuery } from './schemas.js';
import { ingestSeeds } from './test-seeds.js';

const kb = loadKnowledgeBase();
const tempDir = mkdtempSync(join(tmpdir(), 'entente-api-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));
const webDir = join(tempDir, 'web');
mkdirSync(join(webDir, 'assets'), { recursive: true });
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>test page</title>');
writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1);');
const TOKEN = 'test-token-0123456789abcdef';

interface Json {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function get(server: RunningServer, path: string, init: RequestInit = {}): Promise<Json> {
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text };
}

/** Raw bytes and headers, without fetch's automatic decompression. */
function raw(server: RunningServer, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(server.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function suite(t: TestContext, store: Store): Promise<void> {
  const ids = await ingestSeeds(store, kb);
  assert.deepEqual(Object.keys(ids).sort(), ['000', '001', '002', '003', '004']);
  const config = { ...DEFAULT_CONFIG, db: store.location, api: { maxBodyBytes: 64 * 1024, token: TOKEN } };
  const server = await startServer({ store, kb, config, host: '127.0.0.1', port: 0, webDir });
  const writable = await startServer({ store, kb, config, host: '127.0.0.1', port: 0, webDir, allowIngest: true });
  t.after(() => Promise.all([server.close(), writable.close()]));
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);

  await t.test('health', async () => {
    const r = await get(server, '/api/health');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.deepEqual(r.body, { status: 'ok', version: '1.0.0', store: store.kind, articles: 5, features: { relations: true, voices: true } });
  });

  await t.test('articles: list, filters, pagination, bad and unknown parameters', async () => {
    const all = await get(server, '/api/articles');
    assert.equal(all.body.total, 5);
    assert.deepEqual(all.body.items.map((a: { id: number }) => a.id), Object.values(ids).sort((a, b) => a - b));
    const page = await get(server, '/api/articles?limit=2&offset=2');
    assert.deepEqual([page.body.total, page.body.limit, page.body.offset, page.body.items.length], [5, 2, 2, 2]);
    const feb = await get(server, '/api/articles?since=2025-02-01&until=2025-02-28');
    assert.deepEqual(feb.body.items.map((a: { id: number }) => a.id), [ids['001'], ids['004']]);
    assert.deepEqual((await get(server, '/api/articles?limit=0')).body, { error: { code: 'bad_parameter', message: 'api: parameter "limit": Too small: expected number to be >=1 (got "0")' } });
    assert.deepEqual((await get(server, '/api/articles?since=2025-02-30')).body, { error: { code: 'bad_parameter', message: 'api: parameter "since": Invalid ISO date (got "2025-02-30")' } });
    const unknown = await get(server, '/api/articles?page=2');
    assert.deepEqual([unknown.status, unknown.body], [400, { error: { code: 'unknown_parameter', message: 'api: unknown query parameter "page"' } }]);
    assert.deepEqual((await get(server, '/api/articles?limit=1&limit=2')).body.error, { code: 'bad_parameter', message: 'api: parameter "limit": given more than once' });
  });

  await t.test('one article: text, removed lines with reasons, mentions and events with offsets', async () => {
    const r = await get(server, `/api/articles/${ids['004']}`);
    assert.equal(r.status, 200);
    const { article, removed, mentions, events, quotes } = r.body;
    assert.equal(article.published, '2025-02-18');
    assert.equal(article.textHash, undefined);
    assert.deepEqual(removed.map((x: { ruleId: string; why: string }) => [x.ruleId, x.why]).slice(0, 1), [['source-reference', 'source reference line']]);
    const lavrov = mentions.find((m: { ref?: string }) => m.ref === 'sergey-lavrov');
    assert.ok(lavrov, 'Lavrov is mentioned');
    for (const m of mentions) {
      const text = m.field === 'body' ? article.body : m.field === 'title' ? article.title : m.field === 'dek' ? article.dek : article.related[m.fieldIndex];
      assert.equal(text.slice(m.start, m.end), m.text, `mention offsets of "${m.text}"`);
    }
    assert.ok(events.length > 0);
    for (const e of events) {
      const text = e.field === 'body' ? article.body : e.field === 'title' ? article.title : e.field === 'dek' ? article.dek : article.related[e.fieldIndex];
      assert.equal(text.slice(e.sentence.start, e.sentence.end), e.sentence.text);
      assert.equal(text.slice(e.trigger.start, e.trigger.end), e.trigger.text);
      assert.equal(e.article.id, ids['004']);
    }
    assert.ok(Array.isArray(quotes));
    assert.deepEqual((await get(server, '/api/articles/999999')).body, { error: { code: 'not_found', message: 'api: article #999999 not found' } });
    const bad = await get(server, '/api/articles/abc');
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'bad_parameter']);
    assert.match(bad.body.error.message, /^api: parameter "id": /);
  });

  await t.test('events: the CLI filters and cursor pagination', async () => {
    const dyad = await get(server, '/api/events?dyad=USA:CHN&limit=500');
    assert.ok(dyad.body.items.length >= 2, 'seeds hold several US→China events');
    for (const e of dyad.body.items) {
      assert.ok(e.sources.some((a: { country: string }) => a.country === 'USA'));
      assert.ok(e.targets.some((a: { country: string }) => a.country === 'CHN'));
      assert.equal(typeof e.article.title, 'string');
    }
    const everything = (await get(server, '/api/events?limit=500')).body.items.map((e: { id: string }) => e.id);
    const walked: string[] = [];
    let next: string | undefined;
    do {
      const page = await get(server, `/api/events?limit=3${next ? `&after=${next}` : ''}`);
      assert.ok(page.body.items.length <= 3);
      walked.push(...page.body.items.map((e: { id: string }) => e.id));
      next = page.body.next;
    } while (next);
    assert.deepEqual(walked, everything);
    // A country dyad is read through event_dyads: same events, same order, same paging as through the actor lists.
    const viaCodes = (await get(server, '/api/events?dyad=USAGOV:CHNGOV&limit=500')).body.items.map((e: { id: string }) => e.id);
    assert.ok(viaCodes.every((id: string) => dyad.body.items.some((e: { id: string }) => e.id === id)));
    const pairWalk: string[] = [];
    let after: string | undefined;
    do {
      const page = await get(server, `/api/events?dyad=USA:CHN&limit=1${after ? `&after=${after}` : ''}`);
      pairWalk.push(...page.body.items.map((e: { id: string }) => e.id));
      after = page.body.next;
    } while (after);
    assert.deepEqual(pairWalk, dyad.body.items.map((e: { id: string }) => e.id));
    const fromAll = (await get(server, '/api/events?limit=500')).body.items.filter((e: { sources: Array<{ country: string }>; targets: Array<{ country: string }> }) => e.sources.some((a) => a.country === 'USA') && e.targets.some((a) => a.country === 'CHN'));
    assert.deepEqual(fromAll.map((e: { id: string }) => e.id), dyad.body.items.map((e: { id: string }) => e.id));
    const since = (await get(server, '/api/events?since=2026-01-01&limit=500')).body.items;
    assert.ok(since.length > 0 && since.every((e: { date: string }) => e.date >= '2026-01-01'));
    const typed = (await get(server, '/api/events?type=CONSULT&limit=500')).body.items;
    assert.ok(typed.every((e: { plover: { type: string } }) => e.plover.type === 'CONSULT'));
    assert.deepEqual((await get(server, '/api/events?type=HUG')).body.error.code, 'bad_parameter');
    assert.match((await get(server, '/api/events?type=HUG')).body.error.message, /^api: parameter "type": /);
    assert.match((await get(server, '/api/events?dyad=USA')).body.error.message, /^api: parameter "dyad": expected SOURCE:TARGET/);
    assert.deepEqual((await get(server, '/api/events?after=Zm9v')).body.error, { code: 'bad_parameter', message: 'api: parameter "after": not a cursor this server issued (got "Zm9v")' });
  });

  await t.test('search: stemmed, highlighted, paged', async () => {
    const r = await get(server, '/api/search?q=tariffs');
    assert.ok(r.body.total >= 3, `tariffs in at least 3 seeds, got ${r.body.total}`);
    assert.ok(r.body.items.some((h: { id: number }) => h.id === ids['002']));
    for (const h of r.body.items) for (const [a, b] of h.highlights) assert.match(h.snippet.slice(a, b), /^tariff/i);
    assert.deepEqual((await get(server, '/api/search?q=')).body.error, { code: 'bad_parameter', message: 'api: parameter "q": expected at least one word (got "")' });
    assert.deepEqual((await get(server, '/api/search?q=zzzqqq')).body, { total: 0, limit: 20, offset: 0, items: [] });
  });

  await t.test('actors: list and one actor with roles over time', async () => {
    const list = await get(server, '/api/actors?type=person&q=lavrov');
    assert.deepEqual(list.body.items.map((a: { id: string }) => a.id), ['sergey-lavrov']);
    const one = await get(server, '/api/actors/sergey-lavrov');
    assert.equal(one.body.actor.country, 'RUS');
    assert.ok(one.body.roles.some((r: { office: string }) => r.office === 'foreign_minister'));
    const usa = await get(server, '/api/actors/USA');
    assert.ok(usa.body.roles.some((r: { personId: string; start: string }) => r.personId === 'donald-trump' && r.start === '2025-01-20'));
    assert.equal((await get(server, '/api/actors/nobody-at-all')).status, 404);
    assert.equal((await get(server, '/api/actors?type=planet')).status, 400);
  });

  await t.test('relations: dyads, one dyad with its series and evidence, graph, shifts, report', async () => {
    const dyads = await get(server, '/api/dyads?top=500');
    assert.equal(dyads.status, 200);
    const usChina = dyads.body.items.find((d: { a: string; b: string }) => d.a === 'CHN' && d.b === 'USA');
    assert.ok(usChina, 'a China–US dyad');
    assert.ok(usChina.index >= -100 && usChina.index <= 100);
    const byChange = (await get(server, '/api/dyads?sort=change&top=5')).body.items.map((d: { change: number }) => Math.abs(d.change));
    assert.deepEqual(byChange, [...byChange].sort((x, y) => y - x));
    const one = await get(server, '/api/dyads/usa/chn?by=month');
    assert.deepEqual([one.body.a, one.body.b, one.body.aName, one.body.bName, one.body.by], ['USA', 'CHN', 'United States', 'China', 'month']);
    assert.equal(one.body.relation.index, usChina.index);
    assert.ok(one.body.steps.length >= 2 && one.body.steps.every((s: { period: string }) => /^\d{4}-\d{2}-01$/.test(s.period)));
    const evidence = new Map(one.body.evidence.map((e: { id: string }) => [e.id, e]));
    for (const s of one.body.steps) for (const d of s.drivers) assert.ok(evidence.has(d.eventId), `driver ${d.eventId} has its event`);
    assert.ok(one.body.evidence.some((e: { sentence: { text: string } }) => /China|Chinese|Beijing/.test(e.sentence.text)));
    assert.match((await get(server, '/api/dyads/USA/USA')).body.error.message, /^api: parameter "b": the two actors are the same/);
    assert.match((await get(server, '/api/dyads?sort=loudest')).body.error.message, /^api: parameter "sort": /);
    const graph = (await get(server, '/api/graph')).body;
    assert.ok(graph.edges.some((e: { a: string; b: string }) => e.a === 'CHN' && e.b === 'USA'));
    const ids = new Set(graph.nodes.map((n: { id: string }) => n.id));
    for (const e of graph.edges) assert.ok(ids.has(e.a) && ids.has(e.b));
    for (const b of graph.blocs) for (const m of b.members) assert.ok(ids.has(m));
    const fewer = (await get(server, '/api/graph?min=3')).body.edges;
    assert.ok(fewer.length < graph.edges.length && fewer.every((e: { evidence: number }) => e.evidence >= 3));
    assert.match((await get(server, '/api/graph?since=2026-01-10&until=2025-01-01')).body.error.message, /^api: parameter "since": 2026-01-10 is after until 2025-01-01/);
    const shifts = (await get(server, '/api/shifts')).body;
    assert.ok(Array.isArray(shifts.shifts) && Array.isArray(shifts.hedging));
    const shown = new Set(shifts.evidence.map((e: { id: string }) => e.id));
    for (const x of shifts.shifts) for (const d of x.drivers) assert.ok(shown.has(d.eventId));
    const html = await raw(server, '/api/report?format=html', {});
    assert.deepEqual([html.status, html.headers['content-type']], [200, 'text/html; charset=utf-8']);
    assert.match(String(html.headers['content-security-policy']), /^default-src 'none'; style-src 'unsafe-inline'/);
    assert.doesNotMatch(html.bytes.toString(), /<script/i);
    assert.equal((await raw(server, '/api/report?format=md', {})).headers['content-type'], 'text/markdown; charset=utf-8');
    const report = (await get(server, '/api/report')).body;
    assert.ok(report.dyads.length > 0 && report.stats.articles === 5);
  });

  await t.test('voices: quotes in the article and by speaker, outlet profiles', async () => {
    const article = (await get(server, `/api/articles/${ids['004']}`)).body;
    const lavrov = article.quotes.find((q: { speaker?: { ref?: string; text: string } }) => /Lavrov/.test(q.speaker?.text ?? ''));
    assert.ok(lavrov, 'a quote attributed to Lavrov');
    assert.equal(article.article.body.slice(lavrov.start, lavrov.end), lavrov.text);
    const bySpeaker = (await get(server, '/api/quotes?speaker=Lavrov')).body;
    assert.ok(bySpeaker.total >= 1 && bySpeaker.items.every((q: { articleId: number }) => q.articleId === ids['004']));
    const outlets = (await get(server, '/api/outlets')).body;
    assert.equal(outlets.profiles, true);
    assert.equal(outlets.items.reduce((n: number, o: { articles: number }) => n + o.articles, 0), 5);
    assert.equal((await get(server, '/api/quotes?about=usa')).status, 400);
    const stories = (await get(server, '/api/stories')).body.items;
    assert.deepEqual(stories.flatMap((x: { articles: number[] }) => x.articles).sort((x: number, y: number) => x - y), Object.values(ids).sort((x, y) => x - y), 'every seed in one story');
  });

  await t.test('OpenAPI 3.1 comes from the request schemas', async () => {
    const doc = (await get(server, '/api/openapi.json')).body;
    assert.equal(doc.openapi, '3.1.0');
    for (const r of server.routes) assert.ok(doc.paths[r.path.replace(/:([a-zA-Z]+)/g, '{$1}')]?.[r.method.toLowerCase()], `${r.method} ${r.path} documented`);
    const params = doc.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    assert.deepEqual(params, Object.keys(eventsQuery.shape));
    const type = doc.paths['/api/events'].get.parameters.find((p: { name: string }) => p.name === 'type');
    assert.ok(type.schema.enum.includes('CONSULT'));
  });

  await t.test('headers: security, ETag and 304, gzip, static caching, errors', async () => {
    const r = await raw(server, '/api/events?limit=50', { 'accept-encoding': 'gzip' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.match(String(r.headers['content-security-policy']), /script-src 'self';.*frame-ancestors 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['cache-control'], 'no-cache');
    const etag = String(r.headers['etag']);
    assert.match(etag, /^W\/"/);
    const again = await raw(server, '/api/events?limit=50', { 'if-none-match': etag });
    assert.deepEqual([again.status, again.bytes.length], [304, 0]);
    const plain = await raw(server, '/api/events?limit=50', {});
    assert.equal(plain.headers['content-encoding'], undefined);
    const page = await raw(server, '/', {});
    assert.deepEqual([page.status, page.headers['content-type'], page.bytes.toString()], [200, 'text/html; charset=utf-8', '<!doctype html><title>test page</title>']);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.equal((await raw(server, '/assets/app-1234.js', {})).headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.deepEqual((await get(server, '/api/nothing')).body, { error: { code: 'not_found', message: 'api: no endpoint /api/nothing' } });
    const post = await get(server, '/api/articles', { method: 'POST' });
    assert.deepEqual([post.status, post.body.error.code], [405, 'method_not_allowed']);
  });

  await t.test('ingest: refused unless enabled, needs the token, limits the body', async () => {
    const body = 'Harbourtown officials said the ministers of Ruritania and Freedonia met in Geneva to discuss grain levies on Tuesday.';
    const headers = { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` };
    const off = await get(server, '/api/ingest', { method: 'POST', headers, body });
    assert.deepEqual([off.status, off.body.error.code], [403, 'forbidden']);
    const noToken = await get(writable, '/api/ingest', { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    assert.deepEqual([noToken.status, noToken.body.error.code, noToken.headers.get('www-authenticate')], [401, 'unauthorized', 'Bearer']);
    const wrong = await get(writable, '/api/ingest', { method: 'POST', headers: { ...headers, authorization: 'Bearer wrong-token-0123456789abc' }, body });
    assert.equal(wrong.status, 401);
    const big = await get(writable, '/api/ingest', { method: 'POST', headers, body: 'x'.repeat(70 * 1024) });
    assert.deepEqual([big.status, big.body.error.code], [413, 'body_too_large']);
    const type = await get(writable, '/api/ingest', { method: 'POST', headers: { ...headers, 'content-type': 'image/png' }, body });
    assert.equal(type.status, 415);
    const before = (await get(writable, '/api/outlets')).body.items.reduce((n: number, o: { articles: number }) => n + o.articles, 0);
    assert.equal(before, 5);
    const ok = await get(writable, '/api/ingest?date=2025-03-04&outlet=Test%20Wire', { method: 'POST', headers, body });
    assert.equal(ok.status, 200);
    assert.deepEqual([ok.body.summary.ingested, ok.body.items[0].status], [1, 'ingested']);
    const again = await get(writable, '/api/ingest?date=2025-03-04&outlet=Test%20Wire', { method: 'POST', headers, body });
    assert.deepEqual([again.body.summary.ingested, again.body.items[0].status], [0, 'skipped']);
    // Cached relations and outlet responses are dropped after a write through the API.
    const outletArticles = async (s: RunningServer) => (await get(s, '/api/outlets')).body.items.reduce((n: number, o: { articles: number }) => n + o.articles, 0);
    assert.equal(await outletArticles(writable), 6);
    const found = await get(server, '/api/search?q=harbourtown');
    assert.deepEqual(found.body.items.map((h: { title: string }) => h.title).length, 1);
    assert.equal((await get(server, '/api/articles?outlet=Test%20Wire')).body.total, 1);
  });
}

test('API over SQLite', async (t) => {
  const store = await openStore(join(tempDir, 'api.db'));
  t.after(() => store.close());
  await suite(t, store);
});

const postgres = await findPostgres();
test('API over PostgreSQL', async (t) => {
  if (!('url' in postgres)) {
    t.skip(postgres.reason);
    return;
  }
  const schema = schemaName('entente_api');
  const store = await openStore(postgres.url, { schema });
  t.after(async () => {
    await store.close();
    await dropSchemas(postgres.url, [schema]);
  });
  await suite(t, store);
});
