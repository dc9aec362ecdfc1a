/**
 * Group actors: an event addressed to NATO or "European nations" counts for
 * the group's dyad in full and, with a share, for each member's.
 */
import type { Group, KnowledgeBase } from '../actors/kb.js';
import type { Contribution, RelationParams, RelationRow } from './types.js';
import { dayNumber, eventScore } from './score.js';

/** What relations need to know about actors: names and group members on a date. */
export interface ActorCatalog {
  /** Members of a group key on a date; undefined for a state or a group without fixed membership. */
  members(key: string, date: string): readonly string[] | undefined;
  /** Regions and informal groups ("European nations", "the West") speak for their members only loosely. */
  loose(key: string): boolean;
  /** Not a state: a group, region or organisation (kept out of blocs). */
  isGroup(key: string): boolean;
  /** Every group key (ids and region codes). */
  groupKeys(): string[];
  /**
   * Dates from `first` to `last` on which `members(key, ·)` takes every value it takes over that range (its
   * membership changes only between them). Absent: membership may change on any day (readers then assume a group
   * may hold anyone).
   */
  membershipDates?(key: string, first: string, last: string): string[];
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
  const memo = new Map<string, Map<string, readonly string[] | undefined>>();
  return {
    members(key, date) {
      const g = byKey.get(key);
      if (!g) return undefined;
      // Looked up once per group and month (membership is read on the 15th): exact dates cost too much over millions of rows.
      const month = date.slice(0, 7);
      let byMonth = memo.get(key);
      if (!byMonth) memo.set(key, (byMonth = new Map()));
      if (!byMonth.has(month)) byMonth.set(month, g.membersOn(`${month}-15`) ?? undefined);
      return byMonth.get(month);
    },
    loose: (key) => ['region', 'informal'].includes(byKey.get(key)?.type ?? ''),
    groupKeys: () => [...byKey.keys()].sort(),
    // Membership is read a month at a time (above): one date in each month of the range.
    membershipDates(_key, first, last) {
      const out: string[] = [];
      for (let month = first.slice(0, 7); month <= last.slice(0, 7); month = nextMonth(month)) out.push(out.length ? `${month}-01` : first);
      return out;
    },
    // Anything that is not a state of the knowledge base: groups, regions and organisations (WHO, UN).
    isGroup: (key) => !kb.countries.has(key),
    name(key) {
      return kb.countries.get(key)?.name ?? byKey.get(key)?.name ?? kb.organisations.get(key.toLowerCase())?.name ?? key;
    },
  };
}

/** `YYYY-MM` of the month after. */
function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Each row as it counts for each dyad: itself (share 1), and for a group side
 * each member in its place with share min(memberShare, 1/√members) — 1/members
 * for a region or an informal group. A member
 * never gets a dyad with itself; group-to-group rows expand one side at a time.
 */
export function expandGroups(rows: Iterable<RelationRow>, catalog: ActorCatalog, p: Pick<RelationParams, 'memberShare' | 'minMemberShare' | 'modality' | 'negatedConflict'>): Contribution[] {
  const out: Contribution[] = [];
  for (const r of rows) {
    const day = dayNumber(r.date);
    const score = eventScore(r, p);
    out.push(contribution(r, r.source, r.target, 1, undefined, day, score));
    for (let side = 0; side < 2; side++) {
      const group = side === 0 ? r.source : r.target;
      const counting = countingMembers(catalog, group, r.date, p);
      if (!counting) continue;
      const { members, share } = counting;
      const other = side === 0 ? r.target : r.source;
      for (const m of members) {
        if (m === other) continue;
        out.push(side === 0 ? contribution(r, m, r.target, share, group, day, score) : contribution(r, r.source, m, share, group, day, score));
      }
    }
  }
  return out;
}

/** The members of `group` on `date` that a row naming it counts for, with their share; undefined when none does. */
export function countingMembers(catalog: ActorCatalog, group: string, date: string, p: Pick<RelationParams, 'memberShare' | 'minMemberShare'>): { members: readonly string[]; share: number } | undefined {
  const members = catalog.members(group, date);
  if (!members || members.length === 0) return undefined;
  const share = groupShare(catalog, group, members.length, p);
  return share < p.minMemberShare ? undefined : { members, share };
}

/** A member's share of a row naming its group: 1/members for a region or informal group, else min(memberShare, 1/√members). */
export function groupShare(catalog: ActorCatalog, group: string, members: number, p: Pick<RelationParams, 'memberShare'>): number {
  return catalog.loose(group) ? 1 / members : Math.min(p.memberShare, 1 / Math.sqrt(members));
}

/** One shape for every contribution (same fields, same order): millions of them stay fast. */
function contribution(r: RelationRow, source: string, target: string, share: number, via: string | undefined, day: number, score: number): Contribution {
  return {
    eventId: r.eventId, articleId: r.articleId, outlet: r.outlet, date: r.date, source, target, quadClass: r.quadClass, goldstein: r.goldstein,
    modality: r.modality, negated: r.negated, confidence: r.confidence, cameoCode: r.cameoCode, share, via, day, score,
  };
}
