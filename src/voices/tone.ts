/**
 * Tone: a lexicon approach adapted to news (AFINN-165 + data/tone/lexicon.json).
 * Per sentence: word valences (names and actor mentions neutral), multi-word
 * phrases, negation scope, intensifiers and diminishers, and "but" weighting;
 * the sum is squashed to −4…+4. Per text: GDELT-style tone (positive % −
 * negative % of words) and the mean sentence tone. Per actor: the sentences
 * the actor is mentioned in. Pure.
 */
import { analyze, type Analysis, type Token } from '../nlp/analyze.js';
import { toneLexicon, type ToneLexicon } from './data.js';

/** A word that carried valence, for explaining a score. */
export interface ToneHit {
  start: number;
  end: number;
  text: string;
  /** Valence after negation and boosters (AFINN scale). */
  valence: number;
}

export interface SentenceTone {
  /** Sentence index in the analysis. */
  index: number;
  start: number;
  end: number;
  /** −4 (very negative) … +4 (very positive). */
  tone: number;
  positive: number;
  negative: number;
  words: number;
  hits: ToneHit[];
}

export interface TextTone {
  sentences: SentenceTone[];
  /** GDELT-style: (positive words − negative words) / words × 100. */
  tone: number;
  /** Percent of words with positive valence. */
  positive: number;
  negative: number;
  words: number;
  /** Mean sentence tone (−4…+4) over sentences with any valence, 0 if none. */
  mean: number;
}

/** A span that is neutral whatever its words (an actor mention: "United States", "Justice Department"). */
export interface Span {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]/u;
/** Normalisation constant of the squashing function (VADER's). */
const ALPHA = 15;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

function isWord(t: Token): boolean {
  return WORD.test(t.text) || t.lower === "n't";
}

/** Clause breaks that end a negation's scope. */
function breaksScope(t: Token): boolean {
  return /^[,;:.!?—–()]$/.test(t.text);
}

function inSpans(t: Token, spans: readonly Span[]): boolean {
  for (const s of spans) if (t.start >= s.start && t.end <= s.end) return true;
  return false;
}

function valenceOf(t: Token, lex: ToneLexicon): number | undefined {
  return lex.valence.get(t.lower) ?? lex.valence.get(t.lemma.toLowerCase());
}

function phraseAt(tokens: readonly Token[], i: number, last: number, lex: ToneLexicon): { length: number; valence: number } | undefined {
  const first = tokens[i]!;
  const candidates = lex.phrases.get(first.lower) ?? lex.phrases.get(first.lemma.toLowerCase());
  if (!candidates) return undefined;
  for (const p of candidates) {
    let ok = true;
    for (let k = 0; k < p.words.length; k++) {
      const t = tokens[i + k];
      if (!t || i + k > last) {
        ok = false;
        break;
      }
      const w = p.words[k]!;
      const hit = w.endsWith('*') ? t.lower.startsWith(w.slice(0, -1)) : t.lower === w || t.lemma.toLowerCase() === w;
      if (!hit) {
        ok = false;
        break;
      }
    }
    if (ok) return { length: p.words.length, valence: p.valence };
  }
  return undefined;
}

/** Tone of tokens[first..last] (one sentence). `neutral` spans (actor mentions) score nothing. */
export function scoreTokens(tokens: readonly Token[], first: number, last: number, neutral: readonly Span[] = [], lex: ToneLexicon = toneLexicon()): Omit<SentenceTone, 'index' | 'start' | 'end'> {
  const scored: Array<{ at: number; valence: number; t: Token; end: Token }> = [];
  let words = 0;
  let contrastAt = -1;
  let exclaim = 0;
  for (let i = first; i <= last; i++) {
    const t = tokens[i]!;
    if (t.text === '!') exclaim++;
    if (!isWord(t)) continue;
    words++;
    if (lex.contrast.has(t.lower) && contrastAt < 0 && i > first) contrastAt = i;
    if (inSpans(t, neutral)) continue;
    // Names are neutral: a capitalised proper noun inside the sentence (the first word may be capitalised anyway).
    if (t.pos === 'PROPN' && i > first && /^\p{Lu}/u.test(t.text)) continue;
    const phrase = phraseAt(tokens, i, last, lex);
    let v: number | undefined;
    let endTok = t;
    if (phrase) {
      v = phrase.valence;
      endTok = tokens[i + phrase.length - 1]!;
      words += phrase.length - 1;
      i += phrase.length - 1;
    } else v = valenceOf(t, lex);
    if (v === undefined || v === 0) continue;
    const at = tokens.indexOf(t);
    // Boosters right before the word (or two words before: "very deeply troubled").
    for (let k = 1; k <= 2; k++) {
      const b = tokens[at - k];
      if (!b || at - k < first) break;
      const f = lex.boosters.get(b.lower);
      if (f !== undefined) v = v * (1 + f);
    }
    // An adverb right after a verb boosts it too ("fell sharply", "rose slightly").
    const after = tokens[at + (endTok === t ? 1 : tokens.indexOf(endTok) - at + 1)];
    if (after && after.pos === 'ADV' && tokens.indexOf(after) <= last) {
      const f = lex.boosters.get(after.lower);
      if (f !== undefined) v = v * (1 + f);
    }
    // Negation: a negator within the scope before the word, not across a clause break.
    for (let k = 1; k <= lex.negationScope; k++) {
      const n = tokens[at - k];
      if (!n || at - k < first || breaksScope(n)) break;
      if (lex.negators.has(n.lower)) {
        v = v * lex.negationFactor;
        break;
      }
    }
    scored.push({ at, valence: v, t, end: endTok });
  }
  let sum = 0;
  const hits: ToneHit[] = [];
  let positive = 0;
  let negative = 0;
  for (const s of scored) {
    let v = s.valence;
    if (contrastAt >= 0) v *= s.at < contrastAt ? CONTRAST_BEFORE : CONTRAST_AFTER;
    sum += v;
    if (v > 0) positive++;
    else if (v < 0) negative++;
    hits.push({ start: s.t.start, end: s.end.end, text: `${s.t.text}${s.end === s.t ? '' : '…' + s.end.text}`, valence: round(v, 2) });
  }
  if (sum !== 0 && exclaim) sum += Math.sign(sum) * Math.min(exclaim, 3) * 0.3;
  const tone = sum === 0 ? 0 : (4 * sum) / Math.sqrt(sum * sum + ALPHA);
  return { tone: round(tone), positive, negative, words, hits };
}

/** Tone of every sentence of an analysed text and of the text as a whole. */
export function analysisTone(a: Analysis, neutral: readonly Span[] = [], lex: ToneLexicon = toneLexicon()): TextTone {
  const sentences: SentenceTone[] = [];
  let positive = 0;
  let negative = 0;
  let words = 0;
  let toned = 0;
  let sum = 0;
  for (const s of a.sentences) {
    const inside = neutral.filter((n) => n.start >= s.start && n.end <= s.end);
    const r = scoreTokens(a.tokens, s.first, s.last, inside, lex);
    sentences.push({ index: s.index, start: s.start, end: s.end, ...r });
    positive += r.positive;
    negative += r.negative;
    words += r.words;
    if (r.hits.length) {
      toned++;
      sum += r.tone;
    }
  }
  return {
    sentences,
    tone: words ? round(((positive - negative) / words) * 100) : 0,
    positive: words ? round((positive / words) * 100) : 0,
    negative: words ? round((negative / words) * 100) : 0,
    words,
    mean: toned ? round(sum / toned) : 0,
  };
}

/** Tone of a piece of text taken as one unit (−4…+4): the mean over its sentences, weighted by words. */
export function textTone(text: string, lex: ToneLexicon = toneLexicon()): number {
  const a = analyze(text);
  if (a.tokens.length === 0) return 0;
  const r = scoreTokens(a.tokens, 0, a.tokens.length - 1, [], lex);
  return r.tone;
}

/** An actor mention placed in a sentence, as the resolver gives it (or as stored). */
export interface ToneMention {
  start: number;
  end: number;
  sentence: number;
  code: string;
  country: string;
  text: string;
}

export interface ActorTone {
  /** CAMEO-style code (USAGOV) or ISO3 country when only the country is known. */
  code: string;
  country: string;
  /** Sentences mentioning the actor. */
  sentences: number;
  /** Mean tone (−4…+4) of those sentences. */
  tone: number;
  /** Sentence indexes, most strongly toned first (evidence). */
  evidence: number[];
}

/**
 * Tone toward each actor: the mean tone of the sentences that mention it
 * (as source, target or subject alike; each sentence counts once per actor).
 */
export function actorTones(mentions: readonly ToneMention[], tone: TextTone): ActorTone[] {
  const by = new Map<string, { country: string; sentences: Set<number> }>();
  for (const m of mentions) {
    if (!m.code) continue;
    const e = by.get(m.code) ?? { country: m.country, sentences: new Set<number>() };
    e.sentences.add(m.sentence);
    by.set(m.code, e);
  }
  const out: ActorTone[] = [];
  for (const [code, e] of by) {
    const ss = [...e.sentences].map((i) => tone.sentences[i]).filter((s): s is SentenceTone => s !== undefined);
    if (!ss.length) continue;
    const mean = ss.reduce((a, s) => a + s.tone, 0) / ss.length;
    const evidence = [...ss].sort((a, b) => Math.abs(b.tone) - Math.abs(a.tone) || a.index - b.index).map((s) => s.index);
    out.push({ code, country: e.country, sentences: ss.length, tone: round(mean), evidence });
  }
  return out.sort((a, b) => b.sentences - a.sentences || a.code.localeCompare(b.code));
}
