/**
 * One contract, run against every dialect: SQLite in a temp file and
 * PostgreSQL in fresh random schemas (dropped at the end). The PostgreSQL
 * half is skipped, with the reason printed, only when no server answers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { TestContext } from 'node:test';
import { sql } from 'kysely';
import { dropSchemas, findPostgres } from '../test-support/postgres.js';
import type { Article, StoredArticle } from '../types.js';
import type { EventRecord } from '../events/record.js';
import type { RelationRowQuery, StoredEvent, StoredMention } from './store.js';
import type { ArticleTone, StoredQuote } from '../voices/record.js';
import { openDatabase } from './dialects.js';
import { KyselyStore, openKyselyStore } from './kysely-store.js';
import { LATEST_VERSION } from './migrations.js';
import { openStore } from './store.js';
import { rowsOfDays } from '../relations/days.js';
import type { ArticleInput } from './store.js';

interface Target {
  /** A location no other test uses, migrated by nobody yet. */
  fresh(): Promise<{ location: string; opts: { schema?: string } }>;
}

// ---- SQLite ---------------------------------------------------------------

const tempDir = mkdtempSync(join(tmpdir(), 'entente-store-contract-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));
let sqliteCount = 0;
const sqliteTarget: Target = {
  fresh: async () => ({ location: join(tempDir, `case-${++sqliteCount}`, 'entente.db'), opts: {} }),
};

// ---- PostgreSQL -----------------------------------------------------------

const postgres = await findPostgres();
const pgSchemas: string[] = [];
const runId = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const pgTarget: Target = {
  fresh: async () => {
    if (!('url' in postgres)) throw new Error(postgres.reason);
    const schema = `entente_test_${runId}_${pgSchemas.length + 1}`;
    pgSchemas.push(schema);
    return { location: postgres.url, opts: { schema } };
  },
};
after(async () => {
  if ('url' in postgres) await dropSchemas(postgres.url, pgSchemas);
});

// ---- Fixtures -------------------------------------------------------------

/** Every field set, including unicode, nested message places and removed text. */
function fullArticle(n: number, over: Partial<Article> = {}): Article {
  return {
    origin: `feed.xml#item-${n}`,
    format: 'rss',
    url: `https://news.example/world/${n}`,
    title: `Ministers meet in Genève — round ${n}`,
    dek: 'Talks resume after a pause « sans précédent »',
    body: `Paragraph one of article ${n}.\n\nParagraph two, with 中文 and emoji 🌍.`,
    related: [`Earlier: talks stall ${n}`, 'Analysis: what comes next'],
    outlet: 'Example Wire',
    outletBasis: 'feed-channel',
    published: '2024-03-05T09:30:00Z',
    dateBasis: 'feed',
    language: 'eng',
    removed: [
      { text: 'Subscribe to our newsletter', ruleId: 'boilerplate-subscribe', stage: 'html' },
      { text: 'Reporting by A. Writer', ruleId: 'credit-line', stage: 'clean' },
    ],
    messages: [
      { source: 'clean', ruleId: 'date-from-feed', reason: 'date taken from the feed item', severity: 'info', place: { item: n } },
      { source: 'ingest', ruleId: 'html-entity', reason: 'odd entity', severity: 'warning', place: { line: 3, column: 14, offset: 120 } },
    ],
    textHash: `${n.toString(16).padStart(4, '0')}${'a'.repeat(60)}`,
    simhash: n.toString(16).padStart(16, '0'),
    ...over,
  };
}

/** Only the required fields. */
function bareArticle(n: number, over: Partial<Article> = {}): Article {
  return {
    origin: `notes.txt#${n}`,
    format: 'text',
    title: `Bare ${n}`,
    body: `Body ${n}`,
    related: [],
    dateBasis: 'none',
    language: 'und',
    removed: [],
    messages: [],
    textHash: `b${n}`,
    simhash: 'ffffffffffffffff',
    ...over,
  };
}

// ---- The contract ---------------------------------------------------------

async function contract(t: TestContext, target: Target): Promise<void> {
  const open = async () => {
    const { location, opts } = await target.fresh();
    return openKyselyStore(location, opts);
  };

  await t.test('migrate applies every migration on a fresh database, then is idempotent', async () => {
    const { location, opts } = await target.fresh();
    const store = new KyselyStore(await openDatabase(location, opts));
    try {
      assert.deepEqual(await store.migrate(), { version: LATEST_VERSION, applied: ['0001_articles', '0002_annotations', '0003_event_dyads', '0004_voices', '0005_search', '0006_relation_days'] });
      assert.deepEqual(await store.migrate(), { version: LATEST_VERSION, applied: [] });
    } finally {
      await store.close();
    }
    const again = await openStore(location, opts);
    try {
      assert.deepEqual(await again.migrate(), { version: LATEST_VERSION, applied: [] });
    } finally {
      await again.close();
    }
  });

  await t.test('insert/get roundtrip keeps every field exactly', async () => {
    const store = await open();
    try {
      const before = new Date().toISOString();
      const full = fullArticle(1);
      const bare = bareArticle(2);
      const dup: ArticleInput = { ...fullArticle(3, { origin: 'copy.html', format: 'html' }), duplicateOf: 1 };
      const ids = await store.insertArticles([full, bare, dup]);
      const afterInsert = new Date().toISOString();
      assert.deepEqual(ids, [1, 2, 3]);

      const got = await store.getArticle(1);
      assert.ok(got);
      assert.ok(got.ingestedAt >= before && got.ingestedAt <= afterInsert, `ingestedAt ${got.ingestedAt}`);
      assert.match(got.ingestedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const expected: StoredArticle = { ...full, id: 1, ingestedAt: got.ingestedAt };
      assert.deepStrictEqual(got, expected);

      // Absent optional fields come back absent, not as undefined or null.
      const gotBare = await store.getArticle(2);
      assert.deepStrictEqual(gotBare, { ...bare, id: 2, ingestedAt: got.ingestedAt });
      assert.deepEqual(Object.keys(gotBare ?? {}).sort(), [...Object.keys(bare), 'id', 'ingestedAt'].sort());

      assert.deepStrictEqual(await store.getArticle(3), { ...dup, id: 3, ingestedAt: got.ingestedAt });
      assert.equal(typeof (await store.getArticle(3))?.duplicateOf, 'number');
      assert.equal(await store.getArticle(99), undefined);
      assert.deepEqual(await store.insertArticles([]), []);
    } finally {
      await store.close();
    }
  });

  await t.test('re-inserting the same (origin, text hash) returns the existing id and adds no row', async () => {
    const store = await open();
    try {
      const [a, b, c] = [fullArticle(1), fullArticle(2), fullArticle(3)];
      assert.deepEqual(await store.insertArticles([a, b]), [1, 2]);
      assert.deepEqual(await store.insertArticles([b, c, { ...a, title: 'changed' }]), [2, 3, 1]);
      assert.equal((await store.getArticle(1))?.title, a.title);
      // A repeat inside one batch gets the id of its first occurrence.
      const d = bareArticle(4);
      assert.deepEqual(await store.insertArticles([d, c, d]), [4, 3, 4]);
      // Same text from another origin is a new row.
      assert.deepEqual(await store.insertArticles([{ ...a, origin: 'other.html' }]), [5]);
      assert.equal((await store.listArticles({ includeDuplicates: true })).total, 5);
    } finally {
      await store.close();
    }
  });

  await t.test('a batch is one transaction: a failing row leaves none of the batch behind', async () => {
    const store = await open();
    try {
      assert.deepEqual(await store.insertArticles([bareArticle(1)]), [1]);
      // duplicate_of references articles(id): 999 does not exist.
      await assert.rejects(store.insertArticles([bareArticle(2), { ...bareArticle(3), duplicateOf: 999 }]));
      assert.equal((await store.listArticles({ includeDuplicates: true })).total, 1);
      // PostgreSQL sequences do not roll back, so the next id may skip: ids are unique and increasing, not dense.
      const [next] = await store.insertArticles([bareArticle(2)]);
      assert.ok(next !== undefined && next > 1, `next id ${next}`);
      assert.equal((await store.getArticle(next))?.title, 'Bare 2');
    } finally {
      await store.close();
    }
  });

  await t.test('a batch bigger than one statement\'s parameter limit is split and keeps its order', async () => {
    const store = await open();
    try {
      const batch = Array.from({ length: 4000 }, (_, i) => bareArticle(i + 1));
      const ids = await store.insertArticles([...batch, batch[0] as Article]);
      assert.deepEqual(ids, [...Array.from({ length: 4000 }, (_, i) => i + 1), 1]);
      assert.equal((await store.getArticle(3999))?.title, 'Bare 3999');
      assert.deepEqual(await store.insertArticles(batch.slice(1800, 1803)), [1801, 1802, 1803]);
    } finally {
      await store.close();
    }
  });

  await t.test('findByTextHash lists every origin with that hash, oldest first', async () => {
    const store = await open();
    try {
      const hash = 'c'.repeat(64);
      await store.insertArticles([
        bareArticle(1, { origin: 'z.txt', textHash: hash }),
        bareArticle(2),
        bareArticle(3, { origin: 'a.txt', textHash: hash }),
      ]);
      assert.deepEqual(await store.findByTextHash(hash), [
        { id: 1, origin: 'z.txt' },
        { id: 3, origin: 'a.txt' },
      ]);
      assert.deepEqual(await store.findByTextHash('nope'), []);
    } finally {
      await store.close();
    }
  });

  await t.test('listSimhashes gives non-duplicates only, by id', async () => {
    const store = await open();
    try {
      await store.insertArticles([
        bareArticle(1, { simhash: '00000000000000a1' }),
        bareArticle(2, { simhash: '00000000000000a2' }),
      ]);
      await store.insertArticles([{ ...bareArticle(3, { simhash: '00000000000000a3' }), duplicateOf: 1 }]);
      await store.insertArticles([bareArticle(4, { simhash: '00000000000000a4' })]);
      assert.deepEqual(await store.listSimhashes(), [
        { id: 1, simhash: '00000000000000a1' },
        { id: 2, simhash: '00000000000000a2' },
        { id: 4, simhash: '00000000000000a4' },
      ]);
    } finally {
      await store.close();
    }
  });

  await t.test('listArticles filters, paginates and counts', async () => {
    const store = await open();
    try {
      await store.insertArticles([
        fullArticle(1, { published: '2024-03-01', outlet: 'Wire A', language: 'eng' }),
        fullArticle(2, { published: '2024-03-02T23:59:59Z', outlet: 'Wire B', language: 'fra', messages: [] }),
        bareArticle(3),
        fullArticle(4, {
          published: '2024-03-03T08:00:00Z',
          outlet: 'Wire A',
          messages: [{ source: 'clean', ruleId: 'x', reason: 'fine', severity: 'info' }],
        }),
      ]);
      await store.insertArticles([{ ...fullArticle(5, { published: '2024-03-02', outlet: 'Wire A' }), duplicateOf: 1 }]);

      const all = await store.listArticles({});
      assert.equal(all.total, 4);
      assert.deepStrictEqual(all.items[0], {
        id: 1,
        title: 'Ministers meet in Genève — round 1',
        outlet: 'Wire A',
        published: '2024-03-01',
        language: 'eng',
        format: 'rss',
        origin: 'feed.xml#item-1',
        related: 2,
        removed: 2,
        flagged: true,
      });
      assert.deepStrictEqual(all.items[2], {
        id: 3,
        title: 'Bare 3',
        language: 'und',
        format: 'text',
        origin: 'notes.txt#3',
        related: 0,
        removed: 0,
        flagged: false,
      });
      assert.deepEqual(all.items.map((i) => [i.id, i.flagged]), [[1, true], [2, false], [3, false], [4, false]]);

      const withDups = await store.listArticles({ includeDuplicates: true });
      assert.equal(withDups.total, 5);
      assert.equal(withDups.items[4]?.duplicateOf, 1);

      const ids = async (q: Parameters<typeof store.listArticles>[0]) => {
        const r = await store.listArticles(q);
        return { total: r.total, ids: r.items.map((i) => i.id) };
      };
      assert.deepEqual(await ids({ outlet: 'Wire A' }), { total: 2, ids: [1, 4] });
      assert.deepEqual(await ids({ outlet: 'Wire A', includeDuplicates: true }), { total: 3, ids: [1, 4, 5] });
      assert.deepEqual(await ids({ language: 'fra' }), { total: 1, ids: [2] });
      assert.deepEqual(await ids({ since: '2024-03-02' }), { total: 2, ids: [2, 4] });
      // A plain-date `until` includes timestamps later that day.
      assert.deepEqual(await ids({ until: '2024-03-02' }), { total: 2, ids: [1, 2] });
      assert.deepEqual(await ids({ until: '2024-03-02T12:00:00Z' }), { total: 1, ids: [1] });
      assert.deepEqual(await ids({ since: '2024-03-02', until: '2024-03-02' }), { total: 1, ids: [2] });
      assert.deepEqual(await ids({ limit: 2 }), { total: 4, ids: [1, 2] });
      assert.deepEqual(await ids({ limit: 2, offset: 2 }), { total: 4, ids: [3, 4] });
      assert.deepEqual(await ids({ limit: 2, offset: 4 }), { total: 4, ids: [] });
      assert.deepEqual(await ids({ outlet: 'Nobody' }), { total: 0, ids: [] });
      await assert.rejects(store.listArticles({ limit: -1 }), { message: 'store: invalid list limit -1' });
    } finally {
      await store.close();
    }
  });

  await t.test('annotations: mentions and events saved per article, replaced whole, queried by actor, dyad and cursor', async () => {
    const store = await open();
    try {
      const [a, b] = await store.insertArticles([bareArticle(1, { language: 'eng' }), bareArticle(2, { language: 'eng' }), bareArticle(3)]);
      const event = (id: string, date: string, src: string, tgt: string, type: EventRecord['plover']['type'] = 'CONSULT'): StoredEvent => ({
        field: 'body',
        fieldIndex: 0,
        record: {
          id,
          article_id: a!,
          sentence: { text: 'X met Y.', start: 0, end: 8 },
          sources: [{ code: `${src}GOV`, country: src, sector: 'GOV', text: src }],
          targets: [{ code: tgt, country: tgt, sector: '', text: tgt }],
          plover: { type, mode: '', context: [] },
          cameo: { code: '040', root: '04', quad_class: 1, goldstein: 1 },
          modality: 'asserted',
          negated: false,
          date,
          date_basis: 'article',
          trigger: { text: 'met', start: 2, end: 5 },
          rule_id: 'verb:meet',
          confidence: 0.9,
          dictionary_version: 'd1',
        },
      });
      const mentions: StoredMention[] = [
        { field: 'title', fieldIndex: 0, start: 0, end: 5, text: 'Japan', sentence: 0, kind: 'country', ref: 'JPN', country: 'JPN', sector: '', code: 'JPN', via: 'name', confidence: 1 },
        { field: 'related', fieldIndex: 2, start: 4, end: 6, text: 'he', sentence: 0, kind: 'pronoun', country: 'JPN', sector: 'GOV', code: 'JPNGOV', via: 'coref', confidence: 0.6, antecedent: 0, former: false, members: ['JPN'] },
      ];
      await store.saveAnnotations([
        { articleId: a!, annotations: { version: 'v1', mentions, events: [event('e1', '2025-01-02', 'USA', 'CHN'), event('e2', '2025-01-01', 'CHN', 'USA', 'ACCUSE')] } },
        { articleId: b!, annotations: { version: 'v1', mentions: [], events: [event('e3', '2025-01-03', 'JPN', 'USA')] } },
      ]);
      assert.deepEqual(await store.getMentions(a!), mentions);
      assert.equal(await store.annotationVersion(a!), 'v1');
      assert.deepEqual(await store.listToAnnotate('v1', { limit: 10 }), []);
      assert.deepEqual(await store.listToAnnotate('v2', { limit: 10 }), [a, b]);
      assert.deepEqual(await store.listToAnnotate('v2', { limit: 10, afterId: a! }), [b]);

      const all = await store.listEvents({});
      assert.deepEqual(all.items.map((e) => e.record.id), ['e2', 'e1', 'e3']);
      assert.deepEqual(all.items[1], { articleId: a, ...event('e1', '2025-01-02', 'USA', 'CHN') });
      assert.deepEqual((await store.listEvents({ actor: 'USA' })).items.map((e) => e.record.id), ['e2', 'e1', 'e3']);
      assert.deepEqual((await store.listEvents({ actor: 'USAGOV' })).items.map((e) => e.record.id), ['e1']);
      assert.deepEqual((await store.listEvents({ dyad: ['USA', 'CHN'] })).items.map((e) => e.record.id), ['e1']);
      assert.deepEqual((await store.listEvents({ type: 'ACCUSE' })).items.map((e) => e.record.id), ['e2']);
      assert.deepEqual((await store.listEvents({ since: '2025-01-02', until: '2025-01-02' })).items.map((e) => e.record.id), ['e1']);
      const page1 = await store.listEvents({ limit: 2 });
      assert.deepEqual(page1.items.map((e) => e.record.id), ['e2', 'e1']);
      const page2 = await store.listEvents({ limit: 2, after: page1.next! });
      assert.deepEqual([page2.items.map((e) => e.record.id), page2.next], [['e3'], undefined]);

      // Re-annotating replaces everything of that article and nothing else.
      await store.saveAnnotations([{ articleId: a!, annotations: { version: 'v2', mentions: mentions.slice(0, 1), events: [event('e4', '2025-02-01', 'GBR', 'CHN')] } }]);
      assert.deepEqual((await store.listEvents({})).items.map((e) => e.record.id), ['e3', 'e4']);
      assert.equal((await store.getMentions(a!)).length, 1);
      assert.deepEqual((await store.listEvents({ actor: 'USAGOV' })).items, []);
      await assert.rejects(store.listEvents({ after: 'bogus' }), /store: invalid events cursor bogus/);
    } finally {
      await store.close();
    }
  });

  await t.test('relation rows: one per directed key pair, filtered by pair and dates, paged; events by id with their article', async () => {
    const store = await open();
    try {
      const [a, b] = await store.insertArticles([fullArticle(1), bareArticle(2, { language: 'eng' })]);
      const ev = (id: string, articleId: number, date: string, sources: EventRecord['sources'], targets: EventRecord['targets'], over: Partial<EventRecord> = {}): StoredEvent => ({
        field: 'body', fieldIndex: 0,
        record: {
          id, article_id: articleId, sentence: { text: `Sentence of ${id}.`, start: 0, end: 14 }, sources, targets,
          plover: { type: 'THREATEN', mode: '', context: [] }, cameo: { code: '138', root: '13', quad_class: 3, goldstein: -7 },
          modality: 'threatened', negated: true, date, date_basis: 'article', trigger: { text: 'threat', start: 0, end: 6 },
          rule_id: 'r', confidence: 0.5, dictionary_version: 'd1', ...over,
        },
      });
      const usa = { code: 'USAGOV', country: 'USA', sector: 'GOV', text: 'Washington' };
      const chn = { code: 'CHN', country: 'CHN', sector: '', text: 'China' };
      const nato = { code: 'IGOWSTNAT', country: 'IGO', sector: '', text: 'NATO', actor_id: 'nato' };
      const usa2 = { code: 'USAMIL', country: 'USA', sector: 'MIL', text: 'the Pentagon' };
      await store.saveAnnotations([
        { articleId: a!, annotations: { version: 'v1', mentions: [], events: [ev('r1', a!, '2025-03-01', [usa, usa2], [chn, nato]), ev('r2', a!, '2025-03-02', [chn], [usa])] } },
        { articleId: b!, annotations: { version: 'v1', mentions: [], events: [ev('r3', b!, '2025-03-02', [chn], [usa, chn], { modality: 'asserted', negated: false })] } },
      ]);
      const all = await store.listRelationRows({});
      assert.deepEqual(all.items.map((r) => `${r.eventId} ${r.source}>${r.target}`), ['r2 CHN>USA', 'r3 CHN>USA', 'r1 USA>CHN', 'r1 USA>NATO']);
      assert.deepEqual(all.items[2], { eventId: 'r1', articleId: a, outlet: 'Example Wire', date: '2025-03-01', source: 'USA', target: 'CHN', quadClass: 3, goldstein: -7, modality: 'threatened', negated: true, confidence: 0.5, cameoCode: '138' });
      assert.equal(all.items[1]!.outlet, undefined);
      assert.equal(all.next, undefined);
      assert.deepEqual((await store.listRelationRows({ between: [['CHN'], ['USA']] })).items.map((r) => r.eventId), ['r2', 'r3', 'r1']);
      // A key in both lists does not bring a row twice.
      assert.deepEqual((await store.listRelationRows({ between: [['CHN', 'USA'], ['USA', 'CHN']] })).items.map((r) => r.eventId), ['r2', 'r3', 'r1']);
      assert.deepEqual((await store.listRelationRows({ between: [['USA'], ['NATO', 'EUR']] })).items.map((r) => r.eventId), ['r1']);
      assert.deepEqual((await store.listRelationRows({ involving: ['NATO'] })).items.map((r) => r.target), ['NATO']);
      assert.deepEqual((await store.listRelationRows({ since: '2025-03-02', until: '2025-03-02' })).items.map((r) => r.eventId), ['r2', 'r3']);
      assert.deepEqual((await store.listRelationRows({ between: [[], ['USA']] })).items, []);
      const p1 = await store.listRelationRows({ limit: 3 });
      const p2 = await store.listRelationRows({ limit: 3, after: p1.next! });
      assert.deepEqual([p1.items.length, p2.items.map((r) => `${r.eventId} ${r.target}`), p2.next], [3, ['r1 NATO'], undefined]);
      await assert.rejects(store.listRelationRows({ after: 'bogus' }), /store: invalid relation rows cursor bogus/);

      const got = await store.getEventsById(['r3', 'r1', 'nope', 'r1']);
      assert.deepEqual(got.map((e) => [e.record.id, e.articleId, e.title, e.outlet ?? null, e.url ?? null, e.record.sentence.text]), [
        ['r1', a, 'Ministers meet in Genève — round 1', 'Example Wire', 'https://news.example/world/1', 'Sentence of r1.'],
        ['r3', b, 'Bare 2', null, null, 'Sentence of r3.'],
      ]);
      assert.equal(got[0]!.published, '2024-03-05T09:30:00Z');

      // relation_days: the same rows, a (source, target, date) at a time, with the same filters and paging.
      const days = await store.listRelationDays({});
      assert.deepEqual(days.items.map((d) => `${d.source}>${d.target} ${d.date} ${d.eventIds.join(',')}`), ['CHN>USA 2025-03-02 r2,r3', 'USA>CHN 2025-03-01 r1', 'USA>NATO 2025-03-01 r1']);
      assert.deepEqual(rowsOfDays(days.items), all.items);
      for (const q of [{ between: [['CHN'], ['USA']] as [string[], string[]] }, { between: [['CHN', 'USA'], ['USA', 'CHN']] as [string[], string[]] }, { involving: ['NATO'] }, { since: '2025-03-02', until: '2025-03-02' }]) {
        assert.deepEqual(rowsOfDays((await store.listRelationDays(q)).items), (await store.listRelationRows(q)).items);
      }
      assert.deepEqual((await store.listRelationDays({ between: [[], ['USA']] })).items, []);
      // Directed pairs: their rows and days only; listRelationPairs gives each pair's first and last date.
      const pairs: Array<[string, string]> = [['USA', 'NATO'], ['CHN', 'USA']];
      assert.deepEqual((await store.listRelationRows({ pairs })).items.map((r) => `${r.source}>${r.target} ${r.eventId}`), ['CHN>USA r2', 'CHN>USA r3', 'USA>NATO r1']);
      assert.deepEqual(rowsOfDays((await store.listRelationDays({ pairs, until: '2025-03-01' })).items), (await store.listRelationRows({ pairs, until: '2025-03-01' })).items);
      assert.deepEqual((await store.listRelationDays({ pairs: [] })).items, []);
      assert.deepEqual(await store.listRelationPairs({}), [
        { source: 'CHN', target: 'USA', first: '2025-03-02', last: '2025-03-02' },
        { source: 'USA', target: 'CHN', first: '2025-03-01', last: '2025-03-01' },
        { source: 'USA', target: 'NATO', first: '2025-03-01', last: '2025-03-01' },
      ]);
      assert.deepEqual((await store.listRelationPairs({ between: [['USA'], ['CHN', 'NATO']], until: '2025-03-01' })).map((x) => `${x.source}>${x.target}`), ['USA>CHN', 'USA>NATO']);
      assert.deepEqual((await store.listRelationPairs({ involving: ['NATO'] })).map((x) => `${x.source}>${x.target}`), ['USA>NATO']);
      assert.deepEqual(await store.listRelationPairs({ pairs: [] }), []);
      // Named pairs (between, pairs) are found by seeks, the others by grouping: both give each pair of the rows
      // matching q with its first and last date.
      const pairsOfRows = async (q: RelationRowQuery) => {
        const out = new Map<string, { source: string; target: string; first: string; last: string }>();
        for (const r of (await store.listRelationRows(q)).items) {
          const x = out.get(`${r.source}>${r.target}`);
          if (!x) out.set(`${r.source}>${r.target}`, { source: r.source, target: r.target, first: r.date, last: r.date });
          else [x.first, x.last] = [r.date < x.first ? r.date : x.first, r.date > x.last ? r.date : x.last];
        }
        return [...out.values()];
      };
      const named: RelationRowQuery[] = [
        { between: [['CHN', 'USA'], ['CHN', 'USA', 'NATO', 'EU']] }, { between: [['USA'], ['CHN', 'NATO']], since: '2025-03-02' },
        { between: [['NATO', 'CHN'], ['USA']], until: '2025-03-01' }, { between: [['USA', 'CHN'], ['USA', 'CHN']], involving: ['CHN'] },
        { pairs: [['USA', 'NATO'], ['CHN', 'USA'], ['USA', 'NATO'], ['EU', 'USA']] }, { pairs: [['USA', 'NATO'], ['CHN', 'USA']], between: [['USA'], ['CHN']] },
        { pairs: [['CHN', 'USA']], since: '2025-03-03' }, { involving: ['CHN'] }, { since: '2025-03-02' }, {},
      ];
      for (const q of named) assert.deepEqual(await store.listRelationPairs(q), await pairsOfRows(q), JSON.stringify(q));
      const d1 = await store.listRelationDays({ limit: 2 });
      const d2 = await store.listRelationDays({ limit: 2, after: d1.next! });
      assert.deepEqual([d1.items.length, d2.items.map((d) => d.target), d2.next], [2, ['NATO'], undefined]);
      await assert.rejects(store.listRelationDays({ after: 'bogus' }), /store: invalid relation days cursor bogus/);
      // Migration 0006 builds the days of events stored before it.
      await sql`drop table relation_days`.execute(store.db);
      await sql`delete from kysely_migration where name = '0006_relation_days'`.execute(store.db);
      assert.deepEqual(await store.migrate(), { version: LATEST_VERSION, applied: ['0006_relation_days'] });
      assert.deepEqual(rowsOfDays((await store.listRelationDays({})).items), all.items);

      // Re-annotating an article replaces its rows, and rewrites the days they were on.
      await store.saveAnnotations([{ articleId: a!, annotations: { version: 'v2', mentions: [], events: [] } }]);
      assert.deepEqual((await store.listRelationRows({})).items.map((r) => r.eventId), ['r3']);
      assert.deepEqual((await store.listRelationDays({})).items.map((d) => `${d.source}>${d.target} ${d.date} ${d.eventIds.join(',')}`), ['CHN>USA 2025-03-02 r3']);
      await store.saveAnnotations([{ articleId: a!, annotations: { version: 'v3', mentions: [], events: [ev('r4', a!, '2025-03-02', [chn], [usa], { id: 'r0' }), ev('r5', a!, '2025-03-03', [usa], [chn])] } }]);
      assert.deepEqual((await store.listRelationDays({})).items.map((d) => `${d.source}>${d.target} ${d.date} ${d.eventIds.join(',')}`), ['CHN>USA 2025-03-02 r0,r3', 'USA>CHN 2025-03-03 r5']);
      assert.deepEqual(rowsOfDays((await store.listRelationDays({})).items), (await store.listRelationRows({})).items);
    } finally {
      await store.close();
    }
  });

  await t.test('refuses a database whose schema version is newer than this code', async () => {
    const { location, opts } = await target.fresh();
    const store = await openKyselyStore(location, opts);
    await store.insertArticles([bareArticle(1)]);
    await sql`insert into kysely_migration (name, timestamp) values ('0007_future_tables', ${new Date().toISOString()})`.execute(
      store.db,
    );
    const shown = store.location;
    await store.close();
    await assert.rejects(openStore(location, opts), {
      message: `store: database ${shown} has schema version 7, this entente knows up to ${LATEST_VERSION}`,
    });
  });

  await t.test('searchArticles: stemmed words, all required, best passage with highlights, no duplicates', async () => {
    const store = await open();
    try {
      await store.insertArticles([
        bareArticle(1, { title: 'Harbour levies return', body: 'The council raised harbour levies on imported grain. Traders expect higher levies next spring.', related: ['Grain traders protest'] }),
        bareArticle(2, { title: 'Orchard news', body: 'Apple growers reported a quiet week with no new levy on fruit.' }),
        bareArticle(3, { title: 'Council budget', body: 'The council approved a budget for bridges.' }),
      ]);
      await store.insertArticles([{ ...bareArticle(4, { title: 'Copy', body: 'The council raised harbour levies on imported grain. Traders expect higher levies next spring.' }), duplicateOf: 1 }]);
      const levies = await store.searchArticles({ text: 'levies' });
      assert.deepEqual(levies.items.map((h) => h.id), [1, 2]);
      assert.equal(levies.total, 2);
      const first = levies.items[0]!;
      assert.ok(first.highlights.length >= 1, 'at least one highlighted word');
      for (const [a, b] of first.highlights) assert.match(first.snippet.slice(a, b), /^levies$/i);
      assert.ok(!first.snippet.includes('\u0002') && !first.snippet.includes('\u0003'), 'no snippet markers left');
      assert.deepEqual((await store.searchArticles({ text: 'council levies' })).items.map((h) => h.id), [1]);
      assert.deepEqual((await store.searchArticles({ text: 'grain protest' })).items.map((h) => h.id), [1], 'related headlines are searched');
      assert.deepEqual(await store.searchArticles({ text: '"* OR :(' }), { total: 0, items: [] });
      assert.deepEqual((await store.searchArticles({ text: 'Council: budget!' })).items.map((h) => h.id), [3]);
      const page2 = await store.searchArticles({ text: 'levies', limit: 1, offset: 1 });
      assert.deepEqual([page2.total, page2.items.map((h) => h.id)], [2, [2]]);
      assert.deepEqual(await store.searchArticles({ text: 'levies', offset: 5 }), { total: 2, items: [] });
    } finally {
      await store.close();
    }
  });

  await t.test('voices: quotations, reactions and tone saved with annotations, queried by speaker and about, replaced on re-annotation', async () => {
    const store = await open();
    try {
      const [a, b] = await store.insertArticles([fullArticle(1), fullArticle(2, { outlet: 'Other Wire', published: '2024-04-01' })]);
      const quote = (over: Partial<StoredQuote>): StoredQuote => ({
        field: 'body', fieldIndex: 0, start: 3, end: 20, text: 'We will talk again.', words: 4, sentence: 0, partial: false, tone: 1.2, stance: 'supportive',
        speaker: { text: 'Foreign Minister Ana Ruiz', kind: 'person', code: 'ESPGOV', country: 'ESP', ref: 'ana-ruiz', start: 25, end: 50 }, via: 'after', verb: 'said',
        about: [{ text: 'Morocco', kind: 'country', code: 'MAR', country: 'MAR', start: 8, end: 15, stance: 'supportive', tone: 1.2 }], ...over,
      });
      const post: StoredQuote = { ...quote({}), start: 60, end: 80, text: 'Talk is easy, deeds are hard.', speaker: { text: '@HarbourWatch', kind: 'handle', code: '', country: '', ref: '@HarbourWatch', start: 52, end: 65 }, via: 'handle', reaction: 'sceptical', tone: -0.9, stance: 'critical' };
      delete post.verb;
      const tone: ArticleTone = { tone: 2.5, positive: 5, negative: 2.5, words: 40, mean: 0.8, opinion: 0.25, actors: [{ code: 'ESPGOV', country: 'ESP', sentences: 2, tone: 1.1 }], sentences: [{ field: 'body', fieldIndex: 0, start: 0, end: 29, tone: 1.2 }] };
      await store.saveAnnotations([
        { articleId: a!, annotations: { version: 'v', mentions: [], events: [], voices: { quotes: [quote({}), post], tone } } },
        { articleId: b!, annotations: { version: 'v', mentions: [], events: [], voices: { quotes: [quote({ text: 'Another line here.', about: [] })], tone: { ...tone, tone: -1 } } } },
      ]);
      assert.deepEqual(await store.getVoices(a!), { quotes: [quote({}), post], tone });
      assert.equal(await store.getVoices(999), undefined);
      const bySpeaker = await store.listQuotes({ speaker: 'ESPGOV' });
      assert.deepEqual([bySpeaker.total, bySpeaker.items.map((q) => [q.articleId, q.text, q.outlet])], [2, [[a, 'We will talk again.', 'Example Wire'], [b, 'Another line here.', 'Other Wire']]]);
      assert.deepEqual((await store.listQuotes({ speaker: 'ruiz' })).total, 2);
      assert.deepEqual((await store.listQuotes({ speaker: '@HarbourWatch' })).items.map((q) => q.reaction), ['sceptical']);
      assert.deepEqual((await store.listQuotes({ about: 'MAR' })).items.map((q) => q.articleId), [a, a]);
      assert.deepEqual((await store.listQuotes({ reactions: true })).items.map((q) => q.text), ['Talk is easy, deeds are hard.']);
      assert.deepEqual((await store.listQuotes({ reactions: false, since: '2024-03-31' })).items.map((q) => q.articleId), [b]);
      assert.deepEqual((await store.listArticleTones({})).map((r) => [r.articleId, r.tone, r.outlet]), [[a, 2.5, 'Example Wire'], [b, -1, 'Other Wire']]);
      assert.deepEqual((await store.listArticleTones({ outlet: 'Other Wire' })).map((r) => r.articleId), [b]);
      // Re-annotation replaces; annotations without voices leave none behind.
      await store.saveAnnotations([{ articleId: a!, annotations: { version: 'w', mentions: [], events: [] } }]);
      assert.equal(await store.getVoices(a!), undefined);
      assert.deepEqual((await store.listQuotes({})).items.map((q) => q.articleId), [b]);
    } finally {
      await store.close();
    }
  });

  await t.test('close is idempotent, later calls fail clearly, data survives reopening', async () => {
    const { location, opts } = await target.fresh();
    const store = await openStore(location, opts);
    await store.insertArticles([fullArticle(1)]);
    await store.close();
    await store.close();
    await assert.rejects(store.getArticle(1), { message: `store: ${store.location} is closed` });
    await assert.rejects(store.insertArticles([bareArticle(2)]), { message: `store: ${store.location} is closed` });
    const reopened = await openStore(location, opts);
    try {
      assert.equal((await reopened.getArticle(1))?.title, fullArticle(1).title);
    } finally {
      await reopened.close();
    }
  });
}

test('store contract: sqlite', async (t) => {
  await contract(t, sqliteTarget);
  const store = await openStore(join(tempDir, 'kind', 'x.db'));
  assert.equal(store.kind, 'sqlite');
  await store.close();
});

test('store contract: postgres', async (t) => {
  if (!('url' in postgres)) {
    t.skip(postgres.reason);
    return;
  }
  await contract(t, pgTarget);
  const store = await openStore(`${postgres.url}?schema=${(await pgTarget.fresh()).opts.schema}`);
  try {
    assert.equal(store.kind, 'postgres');
    assert.match(store.location, /^postgres(ql)?:\/\//);
  } finally {
    await store.close();
  }
});
