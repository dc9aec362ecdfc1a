/**
 * The relations picture from event rows: every dyad's index and change,
 * shifts, hedging and blocs. Pure: the caller loads rows from the Store and
 * passes the actor catalog and the alliance baseline.
 */
import type { AllianceBaseline } from './alliances.js';
import type { ActorCatalog } from './groups.js';
import { expandGroups } from './groups.js';
import { pairKey } from './keys.js';
import { dateOfDay, dayNumber, foldCoverage, indexAt, round1, topEvidence, type EventUnit } from './score.js';
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
  /** The events that weigh most in the index now. */
  top: EvidenceRef[];
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
  for (const c of expandGroups(rows, catalog, params)) {
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

export function computeRelations(rowsIn: Iterable<RelationRow>, catalog: ActorCatalog, alliances: AllianceBaseline, opts: ComputeOptions = {}): RelationsResult {
  const params: RelationParams = { ...DEFAULT_PARAMS, ...opts.params };
  const rows = Array.isArray(rowsIn) ? (rowsIn as RelationRow[]) : [...rowsIn];
  // "Now" is the last day something happened: planned and hypothetical events may lie in the future.
  let lastDate = '';
  let firstDate = '';
  for (const r of rows) {
    if (r.date > lastDate && r.modality !== 'planned' && r.modality !== 'hypothetical') lastDate = r.date;
    if (!firstDate || r.date < firstDate) firstDate = r.date;
  }
  const asOf = opts.asOf ?? (lastDate || new Date().toISOString().slice(0, 10));
  const asOfDay = dayNumber(asOf);
  // Without an explicit window, "recent" is the last quarter of the span covered, at least windowDays.
  const windowDays = opts.params?.windowDays ?? (firstDate ? Math.max(params.windowDays, Math.ceil((asOfDay - dayNumber(firstDate)) / 4)) : params.windowDays);
  const startDay = opts.since ? dayNumber(opts.since) : asOfDay - windowDays + 1;
  const window = { start: dateOfDay(startDay), end: asOf };
  const nTop = opts.topEvidence ?? 3;

  const dyads: DyadRelation[] = [];
  for (const d of dyadUnits(rows, catalog, params).values()) {
    const units = d.units;
    if (units.length === 0 || units[0]!.day > asOfDay) continue;
    const now = indexAt(units, asOfDay, params);
    const before = indexAt(units, startDay - 1, params);
    let windowEvidence = 0;
    for (const u of units) if (u.day >= startDay && u.day <= asOfDay) windowEvidence++;
    const quad: [number, number, number, number] = [0, 0, 0, 0];
    let gSum = 0;
    let w = 0;
    let first = '9999-12-31';
    let last = '';
    let direct = false;
    for (const r of d.rows) {
      if (r.date > asOf) continue;
      quad[r.quadClass - 1] = (quad[r.quadClass - 1] ?? 0) + r.share;
      gSum += r.share * r.goldstein;
      w += r.share;
      if (r.date < first) first = r.date;
      if (r.date > last) last = r.date;
      if (r.share === 1) direct = true;
    }
    const ties = alliances.ties(d.a, d.b, asOf);
    dyads.push({
      a: d.a, b: d.b, aName: catalog.name(d.a), bName: catalog.name(d.b),
      index: now.index, confidence: now.confidence, evidence: now.evidence, reports: now.reports, articles: now.articles, outlets: now.outlets,
      quad: quad.map((x) => Math.round(x * 100) / 100) as DyadRelation['quad'],
      goldsteinSum: Math.round(gSum * 100) / 100, goldsteinMean: w === 0 ? 0 : Math.round((gSum / w) * 100) / 100,
      first, last,
      before: before.index, change: round1(now.index - before.index), windowEvidence,
      baseline: alliances.baseline(d.a, d.b, asOf), ties: ties.map((t) => t.id),
      top: topEvidence(units, asOfDay, params, nTop),
      viaGroupOnly: !direct,
    });
  }
  dyads.sort((x, y) => Math.abs(y.index) * (0.5 + y.confidence) - Math.abs(x.index) * (0.5 + x.confidence) || (x.a + x.b < y.a + y.b ? -1 : 1));
  const unitsByPair = new Map<string, EventUnit[]>();
  const shifts = findShifts(dyads, window, params, (a, b) => unitsByPair.get(pairKey(a, b)) ?? []);
  const hedging = findHedging(dyads, shifts, alliances, asOf, params);
  const blocs = findBlocs(dyads.filter((d) => !d.viaGroupOnly && !catalog.isGroup(d.a) && !catalog.isGroup(d.b)));
  const keyEvents = dyads
    .filter((d) => !d.viaGroupOnly)
    .flatMap((d) => d.top)
    .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution))
    .filter((e, i, all) => all.findIndex((o) => o.eventId === e.eventId) === i)
    .slice(0, 12);
  return { asOf, window, params: { ...params, windowDays: asOfDay - startDay + 1 }, dyads, shifts, hedging, blocs, keyEvents, rows: rows.length };
}

function findShifts(dyads: DyadRelation[], window: { start: string; end: string }, params: RelationParams, _units: (a: string, b: string) => EventUnit[]): Shift[] {
  void _units;
  const out: Shift[] = [];
  for (const d of dyads) {
    if (d.viaGroupOnly || Math.abs(d.change) < params.minChange || d.windowEvidence < params.minEvents) continue;
    const inWindow = d.top.filter((e) => e.date >= window.start && e.date <= window.end);
    out.push({
      a: d.a, b: d.b, direction: d.change > 0 ? 'warming' : 'cooling', change: d.change, from: d.before, to: d.index,
      window, baseline: d.baseline, departure: round1(d.index - d.baseline), confidence: d.confidence, windowEvidence: d.windowEvidence,
      drivers: inWindow,
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
        const rivalry: 'index' | 'listed' | undefined = bc && bc.evidence > 0 && !bc.viaGroupOnly ? (bc.index < 0 ? 'index' : undefined) : alliances.rivals(b, c, asOf) ? 'listed' : undefined;
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
          summary: `${a} is hedging away from ${b} toward ${c}: ${a}–${c} rose ${ac.change} points to ${ac.index} while ${a}–${b} ${abChange <= -params.minChange ? `fell ${-abChange} points to ${ab?.index ?? 0}` : `stayed flat at ${ab?.index ?? 0}`}; ${b} and ${c} are rivals (${rivalry === 'index' ? `${b}–${c} index ${bc!.index}` : 'listed rivalry'}).`,
        });
      }
    }
  }
  return out.sort((x, y) => y.ac.change - x.ac.change || (x.a + x.b + x.c < y.a + y.b + y.c ? -1 : 1));
}

