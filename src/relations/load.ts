/**
 * The edge between the Store and the pure relation functions: read every
 * relation row of a range (paged) — or its packed days, for one dyad's
 * series — and fetch the evidence events of refs.
 */
import type { EventWithArticle, RelationRowQuery, Store } from '../store/store.js';
import type { ActorCatalog } from './groups.js';
import { dyadPairs, pairsSpan } from './days.js';
import type { RelationDay, RelationPair, RelationParams, RelationRow } from './types.js';

/** All relation rows matching `q`, page by page (`pageSize` rows per query). */
export function loadRelationRows(store: Store, q: Omit<RelationRowQuery, 'after' | 'limit'> = {}, pageSize = 50_000): Promise<RelationRow[]> {
  return allPages((x) => store.listRelationRows(x), q, pageSize);
}

/** The same rows as loadRelationRows, a directed pair's day at a time as columns (what dyad series read), page by page. */
export function loadRelationDays(store: Store, q: Omit<RelationRowQuery, 'after' | 'limit'> = {}, pageSize = 10_000): Promise<RelationDay[]> {
  return allPages((x) => store.listRelationDays(x), q, pageSize);
}

async function allPages<T>(list: (q: RelationRowQuery) => Promise<{ items: T[]; next?: string }>, q: Omit<RelationRowQuery, 'after' | 'limit'>, pageSize: number): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await list({ ...q, limit: pageSize, ...(after ? { after } : {}) });
    for (const x of page.items) out.push(x);
    after = page.next;
  } while (after);
  return out;
}

/**
 * The days whose rows can count for the a–b dyad, either direction (what dyadSeriesOfDays reads; the same series as
 * reading each side with every group key), and `near`: every pair naming a or b (with a group, or each other) —
 * what `dyadSpan` starts from.
 */
export async function loadDyadDays(store: Store, catalog: ActorCatalog, a: string, b: string, p: Pick<RelationParams, 'memberShare' | 'minMemberShare'>, q: { until?: string } = {}): Promise<{ days: RelationDay[]; near: RelationPair[] }> {
  const until = q.until !== undefined ? { until: q.until } : {};
  const near = await store.listRelationPairs({ between: [[a, b], [a, b, ...catalog.groupKeys()]], ...until });
  const pairs = dyadPairs(near, a, b, catalog, p);
  return { days: pairs.length ? await loadRelationDays(store, { pairs, ...until }) : [], near };
}

/**
 * First and last date of the rows between a or any group and b or any group (until `until`), whether they count for
 * the dyad or not: what `entente dyad` picks its default period from. `near` (loadDyadDays) gives it but for the
 * group–group pairs, read only when `settled` says the span of `near` does not already decide.
 */
export async function dyadSpan(store: Store, catalog: ActorCatalog, near: readonly RelationPair[], q: { until?: string; settled?: (span: { first: string; last: string }) => boolean } = {}): Promise<{ first: string; last: string }> {
  const span = pairsSpan(near);
  const groups = catalog.groupKeys();
  if ((span.first && q.settled?.(span)) || groups.length === 0) return span;
  return pairsSpan([...near, ...(await store.listRelationPairs({ between: [groups, groups], ...(q.until !== undefined ? { until: q.until } : {}) }))]);
}

/** The events behind evidence refs, by id. */
export async function loadEvidence(store: Store, ids: Iterable<string>): Promise<Map<string, EventWithArticle>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  return new Map((await store.getEventsById(list)).map((e) => [e.record.id, e]));
}
