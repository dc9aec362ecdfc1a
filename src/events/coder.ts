/**
 * The event coder: a pure stage from analysed text and the actor resolver's
 * mentions to EventRecords. Per sentence: actor slots, clauses, triggers
 * from the pattern dictionary, argument frames, then absorption (a request,
 * threat, rejection or promise takes the event it governs as its content),
 * modality, negation, dates, speaker and confidence. Every event keeps the
 * trigger and sentence offsets it came from, the rule that produced it and
 * the dictionary version.
 */
import { loadKnowledgeBase, type KnowledgeBase } from '../actors/kb.js';
import { resolveMentions, type Mention } from '../actors/resolve.js';
import { analyze, lowerCased, type Analysis, type Sentence, type Token } from '../nlp/analyze.js';
import countries from 'i18n-iso-countries';
import { titleCaseRatio } from '../clean/headline.js';
import { cameo, ploverForCameo } from './cameo.js';
import { PARTICIPLE_END, segmentClauses, subjectBefore, View, type Clause } from './clauses.js';
import { sentenceDates, weekBefore } from './dates.js';
import { dictionary, refineCode, type DictEntry, type Dictionary } from './dictionary.js';
import { PARTNER_TYPES, clauseSubject, findTriggers, firstVerb, nounArgs, verbArgs, type Args, type Trigger } from './frames.js';
import { buildSlots, toActor, type CoderMention, type Slot } from './mentions.js';
import { clauseModality, nounModality, stronger, verbChain } from './modality.js';
import type { Actor, EventLocation, EventRecord, Modality, PloverType } from './record.js';

export type Field = 'title' | 'dek' | 'body' | 'related' | 'text';

/** A root-01 statement: a speaker said something (no PLOVER type, kept for tracing and the main-event choice). */
export interface StatementRecord {
  code: string;
  goldstein: number;
  speaker: Actor[];
  targets: Actor[];
  trigger: { text: string; start: number; end: number };
  sentence: { text: string; start: number; end: number };
  rule_id: string;
  modality: Modality;
  negated: boolean;
}

export interface TriggerTrace {
  text: string;
  entry: string;
  code: string | null;
  frame: string;
  sources: string[];
  targets: string[];
  /** 'event', 'statement', or why no event came of it. */
  outcome: string;
}

export interface SentenceTrace {
  field: Field;
  fieldIndex: number;
  sentence: number;
  text: string;
  headline: boolean;
  actors: Array<{ text: string; code: string; kind: string; location: boolean }>;
  clauses: Array<{ kind: string; text: string }>;
  triggers: TriggerTrace[];
  note?: string;
}

/** The main event of a sentence for evaluation: an event or a statement, whichever is most salient. */
export type MainEvent = { kind: 'event'; event: EventRecord } | { kind: 'statement'; statement: StatementRecord };

export interface FieldResult {
  events: EventRecord[];
  statements: StatementRecord[];
  trace: SentenceTrace[];
  /** Per analysed sentence: the most salient event or statement (undefined: none). */
  main: Array<MainEvent | undefined>;
}

/** Actors seen in earlier sentences, for context sources (article mode only). */
export interface Memory {
  events: Array<{ sources: Actor[]; targets: Actor[] }>;
  subjects: Actor[];
  /** Who spoke the sentence's last quotation, for a quotation that runs on into the next sentence. */
  speaker?: Actor[];
  /** Every political actor of the sentence, in order. */
  actors: Actor[];
}

export interface FieldContext {
  date: string;
  articleId: number | null;
  field: Field;
  fieldIndex: number;
  /** Use earlier sentences' actors for events with no source in their clause (article mode). */
  useContext: boolean;
  /** Keep a trace of why (actors, clauses, triggers, outcomes) for each sentence. */
  trace: boolean;
  history: Memory[];
  dict: Dictionary;
}

interface Draft {
  trigger: Trigger;
  entry: DictEntry;
  code: string;
  args: Args;
  sources: Actor[];
  targets: Actor[];
  location?: Slot;
  modality: Modality;
  negated: boolean;
  confidence: number;
  frame: string;
  salience: number;
  dropped?: string;
  speaker?: Actor[];
  clause: Clause;
}

/** Regular expressions live at module level: a literal in a function body is a new object on every evaluation. */
const LETTER = /\p{L}/u;
const BARE_NOUN_FRAME = /^noun-(?:possessor|premod|of|by|from)$/;
const ABSORBING: ReadonlySet<PloverType> = new Set(['REQUEST', 'REJECT', 'THREATEN', 'AGREE', 'ACCUSE']);
/** Types whose nominal events may take the counterpart of a sibling event in the same sentence. */
const BORROWING: ReadonlySet<PloverType> = new Set(['AGREE', 'COOPERATE', 'THREATEN', 'SUPPORT']);
/** Verbal event nouns need a target to be coded. */
const NEEDS_TARGET_AS_NOUN: ReadonlySet<PloverType> = new Set(['AGREE', 'SUPPORT', 'REJECT', 'ACCUSE', 'REQUEST', 'CONSULT', 'CONCEDE']);
const MAX_SOURCES = 4;
const MAX_TARGETS = 6;

function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** text[i] is a letter or an apostrophe (/[\p{L}'’]/u, read from the char code when it is ASCII). */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39;
  return c === 0x2019 || LETTER.test(text[i]!);
}

/** Title-case text (a headline): wink's tags are unreliable on it, so it is re-tagged in lower case. */
export function isTitleCase(text: string): boolean {
  // Prose has lower-case words of four letters or more; stop counting at the fourth.
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiLower(c) && (i === 0 || !isWordChar(text, i - 1))) {
      let j = i;
      while (j < text.length && isAsciiLower(text.charCodeAt(j))) j++;
      if (j - i >= 4 && ++lower >= 4) return false;
      i = j;
    }
  }
  const words = text.match(/[\p{L}][\p{L}'’.-]*/gu) ?? [];
  return words.length >= 4 && titleCaseRatio(text) >= 0.75;
}

/**
 * A title-case sentence re-tagged in lower case (mentions keep their case):
 * an analysis of that sentence alone, with offsets into the original text.
 */
function retag(a: Analysis, s: Sentence, mentions: readonly CoderMention[]): Analysis {
  const local = mentions.map((m) => ({ ...m, start: m.start - s.start, end: m.end - s.start }));
  const b = analyze(lowerForTagging(s.text, local));
  const tokens: Token[] = b.tokens.map((t, i) => ({ ...t, i, start: t.start + s.start, end: t.end + s.start, text: a.text.slice(t.start + s.start, t.end + s.start), sentence: 0 }));
  return { text: a.text, tokens, sentences: [{ index: 0, start: s.start, end: s.end, text: s.text, first: 0, last: tokens.length - 1 }] };
}

/** Lower-case everything but the actor mentions, keeping every offset. */
export function lowerForTagging(text: string, mentions: readonly CoderMention[]): string {
  const keep = new Uint8Array(text.length);
  for (const m of mentions) for (let i = m.start; i < m.end && i < text.length; i++) keep[i] = 1;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const lo = ch.toLowerCase();
    out += keep[i] || lo.length !== 1 ? ch : lo;
  }
  return out;
}

function actorKey(a: Actor): string {
  return `${a.code}|${a.text}`;
}

/** The same actor key (codes are capital letters, so code and text compare apart). */
function sameActor(x: Actor, y: Actor): boolean {
  return x.code === y.code && x.text === y.text;
}

function hasActor(list: readonly Actor[], a: Actor): boolean {
  for (const o of list) if (sameActor(o, a)) return true;
  return false;
}

/** The slots' actors, each (code, text) once, at most `cap` (a scan: the lists are short). */
function uniqActors(slots: readonly Slot[], cap: number): Actor[] {
  const out: Actor[] = [];
  for (const s of slots) {
    for (const a of s.actors) {
      if (hasActor(out, a)) continue;
      out.push(a);
      if (out.length >= cap) return out;
    }
  }
  return out;
}

function refineAbsorber(dict: Dictionary, code: string, embedded: string): string {
  const generic = code.length === 2 || (code.length === 3 && code.endsWith('0'));
  return (generic && refineCode(dict, code.slice(0, 2), embedded)) || code;
}

/** The parties the last sentences talked about, for "both nations" and agentless passives. */
function recentParties(history: readonly Memory[]): Actor[] {
  const out: Actor[] = [];
  const seen = new Set<string>();
  for (let i = history.length - 1; i >= Math.max(0, history.length - 2); i--) {
    for (const e of history[i]!.events) {
      for (const side of [e.sources, e.targets]) {
        for (const a of side) {
          if (!a.country || seen.has(a.country)) continue;
          seen.add(a.country);
          out.push(a);
        }
      }
      if (out.length >= 2) return out.slice(0, 2);
    }
    for (const a of history[i]!.subjects) {
      if (!a.country || seen.has(a.country)) continue;
      seen.add(a.country);
      out.push(a);
    }
    if (out.length >= 2) return out.slice(0, 2);
  }
  return out;
}

/** Synthetic slots for pair phrases ("both nations") the resolver left unresolved, from the context. */
function pairSlots(a: Analysis, sentence: number, slots: Slot[], dict: Dictionary, history: readonly Memory[]): void {
  const s = a.sentences[sentence]!;
  const byFirst = pairIndex(dict);
  /** The resolver's slots (pair slots pushed below lie behind the scan). */
  const resolved = slots.length;
  /** Slots from buildSlots come sorted and numbered: only a pushed pair slot calls for re-sorting. */
  let pushed = false;
  for (let i = s.first; i <= s.last; i++) {
    const candidates = byFirst.get(a.tokens[i]!.lower);
    if (!candidates) continue;
    if (inSlot(slots, resolved, i)) continue;
    for (const phrase of candidates) {
      let ok = i + phrase.length - 1 <= s.last;
      for (let x = 1; x < phrase.length && ok; x++) ok = a.tokens[i + x]!.lower === phrase[x];
      if (!ok) continue;
      const parties = recentParties(history);
      if (parties.length < 2) continue;
      const last = i + phrase.length - 1;
      const start = a.tokens[i]!.start;
      const end = a.tokens[last]!.end;
      const text = a.text.slice(start, end);
      pushed = true;
      slots.push({
        index: slots.length, first: i, last, actors: parties.map((p) => ({ ...p, text })), kind: 'pronoun', location: false, possessive: false, adjective: false,
        text, start, end, political: true, confidence: 0.6,
      });
      i = last;
      break;
    }
  }
  if (!pushed) return;
  slots.sort((x, y) => x.first - y.first);
  slots.forEach((sl, idx) => (sl.index = idx));
}

/** Token i lies in one of the first `count` slots. */
function inSlot(slots: readonly Slot[], count: number, i: number): boolean {
  for (let k = 0; k < count; k++) if (i >= slots[k]!.first && i <= slots[k]!.last) return true;
  return false;
}

const PAIR_SET = new WeakMap<Dictionary, Set<string>>();

function pairSet(dict: Dictionary): Set<string> {
  let s = PAIR_SET.get(dict);
  if (!s) {
    s = new Set(dict.cues.pairPhrases.map((p) => p.join(' ')));
    PAIR_SET.set(dict, s);
  }
  return s;
}

const PAIR_INDEX = new WeakMap<Dictionary, Map<string, string[][]>>();

function pairIndex(dict: Dictionary): Map<string, string[][]> {
  let m = PAIR_INDEX.get(dict);
  if (!m) {
    m = new Map();
    for (const p of dict.cues.pairPhrases) {
      const list = m.get(p[0]!) ?? [];
      list.push(p);
      m.set(p[0]!, list);
    }
    PAIR_INDEX.set(dict, m);
  }
  return m;
}

function salienceOf(v: View, d: { trigger: Trigger; clause: Clause; args: Args }): number {
  const c = d.clause;
  // A verb of saying frames what follows: it is the main event only when nothing else is coded.
  // (Claims and allegations are statements in their own right: "X claimed it had attacked" codes the claim.)
  if (d.trigger.entry.code !== null && d.trigger.entry.root === '01' && !d.trigger.entry.object.length && v.cues.speech.has(v.lemma[d.trigger.k]!) && !CLAIMS.has(v.lemma[d.trigger.k]!)) return 9;
  let depth = 0;
  if (c.kind === 'relative' || c.kind === 'adverbial' || c.kind === 'paren' || c.fronted) depth += 2;
  else if (c.kind === 'participle') depth += 1;
  if (d.args.chain && d.args.chain.governor >= 0) depth += d.args.chain.purpose ? 2 : 1;
  if (d.trigger.entry.pos === 'noun') depth += 1;
  // A participle with no auxiliary after a noun is a reduced relative clause ("land seized by the army"): background, like "which was seized".
  else if (d.args.passive && isReducedRelative(v, d.trigger.k, c.start)) depth += 2;
  return depth;
}

const VIOLENT: ReadonlySet<PloverType> = new Set(['ASSAULT', 'COERCE']);

/**
 * Whether the noun at k heads the subject of verb draft g: no verb of the noun's or g's clause stands between them;
 * an interrupting participle, relative or parenthetical clause is skipped ("attacks, occurring weekly, have killed").
 */
function headsSubjectOf(v: View, k: number, g: Draft): boolean {
  const own = v.clauseOf[k]!;
  const chainStart = verbChain(v, g.trigger.k, g.clause.start).start;
  for (let j = k + 1; j < chainStart; j++) {
    const c = v.clauseOf[j]!;
    if (c !== g.clause.index && c !== own) {
      const kind = v.clauses[c]?.kind;
      if (kind === 'participle' || kind === 'relative' || kind === 'paren') continue;
      return false;
    }
    if (v.pos[j] === 'VERB' || v.pos[j] === 'AUX' || v.lower[j] === 'that' || v.lower[j] === ';') return false;
  }
  return true;
}

function isReducedRelative(v: View, k: number, floor: number): boolean {
  if (verbChain(v, k, floor).start !== k || k <= floor) return false;
  const p = v.pos[k - 1];
  return p === 'NOUN' || p === 'PROPN' || v.slotAt[k - 1]! >= 0;
}

/** Speaker of a clause: the subject of the verb of saying it complements, or of the sentence's attribution. */
function speakerOf(v: View, c: Clause): Actor[] | undefined {
  for (let x: Clause | undefined = c, d = 0; x && d < 6; x = x.parent >= 0 ? v.clauses[x.parent] : undefined, d++) {
    if (x.speechVerb >= 0) {
      const parent = v.clause(x.speechVerb);
      const chain = verbChain(v, x.speechVerb, parent.start);
      const r = clauseSubject(v, parent, chain.start);
      if (r.phrase) return uniqActors(r.phrase.slots, MAX_SOURCES);
    }
  }
  const att = v.attribution >= 0 ? v.clauses[v.attribution] : undefined;
  if (att) {
    for (let k = att.start; k <= att.end; k++) {
      const s = v.slot(k);
      if (s && s.political && !s.location) return uniqActors([s], MAX_SOURCES);
    }
  }
  // A quote followed or preceded by "X said": look in the neighbouring clauses for a verb of saying.
  if (c.quoted || c.kind === 'quote') {
    for (const other of v.clauses) {
      if (other.quoted || other === c) continue;
      for (let k = other.start; k <= other.end; k++) {
        if (v.pos[k] === 'VERB' && v.cues.speech.has(v.lemma[k]!)) {
          const r = clauseSubject(v, other, verbChain(v, k, other.start).start);
          if (r.phrase) return uniqActors(r.phrase.slots, MAX_SOURCES);
          for (let j = k + 1; j <= other.end; j++) {
            const s = v.slot(j);
            if (s && s.political) return uniqActors([s], MAX_SOURCES);
          }
        }
      }
    }
  }
  return undefined;
}

let states: ReadonlySet<string> | undefined;
/** An ISO 3166 state (or IGO), not a region or bloc code (PGS the Gulf, MEA the Middle East, WST the West): inferred sides are states. */
function isStateOrIgo(code: string): boolean {
  states ??= new Set([...Object.keys(countries.getAlpha3Codes()), 'XKX', 'IGO']);
  return states.has(code);
}

/** The slot sits in the end-of-sentence attribution (", officials said") or an "according to" clause. */
function inAttribution(v: View, k: number): boolean {
  const c = v.clauses[v.clauseOf[k]!];
  return c !== undefined && (c.kind === 'attribution' || c.index === v.attribution);
}

/**
 * An event with a source and nobody on the other side of its frame: the
 * gold conventions (PLOVER, CAMEO coders) code the party it lands on. In
 * order: its location ("lifted the curfew in Darfur"), the nearest other
 * state actor or place after the trigger outside the attribution ("agreed to
 * US mediation", "threatened to quit talks if the United States …"), another
 * actor of the trigger's own clause before it, else the source's own state
 * (a government acting at home: "Nigerian authorities jailed 52 members of
 * a banned movement" is NGA → NGA).
 */
function inferTargets(v: View, live: Draft[]): void {
  for (const d of live) {
    if (d.targets.length || !d.sources.length || d.args.reciprocal || d.frame === 'modal-demand' || d.entry.type === null) continue;
    // Intransitive events ("declared a ceasefire", "resigned") take only an actor the clause names after them ("protested against Chinese authorities").
    const intransitive = d.entry.frame === 'intransitive';
    const srcKeys = new Set(d.sources.map(actorKey));
    const srcCountries = new Set(d.sources.map((a) => a.country).filter(Boolean));
    const usable = (s: Slot | undefined, k: number): s is Slot =>
      s !== undefined && s.political && !inAttribution(v, k) && s.actors.some((a) => isStateOrIgo(a.country)) && !s.actors.some((a) => srcKeys.has(actorKey(a)))
      && (intransitive ? !s.location && !s.possessive : true)
      && (s.location || !s.possessive || !s.actors.every((a) => srcCountries.has(a.country)));
    let found: Slot | undefined;
    let how = '';
    const place = d.location && d.location.political && d.location.actors.some((a) => a.country !== 'IGO' && isStateOrIgo(a.country)) ? d.location : undefined;
    if (place && !intransitive && !place.actors.every((a) => srcCountries.has(a.country))) {
      found = place;
      how = 'location';
    }
    const cooperative = PARTNER_TYPES.has(d.entry.type);
    for (let k = d.trigger.end + 1; !found && k < v.n; k++) {
      if (!within(v, v.clauseOf[k]!, d.clause.index)) continue;
      // An event noun followed by its clause's verb is that verb's subject: the verb's object is not its target.
      if (d.entry.pos === 'noun' && v.pos[k] === 'VERB' && v.clauseOf[k] === d.clause.index) break;
      // Cooperation with unnamed partners "to counter threats from X" or "against X": X is the one opposed, not the partner.
      // (An infinitive right after the trigger is its content: "agreed to set up a centre in Tokyo"; "to war-torn X" is no infinitive.)
      if (cooperative && k > d.trigger.end + 2 && v.lower[k] === 'to' && v.pos[k + 1] === 'VERB' && v.lower[k + 2] !== '-') break;
      const s = v.slot(k);
      if (cooperative && s && opposed(v, v.slotFirst(s))) {
        k = v.slotLast(s);
        continue;
      }
      if (usable(s, k)) {
        found = s;
        how = s.location ? 'location' : 'nearest';
      } else if (s) k = v.slotLast(s);
    }
    for (let k = d.trigger.k - 1; !found && !intransitive && k >= d.clause.start; k--) {
      const s = v.slot(k);
      if (v.clauseOf[k] === d.clause.index && usable(s, k)) {
        found = s;
        how = s.location ? 'location' : 'nearest';
      } else if (s) k = v.slotFirst(s);
    }
    if (!found && place && !intransitive) {
      found = place;
      how = 'location';
    }
    if (found) {
      d.targets = found.actors.filter((a) => isStateOrIgo(a.country)).slice(0, MAX_TARGETS);
      d.frame += `-target-${how}`;
      d.confidence *= 0.7;
      continue;
    }
    const own = d.sources.find((a) => a.country && a.country !== 'IGO');
    if (own && !intransitive && DOMESTIC.has(d.entry.type) && hasObject(v, d)) {
      d.targets = [{ code: own.country, country: own.country, sector: '', text: own.text }];
      d.frame += '-target-domestic';
      d.confidence *= 0.6;
    }
  }
}

/**
 * Violence with victims and no named perpetrator ("a roadside bomb killed
 * two Iraqi youths", "three US servicemen were killed outside the Iraqi city
 * of Basra"): the gold conventions code the state where it happened as the
 * source, the place of the attack or another state named in the clause, else
 * the victims' own state (violence at home).
 */
function inferAttackers(v: View, live: Draft[]): void {
  for (const d of live) {
    if (d.sources.length || !d.targets.length || d.entry.type === null || d.frame === 'modal-demand') continue;
    const violent = d.entry.type === 'ASSAULT' || d.entry.type === 'COERCE';
    // Other events need a subject the knowledge base did not know ("Ibo traditional elders demanded …").
    if (!violent && (!VOICED_AT_HOME.has(d.entry.type) || d.args.passive || !unknownSubject(v, d))) continue;
    const tgtCountries = new Set(d.targets.map((a) => a.country).filter(Boolean));
    let found: Actor | undefined;
    if (d.location?.political) found = d.location.actors.find((a) => a.country && a.country !== 'IGO');
    for (const s of v.slots) {
      if (found) break;
      const k = v.slotFirst(s);
      if (k < 0 || k >= v.n || !s.political || inAttribution(v, k) || !within(v, v.clauseOf[k]!, d.clause.index)) continue;
      found = s.actors.find((a) => a.country && a.country !== 'IGO' && !tgtCountries.has(a.country));
    }
    let how = 'place';
    if (!found) {
      const own = d.targets.find((a) => a.country && a.country !== 'IGO');
      // A subject named by words the knowledge base does not know ("The Hermit Kingdom fired …") is an unknown attacker, not violence at home.
      let first = d.clause.start;
      while (first < d.trigger.k && (v.pos[first] === 'DET' || v.isPunct(first))) first++;
      if (own && !(violent && d.args.passive !== true && v.pos[first] === 'PROPN' && first < d.trigger.k)) found = own;
      how = 'domestic';
    }
    if (!found) continue;
    d.sources = [{ code: found.country, country: found.country, sector: '', text: found.text }];
    d.frame += `-source-${how}`;
    d.confidence *= 0.6;
  }
}

/** In events whose target is a partner (PARTNER_TYPES), an actor named as the one opposed is not their target. */
const OPPOSING: ReadonlySet<string> = new Set(['against', 'versus', 'vs.', 'counter']);

/** The phrase starting at `k` is governed by "against"/"counter" (determiners and adjectives skipped). */
function opposed(v: View, k: number): boolean {
  let j = k - 1;
  while (j >= 0 && (v.pos[j] === 'DET' || v.pos[j] === 'ADJ')) j--;
  return j >= 0 && OPPOSING.has(v.lower[j]!);
}

/** Verbal conflict that groups the knowledge base does not know voice against their own state (a rebel party demanding, protesting, rejecting). */
const VOICED_AT_HOME: ReadonlySet<PloverType> = new Set(['REQUEST', 'PROTEST', 'REJECT', 'ACCUSE', 'THREATEN']);

/** Nouns before the trigger in its clause and no political actor among them: a subject the knowledge base does not know. */
function unknownSubject(v: View, d: Draft): boolean {
  let noun = false;
  for (let k = d.clause.start; k < d.trigger.k; k++) {
    if (v.clauseOf[k] !== d.clause.index) continue;
    const s = v.slot(k);
    if (s && s.political) return false;
    if (v.pos[k] === 'PRON') return false;
    if (v.pos[k] === 'NOUN' || v.pos[k] === 'PROPN') noun = true;
  }
  return noun;
}

/** Types whose target-less events with an object the knowledge base does not know are coded at home (a government against its own people). */
const DOMESTIC: ReadonlySet<PloverType> = new Set(['CONCEDE', 'COERCE', 'ASSAULT', 'ACCUSE', 'REQUEST', 'REJECT', 'THREATEN', 'SANCTION']);

/** Clause `c` is `root` or hangs off it. */
function within(v: View, c: number, root: number): boolean {
  for (let x: Clause | undefined = v.clauses[c], depth = 0; x && depth < 8; x = x.parent >= 0 ? v.clauses[x.parent] : undefined, depth++) {
    if (x.index === root) return true;
  }
  return false;
}

/**
 * A noun after the trigger in its clause: the event has an object, even one
 * that names no known actor. In reported speech "its"/"their" may be the
 * speaker's ("Russia said Ukraine attacked its border posts"): no object then.
 */
function hasObject(v: View, d: Draft): boolean {
  const reported = d.clause.speechVerb >= 0;
  for (let k = d.trigger.end + 1; k <= d.clause.end && k < v.n; k++) {
    if (v.clauseOf[k] !== d.clause.index) continue;
    if (reported && (v.lower[k] === 'its' || v.lower[k] === 'their')) return false;
    if (v.pos[k] === 'NOUN' || v.pos[k] === 'PROPN') return true;
  }
  return false;
}

/**
 * Actors the resolver found without a state ("President Askar Akayev" when
 * the knowledge base does not know him, "Judge Alejandro Rivera") take the
 * one state the sentence names, when it names exactly one.
 */
function placeCountryless(v: View, live: Draft[]): void {
  let country: string | undefined;
  for (const d of live) {
    // The state of the other side is this actor's own only where events at home are common (a judge charging officials, not a visit).
    const athome = d.entry.type !== null && (DOMESTIC.has(d.entry.type) || d.entry.type === 'PROTEST');
    if (d.sources.some(isCountryless)) {
      country ??= soleState(v);
      const c = country;
      if (athome || !d.targets.some((a) => a.country === c)) d.sources = placeIn(d.sources, c);
    }
    if (d.targets.some(isCountryless)) {
      country ??= soleState(v);
      const c = country;
      if (athome || !d.sources.some((a) => a.country === c)) d.targets = placeIn(d.targets, c);
    }
  }
}

/**
 * A sector without a country ("police", "the military"). A named organisation with no state (Amnesty
 * International, al-Qaeda) keeps none: it is not where it acts.
 */
function isCountryless(a: Actor): boolean {
  return !a.country && !!a.sector && !a.actor_id;
}

/** The one state the sentence's slots name, or ''. */
function soleState(v: View): string {
  const seen = new Set<string>();
  for (const s of v.slots) for (const a of s.actors) if (a.country && a.country !== 'IGO') seen.add(a.country);
  return seen.size === 1 ? [...seen][0]! : '';
}

/** Countryless actors placed in state `c` (none when c is ''). */
function placeIn(xs: Actor[], c: string): Actor[] {
  return xs.map((a) => (!isCountryless(a) || !c ? a : { ...a, country: c, code: c + a.code }));
}

const FIRST_PERSON = /^(?:we|us|i|me|our)$/;
const CLAIMS = new Set(['claim', 'allege', 'deny']);

/** The clause has an "unless …" (or "until …") clause hanging off it. */
function conditionedBy(v: View, c: Clause): boolean {
  return v.clauses.some((x) => x.parent === c.index && x.kind === 'adverbial' && x.opener >= 0 && (v.lower[x.opener] === 'unless' || v.lower[x.opener] === 'until'));
}

/** Verbs of official statement: "X declared that Y must …" is a demand even when X is not resolved (not "analysts argue that …"). */
const OFFICIAL_SPEECH = new Set(['say', 'declare', 'state', 'announce', 'insist', 'reiterate', 'warn', 'tell', 'demand', 'stress', 'emphasize']);

const DEMAND_MODALS: ReadonlyMap<string, string> = new Map([['must', 'must-demand'], ['should', 'should-appeal'], ['ought', 'should-appeal']]);

/**
 * "X said (that) Y must …", "X reminded Iraq that it must …": a modal of
 * obligation in a reported or "that" clause is a demand by the speaker on
 * the clause's subject (CAMEO 10/02); the action demanded is its content.
 */
function modalDemands(v: View, drafts: Draft[], dict: Dictionary): Draft[] {
  const out: Draft[] = [];
  for (const c of v.clauses) {
    if (c.kind !== 'complement' && !(c.quoted && c.kind === 'quote')) continue;
    let m = -1;
    let id: string | undefined;
    for (let k = c.start; k <= c.end; k++) {
      const w = v.lower[k]!;
      const modal = DEMAND_MODALS.get(w);
      if (modal && (v.pos[k] === 'AUX' || v.pos[k] === 'VERB')) {
        m = k;
        id = modal;
        break;
      }
      if ((w === 'has' || w === 'have' || w === 'needs' || w === 'need') && v.lower[k + 1] === 'to' && v.pos[k + 2] === 'VERB') {
        m = k;
        id = 'must-demand';
        break;
      }
    }
    if (m < 0 || !id) continue;
    const entry = dict.byId.get(id);
    if (!entry || entry.code === null) continue;
    const subject = subjectBefore(v, c.start, m);
    if (!subject) continue;
    let speaker = speakerOf(v, c);
    if (!speaker && c.parent >= 0) {
      const parent = v.clauses[c.parent]!;
      const fv = firstVerb(v, parent);
      const r = clauseSubject(v, parent, fv >= 0 ? verbChain(v, fv, parent.start).start : parent.end + 1);
      if (r.phrase) speaker = uniqActors(r.phrase.slots, MAX_SOURCES);
    }
    // A demand whose maker the resolver did not name ("The Bush administration declared that China must …") is still a demand.
    if (!speaker?.length && !(c.speechVerb >= 0 && OFFICIAL_SPEECH.has(v.lemma[c.speechVerb]!))) continue;
    const targets = subject.slots.filter((s) => s.political && !s.location);
    if (!targets.length) continue;
    const t: Trigger = { entry, k: m, objectAt: -1, particleAt: -1, end: m, alternatives: [] };
    const args: Args = { sources: [], targets, frame: 'modal-demand', inherited: false, reciprocal: false, passive: false };
    const d: Draft = {
      trigger: t, entry, code: entry.code!, args, sources: speaker ?? [], targets: [], modality: 'asserted', negated: false,
      confidence: entry.confidence * 0.9, frame: 'modal-demand', salience: 0, clause: c,
    };
    // The demanded action is the demand's content.
    for (const x of drafts) {
      if (x.dropped || x.clause !== c || x.trigger.k < m) continue;
      d.code = refineAbsorber(dict, d.code, x.code);
      x.dropped = `absorbed by ${id}`;
    }
    out.push(d);
  }
  return out;
}

/** Code one analysed sentence. */
function codeView(v: View, ctx: FieldContext, trace: SentenceTrace): { drafts: Draft[]; statements: Draft[] } {
  segmentClauses(v);
  if (ctx.trace) trace.clauses = v.clauses.map((c) => ({ kind: c.kind + (c.fronted ? ' (fronted)' : '') + (c.quoted ? ' (quoted)' : ''), text: v.text.slice(v.toks[c.start]?.start ?? 0, v.toks[Math.min(c.end, v.n - 1)]?.end ?? 0) }));
  const triggers = findTriggers(v);
  const drafts: Draft[] = [];
  const byHead = new Map<number, Draft>();
  draftTriggers(v, ctx, triggers, drafts, byHead);
  absorb(v, ctx, drafts, byHead);
  dropWishes(v, drafts);
  dropPurposes(v, drafts);
  mergeSubjectNouns(v, drafts);
  for (const d of modalDemands(v, drafts, ctx.dict)) {
    drafts.push(d);
    byHead.set(d.trigger.k, d);
  }
  const live = drafts.filter((d) => !d.dropped);
  frontedSources(v, live);
  mediatorTargets(live, byHead);
  settleActors(live);
  borrowTargets(live);
  inferTargets(v, live);
  domesticProtests(live);
  inferAttackers(v, live);
  placeCountryless(v, live);
  if (ctx.useContext) contextSources(ctx, live);
  settleModality(v, ctx, live);
  const { events, statements } = dedupe(live);
  if (ctx.trace) traceTriggers(v, drafts, trace);
  return { drafts: events, statements };
}

/** One draft per trigger (the first alternative whose frame fits), indexed by head token. */
function draftTriggers(v: View, ctx: FieldContext, triggers: readonly Trigger[], drafts: Draft[], byHead: Map<number, Draft>): void {
  for (const first of triggers) {
    let t = first;
    let args = t.entry.pos === 'verb' ? verbArgs(v, t) : nounArgs(v, t);
    for (const alt of first.alternatives) {
      if (!t.entry.requireTarget || args.targets.length) break;
      t = alt;
      args = t.entry.pos === 'verb' ? verbArgs(v, t) : nounArgs(v, t);
    }
    const e = t.entry;
    const clause = v.clause(t.k);
    // A quotation running on from the last sentence: "…," placing the blame on Ukraine — the speaker acts.
    if (!args.sources.length && v.startsInQuote && ctx.history.at(-1)?.speaker && !clause.quoted) {
      const sp = ctx.history.at(-1)!.speaker!;
      args.sources = [{ index: -1, first: -1, last: -1, actors: sp, kind: 'person', location: false, possessive: false, adjective: false, text: sp[0]!.text, start: -1, end: -1, political: true, confidence: 0.6 }];
      args.frame += '-speaker';
    }
    // First-person subjects in quotes are the speaker ("we've reached a framework", Bessent said).
    if (!args.sources.length && (clause.quoted || clause.kind === 'quote')) {
      for (let j = clause.start; j < t.k; j++) {
        if (v.pos[j] === 'PRON' && FIRST_PERSON.test(v.lower[j]!)) {
          const sp = speakerOf(v, clause) ?? (v.startsInQuote ? ctx.history.at(-1)?.speaker : undefined);
          if (sp) {
            args.sources = [{ index: -1, first: -1, last: -1, actors: sp, kind: 'pronoun', location: false, possessive: false, adjective: false, text: v.toks[j]!.text, start: v.toks[j]!.start, end: v.toks[j]!.end, political: true, confidence: 0.6 }];
            args.frame += '-speaker';
          }
          break;
        }
      }
    }
    const d: Draft = {
      trigger: t, entry: e, code: e.code ?? '', args, sources: [], targets: [], modality: 'asserted', negated: false,
      confidence: e.confidence, frame: args.frame, salience: 0, clause,
    };
    if (args.location) d.location = args.location;
    d.salience = salienceOf(v, d);
    if (e.code === null) d.dropped = 'blocker';
    else if (args.endedBy !== undefined) d.dropped = `ended by "${v.toks[args.endedBy]!.text}", not reported as done`;
    else if (e.requireTarget && !args.targets.length) d.dropped = 'no target (the entry requires one)';
    drafts.push(d);
    byHead.set(t.k, d);
  }
}

/** Absorption: a governing trigger takes the governed event as its content. */
function absorb(v: View, ctx: FieldContext, drafts: readonly Draft[], byHead: ReadonlyMap<number, Draft>): void {
  for (const d of drafts) {
    if (d.dropped) continue;
    const chain = d.args.chain;
    let gov: Draft | undefined;
    if (chain && chain.governor >= 0) gov = byHead.get(chain.governor);
    if (!gov && d.entry.pos === 'noun') {
      const nm = nounModality(v, d.trigger.k, d.clause.start);
      if (nm.governor >= 0) gov = byHead.get(nm.governor);
      if (!gov) {
        // The noun is the object of a trigger verb: "demanded a ceasefire", "rejected the deal".
        for (let j = d.trigger.k - 1; j >= Math.max(d.clause.start, d.trigger.k - 6); j--) {
          const g = byHead.get(j);
          if (g && g.entry.pos === 'verb') {
            gov = g;
            break;
          }
          if (v.pos[j] === 'VERB' || v.isPunct(j)) break;
        }
      }
    }
    if (!gov && d.entry.pos === 'verb' && v.lower[d.trigger.k]!.endsWith('ing')) {
      // "accused X of violating", "blamed Y for attacking".
      const c = d.clause;
      let j = verbChain(v, d.trigger.k, c.start).start - 1;
      if (j >= c.start && (v.lower[j] === 'of' || v.lower[j] === 'for')) {
        for (j--; j >= Math.max(c.start, d.trigger.k - 10); j--) {
          const g = byHead.get(j);
          if (g) {
            gov = g;
            break;
          }
        }
      }
    }
    if (!gov && d.clause.opener >= 0 && v.lower[d.clause.opener] === 'that') {
      // "reiterated its demand today that Israel ease restrictions": the clause is the content of the demand noun before it.
      for (let j = d.clause.opener - 1; j >= Math.max(0, d.clause.opener - 3); j--) {
        const g = byHead.get(j);
        if (g && g.entry.pos === 'noun' && g.entry.type && ABSORBING.has(g.entry.type)) {
          gov = g;
          break;
        }
        if (v.pos[j] === 'VERB' || v.isPunct(j)) break;
      }
    }
    if (!gov || gov === d || gov.dropped === 'blocker') {
      if (chain?.governorKind === 'suppressed' && !gov) d.dropped = `content of "${v.toks[chain.governor]?.text ?? ''}"`;
      continue;
    }
    const gtype = gov.entry.type;
    if (gov.entry.absorbs) {
      d.dropped = `absorbed by ${gov.entry.id}`;
    } else if (gtype && ABSORBING.has(gtype) && !(gtype === 'AGREE' && gov.entry.pos === 'noun' && chain?.nounGovernor)) {
      gov.code = refineAbsorber(ctx.dict, gov.code, d.code);
      d.dropped = `absorbed by ${gov.entry.id}`;
      if (!gov.targets.length && !gov.args.targets.length && d.args.targets.length) gov.args.targets = d.args.targets;
    } else if (chain?.nounGovernor && gov.entry.pos === 'noun' && (gtype === 'AGREE' || gtype === 'SUPPORT' || gtype === 'COOPERATE')) {
      // "his agreement to delay tariffs": the agreed action is the event, and it is asserted.
      gov.dropped = `vehicle of ${d.entry.id}`;
      if (!d.args.sources.length) d.args.sources = gov.args.sources;
    }
  }
}

/** Events wished or feared by a speech verb are not events. */
function dropWishes(v: View, drafts: readonly Draft[]): void {
  for (const d of drafts) {
    if (d.dropped || d.entry.type === null) continue;
    for (let x: Clause | undefined = d.clause, depth = 0; x && depth < 4; x = x.parent >= 0 ? v.clauses[x.parent] : undefined, depth++) {
      if (x.speechVerb >= 0 && v.cues.wishes.has(v.lemma[x.speechVerb]!)) {
        d.dropped = `wished or feared by "${v.toks[x.speechVerb]!.text}", not an event`;
        break;
      }
    }
  }
}

/** "staged rallies to demand reforms", "began a hunger strike to demand the return of …": the protest is the event, the demand its purpose. */
function dropPurposes(v: View, drafts: readonly Draft[]): void {
  for (const d of drafts) {
    if (d.dropped || d.entry.pos !== 'verb' || (d.entry.type !== 'REQUEST' && d.entry.type !== 'ACCUSE' && d.entry.type !== 'REJECT')) continue;
    let j = d.trigger.k - 1;
    while (j > 0 && v.pos[j] === 'ADV') j--;
    if (v.lower[j] !== 'to') continue;
    const protest = drafts.find((p) => !p.dropped && p.entry.type === 'PROTEST' && p.trigger.k < j && j - p.trigger.k <= 12);
    if (!protest) continue;
    d.dropped = `purpose of ${protest.entry.id}`;
    if (!protest.args.targets.length && d.args.targets.length) protest.args.targets = d.args.targets;
  }
}

/**
 * "US drone attacks have killed eight commanders", "a suicide bombing killed ten people": the violent noun heading the
 * subject of a violent verb and the verb are one event. The noun names it more precisely (bombing, shelling); the verb
 * names the victims.
 */
function mergeSubjectNouns(v: View, drafts: readonly Draft[]): void {
  for (const d of drafts) {
    if (d.dropped || d.entry.pos !== 'noun' || !d.entry.type || !VIOLENT.has(d.entry.type) || d.clause.fronted || d.clause.kind === 'adverbial') continue;
    const verb = drafts.find((g) => !g.dropped && g.entry.pos === 'verb' && g.entry.type === d.entry.type && !g.args.passive
      && g.trigger.k > d.trigger.k && (g.clause.index === d.clause.index || !g.args.sources.length) && headsSubjectOf(v, d.trigger.k, g));
    if (!verb) continue;
    verb.dropped = `same event as its subject ${d.entry.id}`;
    if (!d.args.sources.length && verb.args.sources.length) d.args.sources = verb.args.sources;
    if (!d.args.targets.length && verb.args.targets.length) {
      d.args.targets = verb.args.targets;
      d.frame += '-verb';
    }
  }
}

/** Noun events in a fronted adverbial without a source take the main clause's subject ("Following talks in Riyadh, both nations …"). */
function frontedSources(v: View, live: readonly Draft[]): void {
  for (const d of live) {
    // Not after a participle: "Asked about the sanctions, the minister …" puts no sanctions on the minister.
    if (d.args.sources.length || d.entry.pos !== 'noun' || !d.clause.fronted || (v.pos[d.clause.start] === 'VERB' && PARTICIPLE_END.test(v.lower[d.clause.start]!))) continue;
    const main = v.clauses.find((c) => !c.fronted);
    if (!main) continue;
    const fv = firstVerb(v, main);
    const r = clauseSubject(v, main, fv >= 0 ? verbChain(v, fv, main.start).start : main.end + 1);
    if (r.phrase) {
      d.args.sources = r.phrase.slots.filter((s) => s.political && !s.location);
      d.args.reciprocal = !d.args.targets.length && d.entry.frame === 'symmetric' && d.args.sources.reduce((n, s) => n + s.actors.length, 0) >= 2;
      d.frame += '-main-subject';
      d.confidence *= 0.85;
    }
  }
}

/** A mediator's targets are the parties of the agreement it brokered ("brokered a ceasefire between X and Y"). */
function mediatorTargets(live: readonly Draft[], byHead: ReadonlyMap<number, Draft>): void {
  for (const d of live) {
    // A mediator's targets are the parties of the agreement it brokered ("brokered a ceasefire between X and Y").
    if (d.entry.keepObject && !d.args.targets.length && d.trigger.objectAt >= 0) {
      const obj = byHead.get(d.trigger.objectAt);
      if (obj && !obj.dropped) d.args.targets = obj.args.reciprocal ? obj.args.sources : obj.args.targets;
    }
  }
}

/** Sources and targets from the frame's slots: each actor once, capped. */
function settleActors(live: readonly Draft[]): void {
  for (const d of live) {
    const a = d.args;
    if (d.frame === 'modal-demand') {
      d.targets = uniqActors(a.targets, MAX_TARGETS);
      continue;
    }
    d.sources = uniqActors(a.sources, MAX_SOURCES);
    d.targets = a.reciprocal ? uniqActors(a.sources, MAX_SOURCES) : uniqActors(a.targets, MAX_TARGETS);
    if (a.reciprocal) d.frame += '-reciprocal';
    else if (d.targets.length > 1) {
      // "reinforce the U.S.-Israel relationship" (by the U.S.): the source is not its own target in a list of others.
      const src = new Set(d.sources.map((x) => x.country).filter(Boolean));
      const others = d.targets.filter((x) => !src.has(x.country));
      if (others.length && others.length < d.targets.length) d.targets = others;
    }
    if (a.inherited) d.confidence *= 0.9;
  }
}

/** Borrowing within the sentence: a nominal agreement or threat with no target takes the counterpart of a sibling event with the same source. */
function borrowTargets(live: readonly Draft[]): void {
  for (const d of live) {
    if (d.targets.length || !d.sources.length || d.entry.frame === 'intransitive' || !BORROWING.has(d.entry.type ?? 'CONSULT') || (d.entry.pos !== 'noun' && d.entry.type !== 'AGREE')) continue;
    const src = new Set(d.sources.map((s) => s.country));
    const sib = live.find((o) => o !== d && o.targets.length && o.sources.some((s) => src.has(s.country)) && o.targets.some((t) => !src.has(t.country)));
    if (sib) {
      d.targets = sib.targets.filter((t) => !src.has(t.country));
      d.frame += '-borrowed';
      d.confidence *= 0.75;
    }
  }
}

/** Protest with no named target is against the protesters' own state (PLOVER codes "Egyptians rioted" EGY → EGY). */
function domesticProtests(live: readonly Draft[]): void {
  for (const d of live) {
    if (d.targets.length || !d.sources.length || d.entry.type !== 'PROTEST') continue;
    const own = d.sources.find((a) => a.country && a.country !== 'IGO');
    if (own) {
      d.targets = [{ code: own.country, country: own.country, sector: '', text: own.text }];
      d.frame += '-domestic';
      d.confidence *= 0.8;
    }
  }
}

/** Context (article mode): agentless passives and sourceless nominal events take a source from the sentence or the ones before. */
function contextSources(ctx: FieldContext, live: readonly Draft[]): void {
  for (const d of live) {
    if (d.sources.length || !d.targets.length) continue;
    const tc = new Set(d.targets.map((t) => t.country));
    let found: Actor | undefined;
    if (d.args.passive) {
      // The counterpart of the target in a recent event: "18 Cambodian soldiers were freed" after a Cambodia–Thailand ceasefire.
      const recent = [...live.filter((o) => o !== d).map((o) => ({ sources: o.sources, targets: o.targets })), ...ctx.history.slice(-2).reverse().flatMap((m) => [...m.events].reverse())];
      for (const ev of recent) {
        const parties = [...ev.sources, ...ev.targets];
        if (!parties.some((p) => tc.has(p.country))) continue;
        found = parties.find((p) => p.country && !tc.has(p.country));
        if (found) break;
      }
    }
    if (!found && d.entry.pos === 'noun') {
      const prev = ctx.history.at(-1);
      found = prev?.subjects.find((s) => s.country && !tc.has(s.country)) ?? prev?.actors.find((s) => s.country && !tc.has(s.country));
    }
    if (found) {
      d.sources = [found];
      d.frame += '-context';
      d.confidence *= 0.6;
    }
  }
}

/** Modality and negation of each event. */
function settleModality(v: View, ctx: FieldContext, live: readonly Draft[]): void {
  for (const d of live) {
    const t = d.trigger;
    let modality: Modality | undefined = d.entry.modality;
    let negated = false;
    if (d.frame === 'modal-demand') {
      // The demand itself is made now, whatever the tense of the demanded action.
    } else if (d.entry.pos === 'verb' && d.args.chain) {
      const chain = d.args.chain;
      modality = stronger(modality, chain.modality);
      negated = chain.negated;
      if (chain.modal === 'would' && (d.clause.speechVerb >= 0 || v.attribution >= 0)) modality = stronger(d.entry.modality, 'planned');
    } else {
      const nm = nounModality(v, t.k, d.clause.start);
      modality = stronger(modality, nm.modality);
      negated = nm.negated;
      // The verb that takes the noun as object sets its time: "will hold talks", "is set to impose tariffs".
      for (let j = t.k - 1; j >= d.clause.start; j--) {
        if (v.pos[j] === 'VERB') {
          const ch = verbChain(v, j, d.clause.start);
          modality = stronger(modality, ch.modality);
          if (ch.negated && !d.args.chain) negated = true;
          break;
        }
      }
    }
    const cm = clauseModality(v, d.clause);
    modality = stronger(modality, cm.modality);
    if (d.frame === 'modal-demand') cm.reported = false;
    // "will withdraw its force unless …", "would boycott the vote if …": an action held over a condition is a threat.
    if ((modality === 'planned' || modality === 'hypothetical') && conditionedBy(v, d.clause)) modality = 'threatened';
    if (cm.reported) {
      modality = stronger(modality, 'reported');
      const sp = speakerOf(v, d.clause) ?? (v.startsInQuote && d.clause.quoted ? ctx.history.at(-1)?.speaker : undefined);
      if (sp) d.speaker = sp;
    }
    d.modality = modality ?? 'asserted';
    d.negated = negated;
  }
}

/** What makes two events of a sentence the same: type, source and target countries, negation. */
function eventKey(d: Draft): string {
  const type = (ploverForCameo(d.code)?.type ?? d.entry.type) as PloverType;
  return `${type}|${countryList(d.sources)}|${countryList(d.targets)}|${d.negated}`;
}

function countryList(actors: readonly Actor[]): string {
  return actors.map((a) => a.country).sort().join(',');
}

/** Guards: an event needs an actor in its frame; identical events in one sentence are one. Statements apart. */
function dedupe(live: Draft[]): { events: Draft[]; statements: Draft[] } {
  const seen = new Map<string, Draft>();
  const events: Draft[] = [];
  const statements: Draft[] = [];
  for (const d of live.sort((a, b) => a.salience - b.salience || a.trigger.k - b.trigger.k)) {
    if (!d.sources.length && !d.targets.length) {
      d.dropped = 'no actor in its frame';
      continue;
    }
    if (d.entry.pos === 'noun' && !d.targets.length && d.entry.frame !== 'intransitive' && d.entry.type !== null && NEEDS_TARGET_AS_NOUN.has(d.entry.type) && BARE_NOUN_FRAME.test(d.frame)) {
      // "his promises", "Trump's meetings": a verbal event noun with no one on the other side says too little to code.
      d.dropped = 'event noun without a target';
      continue;
    }
    if (d.entry.type === null) {
      statements.push(d);
      continue;
    }
    const key = eventKey(d);
    const prev = seen.get(key);
    if (prev && prev.frame.includes('-target-') && !d.frame.includes('-target-')) {
      // The same event with its target read from the text wins over one whose target was inferred.
      prev.dropped = `same event as ${d.entry.id}`;
      events[events.indexOf(prev)] = d;
      seen.set(key, d);
      continue;
    }
    if (prev) {
      d.dropped = `same event as ${prev.entry.id}`;
      continue;
    }
    seen.set(key, d);
    events.push(d);
  }
  return { events, statements };
}

function traceTriggers(v: View, drafts: readonly Draft[], trace: SentenceTrace): void {
  for (const d of drafts) {
    trace.triggers.push({
      text: v.toks[d.trigger.k]!.text,
      entry: d.entry.id,
      code: d.entry.code === null ? null : d.code,
      frame: d.frame,
      sources: d.sources.map((a) => a.code || a.text),
      targets: d.targets.map((a) => a.code || a.text),
      outcome: d.dropped ?? (d.entry.type === null ? 'statement' : 'event'),
    });
  }
}

function triggerSpan(v: View, t: Trigger): { text: string; start: number; end: number } {
  let first = t.k;
  if (t.objectAt >= 0 && t.objectAt < first) first = t.objectAt;
  const start = v.toks[first]!.start;
  const end = v.toks[t.end]!.end;
  return { text: v.text.slice(start, end), start, end };
}

function pickDate(v: View, d: Draft, dates: ReturnType<typeof sentenceDates>, ctx: FieldContext): { date: string; basis: 'text' | 'article'; historical: boolean } {
  const pos = v.toks[d.trigger.k]!.start;
  const clauseStart = v.toks[d.clause.start]!.start;
  const clauseEnd = v.toks[Math.min(d.clause.end, v.n - 1)]!.end;
  let best: (typeof dates.days)[number] | undefined;
  const inClause = dates.days.filter((x) => x.start >= clauseStart && x.end <= clauseEnd);
  const pool = inClause.length ? inClause : dates.days.length === 1 || v.clauses.filter((c) => !c.fronted).length <= 1 ? dates.days : [];
  for (const x of pool) if (!best || Math.abs(x.start - pos) < Math.abs(best.start - pos)) best = x;
  const year = Number(ctx.date.slice(0, 4));
  const historical = dates.years.some((y) => y.year < year && y.start >= clauseStart && y.start <= clauseEnd);
  if (!best) return { date: ctx.date, basis: 'article', historical };
  let date = best.date;
  if (best.weekdayOnly && date > ctx.date && d.modality !== 'planned') date = weekBefore(date);
  return { date, basis: 'text', historical: historical || date < addDays(ctx.date, -365) };
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
}

function locationOf(s: Slot | undefined): EventLocation | undefined {
  if (!s) return undefined;
  const country = s.actors[0]?.country ?? '';
  return { text: s.text, country: country === 'IGO' ? '' : country, start: s.start, end: s.end };
}

function toRecord(v: View, d: Draft, ctx: FieldContext, sentenceSpan: { text: string; start: number; end: number }, date: { date: string; basis: 'text' | 'article' }): EventRecord {
  const c = cameo(d.code)!;
  const mapped = ploverForCameo(d.code);
  const overridden = d.entry.type !== null && d.code === d.entry.code && mapped?.type !== d.entry.type;
  const type = (overridden ? d.entry.type : (mapped?.type ?? d.entry.type)) as PloverType;
  const mode = overridden || d.code === d.entry.code ? d.entry.mode : (mapped?.mode ?? '');
  const context = d.code === d.entry.code ? d.entry.context : (mapped?.context ?? []);
  const trigger = triggerSpan(v, d.trigger);
  const rule = `${d.entry.id}/${d.frame}@${ctx.field}[${ctx.fieldIndex}]`;
  const slotConf = Math.min(1, ...[...d.args.sources, ...d.args.targets].map((s) => s.confidence));
  const rec: EventRecord = {
    id: `ev-${ctx.articleId ?? 'x'}-${ctx.field}${ctx.fieldIndex}-${trigger.start}-${d.entry.id}`,
    article_id: ctx.articleId,
    sentence: sentenceSpan,
    sources: d.sources,
    targets: d.targets,
    plover: { type, mode, context },
    cameo: { code: d.code, root: c.root, quad_class: c.quad, goldstein: c.goldstein },
    modality: d.modality,
    negated: d.negated,
    date: date.date,
    date_basis: date.basis,
    trigger,
    rule_id: rule,
    confidence: Math.round(Math.max(0.05, Math.min(1, d.confidence * (v.headline ? 0.9 : 1) * Math.max(0.5, slotConf))) * 100) / 100,
    dictionary_version: ctx.dict.version,
  };
  const loc = locationOf(d.location);
  if (loc) rec.location = loc;
  if (d.speaker?.length) rec.speaker = d.speaker[0]!;
  return rec;
}

function toStatement(v: View, d: Draft, ctx: FieldContext, sentenceSpan: { text: string; start: number; end: number }): StatementRecord {
  const c = cameo(d.code)!;
  return {
    code: d.code,
    goldstein: c.goldstein,
    speaker: d.sources,
    targets: d.targets,
    trigger: triggerSpan(v, d.trigger),
    sentence: sentenceSpan,
    rule_id: `${d.entry.id}/${d.frame}@${ctx.field}[${ctx.fieldIndex}]`,
    modality: d.modality,
    negated: d.negated,
  };
}

/**
 * Code every sentence of an analysed field. `mentions` are the resolver's
 * for this analysis. Title-case sentences are re-tagged in lower case
 * (mentions keep their case) so headlines code like prose.
 */
export function codeAnalysis(a: Analysis, mentions: readonly CoderMention[], ctx: FieldContext): FieldResult {
  const out: FieldResult = { events: [], statements: [], trace: [], main: [] };
  const quoteAt = quoteStates(a);
  const bySentence = mentionsBySentence(mentions);
  for (const s of a.sentences) {
    const headline = isTitleCase(s.text);
    let tagged = a;
    let index = s.index;
    if (headline) {
      tagged = retag(a, s, bySentence.get(s.index) ?? []);
      index = 0;
    }
    const sentenceMentions = bySentence.get(s.index) ?? [];
    if (!ctx.trace && !mayTrigger(tagged, index, ctx.dict)) {
      // Nothing to code; the sentence's actors still feed the context of the next ones.
      ctx.history.push({ events: [], subjects: [], actors: politicalActors(sentenceMentions).slice(0, 8) });
      out.main.push(undefined);
      continue;
    }
    const slots = buildSlots(tagged, index, sentenceMentions, headline);
    if (ctx.useContext) {
      pairSlots(tagged, index, slots, ctx.dict, ctx.history);
      pairPhrasesToParties(slots, ctx);
    }
    const trace: SentenceTrace = {
      field: ctx.field, fieldIndex: ctx.fieldIndex, sentence: s.index, text: s.text, headline,
      actors: ctx.trace ? slots.map((sl) => ({ text: sl.text, code: sl.actors.map((x) => x.code).join('+'), kind: sl.kind, location: sl.location })) : [],
      clauses: [], triggers: [],
    };
    if (ctx.trace) out.trace.push(trace);
    const memory: Memory = { events: [], subjects: [], actors: uniqActors(slots.filter((sl) => sl.political && !sl.location), 8) };
    if (!slots.some((sl) => sl.political)) {
      trace.note = 'no political actor: no events';
      out.main.push(undefined);
      ctx.history.push(memory);
      continue;
    }
    // Without a trace the check was made above.
    if (ctx.trace && !mayTrigger(tagged, index, ctx.dict)) {
      // No word of the sentence is in the dictionary: nothing to code (the actors still feed the context).
      trace.note = 'no trigger word';
      out.main.push(undefined);
      ctx.history.push(memory);
      continue;
    }
    const v = new View(tagged, a.text, index, tagged.sentences[index]!.first, slots, headline, ctx.dict);
    v.startsInQuote = quoteAt.get(s.start) ?? false;
    const { drafts, statements } = codeView(v, ctx, trace);
    const span = { text: s.text, start: s.start, end: s.end };
    const recs = eventRecords(v, drafts, ctx, s, span);
    const stmts = statements.map((d) => toStatement(v, d, ctx, span));
    out.events.push(...recs);
    out.statements.push(...stmts);
    out.main.push(mainEvent(drafts, statements, recs, stmts));
    memory.events = recs.map((r) => ({ sources: r.sources, targets: r.targets }));
    rememberSubjects(v, memory);
    rememberSpeaker(v, ctx, memory);
    ctx.history.push(memory);
  }
  return out;
}

function mentionsBySentence(mentions: readonly CoderMention[]): Map<number, CoderMention[]> {
  const bySentence = new Map<number, CoderMention[]>();
  for (const m of mentions) {
    const list = bySentence.get(m.sentence) ?? [];
    list.push(m);
    bySentence.set(m.sentence, list);
  }
  return bySentence;
}

/** The actors of mentions with a country or sector that are not places. */
function politicalActors(mentions: readonly CoderMention[]): Actor[] {
  return mentions.filter((m) => !m.location && m.via !== 'location' && (m.country || m.sector)).map(toActor);
}

/** "both nations": the two parties of the latest event win over the two latest names. */
function pairPhrasesToParties(slots: Slot[], ctx: FieldContext): void {
  const phrases = pairSet(ctx.dict);
  let parties: Actor[] | undefined;
  for (const sl of slots) {
    if (sl.last > sl.first && phrases.has(sl.text.toLowerCase())) {
      parties ??= recentParties(ctx.history);
      if (parties.length === 2) sl.actors = parties.map((p) => ({ ...p, text: sl.text }));
    }
  }
}

/** Event records of a sentence's drafts, dated (a date in the text can make the event historical or planned). */
function eventRecords(v: View, drafts: readonly Draft[], ctx: FieldContext, s: Sentence, span: { text: string; start: number; end: number }): EventRecord[] {
  const dates = drafts.length ? sentenceDates(s.text, s.start, ctx.date) : { days: [], years: [] };
  const recs: EventRecord[] = [];
  for (const d of drafts) {
    const dt = pickDate(v, d, dates, ctx);
    if (dt.historical && (d.modality === 'asserted' || d.modality === 'reported')) d.modality = 'historical';
    else if (dt.basis === 'text' && dt.date > ctx.date && d.modality === 'asserted') d.modality = 'planned';
    recs.push(toRecord(v, d, ctx, span, dt));
  }
  return recs;
}

/** Main event: the most salient of events and statements. */
function mainEvent(drafts: readonly Draft[], statements: readonly Draft[], recs: readonly EventRecord[], stmts: readonly StatementRecord[]): MainEvent | undefined {
  const firstEvent = drafts[0];
  const firstStatement = statements[0];
  if (firstStatement && (!firstEvent || firstStatement.salience < firstEvent.salience || (firstStatement.salience === firstEvent.salience && firstStatement.trigger.k < firstEvent.trigger.k))) {
    return { kind: 'statement', statement: stmts[0]! };
  }
  return recs[0] ? { kind: 'event', event: recs[0] } : undefined;
}

/** The subjects of the sentence's clauses (not fronted, not relative), for the next sentences. */
function rememberSubjects(v: View, memory: Memory): void {
  for (const c of v.clauses) {
    if (c.fronted || c.kind === 'relative') continue;
    const fv = firstVerb(v, c);
    if (fv < 0) continue;
    const r = clauseSubject(v, c, verbChain(v, fv, c.start).start);
    if (r.phrase) memory.subjects.push(...uniqActors(r.phrase.slots, 2));
  }
}

/** Who spoke the sentence's last quotation (or the quotation it continues). */
function rememberSpeaker(v: View, ctx: FieldContext, memory: Memory): void {
  let quote: Clause | undefined;
  for (const c of v.clauses) if (c.kind === 'quote') quote = c;
  const sp = quote ? speakerOf(v, quote) : undefined;
  if (sp) memory.speaker = sp;
  else if (v.startsInQuote && ctx.history.at(-1)?.speaker) memory.speaker = ctx.history.at(-1)!.speaker!;
}

/** For each sentence start: whether it lies inside a quotation opened earlier on its line. One pass over the text. */
function quoteStates(a: Analysis): Map<number, boolean> {
  const out = new Map<number, boolean>();
  const text = a.text;
  let open = false;
  let i = 0;
  for (const s of a.sentences) {
    for (; i < s.start; i++) {
      const ch = text[i];
      if (ch === '\n') open = false;
      else if (ch === '“') open = true;
      else if (ch === '”') open = false;
      else if (ch === '"') open = !open;
    }
    out.set(s.start, open);
  }
  return out;
}

const MODAL_TRIGGERS = new Set(['must', 'should', 'ought', 'has', 'have', 'need', 'needs']);

/** A cheap pre-check: some token of the sentence is a dictionary word (lemma, inflected form or demand modal). */
function mayTrigger(a: Analysis, sentence: number, dict: Dictionary): boolean {
  const s = a.sentences[sentence]!;
  for (let i = s.first; i <= s.last; i++) {
    const t = a.tokens[i]!;
    const lemma = lowerCased(t.lemma);
    if (dict.verbs.has(lemma) || dict.nouns.has(lemma) || dict.forms.has(t.lower) || dict.nouns.has(t.lower) || MODAL_TRIGGERS.has(t.lower)) return true;
  }
  return false;
}

/** Whether `offset` lies inside a quotation opened earlier on the same line (quote characters counted from the line start). */
export function opensInQuote(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let open = false;
  for (let i = lineStart; i < offset; i++) {
    const ch = text[i];
    if (ch === '“') open = true;
    else if (ch === '”') open = false;
    else if (ch === '"') open = !open;
  }
  return open;
}

/** A fresh context for one field. */
export function fieldContext(opts: { date: string; articleId?: number | null; field?: Field; fieldIndex?: number; useContext?: boolean; trace?: boolean; history?: Memory[]; dict?: Dictionary }): FieldContext {
  return {
    date: opts.date,
    articleId: opts.articleId ?? null,
    field: opts.field ?? 'text',
    fieldIndex: opts.fieldIndex ?? 0,
    useContext: opts.useContext ?? false,
    trace: opts.trace ?? true,
    history: opts.history ?? [],
    dict: opts.dict ?? dictionary(),
  };
}

// ---------------------------------------------------------------- entry points

let defaultKb: KnowledgeBase | undefined;

/** The bundled knowledge base, loaded once. */
export function defaultKnowledgeBase(): KnowledgeBase {
  defaultKb ??= loadKnowledgeBase();
  return defaultKb;
}

export interface CodeOptions {
  /** Reference date (ISO) for actors and relative dates; default today. */
  date?: string;
  kb?: KnowledgeBase;
  dict?: Dictionary;
}

export interface CodeSentenceResult {
  mentions: Mention[];
  events: EventRecord[];
  statements: StatementRecord[];
  trace: SentenceTrace[];
  main: Array<MainEvent | undefined>;
  dictionary_version: string;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Code a text on its own (usually one sentence; several are coded in turn,
 * without context from one another): the actors found, the events, the
 * statements and a trace of why (`entente code`).
 */
export function codeSentence(text: string, opts: CodeOptions = {}): CodeSentenceResult {
  const date = opts.date ?? today();
  const kb = opts.kb ?? defaultKnowledgeBase();
  const a = analyze(text);
  const mentions = resolveMentions(a, { date }, kb);
  const ctx = fieldContext({ date, ...(opts.dict ? { dict: opts.dict } : {}) });
  const r = codeAnalysis(a, mentions, ctx);
  return { mentions, events: r.events, statements: r.statements, trace: r.trace, main: r.main, dictionary_version: ctx.dict.version };
}

export interface CodableArticle {
  id: number | null;
  title: string;
  dek?: string;
  body: string;
  related: string[];
  published?: string;
  dateBasis?: string;
}

export interface CodeArticleOptions {
  kb?: KnowledgeBase;
  dict?: Dictionary;
  /** Date used when the article has none (ISO); default today. */
  fallbackDate?: string;
  /** Keep the per-sentence trace (default false: ingestion does not need it). */
  trace?: boolean;
}

/**
 * Code an article: title, dek, body and each related headline. Offsets are
 * into the field each event came from; the field and its index are the
 * suffix of rule_id (`…@body[0]`, `…@related[3]`) and part of the event id.
 * Body sentences share context (pronouns, "both nations", agentless
 * passives); headlines are coded on their own.
 */
export function codeArticle(article: CodableArticle, opts: CodeArticleOptions = {}): EventRecord[] {
  return codeArticleDetailed(article, opts).events;
}

export function codeArticleDetailed(article: CodableArticle, opts: CodeArticleOptions = {}): FieldResult {
  const date = (article.published ?? opts.fallbackDate ?? today()).slice(0, 10);
  const kb = opts.kb ?? defaultKnowledgeBase();
  const dict = opts.dict ?? dictionary();
  const out: FieldResult = { events: [], statements: [], trace: [], main: [] };
  const fields: Array<{ field: Field; index: number; text: string; context: boolean }> = [];
  if (article.title.trim()) fields.push({ field: 'title', index: 0, text: article.title, context: false });
  if (article.dek?.trim()) fields.push({ field: 'dek', index: 0, text: article.dek, context: false });
  if (article.body.trim()) fields.push({ field: 'body', index: 0, text: article.body, context: true });
  article.related.forEach((h, i) => h.trim() && fields.push({ field: 'related', index: i, text: h, context: false }));
  for (const f of fields) {
    const a = analyze(f.text);
    const mentions = resolveMentions(a, { date }, kb);
    const ctx = fieldContext({ date, articleId: article.id, field: f.field, fieldIndex: f.index, useContext: f.context, trace: opts.trace ?? false, dict });
    const r = codeAnalysis(a, mentions, ctx);
    out.events.push(...r.events);
    out.statements.push(...r.statements);
    out.trace.push(...r.trace);
    out.main.push(...r.main);
  }
  return out;
}
