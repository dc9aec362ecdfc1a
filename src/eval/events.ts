/**
 * Event coding evaluation against three gold formats (readers in
 * src/eval/gold/): the PLOVER gold-standard records, PETRARCH validation
 * XML and ConfliBERT's CAMEO quad-class TSV. Each evaluation codes the gold
 * sentences with the event coder and scores them with the shared metrics.
 */
import type { KnowledgeBase } from '../actors/kb.js';
import { codeSentence, type CodeSentenceResult, type MainEvent } from '../events/coder.js';
import { cameoConvention } from '../events/convention.js';
import type { Dictionary } from '../events/dictionary.js';
import type { Actor, EventRecord } from '../events/record.js';
import { CONFLIBERT_CLASSES, type ConflibertCase, type ConflibertClass } from './gold/conflibert.js';
import { accuracy, macroF1, prfFromCounts, matchTuples, type Counts, type MacroReport, type Prf, type Tuple } from './gold/metrics.js';
import { petrarchTuples, type PetrarchSentence } from './gold/petrarch.js';
import { goldEventTriples, type GoldEvent, type GoldSentence } from './gold/plover.js';

export interface EventEvalOptions {
  kb?: KnowledgeBase;
  dict?: Dictionary;
  /** Date for sentences without one (ISO). */
  date?: string;
  /** Keep per-case details of the misses (for --errors). */
  errors?: boolean;
}

export interface CaseError {
  id: string;
  text: string;
  gold: string;
  predicted: string;
}

export interface PloverEvalReport {
  format: 'plover';
  cases: number;
  /** Main event type per sentence (gold: the sentence's first record; predicted: the most salient event). */
  type_accuracy: number;
  source_accuracy: number;
  target_accuracy: number;
  /**
   * (type, source country, target country) triples of the main event,
   * micro-averaged over sentences: the gold records annotate one event per
   * example sentence, so the coder's most salient event is compared.
   */
  precision: number;
  recall: number;
  f1: number;
  triples: Prf;
  /** The same with every coded event of the sentence (extra events count as false positives). */
  all_events: Prf;
  errors: CaseError[];
}

export interface PetrarchEvalReport {
  format: 'petrarch';
  cases: number;
  /** (source country, target country, CAMEO root). */
  precision: number;
  recall: number;
  f1: number;
  root: Prf;
  /** (source country, target country, full event code). */
  code: Prf;
  errors: CaseError[];
}

export interface ConflibertEvalReport {
  format: 'conflibert';
  cases: number;
  accuracy: number;
  macro_f1: number;
  report: MacroReport;
  errors: CaseError[];
}

export type EventsEvalReport = PloverEvalReport | PetrarchEvalReport | ConflibertEvalReport;

/** ConfliBERT's five classes from a CAMEO root: 01–02 statements and appeals are 0, 03–05 verbal and 06–08 material cooperation, 09–13 and 16 verbal conflict, 14, 15 and 17–20 material conflict. */
export function conflibertClassOfRoot(root: string): ConflibertClass {
  const r = Number(root);
  if (r <= 2) return 0;
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  // ConfliBERT's labels put reducing relations (16: sanctions, expulsions, halted aid) with verbal conflict.
  if (r <= 13 || r === 16) return 3;
  return 4;
}

function code(text: string, date: string, opts: EventEvalOptions): CodeSentenceResult {
  return codeSentence(text, { date, ...(opts.kb ? { kb: opts.kb } : {}), ...(opts.dict ? { dict: opts.dict } : {}) });
}

/** An event or statement as the gold formats code it (see events/convention.ts). */
export interface CodedMain {
  kind: 'event' | 'statement';
  type?: string;
  root: string;
  code: string;
  event?: EventRecord;
}

/**
 * The most salient event or statement of a coded text, read through the
 * CAMEO convention (intents are AGREE/THREATEN, refusals REJECT); events the
 * convention does not code (negated attacks) give way to the next one.
 */
export function mainOf(r: CodeSentenceResult): CodedMain | undefined {
  const pick = (m: MainEvent): CodedMain | undefined => {
    if (m.kind === 'statement') return m.statement.negated ? undefined : { kind: 'statement', root: m.statement.code.slice(0, 2), code: m.statement.code };
    const c = cameoConvention(m.event);
    return c ? { kind: 'event', type: c.type, root: c.root, code: c.code, event: m.event } : undefined;
  };
  for (const m of r.main) {
    if (!m) continue;
    const c = pick(m);
    if (c) return c;
    for (const e of r.events) {
      if (e === (m.kind === 'event' ? m.event : undefined) || e.sentence.start !== (m.kind === 'event' ? m.event.sentence.start : m.statement.sentence.start)) continue;
      const next = pick({ kind: 'event', event: e });
      if (next) return next;
    }
  }
  return undefined;
}

const sameActor = (a: { code: string; text: string }, b: { code: string; text: string }): boolean => a.code === b.code && a.text === b.text;

/** (type, source country, target country) triples of a predicted event, the way goldEventTriples builds the gold ones. */
export function eventTriples(e: EventRecord): [string, string, string][] {
  const out: [string, string, string][] = [];
  const type = cameoConvention(e)?.type;
  if (!type) return out;
  const sources = e.sources.length ? e.sources : [undefined];
  const targets = e.targets.length ? e.targets : [undefined];
  // In a reciprocal list ("X and Y agreed": each party is the other's target) an actor is not its own target;
  // a one-to-one event on the same actor is a domestic event (a state acting at home) and counts.
  const several = sources.length > 1 || targets.length > 1;
  for (const s of sources) {
    for (const t of targets) {
      if (several && s && t && sameActor(s, t)) continue;
      out.push([type, s ? goldCountry(s) : '', t ? goldCountry(t) : '']);
    }
  }
  return out;
}

/**
 * An actor's country as the PLOVER GSR writes it: the GSR codes every
 * international organisation as IGO, governmental or not, where we give a
 * transnational NGO (Amnesty International, the Red Cross) no state.
 */
export function goldCountry(a: Pick<Actor, 'country' | 'code'>): string {
  if (a.country) return a.country;
  return /^NG[OM]/.test(a.code) ? 'IGO' : '';
}

const countrySet = (xs: readonly string[]): string => [...new Set(xs.filter(Boolean))].sort().join(',');

function describe(e: EventRecord | undefined): string {
  if (!e) return 'none';
  return `${e.plover.type} ${countrySet(e.sources.map(goldCountry)) || '-'}→${countrySet(e.targets.map(goldCountry)) || '-'} (${e.rule_id})`;
}

const isReciprocal = (e: GoldEvent): boolean => e.reciprocal && !e.targetCountries.length && e.sourceCountries.length > 1;

/**
 * Triples matched with the gold's reciprocal events ("X and Y agreed",
 * markup SRC/TAR and no target) read as undirected: their pairs are
 * compared unordered and once per pair on each side, so X → Y, Y → X or both
 * match the one interaction the gold records. Other triples keep their direction.
 */
export function matchUndirected(events: readonly GoldEvent[], gold: readonly Tuple[], predicted: readonly Tuple[]): Counts {
  const pairs = new Set<string>();
  for (const e of events) {
    if (!isReciprocal(e)) continue;
    for (const a of e.sourceCountries) for (const b of e.sourceCountries) pairs.add(`${e.type}|${[a, b].sort().join('|')}`);
  }
  if (!pairs.size) return matchTuples(gold, predicted);
  const canon = (ts: readonly Tuple[]): Tuple[] => {
    const out: Tuple[] = [];
    const seen = new Set<string>();
    for (const t of ts) {
      const [type, a, b] = t as [string, string, string];
      const sorted = [a, b].sort();
      const k = `${type}|${sorted.join('|')}`;
      if (!pairs.has(k)) {
        out.push(t);
        continue;
      }
      if (seen.has(k)) continue;
      seen.add(k);
      out.push([type, sorted[0]!, sorted[1]!]);
    }
    return out;
  };
  return matchTuples(canon(gold), canon(predicted));
}

/** PLOVER gold sentences: main-event type and actor accuracy, and triple P/R/F1. */
export function evalPlover(gold: readonly GoldSentence[], opts: EventEvalOptions = {}): PloverEvalReport {
  let typeOk = 0;
  let srcOk = 0;
  let tgtOk = 0;
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const every: Counts = { tp: 0, fp: 0, fn: 0 };
  const errors: CaseError[] = [];
  for (const s of gold) {
    const r = code(s.text, s.date ?? opts.date ?? '2000-01-01', opts);
    const m = mainOf(r);
    const main = m?.kind === 'event' ? m.event : undefined;
    const g = s.events[0]!;
    const goldTargets = g.reciprocal && !g.targetCountries.length ? g.sourceCountries : g.targetCountries;
    const okType = m?.type === g.type;
    let okSrc = countrySet(main?.sources.map(goldCountry) ?? []) === countrySet(g.sourceCountries);
    let okTgt = countrySet(main?.targets.map(goldCountry) ?? []) === countrySet(goldTargets);
    if (isReciprocal(g)) {
      // A reciprocal gold event has no direction: the parties on both sides together must be the gold's.
      okSrc = okTgt = countrySet([...(main?.sources ?? []), ...(main?.targets ?? [])].map(goldCountry)) === countrySet(g.sourceCountries);
    }
    if (okType) typeOk++;
    if (okSrc) srcOk++;
    if (okTgt) tgtOk++;
    const goldTriples: Tuple[] = s.events.flatMap((e) => goldEventTriples(e));
    const c = matchUndirected(s.events, goldTriples, main ? eventTriples(main) : []);
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    const ca = matchUndirected(s.events, goldTriples, r.events.flatMap(eventTriples));
    every.tp += ca.tp;
    every.fp += ca.fp;
    every.fn += ca.fn;
    if (opts.errors && (!okType || !okSrc || !okTgt || c.fp || c.fn)) {
      errors.push({ id: s.id, text: s.text, gold: `${g.type} ${countrySet(g.sourceCountries) || '-'}→${countrySet(goldTargets) || '-'}`, predicted: `${m?.type ?? ''} ${describe(main)}` });
    }
  }
  const n = gold.length;
  const triples = prfFromCounts(total);
  return {
    format: 'plover',
    cases: n,
    type_accuracy: n ? typeOk / n : 0,
    source_accuracy: n ? srcOk / n : 0,
    target_accuracy: n ? tgtOk / n : 0,
    precision: triples.precision,
    recall: triples.recall,
    f1: triples.f1,
    triples,
    all_events: prfFromCounts(every),
    errors,
  };
}

/** Predicted (source country, target country, code) tuples of a coded text: events and statements, one per dyad. */
function petrarchPredicted(r: CodeSentenceResult, level: 'root' | 'code'): Tuple[] {
  const out: Tuple[] = [];
  const push = (sources: readonly { code: string; text: string }[], targets: readonly { code: string; text: string }[], c: string) => {
    const ss = sources.length ? sources : [{ code: '', text: '' }];
    const ts = targets.length ? targets : [{ code: '', text: '' }];
    const several = ss.length > 1 || ts.length > 1;
    for (const s of ss) for (const t of ts) if (!(several && s.code && sameActor(s, t))) out.push([s.code.slice(0, 3), t.code.slice(0, 3), level === 'root' ? c.slice(0, 2) : c]);
  };
  for (const e of r.events) {
    const c = cameoConvention(e);
    if (c) push(e.sources, e.targets, c.code);
  }
  for (const st of r.statements) if (!st.negated) push(st.speaker, st.targets, st.code);
  return out;
}

/** PETRARCH validation sentences: P/R/F1 on (source, target, root) and on the full code. */
export function evalPetrarch(sentences: readonly PetrarchSentence[], opts: EventEvalOptions = {}): PetrarchEvalReport {
  const root: Counts = { tp: 0, fp: 0, fn: 0 };
  const full: Counts = { tp: 0, fp: 0, fn: 0 };
  const errors: CaseError[] = [];
  for (const s of sentences) {
    if (s.errors.length) continue;
    const r = code(s.text, s.date ?? opts.date ?? '2000-01-01', opts);
    const g = petrarchTuples(s, 'root');
    const p = petrarchPredicted(r, 'root');
    const cr = matchTuples(g, p);
    const cf = matchTuples(petrarchTuples(s, 'code'), petrarchPredicted(r, 'code'));
    for (const [acc, c] of [[root, cr], [full, cf]] as const) {
      acc.tp += c.tp;
      acc.fp += c.fp;
      acc.fn += c.fn;
    }
    if (opts.errors && (cr.fp || cr.fn)) errors.push({ id: s.id, text: s.text, gold: g.map((t) => t.join(':')).join(' ') || 'none', predicted: p.map((t) => t.join(':')).join(' ') || 'none' });
  }
  const rootPrf = prfFromCounts(root);
  return { format: 'petrarch', cases: sentences.length, precision: rootPrf.precision, recall: rootPrf.recall, f1: rootPrf.f1, root: rootPrf, code: prfFromCounts(full), errors };
}

/** The ConfliBERT class the coder gives a sentence: its main event's class, 0 when none. */
export function predictConflibertClass(r: CodeSentenceResult): ConflibertClass {
  const m = mainOf(r);
  return m ? conflibertClassOfRoot(m.root) : 0;
}

/** ConfliBERT quad-class cases: accuracy and 5-class macro-F1. */
export function evalConflibert(cases: readonly ConflibertCase[], opts: EventEvalOptions = {}): ConflibertEvalReport {
  const gold: ConflibertClass[] = [];
  const predicted: ConflibertClass[] = [];
  const errors: CaseError[] = [];
  for (const c of cases) {
    const r = code(c.text, opts.date ?? '2018-06-01', opts);
    const p = predictConflibertClass(r);
    gold.push(c.label);
    predicted.push(p);
    if (opts.errors && p !== c.label) {
      const m = mainOf(r);
      errors.push({ id: `line ${c.line}`, text: c.text, gold: String(c.label), predicted: `${p} ${m?.kind === 'event' ? `${m.code} ${describe(m.event)}` : m ? `statement ${m.code}` : 'none'}` });
    }
  }
  const report = macroF1(gold, predicted, CONFLIBERT_CLASSES);
  return { format: 'conflibert', cases: cases.length, accuracy: accuracy(gold, predicted), macro_f1: report.macroF1, report, errors };
}

const pct = (x: number): string => (x * 100).toFixed(1);

function prfLine(name: string, p: Prf): string {
  return `${name}: P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
}

/** A plain-text report, with the misses when the report kept them. */
export function formatEventsReport(r: EventsEvalReport, withErrors = false): string {
  const lines: string[] = [];
  if (r.format === 'plover') {
    lines.push(`PLOVER gold: ${r.cases} sentences`);
    lines.push(`event type accuracy: ${pct(r.type_accuracy)}%`);
    lines.push(`source country accuracy: ${pct(r.source_accuracy)}%   target country accuracy: ${pct(r.target_accuracy)}%`);
    lines.push(prfLine('(type, source, target) triples, main event', r.triples));
    lines.push(prfLine('(type, source, target) triples, all events', r.all_events));
  } else if (r.format === 'petrarch') {
    lines.push(`PETRARCH gold: ${r.cases} sentences`);
    lines.push(prfLine('(source, target, root)', r.root));
    lines.push(prfLine('(source, target, code)', r.code));
  } else {
    lines.push(`ConfliBERT gold: ${r.cases} sentences`);
    lines.push(`accuracy ${pct(r.accuracy)}%   macro-F1 ${pct(r.macro_f1)}%`);
    for (const c of r.report.perClass) lines.push(`  class ${c.label}: P ${pct(c.precision)}  R ${pct(c.recall)}  F1 ${pct(c.f1)}  (${c.support})`);
    lines.push(`  confusion (rows gold 0–4, columns predicted): ${r.report.confusion.map((row) => row.join(' ')).join(' | ')}`);
  }
  if (withErrors && r.errors.length) {
    lines.push('', `misses (${r.errors.length}):`);
    for (const e of r.errors) lines.push(`- ${e.id}: gold ${e.gold}; got ${e.predicted}`, `  ${e.text}`);
  }
  return lines.join('\n');
}
