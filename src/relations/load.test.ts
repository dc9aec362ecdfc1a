/**
 * A dyad read from the store (listRelationRows with `between`, paged) gives
 * exactly the rows, and so the series, that filtering every stored row gives:
 * on a generated set, on SQLite and on PostgreSQL.
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
import { dyadSeries } from './dyads.js';
import { PLAIN_CATALOG, expandGroups } from './groups.js';
import { loadRelationRows } from './load.js';
import { DEFAULT_PARAMS } from './types.js';
import type { RelationRow } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'entente-relations-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const postgres = await findPostgres();
const schemas: string[] = [];
after(async () => {
  if ('url' in postgres) await dropSchemas(postgres.url, schemas);
});

async function checkDyadReads(store: Store): Promise<void> {
  await fillStore(store, 3000, { distributions: loadDistributions(), batch: 500 });
  const all = await loadRelationRows(store);
  const count = new Map<string, number>();
  for (const r of all) count.set(`${r.source}|${r.target}`, (count.get(`${r.source}|${r.target}`) ?? 0) + 1);
  const busiest = [...count].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([k]) => k.split('|') as [string, string]);
  assert.ok(all.length > 2000, `${all.length} rows stored`);
  assert.equal(busiest.length, 3);
  assert.ok(all.every((r) => r.outlet !== undefined));
  const dates = all.map((r) => r.date).sort();
  const cases: Array<{ between: [string[], string[]]; since?: string; until?: string }> = [
    ...busiest.map(([a, b]) => ({ between: [[a], [b]] as [string[], string[]] })),
    { between: [[busiest[0]![0], busiest[1]![1]], [busiest[0]![1], busiest[2]![0], busiest[1]![0]]] },
    { between: [[busiest[0]![0]], [busiest[0]![1]]], since: dates[dates.length >> 2]!, until: dates[(3 * dates.length) >> 2]! },
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
    const [a, b] = [xs[0]!, ys[0]!];
    const opts = { by: 'month' as const, params: DEFAULT_PARAMS };
    assert.deepEqual(
      dyadSeries(expandGroups(await loadRelationRows(store, c), PLAIN_CATALOG, DEFAULT_PARAMS), a, b, opts),
      dyadSeries(expandGroups(want, PLAIN_CATALOG, DEFAULT_PARAMS), a, b, opts),
    );
  }
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
