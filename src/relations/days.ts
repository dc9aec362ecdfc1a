/**
 * One dyad's series from relation days (Store `listRelationDays`): the same
 * steps as `dyadSeries(expandGroups(rows, catalog, params), a, b, opts)` over
 * the same rows, computed on the days' columns without an object per row —
 * the same contributions in the same order, the same coverage folding, sums,
 * rounding and tie-breaks (load.test.ts checks equality on both dialects).
 */
import type { ActorCatalog } from './groups.js';
import { countingMembers } from './groups.js';
import { DecayedIndex, periodStart, seriesPeriods, type SeriesStep } from './dyads.js';
import { confidence, dayNumber, decay, round2 } from './score.js';
import type { Modality, QuadClass } from '../events/record.js';
import type { EvidenceRef, PackedLists, Period, RelationDay, RelationPair, RelationParams, RelationRow } from './types.js';

export interface SeriesOptions {
  by: Period;
  directed?: boolean;
  from?: string;
  until?: string;
  params: RelationParams;
  drivers?: number;
}

/** First and last date of the days (every row of a day has its date). */
export const daysSpan = (days: readonly RelationDay[]): { first: string; last: string } => spanOf(days, (d) => d.date, (d) => d.date);

/** First and last date of pairs (listRelationPairs). */
export const pairsSpan = (pairs: readonly RelationPair[]): { first: string; last: string } => spanOf(pairs, (x) => x.first, (x) => x.last);

function spanOf<T>(xs: readonly T[], firstOf: (x: T) => string, lastOf: (x: T) => string): { first: string; last: string } {
  let first = '';
  let last = '';
  for (const x of xs) {
    if (!first || firstOf(x) < first) first = firstOf(x);
    if (lastOf(x) > last) last = lastOf(x);
  }
  return { first, last };
}

/**
 * Of the pairs that name a or b (Store `listRelationPairs`, `between: [[a, b], [a, b, ...groups]]`), those whose
 * rows can count for the a–b dyad (either direction): the pair itself, and a group paired with one of them while the
 * other is its member with a share that counts (dyadSeriesOfDays's own test) on some date of the pair's span. A
 * group–group row never reaches a dyad of two members, so no other pair can count.
 */
export function dyadPairs(pairs: readonly RelationPair[], a: string, b: string, catalog: ActorCatalog, p: Pick<RelationParams, 'memberShare' | 'minMemberShare'>): Array<[string, string]> {
  const groups = new Set(catalog.groupKeys());
  const counts = (group: string, other: string, member: string, x: RelationPair): boolean => {
    if (!groups.has(group)) return false;
    const dates = catalog.membershipDates?.(group, x.first, x.last);
    // Without membership dates any day may make `member` a member.
    if (!dates) return true;
    return member !== other && dates.some((d) => !!countingMembers(catalog, group, d, p)?.members.includes(member));
  };
  const out: Array<[string, string]> = [];
  for (const x of pairs) {
    const direct = (x.source === a && x.target === b) || (x.source === b && x.target === a);
    const viaSource = (x.target === a || x.target === b) && counts(x.source, x.target, x.target === a ? b : a, x);
    const viaTarget = (x.source === a || x.source === b) && counts(x.target, x.source, x.source === a ? b : a, x);
    if (direct || viaSource || viaTarget) out.push([x.source, x.target]);
  }
  return out;
}

/** The relation rows of days, as listRelationRows gives them (same objects, same order). */
export function rowsOfDays(days: Iterable<RelationDay>): RelationRow[] {
  const out: RelationRow[] = [];
  for (const d of days) {
    for (let i = 0; i < d.eventIds.length; i++) {
      const row: RelationRow = {
        eventId: d.eventIds[i]!, articleId: d.articleIds[i]!, date: d.date, source: d.source, target: d.target,
        quadClass: d.quadClass[i]! as QuadClass, goldstein: d.goldstein[i]!, modality: d.modalities[d.modality[i]!]!,
        negated: d.negated[i] === 1, confidence: d.confidence[i]!, cameoCode: d.cameoCodes[d.cameo[i]!]!,
      };
      if (d.outlet[i]! >= 0) row.outlet = d.outlets[d.outlet[i]!]!;
      out.push(row);
    }
  }
  return out;
}

/**
 * Indexes 0..n-1 ordered as a stable sort by (day, id) orders them: a stable counting sort by day, then each
 * day's few contributions ordered by id, ties kept in place — by merging the runs already in id order (each pair's
 * day arrives in id order, so a day usually holds one run per pair).
 */
function sortByDayThenId(day: Int32Array, idBefore: (x: number, y: number) => boolean): Int32Array {
  const n = day.length;
  let min = Infinity;
  let max = -Infinity;
  for (const d of day) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const start = new Int32Array(max - min + 2);
  for (const d of day) start[d - min + 1]! += 1;
  for (let i = 1; i < start.length; i++) start[i]! += start[i - 1]!;
  const out = new Int32Array(n);
  const next = start.slice();
  for (let k = 0; k < n; k++) out[next[day[k]! - min]!++] = k;
  const scratch = new Int32Array(n);
  for (let i = 0; i + 1 < start.length; i++) {
    const lo = start[i]!;
    const hi = start[i + 1]!;
    if (hi - lo > 1) mergeRuns(out, scratch, lo, hi, idBefore);
  }
  return out;
}

/** Sort a[lo, hi) by `before` (a strict total order), merging its ascending runs pairwise until one is left. */
function mergeRuns(a: Int32Array, scratch: Int32Array, lo: number, hi: number, before: (x: number, y: number) => boolean): void {
  for (;;) {
    let runs = 0;
    for (let i = lo; i < hi; ) {
      // [i, mid) and [mid, end): two ascending runs (or one, at the end).
      let mid = i + 1;
      while (mid < hi && !before(a[mid]!, a[mid - 1]!)) mid++;
      let end = mid;
      if (end < hi) {
        end++;
        while (end < hi && !before(a[end]!, a[end - 1]!)) end++;
      }
      runs++;
      if (mid < end) {
        let x = i;
        let y = mid;
        let k = i;
        while (x < mid && y < end) scratch[k++] = before(a[y]!, a[x]!) ? a[y++]! : a[x++]!;
        while (x < mid) scratch[k++] = a[x++]!;
        while (y < end) scratch[k++] = a[y++]!;
        a.set(scratch.subarray(i, end), i);
      }
      i = end;
    }
    if (runs <= 1) return;
  }
}

interface PeriodAcc {
  period: string;
  events: number;
  quad: [number, number, number, number];
  goldsteinSum: number;
  w: number;
  articles: number;
  outlets: number;
  ids: Set<string>;
  eventIds: string[];
}

/** Columns of the dyad's contributions (as many as the days' rows give). */
class Contributions {
  length = 0;
  day: Int32Array;
  row: Int32Array;
  dayNum: Int32Array;
  /** 0: the row itself; 1: a member of its source group; 2: a member of its target group. */
  kind: Uint8Array;
  /** The member's place in its day's list of members that count. */
  member: Int32Array;
  share: Float64Array;
  score: Float64Array;
  goldstein: Float64Array;
  root: Int32Array;
  outlet: Int32Array;
  article: Float64Array;
  quad: Uint8Array;
  period: Int32Array;
  /** The event id: its range in its day's packed ids. */
  idStart: Int32Array;
  idEnd: Int32Array;
  constructor(n: number) {
    this.day = new Int32Array(n); this.row = new Int32Array(n); this.dayNum = new Int32Array(n); this.kind = new Uint8Array(n);
    this.member = new Int32Array(n); this.share = new Float64Array(n); this.score = new Float64Array(n); this.goldstein = new Float64Array(n);
    this.root = new Int32Array(n); this.outlet = new Int32Array(n); this.article = new Float64Array(n); this.quad = new Uint8Array(n);
    this.period = new Int32Array(n); this.idStart = new Int32Array(n); this.idEnd = new Int32Array(n);
  }
}

/** `a.slice(as, ae)` compared with `b.slice(bs, be)` as JavaScript compares strings (code units), without making either. */
export function compareSlices(a: string, as: number, ae: number, b: string, bs: number, be: number): number {
  const la = ae - as;
  const lb = be - bs;
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(as + i) - b.charCodeAt(bs + i);
    if (d !== 0) return d;
  }
  return la - lb;
}

/** A day's lists as numbers, reused from day to day. */
class Scratch {
  outletId: Int32Array;
  roots: Int32Array;
  weights: Float64Array;
  threatened: Uint8Array;
  constructor(n: number) {
    this.outletId = new Int32Array(n);
    this.roots = new Int32Array(n);
    this.weights = new Float64Array(n);
    this.threatened = new Uint8Array(n);
  }
}

/** Item k of packed lists. */
const itemOf = (p: PackedLists, k: number): string => p.text.slice(p.bounds[2 * k], p.bounds[2 * k + 1]);

/** Distinct numbers per group (period): in one pass over (group, number) pairs in group order. */
class DistinctCounter {
  #seen: Int32Array | undefined;
  #sets: Map<number, Set<number>> | undefined;
  constructor(max: number) {
    // Ids as array indexes while the array stays small; else a set per group.
    if (max < 1 << 24) this.#seen = new Int32Array(max + 1).fill(-1);
    else this.#sets = new Map();
  }
  /** True the first time `x` is seen in `group`. */
  first(group: number, x: number): boolean {
    const seen = this.#seen;
    if (seen && Number.isInteger(x) && x >= 0) {
      if (seen[x] === group) return false;
      seen[x] = group;
      return true;
    }
    let set = this.#sets?.get(group);
    if (!set) (this.#sets ??= new Map()).set(group, (set = new Set()));
    if (set.has(x)) return false;
    set.add(x);
    return true;
  }
}

export function dyadSeriesOfDays(days: readonly RelationDay[], a: string, b: string, catalog: ActorCatalog, opts: SeriesOptions): SeriesStep[] {
  const p = opts.params;
  const mine = opts.directed ? (s: string, t: string) => s === a && t === b : (s: string, t: string) => (s === a && t === b) || (s === b && t === a);
  // The dyad's contributions in expandGroups order (per row: itself, then the source group's members, then the
  // target's), each with what the series needs of its row.
  const outletIds = new Map<string, number>();
  const outletNames: string[] = [];
  const periods: PeriodAcc[] = [];
  const periodIndex = new Map<string, number>();
  let firstEvent = '';
  let lastEvent = '';
  let maxArticle = 0;
  // Which days count, and through which members: then the contributions, counted before they are made.
  const sides: Array<[string[] | undefined, number, string[] | undefined, number] | undefined> = new Array(days.length);
  const direct = new Uint8Array(days.length);
  let total = 0;
  for (let di = 0; di < days.length; di++) {
    const d = days[di]!;
    direct[di] = mine(d.source, d.target) ? 1 : 0;
    let side0: string[] | undefined;
    let side1: string[] | undefined;
    let share0 = 0;
    let share1 = 0;
    for (let s = 0; s < 2; s++) {
      const group = s === 0 ? d.source : d.target;
      const counting = countingMembers(catalog, group, d.date, p);
      if (!counting) continue;
      const { members, share } = counting;
      const other = s === 0 ? d.target : d.source;
      const hits = members.filter((m) => m !== other && (s === 0 ? mine(m, d.target) : mine(d.source, m)));
      if (hits.length === 0) continue;
      if (s === 0) [side0, share0] = [hits, share];
      else [side1, share1] = [hits, share];
    }
    if (!direct[di] && !side0 && !side1) continue;
    sides[di] = [side0, share0, side1, share1];
    total += d.articleIds.length * (direct[di]! + (side0?.length ?? 0) + (side1?.length ?? 0));
  }
  const c = new Contributions(total);
  const idText: string[] = new Array(days.length);
  let scratch = new Scratch(64);
  for (let di = 0; di < days.length; di++) {
    const counted = sides[di];
    if (!counted) continue;
    const [side0, share0, side1, share1] = counted;
    const d = days[di]!;
    if (!firstEvent || d.date < firstEvent) firstEvent = d.date;
    if (d.date > lastEvent) lastEvent = d.date;
    const day = dayNumber(d.date);
    const periodName = periodStart(d.date, opts.by);
    let period = periodIndex.get(periodName);
    if (period === undefined) {
      period = periods.length;
      periodIndex.set(periodName, period);
      periods.push({ period: periodName, events: 0, quad: [0, 0, 0, 0], goldsteinSum: 0, w: 0, articles: 0, outlets: 0, ids: new Set(), eventIds: [] });
    }
    // The day's own lists, read in place once: its outlets as numbers shared by all days, its CAMEO codes as roots,
    // its modalities as weights; only a new outlet's name is kept as a string, and no event id is made here.
    const { packed, goldstein, confidence, quadClass, negated, modality, cameo, outlet, articleIds } = d;
    const { text, bounds, lists: [outletsFrom, cameosFrom, modalitiesFrom, listsEnd] } = packed;
    idText[di] = text;
    if (listsEnd - outletsFrom > scratch.outletId.length) scratch = new Scratch(listsEnd - outletsFrom);
    const { outletId, roots, weights, threatened } = scratch;
    for (let j = 0; j < cameosFrom - outletsFrom; j++) {
      const from = bounds[2 * (outletsFrom + j)]!;
      const to = bounds[2 * (outletsFrom + j) + 1]!;
      // An empty outlet counts as none (as `if (r.outlet)` does).
      if (from === to) {
        outletId[j] = -1;
        continue;
      }
      const o = text.slice(from, to);
      let x = outletIds.get(o);
      if (x === undefined) {
        x = outletNames.length;
        outletIds.set(o, x);
        outletNames.push(o);
      }
      outletId[j] = x;
    }
    for (let j = 0; j < modalitiesFrom - cameosFrom; j++) {
      // code.charCodeAt(0) and (1), NaN past its end (stored as 0, as it always was).
      const from = bounds[2 * (cameosFrom + j)]!;
      const length = bounds[2 * (cameosFrom + j) + 1]! - from;
      roots[j] = ((length > 0 ? text.charCodeAt(from) : NaN) - 48) * 10 + ((length > 1 ? text.charCodeAt(from + 1) : NaN) - 48);
    }
    for (let j = 0; j < listsEnd - modalitiesFrom; j++) {
      const m = text.slice(bounds[2 * (modalitiesFrom + j)], bounds[2 * (modalitiesFrom + j) + 1]) as Modality;
      weights[j] = p.modality[m] ?? 0;
      threatened[j] = m === 'threatened' ? 1 : 0;
    }
    const n = articleIds.length;
    const lists = [direct[di] ? 1 : 0, side0?.length ?? 0, side1?.length ?? 0];
    for (let i = 0; i < n; i++) {
      // score.ts eventScore, the same operations in the same order.
      let g = goldstein[i]!;
      let w = weights[modality[i]!]!;
      const threat = threatened[modality[i]!] === 1;
      if (threat) g = -Math.abs(g);
      if (negated[i] === 1) {
        if (quadClass[i]! >= 3 && !threat) {
          g = -g;
          w *= p.negatedConflict;
        } else w = 0;
      }
      const score = g * w * (0.5 + 0.5 * confidence[i]!);
      const o = outlet[i]!;
      const article = articleIds[i]!;
      if (article > maxArticle) maxArticle = article;
      for (let s = 0; s < 3; s++) {
        const share = s === 0 ? 1 : s === 1 ? share0 : share1;
        for (let j = 0; j < lists[s]!; j++) {
          const k = c.length++;
          c.day[k] = di; c.row[k] = i; c.dayNum[k] = day; c.kind[k] = s; c.member[k] = j;
          c.share[k] = share; c.score[k] = score; c.goldstein[k] = goldstein[i]!;
          c.root[k] = roots[cameo[i]!]!; c.outlet[k] = o >= 0 ? outletId[o]! : -1; c.article[k] = article;
          c.quad[k] = quadClass[i]!; c.period[k] = period; c.idStart[k] = bounds[2 * i]!; c.idEnd[k] = bounds[2 * i + 1]!;
        }
      }
    }
  }
  const idOf = (k: number): string => idText[c.day[k]!]!.slice(c.idStart[k], c.idEnd[k]);
  const count = c.length;
  if (count === 0) return [];

  // Coverage folding (score.ts foldCoverage): by day, then event id, unless already in day order.
  let order: Int32Array | undefined;
  for (let k = 1; k < count; k++) {
    if (c.dayNum[k]! < c.dayNum[k - 1]!) {
      order = sortByDayThenId(c.dayNum.subarray(0, count), (x, y) => {
        const d = compareSlices(idText[c.day[x]!]!, c.idStart[x]!, c.idEnd[x]!, idText[c.day[y]!]!, c.idStart[y]!, c.idEnd[y]!);
        return d < 0 || (d === 0 && x < y);
      });
      break;
    }
  }
  const uDay = new Int32Array(count);
  const uSum = new Float64Array(count);
  const uCount = new Int32Array(count);
  const uShare = new Float64Array(count);
  const uRep = new Int32Array(count);
  let units = 0;
  const unitOf = new Int32Array(count);
  // The open unit of each CAMEO root (0–99) and sign.
  const open = new Int32Array(300).fill(-1);
  // A code whose first two characters are not digits still has a key (as in foldCoverage).
  const openOther = new Map<number, number>();
  for (let j = 0; j < count; j++) {
    const k = order ? order[j]! : j;
    const s = c.score[k]!;
    const key = c.root[k]! * 3 + (s > 0 ? 2 : s < 0 ? 0 : 1);
    const inRange = key >= 0 && key < 300;
    const u = inRange ? open[key]! : (openOther.get(key) ?? -1);
    const day = c.dayNum[k]!;
    const share = c.share[k]!;
    if (u >= 0 && day - uDay[u]! <= p.sameEventDays) {
      uSum[u] = uSum[u]! + s;
      uCount[u] = uCount[u]! + 1;
      if (share > uShare[u]!) uShare[u] = share;
      // score.ts evidenceRef: the most direct report, then the strongest; the first of equals.
      const rep = uRep[u]!;
      if (share > c.share[rep]! || (share === c.share[rep]! && Math.abs(c.goldstein[k]!) > Math.abs(c.goldstein[rep]!))) uRep[u] = k;
      unitOf[k] = u;
      continue;
    }
    const unit = units++;
    uDay[unit] = day; uSum[unit] = s; uCount[unit] = 1; uShare[unit] = share; uRep[unit] = k;
    unitOf[k] = unit;
    if (inRange) open[key] = unit;
    else openOther.set(key, unit);
  }
  const uScore = new Float64Array(units);
  for (let u = 0; u < units; u++) uScore[u] = uSum[u]! / uCount[u]!;
  // Each unit's reports (for the outlets seen so far).
  const reportStart = new Int32Array(units + 1);
  for (let k = 0; k < count; k++) reportStart[unitOf[k]! + 1]! += 1;
  for (let u = 0; u < units; u++) reportStart[u + 1]! += reportStart[u]!;
  const reports = new Int32Array(count);
  const fill = reportStart.slice(0, units);
  for (let k = 0; k < count; k++) reports[fill[unitOf[k]!]!++] = k;

  // Aggregates per period (dyads.ts aggregateDyads): sums in contribution order; distinct articles and outlets
  // counted in day order, where a period's contributions come together.
  const articles = new DistinctCounter(maxArticle);
  const outletMark = new Int32Array(outletNames.length).fill(-1);
  for (let j = 0; j < count; j++) {
    const k = order ? order[j]! : j;
    const period = c.period[k]!;
    const x = periods[period]!;
    if (articles.first(period, c.article[k]!)) x.articles++;
    const o = c.outlet[k]!;
    if (o >= 0 && outletMark[o] !== period) {
      outletMark[o] = period;
      x.outlets++;
    }
  }
  for (let k = 0; k < count; k++) {
    const x = periods[c.period[k]!]!;
    const share = c.share[k]!;
    const q = c.quad[k]! - 1;
    x.events += share;
    x.quad[q] = (x.quad[q] ?? 0) + share;
    x.goldsteinSum += share * c.goldstein[k]!;
    x.w += share;
    if (x.eventIds.length < 1000) {
      const id = idOf(k);
      if (!x.ids.has(id)) {
        x.ids.add(id);
        x.eventIds.push(id);
      }
    }
  }
  const byPeriod = new Map(periods.map((x) => [x.period, x]));
  const outletOf = (k: number): string | undefined => (c.outlet[k]! >= 0 ? outletNames[c.outlet[k]!] : undefined);

  const evidence = (u: number, contribution: number): EvidenceRef => {
    const k = uRep[u]!;
    const d = days[c.day[k]!]!;
    const i = c.row[k]!;
    const kind = c.kind[k]!;
    const ref: EvidenceRef = {
      eventId: idOf(k), articleId: c.article[k]!, date: d.date,
      source: kind === 1 ? sides[c.day[k]!]![0]![c.member[k]!]! : d.source, target: kind === 2 ? sides[c.day[k]!]![2]![c.member[k]!]! : d.target,
      cameoCode: itemOf(d.packed, d.packed.lists[1] + d.cameo[i]!), score: round2(uScore[u]!), contribution: round2(contribution), coverage: uCount[u]!,
    };
    const outlet = outletOf(k);
    if (outlet) ref.outlet = outlet;
    if (kind !== 0) ref.via = kind === 1 ? d.source : d.target;
    return ref;
  };
  // score.ts topEvidence over units [lo, hi).
  const drivers = (day: number, n: number, fromDay: number, lo: number, hi: number): EvidenceRef[] => {
    const best: Array<{ u: number; c: number; abs: number }> = [];
    for (let u = lo; u < hi; u++) {
      if (uDay[u]! > day || uDay[u]! < fromDay) continue;
      const c = uShare[u]! * decay(day - uDay[u]!, p.halfLifeDays) * uScore[u]!;
      const abs = Math.abs(c);
      let k = best.length;
      while (k > 0 && (abs > best[k - 1]!.abs || (abs === best[k - 1]!.abs && uDay[u]! > uDay[best[k - 1]!.u]!))) k--;
      if (k >= n) continue;
      best.splice(k, 0, { u, c, abs });
      if (best.length > n) best.pop();
    }
    return best.map(({ u, c }) => evidence(u, c));
  };

  // The steps (dyads.ts dyadSeries).
  const first = periodStart(opts.from ?? firstEvent, opts.by);
  const lastDate = opts.until ?? lastEvent;
  const index = new DecayedIndex(p);
  let u = 0;
  const seen = new Uint8Array(outletNames.length);
  let outletsSeen = 0;
  const steps: SeriesStep[] = [];
  for (const { start, end, endDay } of seriesPeriods(first, lastDate, opts.by)) {
    const from = u;
    index.moveTo(endDay);
    while (u < units && uDay[u]! <= endDay) {
      index.add(uShare[u]!, uDay[u]!, uScore[u]!);
      for (let j = reportStart[u]!; j < reportStart[u + 1]!; j++) {
        const o = c.outlet[reports[j]!]!;
        if (o >= 0 && seen[o] === 0) {
          seen[o] = 1;
          outletsSeen++;
        }
      }
      u++;
    }
    const x = byPeriod.get(start);
    steps.push({
      period: start, end,
      events: x ? round2(x.events) : 0, quad: x ? (x.quad.map(round2) as SeriesStep['quad']) : [0, 0, 0, 0],
      goldsteinSum: x ? round2(x.goldsteinSum) : 0, goldsteinMean: x ? (x.w === 0 ? 0 : round2(x.goldsteinSum / x.w)) : 0,
      articles: x?.articles ?? 0, outlets: x?.outlets ?? 0, eventIds: x?.eventIds ?? [],
      // Every unit has a report, so an article has been seen once a unit has.
      index: index.value, confidence: confidence(index.den, outletsSeen || (u > 0 ? 1 : 0)),
      drivers: u > from ? drivers(endDay, opts.drivers ?? 3, dayNumber(start), from, u) : [],
    });
  }
  return steps;
}
