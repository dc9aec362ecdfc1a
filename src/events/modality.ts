/**
 * Modality and negation of a trigger from the words around it: the verb
 * chain before a verb (modals, "aims to", "refused to", "not"), the
 * premodifiers and governors of an event noun ("upcoming talks", "the
 * threat of tariffs"), and the clause (if-clauses, quotes, complements of
 * verbs of saying, historical phrases). Negation is kept apart from
 * modality: "refused to agree" is a REJECT, and the agreeing is negated.
 */
import type { Clause, View } from './clauses.js';
import type { Modality } from './record.js';

export type GovernorKind = Modality | 'negated' | 'suppressed' | 'asserted';

export interface Chain {
  /** Local index where the verb chain starts (its subject is before it). */
  start: number;
  modality?: Modality;
  negated: boolean;
  /** Nearest governing word ("aims" in "aims to reassure"), local index or -1. */
  governor: number;
  governorKind?: GovernorKind;
  /** The governor is a noun ("agreement to delay"): its possessor is the subject. */
  nounGovernor: boolean;
  /** Modal auxiliary in the chain ("will", "could"). */
  modal?: string;
  /** Object control ("urged Iran to …"): local index of the object, the embedded subject. */
  controller?: number;
  /** Purpose infinitive ("travelled to Beijing to meet …"): the subject is the main verb's. */
  purpose?: boolean;
}

/** Regular expressions live at module level: a literal in a function body is a new object on every evaluation. */
const FINAL_E = /e$/;
const SAME_FORM_PARTICIPLE = /^(?:cut|hit|put|set|shut|beat|upset|bid|spread|quit)$/;
const PARTICIPLE_END = /(?:en|ed)$/;
const PASSIVE_PARTICIPLE_END = /(?:ed|en|wn|ne)$/;
const RANK: Record<Modality, number> = { hypothetical: 6, threatened: 5, planned: 4, historical: 3, reported: 2, asserted: 0 };

/** The stronger of two modalities (hypothetical > threatened > planned > historical > reported > asserted). */
export function stronger(a: Modality | undefined, b: Modality | undefined): Modality | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[b] > RANK[a] ? b : a;
}

const TIME_WORDS = new Set([
  'today', 'yesterday', 'tomorrow', 'tonight', 'now', 'principle', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'week', 'month', 'year',
  'morning', 'afternoon', 'evening', 'night', 'weekend', 'earlier', 'later', 'again', 'also', 'last', 'next', 'this',
]);

/**
 * Step back over a time adverbial between a verb and what it governs: "agreed
 * on Saturday to provide", "demanded Friday that", "agreed in principle to".
 * Returns the index before it (or `k` when there is none).
 */
export function skipTimeBack(v: View, k: number, floor: number): number {
  let j = k;
  while (j > floor) {
    const w = v.lower[j]!;
    if (TIME_WORDS.has(w) || v.pos[j] === 'NUM' || (w === ',' && TIME_WORDS.has(v.lower[j - 1] ?? ''))) {
      j--;
      continue;
    }
    if ((v.pos[j] === 'ADP' || v.pos[j] === 'DET') && j < k && TIME_WORDS.has(v.lower[j + 1]!)) {
      j--;
      continue;
    }
    break;
  }
  return j;
}

/** The first index at or after k that is not part of a time adverbial ("Friday that …" → "that"). */
export function skipTimeForward(v: View, k: number, ceiling: number): number {
  let j = k;
  while (j < ceiling && (TIME_WORDS.has(v.lower[j]!) || ((v.pos[j] === 'ADP' || v.pos[j] === 'DET') && TIME_WORDS.has(v.lower[j + 1] ?? '')))) j++;
  return j;
}

const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', "'s", "'re", 'am', 'get', 'got', 'gets', 'getting']);
const BARE_INF_GOVERNORS = new Set(['help', 'let', 'make', 'dare']);

/**
 * Walk left from a verb trigger at local index k over auxiliaries, adverbs,
 * negation and "to"-governors to the start of its verb chain.
 */
export function verbChain(v: View, k: number, floor: number): Chain {
  const cues = v.cues;
  const chain: Chain = { start: k, negated: false, governor: -1, nounGovernor: false };
  let j = k - 1;
  while (j >= floor) {
    const w = v.lower[j]!;
    const p = v.pos[j]!;
    if (cues.negation.has(w) && w !== 'without' && w !== 'no') {
      chain.negated = true;
      j--;
      continue;
    }
    if (p === 'ADV' && !v.slot(j)) {
      if (cues.hypothetical.has(w)) chain.modality = stronger(chain.modality, 'hypothetical');
      j--;
      continue;
    }
    if (p === 'AUX' || cues.modals.has(w)) {
      const m = cues.modals.get(w);
      if (m !== undefined && chain.modal === undefined) {
        chain.modal = w;
        chain.modality = stronger(chain.modality, m);
      }
      j--;
      continue;
    }
    if ((w === 'and' || w === 'or') && chain.governor < 0) {
      // "to join NATO and reclaim territories": the second verb shares the first one's "to".
      let x = j - 1;
      while (x > floor && x >= j - 8 && !(v.lower[x] === 'to' && v.pos[x + 1] === 'VERB') && !v.isPunct(x) && v.pos[x] !== 'CCONJ') x--;
      if (x > floor && v.lower[x] === 'to' && v.pos[x + 1] === 'VERB') {
        j = x;
        continue;
      }
      break;
    }
    if (w === 'to' && j > floor) {
      let g = skipTimeBack(v, j - 1, floor);
      while (g > floor && (v.pos[g] === 'ADV' || cues.negation.has(v.lower[g]!))) {
        if (cues.negation.has(v.lower[g]!)) chain.negated = chain.governor < 0 ? true : chain.negated;
        g--;
      }
      const gp = v.pos[g];
      const gl = v.lemma[g]!;
      if (v.slotAt[g]! >= 0 || ((gp === 'NOUN' || gp === 'PRON') && !cues.nounGovernor.has(gl) && !cues.nounGovernor.has(v.lower[g]!))) {
        // "urged Iran to …" (object control) or "travelled to Beijing to meet …" (purpose): find the verb before the object.
        let x = g;
        while (x > floor && (v.slotAt[x]! >= 0 || v.pos[x] === 'DET' || v.pos[x] === 'ADJ' || v.pos[x] === 'NOUN' || v.pos[x] === 'PROPN' || v.pos[x] === 'NUM' || v.pos[x] === 'PRON' || v.lower[x] === "'s" || v.lower[x] === ',' || v.lower[x] === 'and')) x--;
        while (x > floor && v.pos[x] === 'ADP') x--;
        while (x > floor && (v.slotAt[x]! >= 0 || v.pos[x] === 'DET' || v.pos[x] === 'ADJ' || v.pos[x] === 'NOUN' || v.pos[x] === 'PROPN')) x--;
        if ((v.pos[x] === 'VERB' || (cues.objectControl.has(v.lemma[x]!) && v.dict.verbs.has(v.lemma[x]!))) && x >= floor) {
          const kind = cues.governor.get(v.lemma[x]!);
          if (cues.objectControl.has(v.lemma[x]!) && v.pos[g] !== 'NOUN') {
            if (chain.governor < 0) {
              chain.governor = x;
              if (kind !== undefined) chain.governorKind = kind;
              chain.controller = g;
            }
          } else if (chain.governor < 0) {
            chain.governor = x;
            chain.governorKind = 'asserted';
            chain.purpose = true;
          }
          j = x - 1;
          if (kind === 'negated' && chain.governor === x) chain.negated = true;
          continue;
        }
        break;
      }
      if (gp === 'NOUN' || gp === 'PROPN') {
        if (chain.governor < 0) {
          chain.governor = g;
          chain.nounGovernor = true;
          const kind = cues.nounGovernor.get(gl) ?? cues.nounGovernor.get(v.lower[g]!);
          if (kind !== undefined) chain.governorKind = kind;
        }
        chain.start = j;
        return finish(chain);
      }
      if (gp === 'VERB' || gp === 'ADJ' || gp === 'AUX' || cues.governor.has(gl) || cues.governor.has(v.lower[g]!)) {
        const kind = cues.governor.get(gl) ?? cues.governor.get(v.lower[g]!) ?? cues.governor.get(gl.replace(FINAL_E, ''));
        if (chain.governor < 0) {
          chain.governor = g;
          if (kind !== undefined) chain.governorKind = kind;
        } else if (kind === 'negated') chain.negated = true;
        if (kind === 'planned' || kind === 'threatened' || kind === 'hypothetical') chain.modality = stronger(chain.modality, kind);
        j = g - 1;
        continue;
      }
      break;
    }
    if (p === 'VERB' && j === k - 1 && v.lower[k]!.endsWith('ing') && chain.governor < 0) {
      // A gerund complement: "considering sending aid", "stopped shelling", "began withdrawing".
      chain.governor = j;
      const kind = cues.governor.get(v.lemma[j]!);
      if (kind !== undefined) chain.governorKind = kind;
      if (kind === 'negated') chain.negated = true;
      else if (kind === 'planned' || kind === 'threatened' || kind === 'hypothetical') chain.modality = stronger(chain.modality, kind);
      j--;
      continue;
    }
    if (p === 'VERB' && j === k - 1 && BARE_INF_GOVERNORS.has(v.lemma[j]!)) {
      if (chain.governor < 0) {
        chain.governor = j;
        chain.governorKind = 'asserted';
      }
      j--;
      continue;
    }
    if (p === 'PART' && w === 'not') {
      chain.negated = true;
      j--;
      continue;
    }
    break;
  }
  chain.start = j + 1;
  return finish(chain);
}

function finish(c: Chain): Chain {
  if (c.governorKind === 'negated') c.negated = true;
  else if (c.governorKind === 'planned' || c.governorKind === 'threatened' || c.governorKind === 'hypothetical') c.modality = stronger(c.modality, c.governorKind);
  return c;
}

/** Passive voice: a form of be/get before a past participle trigger ("were freed", "has been indicted"). */
export function isPassive(v: View, k: number, floor: number): boolean {
  const w = v.lower[k]!;
  if (w.endsWith('ing') || w === v.lemma[k]) {
    // Irregular participles equal to the lemma are rare among triggers ("cut", "hit", "put").
    if (!SAME_FORM_PARTICIPLE.test(w)) return false;
  }
  if (w.endsWith('s') && !w.endsWith('ss') && !PARTICIPLE_END.test(w)) return false;
  // "Israel is opposed to French mediation", "Vietnam is committed to opening": an adjective, the subject acts.
  if (v.lower[k + 1] === 'to' && v.cues.statives.has(v.lemma[k]!)) return false;
  for (let j = k - 1; j >= Math.max(floor, k - 4); j--) {
    const l = v.lower[j]!;
    if (BE.has(l) || (v.pos[j] === 'AUX' && v.lemma[j] === 'be')) return true;
    if (v.pos[j] === 'ADV' || l === 'not' || l === "n't" || l === 'also' || l === 'reportedly' || l === 'allegedly') continue;
    if (v.lower[j] === ',' && j === k - 1) continue;
    break;
  }
  // A reduced relative: "soldiers freed by Thailand", "the resolution drafted by Japan".
  if (v.lower[k + 1] !== 'by' || !PASSIVE_PARTICIPLE_END.test(w)) return false;
  if (!(v.pos[k - 1] === 'NOUN' || v.pos[k - 1] === 'PROPN' || v.slotAt[k - 1]! >= 0)) return false;
  for (let j = k + 2; j <= k + 4 && j < v.n; j++) if (v.slotAt[j]! >= 0) return true;
  return false;
}

/** Modality the noun phrase around an event noun gives it ("upcoming talks", "the threat of sanctions", "no agreement"). */
export function nounModality(v: View, k: number, floor: number): { modality?: Modality; negated: boolean; governorKind?: GovernorKind; governor: number } {
  const cues = v.cues;
  let modality: Modality | undefined;
  let negated = false;
  let j = k - 1;
  while (j >= floor && j >= k - 5) {
    const p = v.pos[j]!;
    const w = v.lower[j]!;
    const m = cues.nounModifier.get(w) ?? cues.nounModifier.get(v.lemma[j]!);
    if (m === 'negated') negated = true;
    else if (m !== undefined) modality = stronger(modality, m);
    if (p === 'ADJ' || p === 'NOUN' || p === 'NUM' || p === 'DET' || p === 'PROPN' || w === "'s" || w === '-' || p === 'PRON' || (p === 'VERB' && w.endsWith('ed')) || v.slotAt[j]! >= 0) {
      j--;
      continue;
    }
    break;
  }
  // "the threat of …", "plans for …": a governing noun before of/for.
  let governorKind: GovernorKind | undefined;
  let governor = -1;
  const np = j;
  if (np >= floor && (v.lower[np] === 'of' || v.lower[np] === 'for') && np - 1 >= floor) {
    const g = v.pos[np - 1] === 'NOUN' ? np - 1 : -1;
    if (g >= 0) {
      const kind = cues.nounGovernor.get(v.lemma[g]!) ?? cues.nounGovernor.get(v.lower[g]!);
      if (kind !== undefined) {
        governorKind = kind;
        governor = g;
        if (kind === 'negated') negated = true;
        else if (kind === 'planned' || kind === 'threatened' || kind === 'hypothetical') modality = stronger(modality, kind);
      }
    }
  }
  const r: { modality?: Modality; negated: boolean; governorKind?: GovernorKind; governor: number } = { negated, governor };
  if (modality !== undefined) r.modality = modality;
  if (governorKind !== undefined) r.governorKind = governorKind;
  return r;
}

/** Whether a historical phrase ("during his first term") occurs in [from, to]. */
export function hasHistoricalPhrase(v: View, from: number, to: number): boolean {
  const h = v.cues.historical;
  for (let j = from; j <= to; j++) {
    const bucket = h.get(v.lower[j]!);
    if (!bucket) continue;
    for (const phrase of bucket) {
      let ok = true;
      for (let x = 1; x < phrase.length && ok; x++) ok = v.lower[j + x] === phrase[x];
      if (ok && j + phrase.length - 1 <= to) return true;
    }
  }
  return false;
}

/** Clause-level modality: if-clauses, quotes and reported complements, historical adverbials. */
export function clauseModality(v: View, c: Clause): { modality?: Modality; reported: boolean } {
  let modality: Modality | undefined;
  let reported = false;
  for (let x: Clause | undefined = c, depth = 0; x && depth < 6; x = x.parent >= 0 ? v.clauses[x.parent] : undefined, depth++) {
    if (x.conditional) modality = stronger(modality, 'hypothetical');
    if (x.quoted || x.kind === 'quote' || x.speechVerb >= 0) reported = true;
    if (hasHistoricalPhrase(v, x.start, x.end)) modality = stronger(modality, 'historical');
  }
  // A fronted adverbial ("During his first term, …") sets the time of the main clause.
  if (!c.fronted) {
    for (const f of v.clauses) {
      if (!f.fronted) break;
      if (hasHistoricalPhrase(v, f.start, f.end)) modality = stronger(modality, 'historical');
      if (f.conditional) modality = stronger(modality, 'hypothetical');
    }
  }
  if (v.attribution >= 0 && v.attribution !== c.index) reported = true;
  const r: { modality?: Modality; reported: boolean } = { reported };
  if (modality !== undefined) r.modality = modality;
  return r;
}
