/**
 * One dyad's series from relation days (Store `listRelationDays`): the same
 * steps as `dyadSeries(expandGroups(rows, catalog, params), a, b, opts)` over
 * the same rows, computed on the days' columns without an object per row —
 * the same contributions in the same order, the same coverage folding, sums,
 * rounding and tie-breaks (load.test.ts checks equality on both dialects).
 */
import type { ActorCatalog } from './groups.js';
import { groupShare } from './groups.js';
import { periodEnd, periodStart, type SeriesStep } from './dyads.js';
import { confidence, dateOfDay, dayNumber, decay, round1, round2 } from './score.js';
import type { QuadClass } from '../events/record.js';
import type { EvidenceRef, Period, RelationDay, RelationPair, RelationParams, RelationRow } from './types.js';

export interface SeriesOptions {
  by: Period;
  directed?: boolean;
  from?: string;
  until?: string;
  params: RelationParams;
  drivers?: number;
}

/** First and last date of the days (every row of a day has its date). */
export function daysSpan(days: readonly RelationDay[]): { first: string; last: string } {
  let first = '';
  let last = '';
  for (const d of days) {
    if (!first || d.date < first) first = d.date;
    if (d.date > last) last = d.date;
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
    return dates.some((d) => {
      const members = catalog.members(group, d);
      return !!members && members.length > 0 && member !== other && members.includes(member) && groupShare(catalog, group, members.length, p) >= p.minMemberShare;
    });
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

/** First and last date of pairs (listRelationPairs). */
export function pairsSpan(pairs: readonly RelationPair[]): { first: string; last: string } {
  let first = '';
  let last = '';
  for (const x of pairs) {
    if (!first || x.first < first) first = x.first;
    if (x.last > last) last = x.last;
  }
  return { first, last };
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
function sortByDayThenId(day: Int32Array, id: readonly string[]): Int32Array {
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
  const before = (x: number, y: number) => id[x]! < id[y]! || (id[x] === id[y] && x < y);
  const scratch = new Int32Array(n);
  for (let i = 0; i + 1 < start.length; i++) {
    const lo = start[i]!;
    const hi = start[i + 1]!;
    if (hi - lo > 1) mergeRuns(out, scratch, lo, hi, before);
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

/** Growable columns of the dyad's contributions. */
class Contributions {
  length = 0;
  day = new Int32Array(1024);
  row = new Int32Array(1024);
  dayNum = new Int32Array(1024);
  /** 0: the row itself; 1: a member of its source group; 2: a member of its target group. */
  kind = new Uint8Array(1024);
  member: string[] = [];
  share = new Float64Array(1024);
  score = new Float64Array(1024);
  goldstein = new Float64Array(1024);
  root = new Int32Array(1024);
  outlet = new Int32Array(1024);
  article = new Float64Array(1024);
  quad = new Uint8Array(1024);
  period = new Int32Array(1024);
  id: string[] = [];
  grow(): void {
    const twice = <T extends Int32Array | Uint8Array | Float64Array>(x: T): T => {
      const y = new (x.constructor as new (n: number) => T)(x.length * 2);
      y.set(x);
      return y;
    };
    this.day = twice(this.day); this.row = twice(this.row); this.dayNum = twice(this.dayNum); this.kind = twice(this.kind);
    this.share = twice(this.share); this.score = twice(this.score); this.goldstein = twice(this.goldstein); this.root = twice(this.root);
    this.outlet = twice(this.outlet); this.article = twice(this.article); this.quad = twice(this.quad); this.period = twice(this.period);
  }
}

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

/** The member list of a direct contribution. */
const DIRECT: readonly string[] = [''];

export function dyadSeriesOfDays(days: readonly RelationDay[], a: string, b: string, catalog: ActorCatalog, opts: SeriesOptions): SeriesStep[] {
  const p = opts.params;
  const mine = opts.directed ? (s: string, t: string) => s === a && t === b : (s: string, t: string) => (s === a && t === b) || (s === b && t === a);
  // The dyad's contributions in expandGroups order (per row: itself, then the source group's members, then the
  // target's), each with what the series needs of its row.
  const c = new Contributions();
  const outletIds = new Map<string, number>();
  const outletNames: string[] = [];
  const periods: PeriodAcc[] = [];
  const periodIndex = new Map<string, number>();
  let firstEvent = '';
  let lastEvent = '';
  let maxArticle = 0;
  for (let di = 0; di < days.length; di++) {
    const d = days[di]!;
    const direct = mine(d.source, d.target);
    let side0: string[] | undefined;
    let side1: string[] | undefined;
    let share0 = 0;
    let share1 = 0;
    for (let s = 0; s < 2; s++) {
      const group = s === 0 ? d.source : d.target;
      const members = catalog.members(group, d.date);
      if (!members || members.length === 0) continue;
      const share = groupShare(catalog, group, members.length, p);
      if (share < p.minMemberShare) continue;
      const other = s === 0 ? d.target : d.source;
      const hits = members.filter((m) => m !== other && (s === 0 ? mine(m, d.target) : mine(d.source, m)));
      if (hits.length === 0) continue;
      if (s === 0) [side0, share0] = [hits, share];
      else [side1, share1] = [hits, share];
    }
    if (!direct && !side0 && !side1) continue;
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
    // The day's own lists, read once: its outlets as numbers shared by all days, its CAMEO codes as roots, its
    // modalities as weights.
    const { eventIds, goldstein, confidence, quadClass, negated, modality, modalities, cameo, cameoCodes, outlet, outlets, articleIds } = d;
    const outletId = outlets.map((o) => {
      let x = outletIds.get(o);
      if (x === undefined) {
        x = outletNames.length;
        outletIds.set(o, x);
        outletNames.push(o);
      }
      // An empty outlet counts as none (as `if (r.outlet)` does).
      return o ? x : -1;
    });
    const roots = cameoCodes.map((code) => (code.charCodeAt(0) - 48) * 10 + (code.charCodeAt(1) - 48));
    const weights = modalities.map((m) => p.modality[m] ?? 0);
    const threatened = modalities.map((m) => m === 'threatened');
    const n = eventIds.length;
    for (let i = 0; i < n; i++) {
      // score.ts eventScore, the same operations in the same order.
      let g = goldstein[i]!;
      let w = weights[modality[i]!]!;
      const threat = threatened[modality[i]!]!;
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
      for (let s = -1; s < 2; s++) {
        const list = s === -1 ? (direct ? DIRECT : undefined) : s === 0 ? side0 : side1;
        if (!list) continue;
        const share = s === -1 ? 1 : s === 0 ? share0 : share1;
        for (let j = 0; j < list.length; j++) {
          if (c.length === c.day.length) c.grow();
          const k = c.length++;
          c.day[k] = di; c.row[k] = i; c.dayNum[k] = day; c.kind[k] = s + 1; c.member[k] = list[j]!;
          c.share[k] = share; c.score[k] = score; c.goldstein[k] = goldstein[i]!;
          c.root[k] = roots[cameo[i]!]!; c.outlet[k] = o >= 0 ? outletId[o]! : -1; c.article[k] = article;
          c.quad[k] = quadClass[i]!; c.period[k] = period; c.id[k] = eventIds[i]!;
        }
      }
    }
  }
  const count = c.length;
  if (count === 0) return [];

  // Coverage folding (score.ts foldCoverage): by day, then event id, unless already in day order.
  let order: Int32Array | undefined;
  for (let k = 1; k < count; k++) {
    if (c.dayNum[k]! < c.dayNum[k - 1]!) {
      order = sortByDayThenId(c.dayNum.subarray(0, count), c.id);
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
      const id = c.id[k]!;
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
      eventId: c.id[k]!, articleId: c.article[k]!, date: d.date, source: kind === 1 ? c.member[k]! : d.source, target: kind === 2 ? c.member[k]! : d.target,
      cameoCode: d.cameoCodes[d.cameo[i]!]!, score: round2(uScore[u]!), contribution: round2(contribution), coverage: uCount[u]!,
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

  // The steps (dyads.ts dyadSeries): decayed sums carried from step to step.
  const first = periodStart(opts.from ?? firstEvent, opts.by);
  const lastDate = opts.until ?? lastEvent;
  let num = 0;
  let den = 0;
  let at = -Infinity;
  let u = 0;
  const seen = new Uint8Array(outletNames.length);
  let outletsSeen = 0;
  const steps: SeriesStep[] = [];
  for (let start = first; start <= lastDate; start = dateOfDay(dayNumber(periodEnd(start, opts.by)) + 1)) {
    const end = periodEnd(start, opts.by);
    const endDay = dayNumber(end);
    const from = u;
    if (at !== -Infinity) {
      const k = decay(endDay - at, p.halfLifeDays);
      num *= k;
      den *= k;
    }
    at = endDay;
    while (u < units && uDay[u]! <= endDay) {
      const w = uShare[u]! * decay(endDay - uDay[u]!, p.halfLifeDays);
      num += w * uScore[u]!;
      den += w;
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
    const index = den === 0 ? 0 : round1((100 * num) / (10 * (den + p.prior)));
    steps.push({
      period: start, end,
      events: x ? round2(x.events) : 0, quad: x ? (x.quad.map(round2) as SeriesStep['quad']) : [0, 0, 0, 0],
      goldsteinSum: x ? round2(x.goldsteinSum) : 0, goldsteinMean: x ? (x.w === 0 ? 0 : round2(x.goldsteinSum / x.w)) : 0,
      articles: x?.articles ?? 0, outlets: x?.outlets ?? 0, eventIds: x?.eventIds ?? [],
      // Every unit has a report, so an article has been seen once a unit has.
      index, confidence: confidence(den, outletsSeen || (u > 0 ? 1 : 0)),
      drivers: u > from ? drivers(endDay, opts.drivers ?? 3, dayNumber(start), from, u) : [],
    });
  }
  return steps;
}
