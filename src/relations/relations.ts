/**
 * The relations picture from event rows: every dyad's index and change,
 * shifts, hedging and blocs. Pure: the caller loads rows from the Store and
 * passes the actor catalog and the alliance baseline.
 */
import type { AllianceBaseline } from './alliances.js';
import type { ActorCatalog } from './groups.js';
import { expandGroups } from './groups.js';
import { pairKey } from './keys.js';
import { dateOfDay, dayNumber, foldCoverage, round1, type EventUnit } from './score.js';
import { scanDyads } from './scan.js';
import { DEFAULT_PARAMS, type Contribution, type EvidenceRef, type RelationParams, type RelationRow } from './types.js';
import { findBlocs, type Bloc } from './blocs.js';

export interface DyadRelation {
  a: string;
  b: string;
  aName: string;
  bName: string;
  /** Relation index at `asOf`, −100…+100. */
  index: number;
  confidence: number;
  /** Distinct events and the reports (rows) behind them. */
  evidence: number;
  reports: number;
  articles: number;
  outlets: number;
  /** Reports by quad class (shares counted). */
  quad: [number, number, number, number];
  goldsteinSum: number;
  goldsteinMean: number;
  first: string;
  last: string;
  /** Index at the day before the recent window, and the change since. */
  before: number;
  change: number;
  /** Distinct events inside the recent window. */
  windowEvidence: number;
  /** Alliance-data baseline, and the agreements or rivalry behind it. */
  baseline: number;
  ties: string[];
  /** The events that weigh most in the index now, overall and inside the recent window. */
  top: EvidenceRef[];
  windowTop: EvidenceRef[];
  /** Only through a group (no event names both directly). */
  viaGroupOnly: boolean;
}

export interface Shift {
  a: string;
  b: string;
  direction: 'warming' | 'cooling';
  change: number;
  from: number;
  to: number;
  window: { start: string; end: string };
  baseline: number;
  /** Index minus baseline: how far from the alliance prior it now stands. */
  departure: number;
  confidence: number;
  windowEvidence: number;
  drivers: EvidenceRef[];
}

export interface Hedging {
  /** A is allied to B, C is a rival of B; A–C rises while A–B falls or stays flat. */
  a: string;
  b: string;
  c: string;
  ac: { index: number; change: number; evidence: EvidenceRef[] };
  ab: { index: number; change: number; evidence: EvidenceRef[] };
  bc: { index: number; rivalry: 'index' | 'listed'; evidence: EvidenceRef[] };
  alliance: string[];
  summary: string;
}

export interface RelationsResult {
  asOf: string;
  /** Start of the span the events cover (the oldest 2% of dates left out). */
  first: string;
  window: { start: string; end: string };
  params: RelationParams;
  dyads: DyadRelation[];
  shifts: Shift[];
  hedging: Hedging[];
  blocs: Bloc[];
  /** The events weighing most across all dyads. */
  keyEvents: EvidenceRef[];
  rows: number;
}

export interface ComputeOptions {
  /** The date the index is computed at (default: the last event's date). */
  asOf?: string;
  /** Start of the recent window for change (default: the last quarter of the span of the events, at least windowDays). */
  since?: string;
  params?: Partial<RelationParams>;
  /** Evidence pointers kept per dyad (default 3). */
  topEvidence?: number;
}

/** Units of every undirected dyad from rows (groups expanded). */
export function dyadUnits(rows: Iterable<RelationRow>, catalog: ActorCatalog, params: RelationParams): Map<string, { a: string; b: string; rows: Contribution[]; units: EventUnit[] }> {
  const byPair = new Map<string, { a: string; b: string; rows: Contribution[]; units: EventUnit[] }>();
  for (const c of sortByDay(expandGroups(rows, catalog, params))) {
    const key = pairKey(c.source, c.target);
    let d = byPair.get(key);
    if (!d) {
      const [a, b] = c.source < c.target ? [c.source, c.target] : [c.target, c.source];
      d = { a, b, rows: [], units: [] };
      byPair.set(key, d);
    }
    d.rows.push(c);
  }
  for (const d of byPair.values()) d.units = foldCoverage(d.rows, params);
  return byPair;
}

function quantileDay(rows: readonly RelationRow[], q: number): number {
  const step = Math.max(1, Math.floor(rows.length / 20_000));
  const days: number[] = [];
  for (let i = 0; i < rows.length; i += step) days.push(dayNumber(rows[i]!.date));
  days.sort((a, b) => a - b);
  return days[Math.min(days.length - 1, Math.floor(q * days.length))]!;
}

/** A B–C index at or below minus this makes rivals without a listed rivalry. */
const RIVAL_INDEX = 10;

/** Stable counting sort by day: linear, and each dyad's rows then arrive in order. */
export function sortByDay(list: Contribution[]): Contribution[] {
  if (list.length < 2) return list;
  let min = Infinity;
  let max = -Infinity;
  for (const c of list) {
    if (c.day < min) min = c.day;
    if (c.day > max) max = c.day;
  }
  if (max - min > 5_000_000) return [...list].sort((x, y) => x.day - y.day);
  const counts = new Uint32Array(max - min + 2);
  for (const c of list) counts[c.day - min + 1]! += 1;
  for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
  const out = new Array<Contribution>(list.length);
  for (const c of list) out[counts[c.day - min]!++] = c;
  return out;
}

export function computeRelations(rowsIn: Iterable<RelationRow>, catalog: ActorCatalog, alliances: AllianceBaseline, opts: ComputeOptions = {}): RelationsResult {
  const params: RelationParams = { ...DEFAULT_PARAMS, ...opts.params };
  const rows = Array.isArray(rowsIn) ? (rowsIn as RelationRow[]) : [...rowsIn];
  // "Now" is the last day something happened: planned and hypothetical events may lie in the future.
  // "Now" and the span ignore the extreme dates (the newest 0.5%, the oldest 2%): a few events dated far
  // off by their text must not move them.
  const happened = rows.filter((r) => r.modality !== 'planned' && r.modality !== 'hypothetical');
  const lastDate = happened.length ? dateOfDay(quantileDay(happened, 0.995)) : '';
  const firstDate = rows.length ? dateOfDay(quantileDay(rows, 0.02)) : '';
  const asOf = opts.asOf ?? (lastDate || new Date().toISOString().slice(0, 10));
  const asOfDay = dayNumber(asOf);
  // Without an explicit window, "recent" is the last quarter of the span covered, at least windowDays.
  const windowDays = opts.params?.windowDays ?? (firstDate ? Math.max(params.windowDays, Math.ceil((asOfDay - dayNumber(firstDate)) / 4)) : params.windowDays);
  const startDay = opts.since ? dayNumber(opts.since) : asOfDay - windowDays + 1;
  const window = { start: dateOfDay(startDay), end: asOf };
  const nTop = opts.topEvidence ?? 3;

  const dyads: DyadRelation[] = scanDyads(rows, catalog, params, { asOfDay, startDay, nTop }).map((d) => {
    const ties = alliances.ties(d.a, d.b, asOf);
    const rivalry = ties.find((t) => t.kind === 'rivalry');
    return {
    a: d.a, b: d.b, aName: catalog.name(d.a), bName: catalog.name(d.b),
    index: d.index, confidence: d.confidence, evidence: d.evidence, reports: d.reports, articles: d.articles, outlets: d.outlets,
    quad: d.quad, goldsteinSum: d.goldsteinSum, goldsteinMean: d.goldsteinMean, first: d.first, last: d.last,
    before: d.before, change: round1(d.index - d.before), windowEvidence: d.windowEvidence,
    baseline: rivalry ? rivalry.strength : ties.reduce((m, t) => Math.max(m, t.strength), 0), ties: ties.map((t) => t.id),
    top: d.top, windowTop: d.windowTop, viaGroupOnly: !d.direct,
  };
  });
  dyads.sort((x, y) => Math.abs(y.index) * (0.5 + y.confidence) - Math.abs(x.index) * (0.5 + x.confidence) || (x.a + x.b < y.a + y.b ? -1 : 1));
  const shifts = findShifts(dyads, window, params);
  const hedging = findHedging(dyads, shifts, alliances, asOf, params);
  const blocs = findBlocs(dyads.filter((d) => !d.viaGroupOnly && !catalog.isGroup(d.a) && !catalog.isGroup(d.b)));
  const keyEvents: EvidenceRef[] = [];
  const seen = new Set<string>();
  for (const e of dyads.filter((d) => !d.viaGroupOnly).flatMap((d) => d.top).sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution))) {
    if (seen.has(e.eventId)) continue;
    seen.add(e.eventId);
    keyEvents.push(e);
    if (keyEvents.length === 12) break;
  }
  return { asOf, window, first: firstDate || asOf, params: { ...params, windowDays: asOfDay - startDay + 1 }, dyads, shifts, hedging, blocs, keyEvents, rows: rows.length };
}

function findShifts(dyads: DyadRelation[], window: { start: string; end: string }, params: RelationParams): Shift[] {
  const out: Shift[] = [];
  for (const d of dyads) {
    if (d.viaGroupOnly || Math.abs(d.change) < params.minChange || d.windowEvidence < params.minEvents) continue;
    out.push({
      a: d.a, b: d.b, direction: d.change > 0 ? 'warming' : 'cooling', change: d.change, from: d.before, to: d.index,
      window, baseline: d.baseline, departure: round1(d.index - d.baseline), confidence: d.confidence, windowEvidence: d.windowEvidence,
      drivers: d.windowTop,
    });
  }
  return out.sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || (x.a + x.b < y.a + y.b ? -1 : 1));
}

function findHedging(dyads: DyadRelation[], shifts: Shift[], alliances: AllianceBaseline, asOf: string, params: RelationParams): Hedging[] {
  const byPair = new Map(dyads.map((d) => [pairKey(d.a, d.b), d]));
  const get = (x: string, y: string) => byPair.get(pairKey(x, y));
  const out: Hedging[] = [];
  for (const s of shifts) {
    if (s.direction !== 'warming') continue;
    for (const [a, c] of [[s.a, s.b], [s.b, s.a]] as const) {
      for (const b of alliances.alliesOf(a, asOf)) {
        if (b === c) continue;
        const bc = get(b, c);
        // Rivals: a listed rivalry the events do not contradict, or a clearly negative index.
        const evidenced = bc !== undefined && bc.evidence > 0 && !bc.viaGroupOnly;
        const rivalry: 'index' | 'listed' | undefined = alliances.rivals(b, c, asOf) && (!evidenced || bc.index <= 0) ? 'listed' : evidenced && bc.index <= -RIVAL_INDEX ? 'index' : undefined;
        if (!rivalry) continue;
        const ab = get(a, b);
        const abChange = ab?.change ?? 0;
        // "Falls or stays flat": A–B did not itself warm by a shift's worth.
        if (abChange >= params.minChange) continue;
        const ac = get(a, c)!;
        const alliance = alliances.ties(a, b, asOf).filter((t) => t.kind !== 'rivalry').map((t) => t.id).sort();
        out.push({
          a, b, c,
          ac: { index: ac.index, change: ac.change, evidence: ac.top },
          ab: { index: ab?.index ?? 0, change: abChange, evidence: ab?.top ?? [] },
          bc: { index: bc?.index ?? alliances.baseline(b, c, asOf), rivalry, evidence: bc?.top ?? [] },
          alliance,
          summary: `${a} is hedging away from ${b} toward ${c}: ${a}–${c} rose ${ac.change} points to ${ac.index} while ${a}–${b} ${abChange <= -params.minChange ? `fell ${-abChange} points to ${ab?.index ?? 0}` : `stayed flat at ${ab?.index ?? 0}`}; ${b} and ${c} are rivals (${rivalry === 'index' ? `${b}–${c} index ${bc!.index}` : `listed rivalry${evidenced ? `, ${b}–${c} index ${bc.index}` : ''}`}).`,
        });
      }
    }
  }
  return out.sort((x, y) => y.ac.change - x.ac.change || (x.a + x.b + x.c < y.a + y.b + y.c ? -1 : 1));
}

