/**
 * Clause analysis over wink-nlp tokens without a parser: a sentence view
 * (tokens, lemmas, actor slots), clause segmentation at punctuation,
 * conjunctions, relative pronouns and subordinators, actor phrases with
 * coordination ("Mexico and Canada" is one phrase of two actors), and the
 * subject/object searches the frames use. Heuristics; every choice is local
 * to one sentence and cheap.
 */
import { lowerCased, type Analysis, type Token } from '../nlp/analyze.js';
import type { CompiledCues, Dictionary } from './dictionary.js';
import type { Slot } from './mentions.js';
import { skipTimeBack } from './modality.js';

export type ClauseKind = 'main' | 'relative' | 'complement' | 'adverbial' | 'coord' | 'participle' | 'quote' | 'attribution' | 'paren';

export interface Clause {
  index: number;
  /** Local token indices, inclusive. */
  start: number;
  end: number;
  kind: ClauseKind;
  /** Local index of the word that opened the clause (who, that, and, if…), or -1. */
  opener: number;
  /** The clause this one hangs off (subject inheritance, speaker), or -1. */
  parent: number;
  /** Relative clauses: local index of the last token of the antecedent. */
  antecedentEnd: number;
  /** Opened by if / unless / whether. */
  conditional: boolean;
  /** A fronted adverbial before the main clause ("Following talks in Riyadh, …"). */
  fronted: boolean;
  /** Inside quotation marks. */
  quoted: boolean;
  /** Complement of a verb of saying: local index of that verb. */
  speechVerb: number;
}

/** A run of coordinated slots: one grammatical argument. */
export interface Phrase {
  slots: Slot[];
  /** Local token span of the whole phrase. */
  first: number;
  last: number;
  /** Preposition before the phrase (lower case), '' for none. */
  prep: string;
}

/** One sentence ready for the frames: local token arrays, slots and clauses. */
export class View {
  readonly toks: Token[];
  readonly n: number;
  readonly lower: string[];
  readonly lemma: string[];
  readonly pos: string[];
  /** Local token index → slot index or -1. */
  readonly slotAt: number[];
  /** Local token index → clause index (set by segmentClauses). */
  readonly clauseOf: number[];
  clauses: Clause[] = [];
  /** Local index of the clause holding an end-of-sentence attribution (", officials said"), or -1. */
  attribution = -1;
  /** Closing quotes of scare quotes: skipped by the segmenter. */
  readonly transparentQuotes = new Set<number>();
  /** The sentence begins inside a quotation opened in an earlier sentence. */
  startsInQuote = false;

  constructor(
    readonly analysis: Analysis,
    /** Original text (offsets are the same in a lowered headline analysis). */
    readonly text: string,
    readonly sentence: number,
    readonly first: number,
    readonly slots: Slot[],
    readonly headline: boolean,
    readonly dict: Dictionary,
  ) {
    const s = analysis.sentences[sentence]!;
    this.toks = analysis.tokens.slice(s.first, s.last + 1);
    this.n = this.toks.length;
    this.lower = new Array<string>(this.n);
    this.lemma = new Array<string>(this.n);
    this.pos = new Array<string>(this.n);
    // Plain arrays: a sentence-sized typed array costs an off-heap allocation per sentence.
    this.slotAt = new Array<number>(this.n).fill(-1);
    this.clauseOf = new Array<number>(this.n).fill(0);
    for (let k = 0; k < this.n; k++) {
      const t = this.toks[k]!;
      const lower = t.text.includes('’') ? t.lower.replace(/’/g, "'") : t.lower;
      this.lower[k] = lower;
      const lem = lowerCased(t.lemma);
      this.lemma[k] = dict.verbs.has(lem) || dict.nouns.has(lem) ? lem : (dict.forms.get(lower) ?? lem);
      this.pos[k] = t.pos;
    }
    // "cease-fire", "pull-out": the tokenizer splits at the hyphen; the last part carries the compound's lemma.
    for (let k = 1; k + 1 < this.n; k++) {
      if (this.lower[k] !== '-' || this.toks[k - 1]!.end !== this.toks[k]!.start || this.toks[k]!.end !== this.toks[k + 1]!.start) continue;
      const joined = `${this.lower[k - 1]}-${this.lower[k + 1]}`;
      const lemma = dict.compounds.has(joined) ? joined : dict.forms.get(joined);
      if (lemma === undefined || !dict.compounds.has(lemma)) continue;
      this.lemma[k + 1] = lemma;
      if (dict.nouns.has(lemma) && !dict.verbs.has(lemma)) this.pos[k + 1] = 'NOUN';
      this.lemma[k - 1] = this.lower[k - 1]!;
      if (this.pos[k - 1] === 'VERB') this.pos[k - 1] = 'ADJ';
    }
    for (const sl of slots) {
      for (let k = sl.first - s.first; k <= sl.last - s.first; k++) {
        if (k < 0 || k >= this.n) continue;
        this.slotAt[k] = sl.index;
        // The tagger reads a demonym after "to" as a verb ("opposed to French mediation"); a name is not a predicate.
        if (this.pos[k] === 'VERB' && sl.adjective) this.pos[k] = 'ADJ';
      }
    }
  }

  get cues(): CompiledCues {
    return this.dict.cues;
  }

  /** Local slot span. */
  slotFirst(sl: Slot): number {
    return sl.first - this.first;
  }

  slotLast(sl: Slot): number {
    return sl.last - this.first;
  }

  slot(k: number): Slot | undefined {
    const i = this.slotAt[k];
    return i === undefined || i < 0 ? undefined : this.slots[i];
  }

  isVerb(k: number): boolean {
    return this.pos[k] === 'VERB';
  }

  isPunct(k: number): boolean {
    return this.pos[k] === 'PUNCT' || this.pos[k] === 'SYM';
  }

  clause(k: number): Clause {
    return this.clauses[this.clauseOf[k]!]!;
  }
}

/** Regular expressions live at module level: a literal in a function body is a new object on every evaluation. */
export const PARTICIPLE_END = /(?:ed|en)$/;
const DAY_WORD = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)$/;
const ATTRIBUTION_VERB = /^(?:said|told|added|says|adds|tells|according)$/;
const COMPARATIVE = /^(?:more|less|fewer|over|under)$/;
const POSSESSIVE_DET = /^(?:his|her|its|their|our|my|your)$/;
const QUOTES = new Set(['"', '“', '”', "''", '``', '«', '»']);
const HARD_BREAKS = new Set([';', ':', '—', '–', '(', ')', '[', ']', '--']);
const COORD = new Set(['and', 'but', 'or', 'yet', 'nor']);
/** Subordinators that always open a clause, whatever wink tags them. */
const STRONG_SUB = new Set(['while', 'whereas', 'although', 'though', 'because', 'unless', 'whether', 'if', 'once', 'until', 'when', 'whilst', 'lest', 'whenever', 'wherever']);
const CONDITIONAL = new Set(['if', 'unless', 'whether', 'lest']);
const FINITE_AUX = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'must', 'should', 'shall', 'does', 'did', 'do', "'s", "'re", "'ve", "'ll", "'d"]);

function isParticiple(v: View, k: number): boolean {
  if (v.pos[k] !== 'VERB') return false;
  const w = v.lower[k]!;
  return w.endsWith('ing') || w.endsWith('ed');
}

/** A verb phrase starts within `span` tokens after k (before punctuation): the words after k form a clause. */
function verbAhead(v: View, k: number, span: number): boolean {
  for (let j = k; j < Math.min(v.n, k + span); j++) {
    const p = v.pos[j];
    if (p === 'VERB' && v.lower[j - 1] !== 'to' && !v.lower[j]!.endsWith('ing')) return true;
    if (p === 'AUX' && FINITE_AUX.has(v.lower[j]!)) return true;
    if (v.isPunct(j) || p === 'CCONJ' || p === 'SCONJ' || p === 'ADP') return false;
  }
  return false;
}

/** A finite verb within `span` tokens, across coordinated and prepositional noun phrases, before any punctuation. */
function finiteVerbAhead(v: View, k: number, span: number): boolean {
  for (let j = k; j < Math.min(v.n, k + span); j++) {
    const p = v.pos[j];
    if (p === 'VERB' && v.lower[j - 1] !== 'to' && !v.lower[j]!.endsWith('ing')) return true;
    if (p === 'AUX' && FINITE_AUX.has(v.lower[j]!)) return true;
    if (v.isPunct(j) || p === 'SCONJ' || (p === 'PRON' && j > k)) return false;
  }
  return false;
}

/** Subject-like start: a slot, a pronoun or a determiner/noun phrase, then a finite verb. */
/** A verb in [from, to): the clause so far has its predicate ("Egypt and the Palestinians met" coordinates subjects, not clauses). */
function hasPredicate(v: View, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (v.pos[j] === 'VERB' || v.pos[j] === 'AUX') return true;
  return false;
}

function clauseAhead(v: View, k: number): boolean {
  let j = k;
  while (j < v.n && v.pos[j] === 'ADV') j++;
  if (j >= v.n) return false;
  const p = v.pos[j];
  if (p === 'VERB' || p === 'AUX') return true;
  if (v.slotAt[j]! >= 0 || p === 'PRON' || p === 'DET' || p === 'PROPN' || p === 'NOUN' || p === 'NUM' || p === 'ADJ') {
    // "said US and British forces must …": a coordinated subject, then the verb.
    return verbAhead(v, j + 1, 8) || (v.slotAt[j]! >= 0 && finiteVerbAhead(v, j + 1, 10));
  }
  return false;
}

/** An empty clause (end = start - 1) opening at token `start`. */
function newClause(index: number, start: number, kind: ClauseKind, opener: number, parent: number, quoted: boolean): Clause {
  return { index, start, end: start - 1, kind, opener, parent, antecedentEnd: -1, conditional: false, fronted: false, quoted, speechVerb: -1 };
}

/**
 * Split the sentence into clauses. Local indices; fills v.clauses,
 * v.clauseOf and v.attribution.
 */
export function segmentClauses(v: View): void {
  const cues = v.cues;
  const clauses: Clause[] = [];
  let inQuote = v.startsInQuote;
  let cur = newClause(clauses.length, 0, inQuote ? 'quote' : 'main', -1, -1, inQuote);
  let lastMain = 0;
  // The sentence opens with an adverbial (preposition, subordinator, participle, adverb): its first comma ends it.
  const firstPos = v.pos[0];
  let mainStarted = !(firstPos === 'ADP' || firstPos === 'SCONJ' || firstPos === 'ADV' || (firstPos === 'VERB' && isParticiple(v, 0)) || cues.clausePrepositions.has(v.lower[0]!));
  if (!mainStarted && cues.subordinators.has(v.lower[0]!) && CONDITIONAL.has(v.lower[0]!)) cur.conditional = true;

  const open = (start: number, kind: ClauseKind, opener: number, parent: number): Clause => {
    if (cur.end >= cur.start) {
      clauses.push(cur);
      if (cur.kind === 'main' || cur.kind === 'coord') lastMain = cur.index;
      cur = newClause(clauses.length, start, kind, opener, parent, inQuote);
    } else {
      cur.kind = kind;
      cur.opener = opener;
      cur.parent = parent;
      cur.start = start;
      cur.quoted = inQuote;
    }
    cur.index = clauses.length;
    return cur;
  };

  for (let k = 0; k < v.n; k++) {
    const w = v.lower[k]!;
    const p = v.pos[k]!;
    if (v.transparentQuotes.has(k)) {
      cur.end = k;
      continue;
    }
    if (QUOTES.has(w) && !inQuote && scareQuote(v, k)) {
      // "America First", a "new strategic partnership": quoted words without a verb are not speech.
      cur.end = k;
      continue;
    }
    if (QUOTES.has(w) || (w === "'" && p === 'PUNCT' && (k === 0 || k === v.n - 1 || v.isPunct(k - 1) || v.isPunct(k + 1)))) {
      cur.end = k;
      inQuote = !inQuote;
      const parentIdx = cur.index;
      open(k + 1, inQuote ? 'quote' : 'main', k, parentIdx);
      continue;
    }
    if (w === ')' || w === ']') {
      // After a parenthesis the clause before it goes on: "Hizbollah (Party of God) group declared …".
      cur.end = k;
      let back = cur.parent;
      while (back >= 0 && clauses[back] && clauses[back]!.kind === 'paren') back = clauses[back]!.parent;
      open(k + 1, 'coord', k, back >= 0 ? back : cur.index);
      continue;
    }
    if (HARD_BREAKS.has(w)) {
      cur.end = k;
      const before = cur.index;
      // "a clear agenda: strengthen ties with …": a bare verb after a colon or dash continues the subject before it.
      const bareVerb = (w === ':' || w === '—' || w === '–') && v.pos[k + 1] === 'VERB' && !isParticiple(v, k + 1);
      open(k + 1, w === '(' || w === '[' ? 'paren' : bareVerb ? 'coord' : 'main', k, before);
      if (!mainStarted) mainStarted = true;
      continue;
    }
    if (k > 0 && cues.relative.has(w) && !(v.pos[k + 1] === 'NOUN' && w !== 'whose')) {
      const parentIdx = cur.index;
      let ante = k - 1;
      while (ante > 0 && (v.lower[ante] === ',' || v.pos[ante] === 'ADP' && v.lower[ante] !== 'of')) ante--;
      if (v.pos[k - 1] === 'ADP') ante = k - 2; // "of whom", "in which"
      cur.end = k - 1;
      const c = open(k, 'relative', k, parentIdx);
      c.antecedentEnd = ante;
      continue;
    }
    if (w === 'that' && k > 0) {
      const prev = v.pos[k - 1];
      const next = v.pos[k + 1];
      if ((prev === 'NOUN' || prev === 'PROPN' || v.slotAt[k - 1]! >= 0) && (next === 'VERB' || next === 'AUX' || next === 'ADV')) {
        const parentIdx = cur.index;
        cur.end = k - 1;
        const c = open(k, 'relative', k, parentIdx);
        c.antecedentEnd = k - 1;
        continue;
      }
      // "said on Friday that …": step back over the time adverbial to the verb of saying.
      const verbAt = skipTimeBack(v, k - 1, cur.start);
      const afterSpeech = v.pos[verbAt] === 'VERB' && cues.speech.has(v.lemma[verbAt]!);
      if (p === 'SCONJ' || prev === 'VERB' || prev === 'ADJ' || prev === 'ADV' || v.lower[k - 1] === ',' || afterSpeech) {
        // After a verb of saying the complement's subject may be long ("that the government and the rebels in Darfur must …").
        if (clauseAhead(v, k + 1) || (afterSpeech && finiteVerbAhead(v, k + 1, 16))) {
          const parentIdx = cur.index;
          const speech = afterSpeech ? verbAt : -1;
          cur.end = k - 1;
          const c = open(k, 'complement', k, parentIdx);
          c.speechVerb = speech;
          continue;
        }
      }
    }
    // "once again", "once more": an adverb, not "once X happens".
    const adverbial = w === 'once' && (v.lower[k + 1] === 'again' || v.lower[k + 1] === 'more');
    if (k > 0 && !adverbial && (STRONG_SUB.has(w) || (p === 'SCONJ' && cues.subordinators.has(w) && clauseAhead(v, k + 1)))) {
      const parentIdx = cur.index;
      cur.end = k - 1;
      const c = open(k, 'adverbial', k, parentIdx);
      c.conditional = CONDITIONAL.has(w);
      continue;
    }
    if (k > 0 && (w === 'after' || w === 'before' || w === 'since' || w === 'following' || w === 'despite' || w === 'amid') && v.pos[k + 1] === 'VERB') {
      const parentIdx = cur.index;
      cur.end = k - 1;
      open(k, 'adverbial', k, parentIdx);
      continue;
    }
    if (k > 0 && p === 'CCONJ' && COORD.has(w)) {
      let j = k + 1;
      while (j < v.n && v.pos[j] === 'ADV') j++;
      const np = v.pos[j];
      if (np === 'VERB' && v.lower[j] === v.lemma[j] && infinitiveBefore(v, k)) {
        // "to join NATO and reclaim territories": one infinitive phrase, not a new clause.
        cur.end = k;
        continue;
      }
      if (np === 'VERB' || (np === 'AUX' && FINITE_AUX.has(v.lower[j]!))) {
        const parentIdx = cur.kind === 'relative' || cur.kind === 'complement' || cur.kind === 'adverbial' || cur.kind === 'participle' ? cur.index : lastOfKindMain(clauses, cur);
        cur.end = k - 1;
        open(k, 'coord', k, parentIdx);
        continue;
      }
      if (w === 'but' || w === 'yet' || (v.lower[k - 1] === ',' && clauseAhead(v, j))) {
        if (clauseAhead(v, j)) {
          cur.end = k - 1;
          open(k, 'main', k, -1);
          continue;
        }
      } else if (v.slotAt[j]! < 0 && (np === 'PRON' || np === 'DET') && hasPredicate(v, cur.start, k) && clauseAhead(v, j)) {
        cur.end = k - 1;
        open(k, 'main', k, -1);
        continue;
      }
    }
    if (w === ',' && k + 1 < v.n) {
      const next = k + 1;
      if (!mainStarted) {
        cur.end = k;
        cur.fronted = true;
        if (cur.kind === 'main') cur.kind = 'adverbial';
        for (const c of clauses) c.fronted = true;
        mainStarted = true;
        open(next, 'main', -1, -1);
        continue;
      }
      if (isParticiple(v, next) && v.lower[next] !== 'including' && v.lower[next] !== 'according') {
        cur.end = k;
        const parentIdx = (cur.kind === 'main' || cur.kind === 'coord') && !cur.quoted && cur.start > 0 && !QUOTES.has(v.lower[cur.start - 1]!) ? cur.index : lastOfKindMain(clauses, cur);
        open(next, 'participle', -1, parentIdx);
        continue;
      }
      if (v.pos[next] === 'VERB' && cur.kind !== 'relative' && cur.kind !== 'paren' && hasVerb(v, cur.start, k - 1) && !v.cues.speech.has(v.lemma[next]!)) {
        // "Japan PM Clarifies Taiwan Stance, Stresses Importance of …": a second predicate of the same subject.
        cur.end = k;
        open(next, 'coord', -1, cur.index);
        continue;
      }
      if ((cur.kind === 'relative' || cur.kind === 'paren') && (v.pos[next] === 'VERB' || (v.pos[next] === 'AUX' && FINITE_AUX.has(v.lower[next]!)))) {
        cur.end = k;
        const back = cur.parent >= 0 ? cur.parent : lastMain;
        open(next, 'coord', -1, back);
        continue;
      }
      if (isAttribution(v, next)) {
        cur.end = k;
        const c = open(next, 'attribution', -1, -1);
        v.attribution = c.index;
        continue;
      }
    }
    if (p === 'VERB' && cues.speech.has(v.lemma[k]!) && k + 1 < v.n && !inQuote) {
      // "X said the embassy had …": a complement clause without "that".
      let j = k + 1;
      while (j < v.n && (v.pos[j] === 'ADV' || v.lower[j] === 'on' || DAY_WORD.test(v.lower[j]!))) j++;
      if (j < v.n && j > k && v.lower[j] !== 'that' && v.lower[j] !== ',' && !QUOTES.has(v.lower[j]!) && (v.slotAt[j]! >= 0 || v.pos[j] === 'PRON' || v.pos[j] === 'DET' || v.pos[j] === 'PROPN' || v.pos[j] === 'NOUN') && clauseAhead(v, j)) {
        cur.end = k;
        const parentIdx = cur.index;
        const c = open(j, 'complement', k, parentIdx);
        c.speechVerb = k;
        for (let x = k + 1; x < j; x++) v.clauseOf[x] = parentIdx;
        cur.end = Math.max(cur.end, j - 1);
        k = j - 1;
        continue;
      }
    }
    cur.end = k;
  }
  if (cur.end >= cur.start) clauses.push(cur);
  else if (clauses.length === 0) clauses.push({ ...cur, end: v.n - 1 });
  clauses.forEach((c, i) => {
    c.index = i;
    for (let k = c.start; k <= c.end && k < v.n; k++) v.clauseOf[k] = i;
  });
  // Parent indices were taken while clauses were built; they only ever point backwards.
  for (const c of clauses) if (c.parent >= c.index) c.parent = -1;
  v.clauses = clauses;
  if (v.attribution >= clauses.length) v.attribution = -1;
  // "According to X, …" is a fronted attribution.
  if (v.lower[0] === 'according' && v.lower[1] === 'to' && clauses.length > 1 && clauses[0]!.fronted) v.attribution = 0;
}

/** A "to + verb" within the few words before local index k (no punctuation between). */
function infinitiveBefore(v: View, k: number): boolean {
  for (let x = k - 1; x >= 0 && x >= k - 8; x--) {
    if (v.isPunct(x) || v.pos[x] === 'CCONJ') return false;
    if (v.lower[x] === 'to' && v.pos[x + 1] === 'VERB') return true;
  }
  return false;
}

function hasVerb(v: View, from: number, to: number): boolean {
  for (let j = from; j <= to; j++) if (v.pos[j] === 'VERB') return true;
  return false;
}

/** An opening quote whose quoted words hold no verb (a name or a phrase in scare quotes): local index of its close, or 0. */
function scareQuote(v: View, k: number): boolean {
  for (let j = k + 1; j < v.n && j <= k + 12; j++) {
    if (QUOTES.has(v.lower[j]!)) {
      for (let x = k + 1; x < j; x++) if (v.pos[x] === 'VERB' || v.pos[x] === 'AUX') return false;
      v.transparentQuotes.add(j);
      return true;
    }
  }
  return false;
}

function lastOfKindMain(clauses: Clause[], cur: Clause): number {
  for (let i = clauses.length - 1; i >= 0; i--) {
    const c = clauses[i]!;
    if ((c.kind === 'main' || c.kind === 'coord') && !c.quoted && !c.fronted) return i;
  }
  return cur.index;
}

/** ", officials said Thursday." / ", said X." / ", X told reporters." at the end of the sentence. */
function isAttribution(v: View, k: number): boolean {
  if (v.n - k > 14) return false;
  // ", said the minister" / ", officials said": a predicate right after the comma in any other tense is a second predicate ("…, Stresses Importance of …").
  if (v.pos[k] === 'VERB' && !ATTRIBUTION_VERB.test(v.lower[k]!)) return false;
  let speech = -1;
  for (let j = k; j < v.n; j++) {
    const p = v.pos[j];
    if (p === 'VERB') {
      if (speech >= 0 || !v.cues.speech.has(v.lemma[j]!)) return false;
      speech = j;
    } else if (p === 'AUX' && speech < 0 && !FINITE_AUX.has(v.lower[j]!)) return false;
    else if (p === 'SCONJ' || (p === 'PUNCT' && j < v.n - 1 && v.lower[j] !== ',' && !QUOTES.has(v.lower[j]!) && v.lower[j] !== '.')) return false;
  }
  return speech >= 0;
}

// ---------------------------------------------------------------- phrases

/** The token before local index k that governs it: a preposition, skipping determiners and modifiers. */
const TIME_NOUNS = /^(?:\d{4}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|week|month|year|morning|evening|night|weekend)$/;

export function governingPrep(v: View, k: number, floor: number): string {
  let time = false;
  for (let j = k - 1; j >= floor; j--) {
    const p = v.pos[j];
    const w = v.lower[j]!;
    // "In 2018 the United States …", "On Tuesday Japan …": the preposition governs the time, not the actor.
    if (TIME_NOUNS.test(w)) {
      time = true;
      continue;
    }
    if (time && (p === 'ADP' || p === 'DET')) return '';
    // "more than 100 Palestinians", "up to 16 Russian advisers": quantities, not prepositions.
    if ((w === 'than' && COMPARATIVE.test(v.lower[j - 1] ?? '')) || (w === 'to' && v.lower[j - 1] === 'up')) {
      j--;
      continue;
    }
    if (p === 'ADP' || w === 'to') return w;
    if (p === 'DET' || p === 'ADJ' || p === 'NUM' || (p === 'PRON' && POSSESSIVE_DET.test(w)) || w === "'s" || w === '-' || w === 'both' || w === 'all') continue;
    if ((p === 'NOUN' || p === 'PROPN') && v.slotAt[j]! < 0 && j >= k - 2) continue;
    if (v.slotAt[j]! >= 0) continue;
    return '';
  }
  return '';
}

interface Gap {
  ok: boolean;
  conj: boolean;
}
const NO_GAP: Readonly<Gap> = { ok: false, conj: false };
const COMMA_GAP: Readonly<Gap> = { ok: true, conj: false };
const CONJ_GAP: Readonly<Gap> = { ok: true, conj: true };

/** Whether tokens [from, to] join two slots of one coordinated phrase (and whether by a conjunction). */
function coordinationGap(v: View, from: number, to: number): Readonly<Gap> {
  if (from > to) return NO_GAP;
  let conj = false;
  let comma = false;
  for (let j = from; j <= to; j++) {
    const w = v.lower[j]!;
    if (w === 'and' || w === 'or' || w === '&' || w === 'nor' || w === 'plus') conj = true;
    else if (w === ',') {
      comma = true;
      // Headlines list without a conjunction: "Alliances With Japan, South Korea".
      if (v.headline) conj = true;
    }
    else if (w === '-' && from === to) conj = true; // "Cambodia-Thailand"
    else if (!v.cues.coordinationGap.has(w)) return NO_GAP;
  }
  return conj ? CONJ_GAP : comma ? COMMA_GAP : NO_GAP;
}

/**
 * The coordinated phrase around slot index `s`: neighbouring slots joined by
 * and/or/commas and coordination-gap words ("South Korea, Canada, and
 * several European nations"). A chain joined only by commas is an
 * apposition or a list without a conjunction; it is cut at the slot.
 */
export function phraseAt(v: View, slot: Slot, lo: number, hi: number): Phrase {
  const slots = [slot];
  let conjSeen = false;
  // Rightwards.
  let last = v.slotLast(slot);
  const right: Slot[] = [];
  for (let j = last + 1; j <= hi; j++) {
    const s2 = v.slot(j);
    if (!s2) continue;
    if (s2.location) break;
    const g = coordinationGap(v, last + 1, v.slotFirst(s2) - 1);
    if (!g.ok) break;
    // A list ends at its conjunction: "the US and Israel, a Saudi weekly reported" — what follows a comma is an apposition.
    if (!g.conj && conjSeen) break;
    if (g.conj) conjSeen = true;
    right.push(s2);
    last = v.slotLast(s2);
    j = last;
  }
  // Leftwards.
  let first = v.slotFirst(slot);
  const left: Slot[] = [];
  for (let j = first - 1; j >= lo; j--) {
    const s2 = v.slot(j);
    if (!s2) continue;
    if (s2.location) break;
    const g = coordinationGap(v, v.slotLast(s2) + 1, first - 1);
    if (!g.ok) break;
    if (g.conj) conjSeen = true;
    left.unshift(s2);
    first = v.slotFirst(s2);
    j = first;
  }
  if (!conjSeen) {
    // Commas only: keep the slot alone (apposition: "Putin's spokesman, Dmitry Peskov").
    return { slots, first: v.slotFirst(slot), last: v.slotLast(slot), prep: governingPrep(v, v.slotFirst(slot), lo) };
  }
  const all = [...left, ...slots, ...right];
  return { slots: all, first, last, prep: governingPrep(v, first, lo) };
}

/** Slots that name a place after in/at (not actors) are skipped by argument searches. */
export function isActorSlot(s: Slot): boolean {
  return !s.location && s.political;
}

const SUBJECT_PREPS = new Set(['of', 'from', 'like', 'including']);

/**
 * The subject phrase of a predicate whose verb chain starts at local index
 * `chainStart`, searched right to left in [lo, chainStart): the nearest actor
 * phrase that is not inside a prepositional phrase (except "of": "leaders of
 * X and Y").
 */
export function subjectBefore(v: View, lo: number, chainStart: number): Phrase | undefined {
  for (let j = chainStart - 1; j >= lo; j--) {
    const s = v.slot(j);
    if (!s) {
      // A verb between the subject candidate and the chain belongs to another predicate,
      // unless it is a participle inside the subject ("Russian aircraft including gunships", "forces backed by …").
      if (v.pos[j] === 'VERB' && j < chainStart - 1 && !isParticipleModifier(v, j) && !reducedRelative(v, j)) return undefined;
      continue;
    }
    if (!isActorSlot(s)) {
      if (s.location && s.political) {
        const place = phraseAt(v, s, lo, chainStart - 1);
        if (placeOfSubject(v, place, lo)) return { ...place, slots: place.slots.map((x) => ({ ...x, location: false })) };
      }
      j = v.slotFirst(s);
      continue;
    }
    const ph = phraseAt(v, s, lo, chainStart - 1);
    // "leaders of X", "troops from X", "allies like X and Y" hang off the subject's head noun; "critical of X" does not.
    const headBefore = v.pos[ph.first - 1 - (v.pos[ph.first - 1] === 'DET' ? 1 : 0) - 1];
    const nounPP = ph.prep !== '' && SUBJECT_PREPS.has(ph.prep) && (headBefore === 'NOUN' || headBefore === 'PROPN');
    if (!(ph.prep === '' || nounPP) && !placeOfSubject(v, ph, lo)) {
      j = ph.first;
      continue;
    }
    return ph;
  }
  return undefined;
}

/**
 * "Police in Kenya", "Protesters in Baghdad", "a court in Iran": a place
 * right after the subject's head noun stands for the subject's country when
 * nothing else in the subject names an actor.
 */
function placeOfSubject(v: View, ph: Phrase, lo: number): boolean {
  if (ph.prep !== 'in' && ph.prep !== 'at' && ph.prep !== 'throughout' && ph.prep !== 'across') return false;
  const prep = ph.first - 1;
  if (v.lower[prep] !== ph.prep) return false;
  const head = prep - 1;
  if (head < lo || (v.pos[head] !== 'NOUN' && v.pos[head] !== 'PROPN') || v.slotAt[head]! >= 0) return false;
  for (let j = head - 1; j >= lo; j--) {
    if (v.slotAt[j]! >= 0) return false;
    if (v.pos[j] === 'VERB' || v.pos[j] === 'ADP' || v.isPunct(j)) break;
  }
  return true;
}

function reducedRelative(v: View, j: number): boolean {
  const w = v.lower[j]!;
  const prev = v.pos[j - 1];
  return (w.endsWith('ing') || w.endsWith('ed') || w.endsWith('en')) && v.lower[j - 1] !== ',' && (prev === 'NOUN' || prev === 'PROPN' || v.slotAt[j - 1]! >= 0) && v.pos[j - 1] !== 'AUX';
}

function isParticipleModifier(v: View, j: number): boolean {
  // "the U.S.-led coalition", "a Japanese-drafted resolution": a participle inside a noun phrase.
  return PARTICIPLE_END.test(v.lower[j]!) && (v.lower[j - 1] === '-' || ((v.pos[j - 1] === 'DET' || v.pos[j - 1] === 'ADJ') && v.pos[j + 1] === 'NOUN'));
}

/**
 * Actor phrases after local index `from` up to `to`: each with the
 * preposition that governs it. Stops at an infinitive ("to" + verb) unless
 * `throughInfinitive`.
 */
export function phrasesAfter(v: View, from: number, to: number, max = 4): Phrase[] {
  const out: Phrase[] = [];
  for (let j = from; j <= to && out.length < max; j++) {
    if (v.lower[j] === 'to' && v.pos[j + 1] === 'VERB') break;
    const s = v.slot(j);
    if (!s) continue;
    if (!s.political && !s.location) {
      j = v.slotLast(s);
      continue;
    }
    const ph = phraseAt(v, s, from, to);
    if (ph.first < from) {
      ph.first = v.slotFirst(s);
      ph.slots = ph.slots.filter((x) => v.slotFirst(x) >= from);
      ph.prep = governingPrep(v, ph.first, from);
    }
    out.push(ph);
    j = ph.last;
  }
  return out;
}
