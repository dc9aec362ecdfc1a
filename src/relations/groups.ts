/**
 * Group actors: an event addressed to NATO or "European nations" counts for
 * the group's dyad in full and, with a share, for each member's.
 */
import type { Group, KnowledgeBase } from '../actors/kb.js';
import type { Contribution, RelationParams, RelationRow } from './types.js';

/** What relations need to know about actors: names and group members on a date. */
export interface ActorCatalog {
  /** Members of a group key on a date; undefined for a state or a group without fixed membership. */
  members(key: string, date: string): readonly string[] | undefined;
  /** Regions and informal groups ("European nations", "the West") speak for their members only loosely. */
  loose(key: string): boolean;
  isGroup(key: string): boolean;
  /** Every group key (ids and region codes). */
  groupKeys(): string[];
  name(key: string): string;
}

/** A catalog with no groups, naming each key by itself (tests, benchmarks). */
export const PLAIN_CATALOG: ActorCatalog = { members: () => undefined, loose: () => false, isGroup: () => false, groupKeys: () => [], name: (k) => k };

/** The catalog from the actor knowledge base: group ids (NATO) and CAMEO region codes (EUR). */
export function catalogFromKnowledgeBase(kb: KnowledgeBase): ActorCatalog {
  const byKey = new Map<string, Group>();
  for (const g of kb.groups.values()) {
    byKey.set(g.id.toUpperCase(), g);
    if (g.code && !byKey.has(g.code)) byKey.set(g.code, g);
  }
  const memo = new Map<string, readonly string[] | undefined>();
  return {
    members(key, date) {
      const g = byKey.get(key);
      if (!g) return undefined;
      const k = `${key}@${date}`;
      if (!memo.has(k)) memo.set(k, g.membersOn(date) ?? undefined);
      return memo.get(k);
    },
    loose: (key) => ['region', 'informal'].includes(byKey.get(key)?.type ?? ''),
    groupKeys: () => [...byKey.keys()].sort(),
    isGroup: (key) => byKey.has(key) || (!kb.countries.has(key) && !/^[A-Z]{3}$/.test(key)),
    name(key) {
      return kb.countries.get(key)?.name ?? byKey.get(key)?.name ?? kb.organisations.get(key.toLowerCase())?.name ?? key;
    },
  };
}

/**
 * Each row as it counts for each dyad: itself (share 1), and for a group side
 * each member in its place with share min(memberShare, 1/√members) — 1/members
 * for a region or an informal group. A member
 * never gets a dyad with itself; group-to-group rows expand one side at a time.
 */
export function expandGroups(rows: Iterable<RelationRow>, catalog: ActorCatalog, p: Pick<RelationParams, 'memberShare'>): Contribution[] {
  const out: Contribution[] = [];
  for (const r of rows) {
    out.push({ ...r, share: 1 });
    for (const side of ['source', 'target'] as const) {
      const members = catalog.members(r[side], r.date);
      if (!members || members.length === 0) continue;
      const share = catalog.loose(r[side]) ? 1 / members.length : Math.min(p.memberShare, 1 / Math.sqrt(members.length));
      const other = side === 'source' ? r.target : r.source;
      for (const m of members) {
        if (m === other) continue;
        out.push({ ...r, [side]: m, share, via: r[side] });
      }
    }
  }
  return out;
}
