/**
 * Triggers and argument frames: which dictionary entry a token fires, and
 * who its sources and targets are — subject and object of a verb in active
 * or passive voice, the possessor, premodifier and prepositional phrases of
 * an event noun, inherited subjects of coordinated, participle and relative
 * clauses. Pure functions over a View.
 */
import type { DictEntry } from './dictionary.js';
import { governingPrep, isActorSlot, PARTICIPLE_END, phraseAt, subjectBefore, type Clause, type Phrase, type View } from './clauses.js';
import type { Slot } from './mentions.js';
import { isPassive, skipTimeForward, verbChain, type Chain } from './modality.js';

export interface Trigger {
  entry: DictEntry;
  /** Local token index of the head. */
  k: number;
  /** Local index of the matched object/particle word, or -1. */
  objectAt: number;
  particleAt: number;
  /** Last local token of the trigger words (head, particle, object). */
  end: number;
  /** Further entries that match the same word, tried in turn when an entry requires a target and finds none. */
  alternatives: Trigger[];
}

/** Types whose target may be the object of the verb they govern ("pledged to help Moldova"). */
/** Regular expressions live at module level: a literal in a function body is a new object on every evaluation. */
const CAUSATIVE = /^(?:help|let|make)$/;
const SUBJECT_PRONOUN = /^(?:he|she|it|they|we|i)$/;
const INFINITIVE_TARGET = new Set(['AGREE', 'THREATEN', 'REJECT', 'REQUEST', 'SUPPORT']);
/** Types whose target is a partner: a phrase "against X" names the one opposed, not the target. */
export const PARTNER_TYPES: ReadonlySet<string> = new Set(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT']);

/** "was put under investigation", "were placed under arrest", "was subjected to torture". */
const PASSIVE_LIGHT = new Set(['put', 'place', 'subject', 'bring', 'take', 'hold', 'keep']);

/** Prepositions after which a protest or a meeting is one the clause's subject takes part in. */
const PARTICIPATION_PREPS = new Set(['during', 'in', 'at', 'for']);
const LOCATION_PREPS = new Set(['in', 'at', 'inside', 'near', 'across', 'throughout', 'around', 'within', 'outside', 'along', 'off']);
const POSSESSIVE_PRON = /^(?:his|her|its|their|our|my|your)$/;

function looksLikeNoun(v: View, k: number): boolean {
  const p = v.pos[k - 1];
  const w = v.lower[k - 1] ?? '';
  // "'s" is a possessive after a name or noun, not after a pronoun ("He's meeting").
  const possessive = (w === "'s" || w === "'") && v.pos[k - 2] !== 'PRON';
  return p === 'DET' || p === 'ADJ' || p === 'NUM' || possessive || POSSESSIVE_PRON.test(w) || (v.slot(k - 1)?.adjective ?? false) || (v.slot(k - 1)?.possessive ?? false);
}

/** A determiner or possessive right before the word: it can only be a noun ("his promises", "the visit"). */
function determined(v: View, k: number): boolean {
  const w = v.lower[k - 1] ?? '';
  // "a warm welcome", "a very public rebuke": a determiner before adjectives and adverbs.
  for (let j = k - 1; j >= Math.max(0, k - 3) && (v.pos[j] === 'ADJ' || v.pos[j] === 'ADV'); j--) if (v.pos[j - 1] === 'DET') return true;
  return v.pos[k - 1] === 'DET' || POSSESSIVE_PRON.test(w) || ((w === "'s" || w === "'") && v.pos[k - 2] !== 'PRON') || (v.slot(k - 1)?.possessive ?? false);
}

/** The word after k starts an object or a prepositional phrase ("call on", "appeal for", "meet Xi"). */
function objectLikeNext(v: View, k: number): boolean {
  const p = v.pos[k + 1];
  return p === 'ADP' || p === 'DET' || p === 'PRON' || v.slotAt[k + 1]! >= 0;
}

function looksLikeVerb(v: View, k: number, nameSubject = false): boolean {
  const prev = v.slot(k - 1);
  const p = v.pos[k - 1];
  if (v.lower[k + 1] === 'of') return false;
  // An inflected verb form after a name ("Rwanda forgave", "Turkey shot down") is a verb even when wink calls the name an adjective;
  // so is a bare form after a name when an object follows ("Russia call on the US").
  const inflected = (v.lower[k] !== v.lemma[k] && !v.lower[k]!.endsWith('ing')) || (nameSubject && prev?.kind !== 'demonym' && objectLikeNext(v, k));
  // A gerund after a preposition: "by engaging directly with Russia".
  if (p === 'ADP' && v.lower[k]!.endsWith('ing') && v.lower[k - 1] !== 'of') return true;
  return (prev !== undefined && !prev.possessive && (!prev.adjective || inflected)) || p === 'PRON' || p === 'AUX' || p === 'ADV' || v.lower[k - 1] === 'to' || (p === 'VERB' && CAUSATIVE.test(v.lemma[k - 1]!));
}

/** Noun entries for a token: by lemma, then by the word itself ("killing", "shelling" are noun heads of their own). */
function nounEntries(v: View, k: number): { key: string; entries: readonly DictEntry[] } | undefined {
  const nouns = v.dict.nouns;
  const lemma = v.lemma[k]!;
  let es = nouns.get(lemma);
  if (es) return { key: lemma, entries: es };
  const lower = v.lower[k]!;
  es = nouns.get(lower);
  if (es) return { key: lower, entries: es };
  // The singular of a plural the tagger took as its own lemma.
  if (!lower.endsWith('s')) return undefined;
  const singular = lower.slice(0, -1);
  es = nouns.get(singular);
  return es ? { key: singular, entries: es } : undefined;
}

/** Nouns that turn the word before them into a modifier of another event: "rocket fire", "missile test", "drone strike". */
const MODIFIED_BY = new Set(['fire', 'attack', 'attacks', 'strike', 'strikes', 'barrage', 'barrages', 'test', 'tests', 'launcher', 'launchers', 'defence', 'defense', 'deal', 'talks', 'violation', 'violations', 'cooperation', 'coordination', 'ties', 'relations', 'spending', 'budget', 'officials', 'official', 'leaders', 'leadership', 'expert', 'experts', 'analyst', 'analysts', 'policy', 'strategy',
  // conflict heads: "deepening trade rift", "trade war", "investment restrictions"
  'war', 'wars', 'rift', 'rifts', 'dispute', 'disputes', 'tension', 'tensions', 'friction', 'spat', 'row', 'conflict', 'barriers', 'restrictions', 'curbs', 'deficit', 'deficits']);

/** A verb-tagged object word that is really the object: "expressed hope for", or the infinitive right after the head ("declined to comment"). */
function objectLikeVerb(v: View, k: number, j: number): boolean {
  if (j === k + 2 && v.lower[k + 1] === 'to') return true;
  return v.lower[j - 1] !== 'to' && !v.lower[j]!.endsWith('ing') && !v.lower[j]!.endsWith('ed');
}

const wordSets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** The entry's word list as a set (lists are compiled once and kept, so the set is built once per list). */
function setOf(words: readonly string[]): ReadonlySet<string> {
  let s = wordSets.get(words);
  if (!s) {
    s = new Set(words);
    wordSets.set(words, s);
  }
  return s;
}

function within(v: View, k: number, from: number, to: number, list: readonly string[], stopAtVerb: boolean): number {
  const words = setOf(list);
  const c = v.clause(k);
  const lo = Math.max(c.start, from);
  const hi = Math.min(c.end, to);
  if (from > k) {
    for (let j = lo; j <= hi; j++) {
      // "sent rifles to the Philippine army": a word of an actor after a preposition is not the verb's object.
      const sl = v.slot(j);
      if (sl && j === v.slotFirst(sl) && j > lo && (v.pos[j - 1] === 'ADP' || v.lower[j - 1] === 'to') && v.lower[j - 1] !== 'of' && !v.cues.particles.has(v.lower[j - 1]!)) {
        j = v.slotLast(sl);
        continue;
      }
      if ((words.has(v.lemma[j]!) || words.has(v.lower[j]!)) && (v.pos[j] !== 'VERB' || !stopAtVerb || objectLikeVerb(v, k, j)) && !MODIFIED_BY.has(v.lower[j + 1] ?? '')) return j;
      if (stopAtVerb && j > k + 1 && (v.pos[j] === 'VERB' || (v.lower[j] === 'to' && v.pos[j + 1] === 'VERB') || v.pos[j] === 'SCONJ')) return -1;
      if (v.lower[j] === ';') return -1;
    }
  } else {
    for (let j = hi; j >= lo; j--) {
      if (words.has(v.lemma[j]!) || words.has(v.lower[j]!)) return j;
      if (v.isPunct(j) && v.lower[j] !== '-') return -1;
      if (stopAtVerb && v.pos[j] === 'VERB') return -1;
    }
  }
  return -1;
}

/**
 * A phrasal verb's particle: right after the head, or after a short object
 * ("pulled its troops out", "welcomed Netanyahu and Ishiba to"); actor
 * mentions count as one word.
 */
const ADVERB_PARTICLES = new Set(['in', 'out', 'up', 'down', 'off', 'back', 'away', 'over', 'aside', 'together']);

function particleAfter(v: View, k: number, words: readonly string[]): number {
  const at = particleSearch(v, k, words);
  // "protested to demand reforms": "to" before a verb marks an infinitive, not the particle "protested to".
  return at >= 0 && v.lower[at] === 'to' && v.pos[at + 1] === 'VERB' ? -1 : at;
}

function particleSearch(v: View, k: number, words: readonly string[]): number {
  const c = v.clause(k);
  let budget = 4;
  // Adverbial particles sit next to the verb or after a pronoun ("gave in", "pulled them out"); prepositions may follow an object.
  for (let j = k + 1; j <= Math.min(k + 2, c.end); j++) {
    if (words.includes(v.lower[j]!)) return j;
    if (v.pos[j] !== 'PRON' && v.pos[j] !== 'ADV') break;
  }
  if (words.every((w) => ADVERB_PARTICLES.has(w))) return -1;
  for (let j = k + 1; j <= c.end; j++) {
    if (words.includes(v.lower[j]!) && !ADVERB_PARTICLES.has(v.lower[j]!)) return j;
    const s = v.slot(j);
    if (s) {
      j = v.slotLast(s);
      continue;
    }
    const p = v.pos[j];
    if (p === 'ADV' && j === k + 1) continue;
    if (!(p === 'DET' || p === 'NOUN' || p === 'PRON' || p === 'ADJ' || p === 'NUM' || p === 'CCONJ' || v.lower[j] === "'s")) return -1;
    if (--budget < 0) return -1;
  }
  return -1;
}

function matchEntry(v: View, e: DictEntry, k: number): Trigger | undefined {
  let particleAt = -1;
  let objectAt = -1;
  if (e.particle.length) {
    particleAt = particleAfter(v, k, e.particle);
    if (particleAt < 0) return undefined;
  }
  if (e.modifier.length && within(v, k, k - 3, k - 1, e.modifier, true) < 0) return undefined;
  if (e.notModifier.length && within(v, k, k - 3, k - 1, e.notModifier, true) >= 0) return undefined;
  if (e.pos === 'verb' && e.frame === 'intransitive' && !e.object.length && !e.particle.length) {
    // "demonstrated genuine intent": an intransitive trigger with a direct object is another verb.
    let j = k + 1;
    while (v.pos[j] === 'ADV') j++;
    const p = v.pos[j];
    if (p === 'DET' || p === 'NOUN' || p === 'ADJ' || p === 'NUM' || (p === 'PRON' && POSSESSIVE_PRON.test(v.lower[j]!))) return undefined;
  }
  if (e.object.length) {
    objectAt = within(v, k, k + 1, k + (e.pos === 'verb' ? 8 : 5), e.object, true);
    if (objectAt < 0) {
      // Passive or noun premodifier: "sanctions were lifted", "tariff threats".
      objectAt = within(v, k, k - (e.pos === 'verb' ? 6 : 3), k - 1, e.object, e.pos === 'noun');
      if (objectAt < 0) return undefined;
      if (e.pos === 'verb' && !isPassive(v, k, v.clause(k).start)) return undefined;
    }
  }
  return { entry: e, k, objectAt, particleAt, end: Math.max(k, particleAt, objectAt), alternatives: [] };
}

/**
 * Triggers of the sentence: verbs first (they may consume their object
 * noun: "lifted sanctions" is one event), then nouns that are left. Tokens
 * inside actor mentions never trigger.
 */
const isCapitalised = (w: string): boolean => w.length > 1 && w.charCodeAt(0) >= 65 && w.charCodeAt(0) <= 90 && w.charCodeAt(1) >= 97 && w.charCodeAt(1) <= 122;

export function findTriggers(v: View): Trigger[] {
  const dict = v.dict;
  const verbs: Trigger[] = [];
  const nounCands: number[] = [];
  const consumed = new Uint8Array(v.n);
  for (let k = 0; k < v.n; k++) {
    if (v.slotAt[k]! >= 0) continue;
    const lem = v.lemma[k]!;
    const p = v.pos[k]!;
    // "the occupied territories", "the besieged town", "a banned group": a participle used as an adjective.
    if ((p === 'VERB' || p === 'ADJ') && PARTICIPLE_END.test(v.lower[k]!) && (v.pos[k - 1] === 'DET' || v.lower[k - 1] === '-' || POSSESSIVE_PRON.test(v.lower[k - 1] ?? '')) && (v.pos[k + 1] === 'NOUN' || v.pos[k + 1] === 'PROPN' || v.slotAt[k + 1]! >= 0)) continue;
    // "a Free Trade Agreement", "the Fight Club": a capitalised word inside a run of capitalised words is a name, not a trigger.
    if (k > 0 && !v.headline && isCapitalised(v.toks[k]!.text) && (isCapitalised(v.toks[k + 1]?.text ?? '') || (isCapitalised(v.toks[k - 1]!.text) && v.pos[k - 1] !== 'PUNCT'))) continue;
    const ve = dict.verbs.get(lem);
    const ne = nounEntries(v, k)?.entries;
    if (!ve && !ne) continue;
    let asVerb = p === 'VERB';
    let asNoun = p === 'NOUN' || p === 'PROPN';
    if (asNoun && ve && (!ne || (objectLikeNext(v, k) && !determined(v, k))) && looksLikeVerb(v, k, true)) [asVerb, asNoun] = [true, false];
    else if (asVerb && ne && looksLikeNoun(v, k) && (!ve || v.lower[k]!.endsWith('ing') || determined(v, k))) [asVerb, asNoun] = [false, true];
    else if (!asVerb && ve && (v.lower[k] !== lem || p === 'ADJ') && !v.lower[k]!.endsWith('s') && (p === 'ADJ' || p === 'NOUN' || p === 'PROPN') && !determined(v, k) && looksLikeVerb(v, k)) [asVerb, asNoun] = [true, false];
    else if (p === 'ADJ' && ne && determined(v, k)) asNoun = true;
    if (asVerb && ve) {
      let chosen: Trigger | undefined;
      for (const e of ve) {
        const t = matchEntry(v, e, k);
        if (!t) continue;
        if (chosen) {
          chosen.alternatives.push(t);
          continue;
        }
        chosen = t;
        verbs.push(t);
        if (t.objectAt >= 0 && !e.keepObject) {
          // The object's compound goes with it: "halted food deliveries" is one event, not a halt and a delivery.
          for (let j = t.objectAt; j < v.n && (j === t.objectAt || (v.pos[j] === 'NOUN' && v.slotAt[j]! < 0)); j++) consumed[j] = 1;
        }
        if (t.particleAt >= 0) consumed[t.particleAt] = 1;
        if (!e.requireTarget) break;
      }
      // wink tags some plural nouns as verbs ("Joint exercises between …"): try the noun entries too.
      if (!chosen && ne && (p !== 'VERB' || !looksLikeVerb(v, k))) nounCands.push(k);
    } else if (asNoun && ne) nounCands.push(k);
  }
  const nouns: Trigger[] = [];
  for (const k of nounCands) {
    if (consumed[k]) continue;
    // Only the head of a noun phrase triggers: "tariff relief", "sanctions regime", "attack helicopters" are not tariffs, sanctions or attacks.
    // Plurals rarely premodify ("releases dozens of …"), and generic heads keep the event ("mediation effort", "aid package").
    if (v.pos[k + 1] === 'NOUN' && v.slotAt[k + 1]! < 0 && (v.lower[k] === v.lemma[k] || v.lower[k] === 'sanctions') && !v.cues.lightHeads.has(v.lower[k + 1]!)) continue;
    let chosen: Trigger | undefined;
    for (const e of nounEntries(v, k)!.entries) {
      const t = matchEntry(v, e, k);
      if (!t) continue;
      if (chosen) {
        chosen.alternatives.push(t);
        continue;
      }
      chosen = t;
      nouns.push(t);
      if (t.objectAt >= 0 && t.objectAt > k) consumed[t.objectAt] = 1;
      if (!e.requireTarget) break;
    }
  }
  // A noun consumed by a later noun trigger ("threat of tariffs": tariffs) is dropped.
  return [...verbs, ...nouns.filter((t) => !consumed[t.k] || t.objectAt >= 0)].sort((a, b) => a.k - b.k);
}

// ---------------------------------------------------------------- arguments

export interface Args {
  sources: Slot[];
  targets: Slot[];
  location?: Slot;
  /** How the actors were found, for rule ids and confidence: verb-active, noun-between, … */
  frame: string;
  /** The subject came from another clause or the context, not the trigger's own clause. */
  inherited: boolean;
  /** The sources act on each other (meet, talks between X and Y). */
  reciprocal: boolean;
  chain?: Chain;
  passive: boolean;
  /** An event noun whose governing verb ends it ("to stop the shelling"): the text reports no such event. */
  endedBy?: number;
}

function slotsOf(ph: Phrase | undefined): Slot[] {
  return ph ? ph.slots.filter(isActorSlot) : [];
}

/** Slots of a phrase the entry's preposition makes targets, places included ("a visit to Japan", "travelled to Beijing"). */
function targetSlots(ph: Phrase): Slot[] {
  return ph.slots.filter((s) => s.political);
}

function isLocationPhrase(p: { prep: string; phrase: Phrase }, e: DictEntry): boolean {
  if (LOCATION_PREPS.has(p.prep)) return true;
  if (p.prep === '' || e.preps.includes(p.prep)) return false;
  return p.phrase.slots.every((s) => s.location);
}

/** Subject of clause `c` for a predicate whose chain starts at `chainStart`, inheriting across clauses. */
export function clauseSubject(v: View, c: Clause, chainStart: number, depth = 0): { phrase?: Phrase; inherited: boolean } {
  const own = subjectBefore(v, c.start, chainStart);
  if (own) return { phrase: own, inherited: false };
  if (depth > 4) return { inherited: false };
  // A pronoun subject in a complement ("X said it would …") refers to the speaker.
  const pron = firstPronounSubject(v, c.start, chainStart);
  if (c.kind === 'relative' && c.antecedentEnd >= 0) {
    const ante = antecedentPhrase(v, c.antecedentEnd);
    if (ante) return { phrase: ante, inherited: true };
  }
  if ((c.kind === 'coord' || c.kind === 'participle' || (c.kind === 'complement' && pron)) && c.parent >= 0) {
    const parent = v.clauses[c.parent]!;
    const pv = firstVerb(v, parent);
    if (pv < 0 && v.headline) {
      // A headline's subject comes first ("Japan PM Takaichi Clarifies …, Stresses …") even when the tagger missed its verb.
      for (let j = parent.start; j <= parent.end; j++) {
        const s0 = v.slot(j);
        if (s0 && isActorSlot(s0)) return { phrase: phraseAt(v, s0, parent.start, parent.end), inherited: true };
      }
    }
    const r = clauseSubject(v, parent, pv >= 0 ? verbChain(v, pv, parent.start).start : parent.end + 1, depth + 1);
    return { ...r, inherited: true };
  }
  if (c.kind === 'main' && c.index > 0 && c.opener >= 0 && v.pos[c.opener] === 'CCONJ') return { inherited: false };
  return { inherited: false };
}

function firstPronounSubject(v: View, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (v.pos[j] === 'PRON' && SUBJECT_PRONOUN.test(v.lower[j]!)) return true;
  return false;
}

export function firstVerb(v: View, c: Clause): number {
  for (let j = c.start; j <= c.end; j++) if (v.pos[j] === 'VERB' && !isNounModifierParticiple(v, j)) return j;
  return -1;
}

/** "the Japanese-drafted resolution", "a U.S.-led coalition", "the proposed deal": a participle inside a noun phrase. */
export function isNounModifierParticiple(v: View, j: number): boolean {
  if (!PARTICIPLE_END.test(v.lower[j]!) || v.pos[j + 1] !== 'NOUN') return false;
  return v.lower[j - 1] === '-' || v.pos[j - 1] === 'DET' || v.pos[j - 1] === 'ADJ';
}

/** The actor phrase that ends at (or just before) local index `end`: the antecedent of a relative pronoun. */
function antecedentPhrase(v: View, end: number): Phrase | undefined {
  for (let j = end; j >= Math.max(0, end - 8); j--) {
    const s = v.slot(j);
    if (s && isActorSlot(s)) return phraseAt(v, s, 0, end);
    if (v.pos[j] === 'VERB' || v.lower[j] === ',' && j < end) break;
  }
  return undefined;
}

/** "Students in Jakarta staged protests": a participle right after a noun or a name is the finite verb, not an adjective. */
function followsSubject(v: View, j: number): boolean {
  const p = v.pos[j - 1];
  return p === 'NOUN' || p === 'PROPN' || (p === 'PRON' && !POSSESSIVE_PRON.test(v.lower[j - 1]!)) || v.slotAt[j - 1]! >= 0;
}

/** Actor slots in the noun phrase before an event noun: "Israeli strike", "North Korea's missile tests", "US-China talks". */
export function premodifiers(v: View, k: number, floor: number): { slots: Slot[]; start: number } {
  const slots: Slot[] = [];
  let j = k - 1;
  while (j >= floor && j >= k - 8) {
    const s = v.slot(j);
    if (s) {
      if (!s.location && s.political) slots.unshift(s);
      j = v.slotFirst(s) - 1;
      continue;
    }
    const p = v.pos[j];
    const w = v.lower[j]!;
    if (p === 'ADJ' || p === 'NOUN' || p === 'NUM' || p === 'DET' || w === "'s" || w === "'" || w === '-' || w === '%' || w === 'and' || POSSESSIVE_PRON.test(w) || (p === 'VERB' && PARTICIPLE_END.test(w) && (v.lower[j - 1] === '-' || (v.pos[j + 1] === 'NOUN' && !followsSubject(v, j)))) || (p === 'PROPN' && !v.headline)) {
      if (w === 'and' && !(v.slot(j - 1) && v.slot(j + 1))) break;
      j--;
      continue;
    }
    break;
  }
  return { slots, start: j + 1 };
}

interface PostPhrase {
  prep: string;
  phrase: Phrase;
}

/** Prepositional phrases after an event noun: "between X and Y", "to Beijing", "on South Korean autos", "of President Maduro". */
function postPhrases(v: View, k: number, end: number): PostPhrase[] {
  const out: PostPhrase[] = [];
  let prep = '';
  /** The preposition before an event noun of the phrase ("against the abuses"): a by-agent after it is that noun's. */
  let innerEventPrep = '';
  for (let j = k + 1; j <= end && j <= k + 16; j++) {
    const s = v.slot(j);
    if (s) {
      const ph = phraseAt(v, s, j, end);
      if (ph.first < j) ph.first = j;
      if (prep === 'of' || prep === 'from' || prep === 'to') prep = outerPrep(v, ph.first, k + 1) ?? prep;
      // "protests against abuses by the army" are protests against the army.
      else if (prep === 'by' && innerEventPrep) prep = innerEventPrep;
      out.push({ prep, phrase: ph });
      j = ph.last;
      prep = '';
      continue;
    }
    const p = v.pos[j];
    const w = v.lower[j]!;
    if (p === 'ADP' || w === 'to') {
      if (w === 'to' && v.pos[j + 1] === 'VERB') break;
      prep = w === 'like' || w === 'including' ? prep : w;
      continue;
    }
    if (p === 'NOUN' && prep && prep !== 'of' && prep !== 'by' && (v.dict.verbs.has(v.lemma[j]!) || v.dict.nouns.has(v.lemma[j]!))) innerEventPrep = prep;
    if (p === 'VERB') {
      if (PARTICIPLE_END.test(w) && v.lower[j + 1] === 'by') continue;
      break;
    }
    if (p === 'AUX' || p === 'SCONJ' || w === ';' || w === ':') break;
    if (w === ',') break;
  }
  return out;
}

/** "clashed with forces from Chad": the preposition before the noun that the of/from phrase hangs off. */
function outerPrep(v: View, at: number, floor: number): string | undefined {
  let j = at - 1;
  // "in defiance of Chinese authorities", "in violation of Iraqi sovereignty": the actor is the one opposed.
  if (v.cues.opposing.has(v.lower[j - 1] ?? '') && v.lower[j - 2] === 'in' && j - 2 >= floor) return 'against';
  if (v.lower[j] !== 'of' && v.lower[j] !== 'from') return undefined;
  j--;
  let noun = false;
  while (j >= floor && (v.pos[j] === 'NOUN' || v.pos[j] === 'ADJ' || v.pos[j] === 'DET' || v.pos[j] === 'NUM')) {
    if (v.pos[j] === 'NOUN') noun = true;
    j--;
  }
  if (!noun || j < floor) return undefined;
  return v.pos[j] === 'ADP' || v.lower[j] === 'to' ? v.lower[j] : undefined;
}

/** "killed six soldiers from Niger": the of/from phrase hangs off the direct object noun right after the verb. */
function inDirectObject(v: View, from: number, to: number): boolean {
  let noun = false;
  for (let j = from; j < to; j++) {
    const p = v.pos[j];
    const w = v.lower[j]!;
    if (p === 'NOUN') noun = true;
    else if ((w === 'of' || w === 'from' || w === 'by') && noun) continue;
    else if (!(p === 'DET' || p === 'ADJ' || p === 'NUM' || (p === 'PRON' && POSSESSIVE_PRON.test(w)))) return false;
  }
  return noun;
}

/** The subject of the clause a gerund hangs in: its first verb's subject, or the main clause's for a fronted adverbial ("By welcoming …, Beijing …"). */
function gerundSubject(v: View, c: Clause, before: number): Phrase | undefined {
  for (let j = c.start; j < before; j++) {
    if (v.pos[j] !== 'VERB' || isNounModifierParticiple(v, j)) continue;
    return clauseSubject(v, c, verbChain(v, j, c.start).start).phrase;
  }
  if (c.fronted) {
    const main = v.clauses.find((x) => !x.fronted);
    if (main) {
      const fv = firstVerb(v, main);
      return clauseSubject(v, main, fv >= 0 ? verbChain(v, fv, main.start).start : main.end + 1).phrase;
    }
  }
  return undefined;
}

/** Some actor of the slots has country `c`. */
function namesCountry(slots: readonly Slot[], c: string): boolean {
  for (const x of slots) for (const a of x.actors) if (a.country === c) return true;
  return false;
}

/** Arguments of a verb trigger. */
export function verbArgs(v: View, t: Trigger): Args {
  const e = t.entry;
  const c = v.clause(t.k);
  const chain = verbChain(v, t.k, c.start);
  const passive = isPassive(v, t.k, c.start);
  let subject: Phrase | undefined;
  let inherited = false;
  if (chain.controller !== undefined) {
    const s = v.slot(chain.controller);
    if (s && isActorSlot(s)) subject = phraseAt(v, s, c.start, t.k);
  }
  if (!subject && chain.nounGovernor && chain.governor >= 0) {
    const pre = premodifiers(v, chain.governor, c.start);
    const poss = pre.slots.filter((s) => s.possessive || s.adjective);
    if (poss.length) subject = { slots: poss, first: v.slotFirst(poss[0]!), last: v.slotLast(poss.at(-1)!), prep: '' };
    else {
      const r = clauseSubject(v, c, pre.start);
      subject = r.phrase;
      inherited = r.inherited;
    }
  }
  const gerund = v.lower[t.k]!.endsWith('ing') && chain.start > c.start - 1 && (chain.start === c.start || v.pos[chain.start - 1] === 'ADP' || v.pos[chain.start - 1] === 'SCONJ' || v.lower[chain.start - 1] === 'as' || v.pos[chain.start - 1] === 'NOUN');
  if (!subject && gerund && (v.pos[chain.start - 1] === 'ADP' || v.pos[chain.start - 1] === 'SCONJ')) {
    // "reassure NATO allies by reaffirming …": the gerund after a preposition is done by the clause's subject, not by the nearest name.
    subject = gerundSubject(v, c, chain.start);
    if (subject) inherited = true;
  }
  if (!subject) {
    const r = clauseSubject(v, c, chain.start);
    subject = r.phrase;
    inherited = r.inherited;
  }
  if (!subject && gerund) {
    // "Canada has taken steps, such as reducing tariffs": the gerund's subject is the clause's.
    subject = gerundSubject(v, c, chain.start);
    if (subject) inherited = true;
  }
  // Objects are searched from the word after the head: a particle that is a preposition ("travelled to", "called on") governs them.
  const after = t.k + 1;
  const phrases: Array<PostPhrase & { direct?: boolean }> = [];
  for (let j = after; j <= c.end; j++) {
    if (v.lower[j] === 'to' && v.pos[j + 1] === 'VERB') break;
    // A comma after the object ends it ("…a ceasefire between X and Y, a development the White House …"); lists are inside phrases.
    if (v.lower[j] === ',' && j > after) break;
    if (v.pos[j] === 'VERB' && j > after && !(v.lower[j + 1] === 'by' && PARTICIPLE_END.test(v.lower[j]!))) {
      // A second verb ends the object region, unless it is a noun-modifying participle ("Japanese-drafted").
      if (!(v.lower[j - 1] === '-' || v.pos[j + 1] === 'NOUN')) break;
    }
    const s = v.slot(j);
    if (!s) continue;
    if (!s.political && !s.location) {
      j = v.slotLast(s);
      continue;
    }
    const ph = phraseAt(v, s, j, c.end);
    ph.first = Math.max(ph.first, j);
    ph.slots = ph.slots.filter((x) => v.slotFirst(x) >= j);
    ph.prep = governingPrep(v, ph.first, after);
    if (ph.prep === 'of' || ph.prep === 'from' || ph.prep === 'to') {
      const outer = outerPrep(v, ph.first, after);
      if (outer !== undefined) ph.prep = outer;
    }
    if (t.particleAt >= 0 && ph.prep === v.lower[t.particleAt] && !e.preps.includes(ph.prep)) ph.prep = '';
    // "beat up the detainees", "shut down the paper": an adverb particle right after the verb belongs to it.
    else if (ph.prep && !e.preps.includes(ph.prep) && v.lower[after] === ph.prep && v.cues.particles.has(ph.prep)) ph.prep = '';
    phrases.push({ prep: ph.prep, phrase: ph, direct: !passive && (ph.prep === 'of' || ph.prep === 'from' || ph.prep === 'by') && inDirectObject(v, t.particleAt === after ? after + 1 : after, ph.first) });
    j = ph.last;
    if (phrases.length >= 4) break;
  }
  let sources: Slot[] = [];
  let targets: Slot[] = [];
  let frame = passive ? 'verb-passive' : 'verb-active';
  const locations = phrases.filter((p) => isLocationPhrase(p, e));
  const location: Slot | undefined = locations[0]?.phrase.slots[0];
  if (passive && !subject) {
    // "A camp for Congolese refugees was attacked by …": the patient may sit inside the subject's prepositional phrase.
    for (let j = chain.start - 1; j >= c.start; j--) {
      const s2 = v.slot(j);
      if (s2 && isActorSlot(s2)) {
        subject = phraseAt(v, s2, c.start, chain.start - 1);
        break;
      }
      if (v.pos[j] === 'VERB') break;
    }
  }
  if (passive) {
    targets = slotsOf(subject);
    const agent = phrases.find((p) => p.prep === 'by' || p.prep === 'from');
    if (agent) sources = slotsOf(agent.phrase);
    if (!agent && !subject) {
      const obj = phrases.find((p) => p.prep === '' || e.preps.includes(p.prep));
      if (obj) targets = slotsOf(obj.phrase);
    }
  } else {
    sources = slotsOf(subject);
    const subjectSlots = sources;
    // "reaffirmed America's commitment to the alliance": a possessor that is the source itself is not the target.
    const obj = phrases.find((p) => (p.prep === '' || e.preps.includes(p.prep) || p.direct) && !isLocationPhrase(p, e)
      && !(p.phrase.slots.every((x) => x.possessive && x.actors.every((a) => namesCountry(subjectSlots, a.country)))));
    if (obj) targets = targetSlots(obj.phrase);
    if (obj?.prep) frame += `-${obj.prep}`;
  }
  if (!targets.length && !passive && t.objectAt > t.k) {
    // "agreed to US mediation", "welcomed Qatar's offer": the actor before the entry's object word is its target.
    const srcCountries = new Set(sources.flatMap((x) => x.actors.map((a) => a.country)));
    const pre = premodifiers(v, t.objectAt, t.k + 1).slots.filter((x) => isActorSlot(x) && !x.actors.every((a) => srcCountries.has(a.country)));
    if (pre.length) {
      targets = pre;
      frame += '-object-premod';
    }
  }
  if (!targets.length && !passive && e.type !== null && INFINITIVE_TARGET.has(e.type)) {
    // "pledged to help Moldova", "threatened to punish Iran": the embedded verb's object is the target.
    let j = after;
    while (j <= c.end && !(v.lower[j] === 'to' && v.pos[j + 1] === 'VERB') && j <= after + 3) j++;
    if (v.lower[j] === 'to' && v.pos[j + 1] === 'VERB') {
      for (let x = j + 2; x <= c.end && x <= j + 12; x++) {
        if ((v.pos[x] === 'VERB' && x > j + 1) || (v.lower[x] === 'to' && v.pos[x + 1] === 'VERB')) break;
        const s2 = v.slot(x);
        if (!s2 || !s2.political) continue;
        const ph = phraseAt(v, s2, x, c.end);
        const prep = governingPrep(v, x, j + 2);
        if (prep === '' || prep === 'to' || prep === 'with' || prep === 'on' || (prep === 'against' && !PARTNER_TYPES.has(e.type)) || (e.type === 'THREATEN' && (prep === 'in' || prep === 'into' || prep === 'at'))) {
          targets = targetSlots(ph);
          frame += '-infinitive';
          break;
        }
        x = ph.last;
      }
    }
  }
  const thatAt = skipTimeForward(v, after, c.end + 1);
  if (!targets.length && !passive && v.lower[thatAt] === 'that') {
    // "demanded that Germany pay", "warned that Iran would": the complement's subject is the addressee.
    const comp = v.clause(thatAt);
    if (comp.start === thatAt) {
      const fv = firstVerb(v, comp);
      const ph = subjectBefore(v, comp.start, fv >= 0 ? verbChain(v, fv, comp.start).start : comp.end + 1);
      if (ph) {
        targets = slotsOf(ph);
        frame += '-that';
      }
    }
  }
  if (!targets.length && e.locationTarget && locations[0]) {
    targets = locations[0].phrase.slots.filter((s) => s.political);
    frame += '-location';
  }
  if (!sources.length && e.locationSource && locations[0]) {
    sources = locations[0].phrase.slots.filter((s) => s.political);
    frame += '-location-source';
  }
  let reciprocal = false;
  if (e.frame === 'symmetric' && !targets.length && sources.reduce((n, s) => n + s.actors.length, 0) >= 2) reciprocal = true;
  return location ? { sources, targets, location, frame, inherited, reciprocal, chain, passive } : { sources, targets, frame, inherited, reciprocal, chain, passive };
}

/** Arguments of a noun trigger. */
export function nounArgs(v: View, t: Trigger): Args {
  const e = t.entry;
  const c = v.clause(t.k);
  const pre = premodifiers(v, t.k, c.start);
  const post = postPhrases(v, t.k, c.end);
  let sources: Slot[] = [];
  let targets: Slot[] = [];
  let location: Slot | undefined;
  let reciprocal = false;
  const frames: string[] = [];
  const premod = pre.slots.filter(isActorSlot);
  const betweenTargets = e.frame !== 'symmetric' && e.preps.includes('between');
  for (const p of post) {
    if (isLocationPhrase(p, e)) {
      location ??= p.phrase.slots[0];
      continue;
    }
    const slots = e.preps.includes(p.prep) ? targetSlots(p.phrase) : slotsOf(p.phrase);
    if (!slots.length) continue;
    if ((p.prep === 'between' || p.prep === 'among') && !betweenTargets) {
      if (!reciprocal) {
        sources = slots;
        reciprocal = true;
        frames.push('between');
      }
    } else if (e.preps.includes(p.prep)) {
      if (!targets.length) {
        targets = slots;
        frames.push(p.prep);
      }
    } else if (p.prep === 'by' || p.prep === 'from') {
      if (!sources.length) {
        sources = slots;
        frames.push(p.prep);
      }
    } else if (p.prep === 'of') {
      if (e.of === 'target' && !targets.length) {
        targets = slots;
        frames.push('of');
      } else if (e.of === 'source' && !sources.length) {
        sources = slots;
        frames.push('of');
      }
    }
  }
  if (premod.length && !reciprocal) {
    if (premod.length >= 2 && (e.frame === 'symmetric' || v.lower[v.slotLast(premod[0]!) + 1] === '-')) {
      sources = premod;
      reciprocal = true;
      frames.push('premod-pair');
    } else {
      // The nearest premodifier names the actor ("North Korea's missile tests", "U.S. military operation"); it wins over by/from.
      const own = premod.filter((s) => !targets.includes(s));
      if (own.length && (!sources.length || frames.includes('from') || frames.includes('of'))) {
        if (sources.length && !targets.length && e.frame !== 'intransitive') targets = sources;
        sources = [own.at(-1)!];
        frames.push(own.at(-1)!.possessive ? 'possessor' : 'premod');
      }
    }
  }
  if (!targets.length && e.locationTarget && location && location.political) {
    targets = [location];
    frames.push('location');
  }
  if (!sources.length && !reciprocal && e.locationSource && location && location.political) {
    sources = [location];
    frames.push('location-source');
  }
  let inherited = false;
  if (!sources.length && !reciprocal) {
    // The noun is the object of a verb in its clause ("held talks", "imposed sanctions"): that verb's subject acts.
    const gov = governingVerb(v, t.k, pre.start, c);
    if (gov >= 0 && v.cues.enders.has(v.lemma[gov]!)) {
      return { sources, targets, ...(location ? { location } : {}), frame: 'noun-ended', inherited: false, reciprocal: false, passive: false, endedBy: gov };
    }
    // The verb takes the noun as its object ("waged war", "carried out strikes"), not through a preposition ("lay behind the war"); "of" stays inside the phrase ("ten days of war games").
    let prepBetween = false;
    for (let j = gov + 1; gov >= 0 && j < pre.start; j++) if (v.pos[j] === 'ADP' && v.lower[j] !== 'of' && !v.cues.particles.has(v.lower[j]!)) prepBetween = true;
    if (gov >= 0 && (!prepBetween || PASSIVE_LIGHT.has(v.lemma[gov]!)) && (v.cues.lightVerbs.has(v.lemma[gov]!) || (v.dict.verbs.get(v.lemma[gov]!)?.some((x) => x.root !== '01') ?? false))) {
      const chain = verbChain(v, gov, c.start);
      const r = clauseSubject(v, c, chain.start);
      if (r.phrase && PASSIVE_LIGHT.has(v.lemma[gov]!) && isPassive(v, gov, c.start)) {
        // "was put under investigation in Italy", "were placed under arrest": the subject undergoes the event.
        if (!targets.length) {
          targets = slotsOf(r.phrase);
          frames.push('passive-light-verb');
        }
      } else if (r.phrase) {
        sources = slotsOf(r.phrase);
        inherited = r.inherited;
        frames.push('light-verb');
      } else if (e.locationSource) {
        // "Students throughout Indonesia staged demonstrations": the place of the subject's people is the source.
        for (let j = c.start; j < chain.start; j++) {
          const s2 = v.slot(j);
          if (s2?.location && s2.political && LOCATION_PREPS.has(v.lower[v.slotFirst(s2) - 1] ?? '')) {
            sources = [s2];
            frames.push('light-verb-subject-place');
            break;
          }
        }
      }
    }
    if (!sources.length && (e.type === 'PROTEST' || e.type === 'CONSULT') && PARTICIPATION_PREPS.has(v.lower[pre.start - 1] ?? '')) {
      // "threw stones during protests against …", "during talks with Japan, Korea …": the clause's subject takes part.
      const fv = firstVerb(v, c);
      const r = fv >= 0 && fv < pre.start ? clauseSubject(v, c, verbChain(v, fv, c.start).start) : { phrase: undefined, inherited: false };
      if (r.phrase) {
        sources = slotsOf(r.phrase).filter((x) => !targets.includes(x));
        inherited = r.inherited;
        if (sources.length) frames.push('participant');
      }
    }
  }
  if (e.frame === 'symmetric' && !reciprocal && sources.length >= 2 && !targets.length) reciprocal = true;
  const frame = `noun${frames.length ? '-' + frames.join('-') : ''}`;
  return location ? { sources, targets, location, frame, inherited, reciprocal, passive: false } : { sources, targets, frame, inherited, reciprocal, passive: false };
}

function isOpeningScareQuote(v: View, j: number): boolean {
  const w = v.lower[j]!;
  return (w === '"' || w === '“' || w === "''" || w === '``') && [...v.transparentQuotes].some((q) => q > j && q - j <= 12);
}

/** The verb whose object noun phrase holds local index k (scanning left over the noun phrase and one preposition). */
function governingVerb(v: View, k: number, npStart: number, c: Clause): number {
  let j = npStart - 1;
  let preps = 0;
  while (j >= c.start) {
    const p = v.pos[j];
    if (p === 'VERB') return j;
    if (p === 'ADP') {
      if (++preps > 1) return -1;
    } else if (!(p === 'DET' || p === 'ADJ' || p === 'NOUN' || p === 'NUM' || p === 'ADV' || p === 'PROPN' || v.slotAt[j]! >= 0 || v.lower[j] === "'s" || v.lower[j] === '-' || v.transparentQuotes.has(j) || isOpeningScareQuote(v, j))) return -1;
    j--;
  }
  return -1;
}
