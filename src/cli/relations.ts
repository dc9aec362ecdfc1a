/**
 * Relations commands: `relations`, `dyad`, `shifts`, `report`, `analyze`.
 * I/O edge: reads the Store, calls the pure functions in src/relations/ and
 * src/report/, prints or writes files.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { EventWithArticle, Store } from '../store/store.js';
import { loadKnowledgeBase } from '../actors/kb.js';
import { loadAlliances } from '../relations/alliances.js';
import { catalogFromKnowledgeBase, type ActorCatalog } from '../relations/groups.js';
import { dyadSpan, loadDyadDays, loadEvidence, loadRelationRows } from '../relations/load.js';
import { computeRelations, type ComputeOptions, type RelationsResult } from '../relations/relations.js';
import { dyadSeriesOfDays } from '../relations/days.js';
import { DEFAULT_PARAMS, type EvidenceRef, type Period, type RelationParams } from '../relations/types.js';
import { collectReport, periodFor } from '../report/collect.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { describeMethod } from '../report/method.js';

export interface RelationCommandContext {
  out(text: string): void;
  err(text: string): void;
  setExit(code: number): void;
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  isoDate(value: string): string;
  positiveInt(value: string): number;
  /** Ingest and annotate inputs (prints its own summary lines); returns the ingest exit status. */
  ingest(inputs: string[], opts: { date?: string }): Promise<number>;
}

interface ParamFlags {
  halfLife?: number;
  window?: number;
  asOf?: string;
  since?: string;
}

const HELP = `\nHow the index is computed:\n${describeMethod(DEFAULT_PARAMS, 'text').split('\n').map((l) => `  ${l}`).join('\n')}\n`;

function computeOptions(o: ParamFlags): ComputeOptions {
  const params: Partial<RelationParams> = {};
  if (o.halfLife) params.halfLifeDays = o.halfLife;
  if (o.window) params.windowDays = o.window;
  return { params, ...(o.asOf ? { asOf: o.asOf } : {}), ...(o.since ? { since: o.since } : {}) };
}

function withParamOptions(cmd: Command, ctx: RelationCommandContext): Command {
  return cmd
    .option('--as-of <YYYY-MM-DD>', 'compute the index at this date (default: the last event\'s date)', ctx.isoDate)
    .option('--half-life <days>', `days after which an event counts half (default ${DEFAULT_PARAMS.halfLifeDays})`, ctx.positiveInt)
    .option('--window <days>', `recent window for change when --since is not given (default ${DEFAULT_PARAMS.windowDays})`, ctx.positiveInt)
    .addHelpText('after', HELP);
}

let catalogCache: ActorCatalog | undefined;
function catalog(): ActorCatalog {
  catalogCache ??= catalogFromKnowledgeBase(loadKnowledgeBase());
  return catalogCache;
}

async function compute(store: Store, o: ParamFlags): Promise<RelationsResult> {
  const rows = await loadRelationRows(store, o.asOf ? { until: o.asOf } : {});
  return computeRelations(rows, catalog(), loadAlliances(), computeOptions(o));
}

const sign = (v: number): string => (v > 0 ? `+${v}` : `${v}`);
const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);

/** One evidence line: date, dyad, code, score, outlet, then the sentence. */
export function evidenceLines(refs: EvidenceRef[], evidence: Map<string, EventWithArticle>, indent = '    '): string[] {
  return refs.flatMap((r) => {
    const ev = evidence.get(r.eventId);
    const head = `${indent}${r.date}  ${r.source}→${r.target}  ${ev ? `${ev.record.plover.type} ` : ''}CAMEO ${r.cameoCode}${ev && ev.record.modality !== 'asserted' ? ` [${ev.record.modality}]` : ''}  score ${sign(r.score)}${r.coverage > 1 ? `  (${r.coverage} reports)` : ''}${r.via ? `  via ${r.via}` : ''}  — ${ev?.outlet ?? 'unknown outlet'}, article #${r.articleId}, event ${r.eventId}`;
    return [head, `${indent}  "${(ev?.record.sentence.text ?? '(event not found)').replace(/\s+/g, ' ')}"`];
  });
}

function parseBy(v: string): Period {
  if (v !== 'day' && v !== 'week' && v !== 'month') throw new InvalidArgumentError(`expected day, week or month, got "${v}"`);
  return v;
}

function actorKey(v: string): string {
  if (!/^[A-Za-z][A-Za-z-]{1,20}$/.test(v)) throw new InvalidArgumentError(`relations: unknown actor "${v}" (use an ISO3 code such as USA, or a group such as NATO)`);
  return v.toUpperCase();
}

/** The shifts and hedging report in text, with evidence. */
export function shiftsText(r: RelationsResult, evidence: Map<string, EventWithArticle>, name: (k: string) => string): string {
  const lines: string[] = [`Shifts ${r.window.start} → ${r.window.end} (index as of ${r.asOf}):`];
  if (r.shifts.length === 0) lines.push('  none');
  for (const s of r.shifts) {
    lines.push(`  ${s.a}–${s.b} (${name(s.a)} – ${name(s.b)})  ${s.direction} ${sign(s.change)}: ${s.from} → ${s.to}  baseline ${s.baseline}  confidence ${s.confidence}  ${s.windowEvidence} event(s) in window`);
    lines.push(...evidenceLines(s.drivers, evidence));
  }
  lines.push('', 'Hedging:');
  if (r.hedging.length === 0) lines.push('  none');
  for (const h of r.hedging) {
    lines.push(`  ${h.summary}  [alliance: ${h.alliance.join(', ')}]`);
    lines.push(`    ${h.a}–${h.c}:`, ...evidenceLines(h.ac.evidence, evidence, '      '));
    lines.push(`    ${h.a}–${h.b}:`, ...(h.ab.evidence.length ? evidenceLines(h.ab.evidence, evidence, '      ') : ['      (no events)']));
    lines.push(`    ${h.b}–${h.c}:`, ...(h.bc.evidence.length ? evidenceLines(h.bc.evidence, evidence, '      ') : ['      (no events: listed rivalry)']));
  }
  return lines.join('\n');
}

function evidenceIds(r: RelationsResult): string[] {
  return [...r.shifts.flatMap((s) => s.drivers), ...r.hedging.flatMap((h) => [...h.ac.evidence, ...h.ab.evidence, ...h.bc.evidence])].map((e) => e.eventId);
}

/** Write the report; returns the path written. */
async function writeReport(store: Store, o: ParamFlags & { format: 'html' | 'md'; output?: string }): Promise<{ path: string; result: RelationsResult }> {
  const data = await collectReport(store, catalog(), loadAlliances(), { ...computeOptions(o), ...(o.asOf ? { until: o.asOf } : {}) });
  const path = resolve(o.output ?? `report.${o.format}`);
  writeFileSync(path, o.format === 'html' ? renderHtml(data) : renderMarkdown(data));
  return { path, result: data.result };
}

export function registerRelationCommands(program: Command, ctx: RelationCommandContext): void {
  withParamOptions(
    program
      .command('relations')
      .description('dyads ranked by relation index and by change over the recent window')
      .option('--top <n>', 'how many of each ranking (default 20)', ctx.positiveInt, 20)
      .option('--since <YYYY-MM-DD>', 'start of the recent window for change', ctx.isoDate)
      .option('--groups', 'also list dyads reached only through a group (NATO, Europe)')
      .option('--json', 'print JSON'),
    ctx,
  ).action(async (o: ParamFlags & { top: number; json?: boolean; groups?: boolean }) => {
    const r = await ctx.withStore((s) => compute(s, o));
    const dyads = r.dyads.filter((d) => o.groups || !d.viaGroupOnly);
    const byChange = [...dyads].sort((x, y) => Math.abs(y.change) - Math.abs(x.change)).filter((d) => d.change !== 0);
    if (o.json) {
      ctx.out(JSON.stringify({ asOf: r.asOf, window: r.window, params: r.params, byIndex: dyads.slice(0, o.top), byChange: byChange.slice(0, o.top) }, null, 2) + '\n');
      return;
    }
    const row = (d: (typeof dyads)[number]) => `  ${pad(`${d.a}–${d.b}`, 16)}${lpad(d.index, 7)}${lpad(d.confidence.toFixed(2), 6)}${lpad(sign(d.change), 8)}${lpad(d.baseline, 6)}${lpad(d.evidence, 6)}${lpad(d.outlets, 6)}  ${d.aName} – ${d.bName}${d.ties.length ? `  [${d.ties.join(', ')}]` : ''}`;
    const head = `  ${pad('dyad', 16)}${lpad('index', 7)}${lpad('conf', 6)}${lpad('change', 8)}${lpad('base', 6)}${lpad('evts', 6)}${lpad('outl', 6)}`;
    ctx.out([`Relations as of ${r.asOf}; change over ${r.window.start} → ${r.window.end}; ${r.rows} event rows.`, '', 'By index:', head, ...dyads.slice(0, o.top).map(row), '', 'By change:', head, ...byChange.slice(0, o.top).map(row), ''].join('\n'));
  });

  withParamOptions(
    program
      .command('dyad')
      .description('one dyad\'s series (index, counts by quad class, Goldstein) and the events behind each step')
      .argument('<x>', 'actor: ISO3 code (USA) or group (NATO)', actorKey)
      .argument('<y>', 'actor: ISO3 code (CHN) or group', actorKey)
      .addOption(new Option('--by <period>', 'day, week or month (default: by the span of the events)').argParser(parseBy))
      .option('--directed', 'only events from x to y')
      .option('--json', 'print JSON'),
    ctx,
  ).action(async (x: string, y: string, o: ParamFlags & { by?: Period; directed?: boolean; json?: boolean }) => {
    if (x === y) throw new InvalidArgumentError(`dyad: the two actors are the same ("${x}")`);
    const cat = catalog();
    const params: RelationParams = { ...DEFAULT_PARAMS, ...computeOptions(o).params };
    const { steps, evidence } = await ctx.withStore(async (s) => {
      // The packed days (relation_days) of the pairs that can count: the pair, and each group with one of them while
      // the other is its member.
      const until = o.asOf ? { until: o.asOf } : {};
      const { days, near } = await loadDyadDays(s, cat, x, y, params, until);
      // The default period: by the span of every row between x or any group and y or any group.
      const period = (span: { first: string; last: string }) => (span.first ? periodFor(span.first, o.asOf ?? span.last) : 'month');
      const by = o.by ?? period(await dyadSpan(s, cat, near, { ...until, settled: (span) => period(span) === 'month' }));
      const steps = dyadSeriesOfDays(days, x, y, cat, { by, directed: !!o.directed, params, ...(o.asOf ? { until: o.asOf } : {}) });
      return { steps, evidence: await loadEvidence(s, steps.flatMap((st) => st.drivers.map((d) => d.eventId))) };
    });
    if (o.json) {
      ctx.out(JSON.stringify({ x, y, directed: !!o.directed, steps: steps.map((st) => ({ ...st, drivers: st.drivers.map((d) => ({ ...d, sentence: evidence.get(d.eventId)?.record.sentence.text, outlet: evidence.get(d.eventId)?.outlet })) })) }, null, 2) + '\n');
      return;
    }
    if (steps.length === 0) {
      ctx.out(`No events between ${x} and ${y}.\n`);
      return;
    }
    const lines = [`${x}${o.directed ? '→' : '–'}${y} (${cat.name(x)} – ${cat.name(y)})`, `  ${pad('period', 12)}${lpad('index', 7)}${lpad('conf', 6)}${lpad('events', 8)}  ${pad('q1/q2/q3/q4', 14)}${lpad('G sum', 8)}${lpad('G mean', 8)}${lpad('arts', 6)}${lpad('outl', 6)}`];
    for (const st of steps) {
      lines.push(`  ${pad(st.period, 12)}${lpad(st.index, 7)}${lpad(st.confidence.toFixed(2), 6)}${lpad(st.events, 8)}  ${pad(st.quad.join('/'), 14)}${lpad(st.goldsteinSum, 8)}${lpad(st.goldsteinMean, 8)}${lpad(st.articles, 6)}${lpad(st.outlets, 6)}`);
      lines.push(...evidenceLines(st.drivers, evidence, '      '));
    }
    ctx.out(lines.join('\n') + '\n');
  });

  withParamOptions(
    program
      .command('shifts')
      .description('dyads whose index moved past the threshold in the recent window, and hedging cases, each with evidence')
      .option('--since <YYYY-MM-DD>', 'start of the recent window (default: the last event\'s date minus the window)', ctx.isoDate)
      .option('--json', 'print JSON'),
    ctx,
  ).action(async (o: ParamFlags & { json?: boolean }) => {
    const { r, evidence } = await ctx.withStore(async (s) => {
      const r = await compute(s, o);
      return { r, evidence: await loadEvidence(s, evidenceIds(r)) };
    });
    const sentence = (ref: EvidenceRef) => ({ ...ref, sentence: evidence.get(ref.eventId)?.record.sentence.text, outlet: evidence.get(ref.eventId)?.outlet });
    if (o.json) {
      ctx.out(JSON.stringify({
        asOf: r.asOf, window: r.window,
        shifts: r.shifts.map((s) => ({ ...s, drivers: s.drivers.map(sentence) })),
        hedging: r.hedging.map((h) => ({ ...h, ac: { ...h.ac, evidence: h.ac.evidence.map(sentence) }, ab: { ...h.ab, evidence: h.ab.evidence.map(sentence) }, bc: { ...h.bc, evidence: h.bc.evidence.map(sentence) } })),
      }, null, 2) + '\n');
      return;
    }
    ctx.out(shiftsText(r, evidence, (k) => catalog().name(k)) + '\n');
  });

  withParamOptions(
    program
      .command('report')
      .description('write a briefing: headline shifts and hedging, top dyads with timelines, blocs, key events with their sentences and outlets')
      .addOption(new Option('--format <f>', 'html (self-contained, opens offline) or md').choices(['html', 'md']).default('html'))
      .option('-o, --output <file>', 'where to write (default report.html or report.md)')
      .option('--since <YYYY-MM-DD>', 'start of the recent window for shifts', ctx.isoDate),
    ctx,
  ).action(async (o: ParamFlags & { format: 'html' | 'md'; output?: string }) => {
    const { path } = await ctx.withStore((s) => writeReport(s, o));
    ctx.out(`report written to ${path}\n`);
  });

  withParamOptions(
    program
      .command('analyze')
      .description('the main job: ingest → resolve actors → code events → compute relations → write report.html and print a summary')
      .argument('<inputs...>', 'paths, directories, URLs or - (as for ingest)')
      .option('--date <YYYY-MM-DD>', 'publication date for articles that carry none', ctx.isoDate)
      .option('-o, --output <file>', 'report file (default report.html)')
      .option('--since <YYYY-MM-DD>', 'start of the recent window for shifts', ctx.isoDate),
    ctx,
  ).action(async (inputs: string[], o: ParamFlags & { date?: string; output?: string }) => ctx.setExit(await runAnalyze(ctx, inputs, o)));
}

/** `entente analyze` (and `entente demo`): ingest and annotate, compute relations, write the HTML report, print a summary. */
export async function runAnalyze(ctx: RelationCommandContext, inputs: string[], o: ParamFlags & { date?: string; output?: string } = {}): Promise<number> {
  const code = await ctx.ingest(inputs, o.date ? { date: o.date } : {});
  const { path, result } = await ctx.withStore((s) => writeReport(s, { ...o, format: 'html' }));
  ctx.out('\n' + summaryText(result, (k) => catalog().name(k)) + `\nReport: ${path} (open it in any browser; it works offline)\n`);
  return code;
}

/** The short terminal summary of `analyze`. */
export function summaryText(r: RelationsResult, name: (k: string) => string): string {
  const direct = r.dyads.filter((d) => !d.viaGroupOnly);
  const lines = [`Relations as of ${r.asOf} from ${r.rows} event rows: ${direct.length} dyads, ${r.shifts.length} shift(s), ${r.hedging.length} hedging case(s).`];
  if (r.hedging.length) lines.push('Hedging:', ...r.hedging.slice(0, 5).map((h) => `  ${h.summary}`));
  if (r.shifts.length) lines.push(`Shifts since ${r.window.start}:`, ...r.shifts.slice(0, 5).map((s) => `  ${name(s.a)} – ${name(s.b)}: ${s.direction} ${sign(s.change)} to ${s.to}`));
  const warm = direct.filter((d) => d.index > 0).slice(0, 3);
  const cold = direct.filter((d) => d.index < 0).slice(0, 3);
  if (warm.length) lines.push(`Warmest: ${warm.map((d) => `${d.a}–${d.b} ${d.index}`).join(', ')}`);
  if (cold.length) lines.push(`Coldest: ${cold.map((d) => `${d.a}–${d.b} ${d.index}`).join(', ')}`);
  return lines.join('\n');
}
