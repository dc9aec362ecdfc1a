/**
 * A dyad read from the store (listRelationRows with `between`, paged) gives
 * exactly the rows, and so the series, that filtering every stored row gives;
 * its packed days (listRelationDays) give the same rows and, through
 * dyadSeriesOfDays, the same series — with groups, by day, week and month,
 * directed or not, after re-annotation: on a generated set, on SQLite and on
 * PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fillStore, loadDistributions } from '../../bench/gen-events.js';
import { dropSchemas, findPostgres, schemaName } from '../test-support/postgres.js';
import { openStore } from '../store/store.js';
import type { Store } from '../store/store.js';
import type { EventRecord } from '../events/record.js';
import { dyadSeries } from './dyads.js';
import { dyadPairs, dyadSeriesOfDays, rowsOfDays } from './days.js';
import { PLAIN_CATALOG, expandGroups } from './groups.js';
import type { ActorCatalog } from './groups.js';
import { dyadSpan, loadDyadDays, loadRelationDays, loadRelationRows } from './load.js';
import { DEFAULT_PARAMS } from './types.js';
import type { Period, RelationRow } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'entente-relations-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const postgres = await findPostgres();
const schemas: string[] = [];
after(async () => {
  if ('url' in postgres) await dropSchemas(postgres.url, schemas);
});

/**
 * Two groups of the busiest pair's members: an alliance (share 1/√4 = 0.5) whose fourth member changes in
 * July 2024, and a loose region (share 1/8).
 */
function groupCatalog(x: string, y: string): ActorCatalog {
  const groups: Record<string, (date: string) => string[]> = {
    GRPA: (date) => [x, y, 'ZZA', date < '2024-07' ? 'ZZB' : 'ZZC'],
    GRPL: () => [x, y, 'ZZA', 'ZZB', 'ZZC', 'ZZD', 'ZZE', 'ZZF'],
  };
  return {
    members: (key, date) => groups[key]?.(date),
    loose: (key) => key === 'GRPL',
    isGroup: (key) => key in groups,
    groupKeys: () => Object.keys(groups),
    name: (key) => key,
  };
}

/** The catalog with the dates its membership changes on: GRPA's fourth member in July 2024. */
function withMembershipDates(catalog: ActorCatalog): ActorCatalog {
  return {
    ...catalog,
    membershipDates: (key, first, last) => (key === 'GRPA' && first < '2024-07-01' && last >= '2024-07-01' ? [first, '2024-07-01'] : [first]),
  };
}

/** Events naming the groups, the pair and its members, often the same day and CAMEO root, some naming a member and its group at once. */
async function saveGroupEvents(store: Store, x: string, y: string): Promise<void> {
  const actor = (key: string) => (key.startsWith('GRP') ? { code: key, country: 'IGO', sector: '', text: key, actor_id: key.toLowerCase() } : { code: key, country: key, sector: '', text: key });
  const keys = [x, y, 'GRPA', 'GRPL', 'ZZA'];
  const codes: Array<[string, 1 | 2 | 3 | 4, number]> = [['042', 1, 1.9], ['043', 1, 2.8], ['111', 3, -2], ['190', 4, -10], ['057', 2, 8]];
  const ids = await store.insertArticles(Array.from({ length: 60 }, (_, i) => ({
    origin: `groups#${i}`, format: 'text' as const, title: `Groups ${i}`, body: `Groups article ${i}.`, related: [], ...(i % 7 ? { outlet: `Group outlet ${i % 5}` } : {}),
    published: '2024-01-01', dateBasis: 'text' as const, language: 'eng', removed: [], messages: [], textHash: `groups-${i}`, simhash: '0000000000000000',
  })));
  // Reports of one event in both directions, equal in share and Goldstein: the one standing for them is the first by
  // event id, which lies in the direction read second.
  const [first, second] = x < y ? [x, y] : [y, x];
  const ties: Array<[string, string, string]> = [['tie-5', first, second], ['tie-2', second, first], ['tie-3', first, second], ['tie-1', second, first], ['tie-4', first, second]];
  const tieEvents = ties.map(([id, source, target], i) => ({
    field: 'body' as const, fieldIndex: 0,
    record: { ...movedEvent(ids[i]!, source, target), id, date: '2024-05-10', cameo: { code: '042', root: '04', quad_class: 1 as const, goldstein: 1.9 } },
  }));
  await store.saveAnnotations(ids.map((articleId, i) => ({
    articleId,
    annotations: {
      version: 'groups', mentions: [],
      events: Array.from({ length: 4 }, (_, j) => {
        const n = i * 4 + j;
        const [code, quad, goldstein] = codes[n % codes.length]!;
        const source = keys[n % keys.length]!;
        const target = keys[(n * 3 + 1) % keys.length] === source ? keys[(n + 2) % keys.length]! : keys[(n * 3 + 1) % keys.length]!;
        const targets = n % 9 === 0 ? [actor(target), actor(target === 'GRPA' ? y : 'GRPA')] : [actor(target)];
        const date = `2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + ((n * 5) % 3)).padStart(2, '0')}`;
        const id = `grp-${String((n * 37) % 240).padStart(3, '0')}-${n}`;
        const record: EventRecord = {
          id, article_id: articleId, sentence: { text: `Group event ${id}.`, start: 0, end: 10 }, sources: [actor(source)], targets,
          plover: { type: 'CONSULT', mode: '', context: [] }, cameo: { code, root: code.slice(0, 2), quad_class: quad, goldstein },
          modality: n % 11 === 0 ? 'threatened' : n % 5 === 0 ? 'reported' : 'asserted', negated: n % 13 === 0, date, date_basis: 'article',
          trigger: { text: 'x', start: 0, end: 1 }, rule_id: 'test', confidence: 0.3 + (n % 7) / 10, dictionary_version: 'test',
        };
        return { field: 'body' as const, fieldIndex: 0, record };
      }).concat(tieEvents.filter((_, k) => k === i)),
    },
  })));
}

async function checkDyadReads(store: Store): Promise<void> {
  await fillStore(store, 3000, { distributions: loadDistributions(), batch: 500 });
  const generated = await loadRelationRows(store);
  const count = new Map<string, number>();
  for (const r of generated) count.set(`${r.source}|${r.target}`, (count.get(`${r.source}|${r.target}`) ?? 0) + 1);
  const busiest = [...count].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([k]) => k.split('|') as [string, string]);
  assert.ok(generated.length > 2000, `${generated.length} rows stored`);
  assert.equal(busiest.length, 3);
  assert.ok(generated.every((r) => r.outlet !== undefined));
  const [x, y] = busiest[0]!;
  await saveGroupEvents(store, x, y);
  const all = await loadRelationRows(store);
  assert.ok(all.some((r) => r.source === 'GRPA') && all.some((r) => r.target === 'GRPL') && all.some((r) => r.outlet === undefined));
  const groups = groupCatalog(x, y);
  const dates = all.map((r) => r.date).sort();
  const cases: Array<{ between: [string[], string[]]; since?: string; until?: string }> = [
    ...busiest.map(([a, b]) => ({ between: [[a], [b]] as [string[], string[]] })),
    { between: [[busiest[0]![0], busiest[1]![1]], [busiest[0]![1], busiest[2]![0], busiest[1]![0]]] },
    { between: [[busiest[0]![0]], [busiest[0]![1]]], since: dates[dates.length >> 2]!, until: dates[(3 * dates.length) >> 2]! },
    // As `entente dyad` reads a pair: each side with every group key.
    { between: [[x, 'GRPA', 'GRPL'], [y, 'GRPA', 'GRPL']] },
    { between: [[x, 'GRPA', 'GRPL'], ['ZZA', 'GRPA', 'GRPL']], until: '2024-09-30' },
  ];
  for (const c of cases) {
    const [xs, ys] = c.between;
    const want = all
      .filter((r) => ((xs.includes(r.source) && ys.includes(r.target)) || (ys.includes(r.source) && xs.includes(r.target)))
        && (!c.since || r.date >= c.since) && (!c.until || r.date <= c.until))
      .sort(byKey);
    assert.ok(want.length > 20, `case ${JSON.stringify(c)} has rows`);
    for (const pageSize of [7, 50_000]) {
      const got = await loadRelationRows(store, c, pageSize);
      assert.deepEqual(got, want);
    }
    const days = await loadRelationDays(store, c);
    assert.equal(JSON.stringify(rowsOfDays(days)), JSON.stringify(want));
    assert.deepEqual(rowsOfDays(await loadRelationDays(store, c, 3)), want);
    const [a, b] = [xs[0]!, ys[0]!];
    const opts = { by: 'month' as const, params: DEFAULT_PARAMS };
    assert.deepEqual(
      dyadSeries(expandGroups(await loadRelationRows(store, c), PLAIN_CATALOG, DEFAULT_PARAMS), a, b, opts),
      dyadSeries(expandGroups(want, PLAIN_CATALOG, DEFAULT_PARAMS), a, b, opts),
    );
    // The series from days equals the series from rows, field for field and in the same key order.
    for (const catalog of [PLAIN_CATALOG, groups]) {
      const contribs = expandGroups(want, catalog, DEFAULT_PARAMS);
      for (const by of ['day', 'week', 'month'] as Period[]) {
        for (const extra of [{}, { directed: true }, { from: dates[dates.length >> 1]!, until: dates[dates.length - 1]! }, { until: dates[dates.length >> 1]!, drivers: 5 }]) {
          const o = { by, params: DEFAULT_PARAMS, ...extra };
          for (const [p, q] of [[a, b], [b, a]]) {
            const expected = dyadSeries(contribs, p!, q!, o);
            assert.equal(JSON.stringify(dyadSeriesOfDays(days, p!, q!, catalog, o)), JSON.stringify(expected), `${p}–${q} ${JSON.stringify(c)} ${JSON.stringify(o)}`);
          }
        }
      }
    }
  }
  // One dyad as `entente dyad` reads it (loadDyadDays): only the pairs that can count for it, yet the same series
  // as every row of each side with every group key, and the same span for the default period (dyadSpan).
  const dated = withMembershipDates(groups);
  for (const catalog of [groups, dated]) {
    const keys = catalog.groupKeys();
    for (const [p, q] of [[x, y], [y, x], [x, 'ZZA'], ['GRPA', y], ['ZZB', 'ZZC']] as Array<[string, string]>) {
      for (const until of [undefined, '2024-06-30', '2024-09-30']) {
        const side = (k: string, r: string) => r === k || keys.includes(r);
        const rows = all.filter((r) => ((side(p, r.source) && side(q, r.target)) || (side(q, r.source) && side(p, r.target))) && (!until || r.date <= until)).sort(byKey);
        const { days, near } = await loadDyadDays(store, catalog, p, q, DEFAULT_PARAMS, until ? { until } : {});
        const contribs = expandGroups(rows, catalog, DEFAULT_PARAMS);
        for (const by of ['day', 'week', 'month'] as Period[]) {
          for (const directed of [false, true]) {
            const o = { by, directed, params: DEFAULT_PARAMS, ...(until ? { until } : {}) };
            assert.equal(JSON.stringify(dyadSeriesOfDays(days, p, q, catalog, o)), JSON.stringify(dyadSeries(contribs, p, q, o)), `${p}–${q} until ${until} ${by} ${directed}`);
          }
        }
        const span = { first: rows.reduce((m, r) => (!m || r.date < m ? r.date : m), ''), last: rows.reduce((m, r) => (r.date > m ? r.date : m), '') };
        assert.deepEqual(await dyadSpan(store, catalog, near, until ? { until } : {}), span);
        assert.deepEqual(await dyadSpan(store, catalog, near, { ...(until ? { until } : {}), settled: () => false }), span);
      }
    }
  }
  // With membership dates, a pair's days are read only when a group held the other side on one of them.
  const readAll = await loadRelationDays(store, { between: [[x, 'GRPA', 'GRPL'], [y, 'GRPA', 'GRPL']] });
  const readDated = (await loadDyadDays(store, dated, x, y, DEFAULT_PARAMS)).days;
  assert.ok(readDated.length < readAll.length, `${readDated.length} of ${readAll.length} days read`);
  assert.ok(readDated.every((d) => [x, y].includes(d.source) || [x, y].includes(d.target)));
  assert.deepEqual((await loadDyadDays(store, dated, x, 'ZZC', DEFAULT_PARAMS, { until: '2024-06-30' })).days.filter((d) => d.source === 'GRPA' && d.target === x), []);
  assert.deepEqual(
    dyadPairs([{ source: 'GRPA', target: x, first: '2024-01-01', last: '2024-06-30' }, { source: 'GRPA', target: x, first: '2024-06-01', last: '2024-07-01' }], x, 'ZZC', dated, DEFAULT_PARAMS),
    [['GRPA', x]],
  );

  // Re-annotating articles rewrites the days they touched: every day still holds exactly the stored rows.
  const some = [...new Set(all.filter((_, i) => i % 97 === 0).map((r) => r.articleId))];
  await store.saveAnnotations(some.map((articleId, i) => ({ articleId, annotations: { version: 'again', mentions: [], events: i % 2 ? [] : [{ field: 'body', fieldIndex: 0, record: movedEvent(articleId, x, y) }] } })));
  const now = await loadRelationRows(store);
  assert.notDeepEqual(now, all);
  assert.deepEqual(rowsOfDays(await loadRelationDays(store)), now);
}

/** One event of the pair on a new day, replacing an article's events. */
function movedEvent(articleId: number, x: string, y: string): EventRecord {
  return {
    id: `moved-${articleId}`, article_id: articleId, sentence: { text: 'Moved.', start: 0, end: 6 }, sources: [{ code: x, country: x, sector: '', text: x }], targets: [{ code: y, country: y, sector: '', text: y }],
    plover: { type: 'CONSULT', mode: '', context: [] }, cameo: { code: '040', root: '04', quad_class: 1, goldstein: 1 }, modality: 'asserted', negated: false,
    date: '2026-02-01', date_basis: 'article', trigger: { text: 'x', start: 0, end: 1 }, rule_id: 'test', confidence: 0.9, dictionary_version: 'test',
  };
}

const byKey = (x: RelationRow, y: RelationRow): number => {
  const k = (r: RelationRow) => [r.source, r.target, r.date, r.eventId];
  const [p, q] = [k(x), k(y)];
  for (let i = 0; i < 4; i++) if (p[i] !== q[i]) return p[i]! < q[i]! ? -1 : 1;
  return 0;
};

test('a dyad read by pair equals all rows filtered to it (SQLite)', async () => {
  const store = await openStore(join(dir, 'dyads.db'));
  try {
    await checkDyadReads(store);
  } finally {
    await store.close();
  }
});

test('a dyad read by pair equals all rows filtered to it (PostgreSQL)', async (t) => {
  if (!('url' in postgres)) return t.skip(postgres.reason);
  const schema = schemaName('entente_rel_load');
  schemas.push(schema);
  const store = await openStore(postgres.url, { schema });
  try {
    await checkDyadReads(store);
  } finally {
    await store.close();
  }
});
