/**
 * The edge between the Store and the pure relation functions: read every
 * relation row of a range (paged) — or its packed days, for one dyad's
 * series — and fetch the evidence events of refs.
 */
import type { EventWithArticle, RelationRowQuery, Store } from '../store/store.js';
import type { RelationDay, RelationRow } from './types.js';

/** All relation rows matching `q`, page by page (`pageSize` rows per query). */
export async function loadRelationRows(store: Store, q: Omit<RelationRowQuery, 'after' | 'limit'> = {}, pageSize = 50_000): Promise<RelationRow[]> {
  const out: RelationRow[] = [];
  let after: string | undefined;
  do {
    const page = await store.listRelationRows({ ...q, limit: pageSize, ...(after ? { after } : {}) });
    for (const r of page.items) out.push(r);
    after = page.next;
  } while (after);
  return out;
}

/** The same rows as loadRelationRows, a directed pair's day at a time as columns (what dyad series read), page by page. */
export async function loadRelationDays(store: Store, q: Omit<RelationRowQuery, 'after' | 'limit'> = {}, pageSize = 10_000): Promise<RelationDay[]> {
  const out: RelationDay[] = [];
  let after: string | undefined;
  do {
    const page = await store.listRelationDays({ ...q, limit: pageSize, ...(after ? { after } : {}) });
    for (const d of page.items) out.push(d);
    after = page.next;
  } while (after);
  return out;
}

/** The events behind evidence refs, by id. */
export async function loadEvidence(store: Store, ids: Iterable<string>): Promise<Map<string, EventWithArticle>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  return new Map((await store.getEventsById(list)).map((e) => [e.record.id, e]));
}
