/**
 * Gather what a briefing shows: the relations picture, each shown dyad's
 * series, and the events (sentences, outlets) behind every figure.
 */
import type { EventWithArticle, Store } from '../store/store.js';
import type { AllianceBaseline } from '../relations/alliances.js';
import type { ActorCatalog } from '../relations/groups.js';
import { expandGroups } from '../relations/groups.js';
import { pairKey } from '../relations/keys.js';
import { loadEvidence, loadRelationRows } from '../relations/load.js';
import { computeRelations, type ComputeOptions, type RelationsResult } from '../relations/relations.js';
import { dyadSeries, type SeriesStep } from '../relations/dyads.js';
import { dateOfDay, dayNumber } from '../relations/score.js';
import type { Contribution, EvidenceRef, Period } from '../relations/types.js';

export interface ReportData {
  title: string;
  result: RelationsResult;
  /** Dyads shown with a timeline, by pair key. */
  series: Map<string, SeriesStep[]>;
  period: Period;
  evidence: Map<string, EventWithArticle>;
  stats: { articles: number; events: number; outlets: number; first: string; last: string };
  name: (key: string) => string;
  topDyads: number;
  /** Blocs at the end of earlier periods, oldest first (empty for very large stores). */
  blocHistory: Array<{ asOf: string; blocs: RelationsResult['blocs'] }>;
}

/** A period that gives a readable timeline for a span of dates. */
export function periodFor(first: string, last: string): Period {
  const span = dayNumber(last) - dayNumber(first);
  return span > 180 ? 'month' : span > 21 ? 'week' : 'day';
}

export async function collectReport(store: Store, catalog: ActorCatalog, alliances: AllianceBaseline, opts: ComputeOptions & { title?: string; topDyads?: number; until?: string } = {}): Promise<ReportData> {
  const rows = await loadRelationRows(store, opts.until ? { until: opts.until } : {});
  const result = computeRelations(rows, catalog, alliances, opts);
  const topDyads = opts.topDyads ?? 12;
  let first = '';
  let last = '';
  const events = new Set<string>();
  const outlets = new Set<string>();
  for (const r of rows) {
    if (!first || r.date < first) first = r.date;
    if (r.date > last) last = r.date;
    events.add(r.eventId);
    if (r.outlet) outlets.add(r.outlet);
  }
  const period = first ? periodFor(result.first, result.asOf) : 'month';
  const shown = new Set<string>();
  const direct = result.dyads.filter((d) => !d.viaGroupOnly);
  for (const d of direct.slice(0, topDyads)) shown.add(pairKey(d.a, d.b));
  for (const s of result.shifts.slice(0, 8)) shown.add(pairKey(s.a, s.b));
  for (const h of result.hedging) for (const [x, y] of [[h.a, h.c], [h.a, h.b], [h.b, h.c]] as const) shown.add(pairKey(x, y));
  const byPair = new Map<string, Contribution[]>();
  for (const c of expandGroups(rows, catalog, result.params)) {
    const k = pairKey(c.source, c.target);
    if (shown.has(k)) byPair.set(k, [...(byPair.get(k) ?? []), c]);
  }
  const series = new Map<string, SeriesStep[]>();
  for (const [k, list] of byPair) {
    const [a, b] = k.split('–') as [string, string];
    series.set(k, dyadSeries(list, a, b, { by: period, from: result.first, until: result.asOf, params: result.params }));
  }
  const ids = new Set<string>();
  const add = (refs: EvidenceRef[]) => refs.forEach((r) => ids.add(r.eventId));
  direct.slice(0, topDyads).forEach((d) => add(d.top));
  result.shifts.forEach((s) => add(s.drivers));
  result.hedging.forEach((h) => [h.ac.evidence, h.ab.evidence, h.bc.evidence].forEach(add));
  add(result.keyEvents);
  for (const s of series.values()) for (const step of s) add(step.drivers);
  const evidence = await loadEvidence(store, ids);
  // Blocs tracked over time: recomputed at the end of up to five earlier periods of the span.
  const blocHistory: ReportData['blocHistory'] = [];
  if (rows.length > 0 && rows.length <= 200_000) {
    const span = dayNumber(result.asOf) - dayNumber(result.first);
    const stepDays = Math.max(7, Math.ceil(span / 5));
    for (let k = 4; k >= 1; k--) {
      const at = dayNumber(result.asOf) - k * stepDays;
      if (at < dayNumber(result.first)) continue;
      const asOf = dateOfDay(at);
      blocHistory.push({ asOf, blocs: computeRelations(rows, catalog, alliances, { ...opts, asOf, since: undefined }).blocs });
    }
    blocHistory.push({ asOf: result.asOf, blocs: result.blocs });
  }
  const articles = (await store.listArticles({ limit: 0 })).total;
  return {
    title: opts.title ?? 'Entente briefing',
    result, series, period, evidence, topDyads, blocHistory,
    stats: { articles, events: events.size, outlets: outlets.size, first, last },
    name: (k) => catalog.name(k),
  };
}
