import { z } from 'zod';
import type { KnowledgeBase } from '../../actors/kb.js';
import type { EventWithArticle, Store } from '../../store/store.js';
import { loadAlliances } from '../../relations/alliances.js';
import { catalogFromKnowledgeBase } from '../../relations/groups.js';
import { loadEvidence, loadRelationDays, loadRelationRows } from '../../relations/load.js';
import { computeRelations, type DyadRelation, type RelationsResult } from '../../relations/relations.js';
import { daysSpan, dyadSeriesOfDays, rowsOfDays } from '../../relations/days.js';
import { DEFAULT_PARAMS, type EvidenceRef } from '../../relations/types.js';
import { collectReport, periodFor } from '../../report/collect.js';
import { renderHtml } from '../../report/html.js';
import { renderMarkdown } from '../../report/markdown.js';
import { ApiError } from '../errors.js';
import { RawBody, route, type AnyRoute } from '../route.js';
import { bool, isoDate, limit } from '../schemas.js';
import { eventView } from './events.js';

const key = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{1,20}$/, 'expected an ISO3 code such as USA or a group such as NATO').transform((s) => s.toUpperCase());
const range = { since: isoDate.optional().describe('start of the recent window for change (default: the last 30 days)'), until: isoDate.optional().describe('compute the index as of this date (default: the last event’s date)') };

export const dyadsQuery = z
  .object({
    ...range,
    top: limit(1000, 50),
    sort: z.enum(['index', 'change', 'evidence']).default('index').describe('index: strongest ties first (by |index|); change: biggest movers first'),
    actor: key.optional().describe('only dyads with this actor'),
    groups: bool.default('false').describe('include dyads reached only through a group (NATO, Europe)'),
  })
  .strict();
export const graphQuery = z
  .object({
    ...range,
    min: z.coerce.number().int().min(1).max(100000).default(1).describe('least events an edge needs'),
    top: limit(5000, 300).describe('most edges, those with the most evidence (1…5000, default 300)'),
    groups: bool.default('false'),
  })
  .strict();
export const seriesQuery = z
  .object({ by: z.enum(['day', 'week', 'month']).optional().describe('period of each step (default: by the span of the events)'), directed: bool.default('false').describe('only events from the first actor to the second'), until: isoDate.optional() })
  .strict();
export const shiftsQuery = z.object(range).strict();
export const reportQuery = z.object({ ...range, format: z.enum(['json', 'html', 'md']).default('json') }).strict();
const pairParams = z.object({ a: key, b: key }).strict();

/** What relations cost to compute: cache it per query; API ingest clears it, and it expires (for other writers). */
export const RELATIONS_TTL_MS = 5 * 60_000;
const TTL_MS = RELATIONS_TTL_MS;
/** Dyad views kept (the busiest dyad of a million events takes seconds to compute). */
const SERIES_CACHE = 256;

export interface RelationsApi {
  routes: AnyRoute[];
  warm: () => void;
  actorDyads: (actor: { id: string; code: string; country: string }) => Promise<DyadRelation[]>;
  invalidate: () => void;
}

export function relationRoutes(store: Store, kb: KnowledgeBase): RelationsApi {
  const catalog = catalogFromKnowledgeBase(kb);
  const alliances = loadAlliances();
  const cache = new Map<string, { at: number; value: Promise<RelationsResult> }>();
  const series = new Map<string, { at: number; value: Promise<unknown> }>();
  let lastAsOf: string | undefined;

  const compute = (q: { since?: string | undefined; until?: string | undefined }): Promise<RelationsResult> => {
    const k = `${q.since ?? ''}|${q.until ?? ''}`;
    const hit = cache.get(k);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = loadRelationRows(store, q.until ? { until: q.until } : {}).then((rows) => {
      const r = computeRelations(rows, catalog, alliances, { ...(q.since ? { since: q.since } : {}), ...(q.until ? { asOf: q.until } : {}) });
      if (!q.until) lastAsOf = r.asOf;
      return r;
    });
    value.catch(() => cache.delete(k));
    cache.set(k, { at: Date.now(), value });
    return value;
  };

  /** Evidence refs → the API's events (sentence, trigger, article head, outlet). */
  const evidenceEvents = async (refs: Iterable<EvidenceRef>) => {
    const found = await loadEvidence(store, [...refs].map((r) => r.eventId));
    return [...found.values()].map((e: EventWithArticle) =>
      eventView({ ...e, article: { id: e.articleId, title: e.title, ...(e.outlet ? { outlet: e.outlet } : {}), ...(e.published ? { published: e.published } : {}) } }),
    );
  };
  const names = (r: RelationsResult): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const d of r.dyads) {
      out[d.a] = d.aName;
      out[d.b] = d.bName;
    }
    for (const s of r.shifts) for (const k of [s.a, s.b]) out[k] ??= catalog.name(k);
    for (const h of r.hedging) for (const k of [h.a, h.b, h.c]) out[k] ??= catalog.name(k);
    return out;
  };
  const rangeOf = (q: { since?: string | undefined; until?: string | undefined }) => {
    if (q.since && q.until && q.since > q.until) throw new ApiError(400, 'bad_parameter', `api: parameter "since": ${q.since} is after until ${q.until}`);
    return { since: q.since, until: q.until };
  };

  /** Groups a key belongs to (now or in 2015): their events reach the key's dyads. */
  const groupsOf = (k: string): string[] =>
    catalog.groupKeys().filter((g) => (catalog.members(g, new Date().toISOString().slice(0, 10)) ?? []).includes(k) || (catalog.members(g, '2015-01-01') ?? []).includes(k));

  const dyadView = async (p: { a: string; b: string }, q: z.infer<typeof seriesQuery>) => {
    const until = q.until ?? lastAsOf;
    // The pair's packed days (relation_days): the series is computed on their columns; the index now and the shifts
    // on the same rows as objects.
    const days = await loadRelationDays(store, { between: [[p.a, ...groupsOf(p.a)], [p.b, ...groupsOf(p.b)]], ...(until ? { until } : {}) });
    const params = DEFAULT_PARAMS;
    const { first, last } = daysSpan(days);
    const asOf = until ?? last;
    const by = q.by ?? (first ? periodFor(first, asOf) : 'month');
    const steps = dyadSeriesOfDays(days, p.a, p.b, catalog, { by, directed: q.directed === 'true', params, ...(asOf ? { until: asOf } : {}) });
    const rows = rowsOfDays(days);
    const local = rows.length ? computeRelations(rows, catalog, alliances, { ...(asOf ? { asOf } : {}) }) : undefined;
    const relation = local?.dyads.find((d) => (d.a === p.a && d.b === p.b) || (d.a === p.b && d.b === p.a)) ?? null;
    const shifts = local?.shifts.filter((s) => (s.a === p.a && s.b === p.b) || (s.a === p.b && s.b === p.a)) ?? [];
    const refs = [...(relation?.top ?? []), ...steps.flatMap((s) => s.drivers), ...shifts.flatMap((s) => s.drivers)];
    return { a: p.a, b: p.b, aName: catalog.name(p.a), bName: catalog.name(p.b), asOf, by, relation, steps, shifts, evidence: await evidenceEvents(refs) };
  };

  const routes: AnyRoute[] = [
    route({
      method: 'GET',
      path: '/api/dyads',
      operationId: 'listDyads',
      memo: true,
      summary: 'Dyads ranked by relation index (−100…+100), by change over the recent window, or by evidence',
      tag: 'relations',
      query: dyadsQuery,
      returns: '{ asOf, window, total, items: Dyad[] }',
      handler: async ({ query: q }) => {
        const r = await compute(rangeOf(q));
        let items = r.dyads.filter((d) => (q.groups === 'true' || !d.viaGroupOnly) && (!q.actor || d.a === q.actor || d.b === q.actor));
        if (q.sort === 'change') items = items.filter((d) => d.change !== 0).sort((x, y) => Math.abs(y.change) - Math.abs(x.change));
        else if (q.sort === 'evidence') items = [...items].sort((x, y) => y.evidence - x.evidence);
        else items = [...items].sort((x, y) => Math.abs(y.index) - Math.abs(x.index));
        return { asOf: r.asOf, window: r.window, total: items.length, items: items.slice(0, q.top) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/dyads/:a/:b',
      operationId: 'getDyad',
      memo: true,
      summary: 'One dyad: its index now, its series by period with the events behind each step, its shifts',
      tag: 'relations',
      params: pairParams,
      query: seriesQuery,
      returns: '{ a, b, aName, bName, relation, steps, shifts, evidence: Event[] }',
      handler: async ({ params: p, query: q }) => {
        if (p.a === p.b) throw new ApiError(400, 'bad_parameter', `api: parameter "b": the two actors are the same ("${p.a}")`);
        const k = `${p.a}|${p.b}|${q.by ?? ''}|${q.directed}|${q.until ?? ''}`;
        const hit = series.get(k);
        if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
        const value = dyadView(p, q);
        value.catch(() => series.delete(k));
        if (series.size >= SERIES_CACHE) series.delete(series.keys().next().value!);
        series.set(k, { at: Date.now(), value });
        return value;
      },
    }),
    route({
      method: 'GET',
      path: '/api/graph',
      operationId: 'graph',
      memo: true,
      summary: 'The signed relation graph for a date range: actors, dyads as edges (index, evidence), blocs',
      tag: 'relations',
      query: graphQuery,
      returns: '{ asOf, window, nodes, edges, blocs }',
      handler: async ({ query: q }) => {
        const r = await compute(rangeOf(q));
        const kept = r.dyads.filter((d) => (q.groups === 'true' || !d.viaGroupOnly) && d.evidence >= q.min);
        const edges = kept.length > q.top ? [...kept].sort((x, y) => y.evidence - x.evidence || Math.abs(y.index) - Math.abs(x.index)).slice(0, q.top) : kept;
        const evidence = new Map<string, number>();
        for (const e of edges) for (const k of [e.a, e.b]) evidence.set(k, (evidence.get(k) ?? 0) + e.evidence);
        const blocOf = new Map<string, number>();
        for (const b of r.blocs) for (const m of b.members) blocOf.set(m, b.id);
        const nodes = [...evidence.keys()].sort().map((id) => ({ id, name: catalog.name(id), bloc: blocOf.get(id) ?? null, evidence: evidence.get(id)! }));
        const present = new Set(nodes.map((n) => n.id));
        const blocs = r.blocs.map((b) => ({ ...b, members: b.members.filter((m) => present.has(m)) })).filter((b) => b.members.length >= 2);
        return { asOf: r.asOf, window: r.window, total: kept.length, nodes, edges: edges.map(({ top: _t, ...rest }) => rest), blocs };
      },
    }),
    route({
      method: 'GET',
      path: '/api/shifts',
      operationId: 'shifts',
      memo: true,
      summary: 'Shifts (dyads that moved past the threshold in the recent window) and hedging cases, each with its evidence events',
      tag: 'relations',
      query: shiftsQuery,
      returns: '{ asOf, window, names, shifts, hedging, evidence: Event[] }',
      handler: async ({ query: q }) => {
        const r = await compute(rangeOf(q));
        const refs = [...r.shifts.flatMap((s) => s.drivers), ...r.hedging.flatMap((h) => [...h.ac.evidence, ...h.ab.evidence, ...h.bc.evidence])];
        return { asOf: r.asOf, window: r.window, names: names(r), shifts: r.shifts, hedging: r.hedging, evidence: await evidenceEvents(refs) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/report',
      operationId: 'report',
      memo: true,
      summary: 'The briefing report: JSON (default), self-contained HTML, or Markdown',
      tag: 'relations',
      query: reportQuery,
      returns: 'JSON { asOf, window, stats, dyads, shifts, hedging, blocs, keyEvents, evidence } or text/html or text/markdown',
      handler: async ({ query: q }) => {
        const range = rangeOf(q);
        const data = await collectReport(store, catalog, alliances, { ...(range.since ? { since: range.since } : {}), ...(range.until ? { until: range.until, asOf: range.until } : {}) });
        if (q.format === 'html') return new RawBody('text/html; charset=utf-8', renderHtml(data), "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        if (q.format === 'md') return new RawBody('text/markdown; charset=utf-8', renderMarkdown(data));
        const r = data.result;
        return {
          title: data.title,
          asOf: r.asOf,
          window: r.window,
          stats: data.stats,
          dyads: r.dyads.filter((d) => !d.viaGroupOnly).slice(0, data.topDyads),
          shifts: r.shifts,
          hedging: r.hedging,
          blocs: r.blocs,
          keyEvents: r.keyEvents,
          series: Object.fromEntries(data.series),
          evidence: [...data.evidence.values()].map((e) => eventView({ ...e, article: { id: e.articleId, title: e.title, ...(e.outlet ? { outlet: e.outlet } : {}), ...(e.published ? { published: e.published } : {}) } })),
        };
      },
    }),
  ];

  return {
    routes,
    // Start the whole-picture computation at start-up so the first visitor of the network does not wait for it all.
    warm: () => {
      compute({}).catch(() => undefined);
    },
    actorDyads: async (actor) => {
      const k = actor.country && actor.country !== 'IGO' ? actor.country : actor.id.toUpperCase();
      const r = await compute({});
      return r.dyads.filter((d) => (d.a === k || d.b === k) && !d.viaGroupOnly).map(({ top: _t, ...rest }) => rest as DyadRelation);
    },
    invalidate: () => {
      cache.clear();
      series.clear();
    },
  };
}
