/**
 * Dyad aggregates and series: counts by quad class, Goldstein sum and mean,
 * distinct articles and outlets, per day, week or month, directed or not.
 */
import type { Contribution, Period, RelationParams, EvidenceRef } from './types.js';
import { confidence, dateOfDay, dayNumber, decay, foldCoverage, round1, round2, topEvidence } from './score.js';

/** The first day of the period holding `date`: the day, the Monday of its ISO week, or the 1st of the month. */
export function periodStart(date: string, by: Period): string {
  if (by === 'day') return date.slice(0, 10);
  if (by === 'month') return `${date.slice(0, 7)}-01`;
  let start = weekCache.get(date);
  if (start === undefined) {
    const d = dayNumber(date);
    // 1970-01-01 was a Thursday: (d + 3) mod 7 is days since Monday.
    start = dateOfDay(d - ((d + 3) % 7 + 7) % 7);
    if (weekCache.size < 100_000) weekCache.set(date, start);
  }
  return start;
}

/** Monday of the week of a date (a corpus has few distinct dates; formatting one costs more than looking it up). */
const weekCache = new Map<string, string>();

/** The last day of the period starting on `start`. */
export function periodEnd(start: string, by: Period): string {
  if (by === 'day') return start;
  if (by === 'week') return dateOfDay(dayNumber(start) + 6);
  const [y, m] = start.split('-').map(Number) as [number, number];
  return dateOfDay(dayNumber(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`) - 1);
}

export interface DyadAggregate {
  /** Undirected: the two keys sorted; directed: source and target. */
  source: string;
  target: string;
  directed: boolean;
  period: string;
  /** Event rows (reports), counted with their group share. */
  events: number;
  /** Counts by quad class 1–4 (verbal coop, material coop, verbal conflict, material conflict). */
  quad: [number, number, number, number];
  goldsteinSum: number;
  goldsteinMean: number;
  articles: number;
  outlets: number;
  eventIds: string[];
}

/** Aggregate every dyad by period. Rows reached through a group count with their share. */
export function aggregateDyads(rows: Iterable<Contribution>, opts: { by: Period; directed: boolean }): DyadAggregate[] {
  const acc = new Map<string, { a: DyadAggregate; articles: Set<number>; outlets: Set<string>; ids: Set<string>; w: number }>();
  // Rows come grouped by dyad and date: the period and the accumulator of the row before usually serve again.
  let lastDate = '';
  let period = '';
  let lastKey = '';
  let x: { a: DyadAggregate; articles: Set<number>; outlets: Set<string>; ids: Set<string>; w: number } | undefined;
  for (const r of rows) {
    const swap = !opts.directed && !(r.source < r.target);
    const s = swap ? r.target : r.source;
    const t = swap ? r.source : r.target;
    if (r.date !== lastDate) {
      lastDate = r.date;
      period = periodStart(r.date, opts.by);
    }
    if (!x || x.a.source !== s || x.a.target !== t || x.a.period !== period) {
      lastKey = `${s}|${t}|${period}`;
      x = acc.get(lastKey);
    }
    if (!x) {
      const key = lastKey;
      x = { a: { source: s, target: t, directed: opts.directed, period, events: 0, quad: [0, 0, 0, 0], goldsteinSum: 0, goldsteinMean: 0, articles: 0, outlets: 0, eventIds: [] }, articles: new Set(), outlets: new Set(), ids: new Set(), w: 0 };
      acc.set(key, x);
    }
    x.a.events += r.share;
    x.a.quad[r.quadClass - 1] = (x.a.quad[r.quadClass - 1] ?? 0) + r.share;
    x.a.goldsteinSum += r.share * r.goldstein;
    x.w += r.share;
    x.articles.add(r.articleId);
    if (r.outlet) x.outlets.add(r.outlet);
    if (x.a.eventIds.length < 1000 && !x.ids.has(r.eventId)) {
      x.ids.add(r.eventId);
      x.a.eventIds.push(r.eventId);
    }
  }
  const out = [...acc.values()].map(({ a, articles, outlets, w }) => ({
    ...a,
    events: round2(a.events),
    quad: a.quad.map(round2) as DyadAggregate['quad'],
    goldsteinSum: round2(a.goldsteinSum),
    goldsteinMean: w === 0 ? 0 : round2(a.goldsteinSum / w),
    articles: articles.size,
    outlets: outlets.size,
  }));
  return out.sort((x, y) => (x.source + x.target + x.period < y.source + y.target + y.period ? -1 : 1));
}

export interface SeriesStep extends Omit<DyadAggregate, 'source' | 'target' | 'directed'> {
  /** Last day of the period. */
  end: string;
  /** The relation index at the end of the period (all events up to then, decayed). */
  index: number;
  confidence: number;
  /** The events of this period that move the index most. */
  drivers: EvidenceRef[];
}

/**
 * One dyad's series: every period from its first event (or from `from`;
 * earlier events still count in the index) to `until` — empty periods
 * included, their index decaying — with the events behind each step.
 */
export function dyadSeries(rows: Contribution[], a: string, b: string, opts: { by: Period; directed?: boolean; from?: string; until?: string; params: RelationParams; drivers?: number }): SeriesStep[] {
  // The same test as pairKey(r.source, r.target) === pairKey(a, b), without building two strings per row.
  const mine = rows.filter(opts.directed ? (r) => r.source === a && r.target === b : (r) => (r.source === a && r.target === b) || (r.source === b && r.target === a));
  if (mine.length === 0) return [];
  const units = foldCoverage(mine, opts.params);
  // Undirected steps merge both directions of the same period.
  const merged = new Map<string, DyadAggregate>();
  for (const x of aggregateDyads(mine, { by: opts.by, directed: !!opts.directed })) merged.set(x.period, x);
  const firstEvent = mine.reduce((m, r) => (r.date < m ? r.date : m), mine[0]!.date);
  const first = periodStart(opts.from ?? firstEvent, opts.by);
  const lastDate = opts.until ?? mine.reduce((m, r) => (r.date > m ? r.date : m), mine[0]!.date);
  const p = opts.params;
  const index = new DecayedIndex(p);
  let u = 0;
  const outletSeen = new Set<string>();
  const articleSeen = new Set<number>();
  const steps: SeriesStep[] = [];
  for (const { start, end, endDay } of seriesPeriods(first, lastDate, opts.by)) {
    const from = u;
    index.moveTo(endDay);
    while (u < units.length && units[u]!.day <= endDay) {
      const x = units[u]!;
      index.add(x.share, x.day, x.score);
      for (const r of x.reports) {
        articleSeen.add(r.articleId);
        if (r.outlet) outletSeen.add(r.outlet);
      }
      u++;
    }
    const x = merged.get(start);
    steps.push({
      period: start, end,
      events: x?.events ?? 0, quad: x?.quad ?? [0, 0, 0, 0], goldsteinSum: x?.goldsteinSum ?? 0, goldsteinMean: x?.goldsteinMean ?? 0,
      articles: x?.articles ?? 0, outlets: x?.outlets ?? 0, eventIds: x?.eventIds ?? [],
      index: index.value, confidence: confidence(index.den, outletSeen.size || (articleSeen.size > 0 ? 1 : 0)),
      drivers: u > from ? topEvidence(units, endDay, p, opts.drivers ?? 3, dayNumber(start), from, u) : [],
    });
  }
  return steps;
}

/** The periods of a series, `first` (a period start) to the one holding `last`, each with its end and end day. */
export function* seriesPeriods(first: string, last: string, by: Period): Generator<{ start: string; end: string; endDay: number }> {
  for (let start = first; start <= last; start = dateOfDay(dayNumber(periodEnd(start, by)) + 1)) {
    const end = periodEnd(start, by);
    yield { start, end, endDay: dayNumber(end) };
  }
}

/**
 * The relation index of a series in one pass: the decayed sums are carried from step to step (½^(a+b) = ½^a · ½^b)
 * — `moveTo` each step's end day, then `add` the distinct events up to it.
 */
export class DecayedIndex {
  num = 0;
  den = 0;
  #at = -Infinity;
  readonly #p: Pick<RelationParams, 'halfLifeDays' | 'prior'>;
  constructor(p: Pick<RelationParams, 'halfLifeDays' | 'prior'>) {
    this.#p = p;
  }
  moveTo(endDay: number): void {
    if (this.#at !== -Infinity) {
      const k = decay(endDay - this.#at, this.#p.halfLifeDays);
      this.num *= k;
      this.den *= k;
    }
    this.#at = endDay;
  }
  add(share: number, day: number, score: number): void {
    const w = share * decay(this.#at - day, this.#p.halfLifeDays);
    this.num += w * score;
    this.den += w;
  }
  /** The index at the current step (−100…+100, one decimal). */
  get value(): number {
    return this.den === 0 ? 0 : round1((100 * this.num) / (10 * (this.den + this.#p.prior)));
  }
}
