/**
 * Knowledge-base words from wink-nlp tokens, built the way kb.ts formTokens
 * documents: tokens not separated by whitespace are joined ("X." + "com"),
 * a possessive 's is stripped (and remembered), hyphens split words
 * ("al-Sharaa" → al, Sharaa) without breaking a phrase, and any other
 * punctuation breaks it. Each word keeps its character offsets and the
 * normalised form the index is keyed by, computed once.
 */
import type { Analysis, Token } from '../nlp/analyze.js';
import { foldToken, normaliseToken } from './kb.js';

/** One knowledge-base word. */
export interface Word {
  start: number;
  end: number;
  /** Surface text (possessive stripped). */
  text: string;
  /** Folded and lower-cased: the index key form. */
  norm: string;
  /** Folded with case kept, for case-sensitive entries. */
  folded: string;
  /** FNV-1a hash of `norm` (see normHash): the matcher's filter key, computed without re-reading the string. */
  hash: number;
  /** The first wink token. */
  t: Token;
  /** Index of the first wink token. */
  tok: number;
  sentence: number;
  pos: string;
  lemma: string;
  /** First letter is a capital. */
  cap: boolean;
  /** At least two letters, all capitals ("US", "WASHINGTON"). */
  upper: boolean;
  /** Has a letter. */
  alpha: boolean;
  possessive: boolean;
  /** Punctuation (not a joining hyphen), a line break or a sentence end follows. */
  breakAfter: boolean;
  /** Follows a hyphen inside one written word ("pro-Russian" → Russian). */
  hyphenBefore: boolean;
  /** A middle initial: "V." */
  initial: boolean;
}

function newWord(start: number, end: number, t: Token, hyphenBefore: boolean): Word {
  return {
    start,
    end,
    text: '',
    norm: '',
    folded: '',
    hash: 0,
    t,
    tok: t.i,
    sentence: t.sentence,
    pos: t.pos,
    lemma: t.lemma,
    cap: false,
    upper: false,
    alpha: false,
    possessive: false,
    breakAfter: false,
    hyphenBefore,
    initial: false,
  };
}

export type SentenceMode = 'normal' | 'title' | 'upper' | 'lower';

const NORM_CACHE = new Map<string, string>();
const FOLD_CACHE = new Map<string, string>();

function isAsciiPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c === 96) return false;
  }
  return true;
}

function normOf(s: string): string {
  if (isAsciiPlain(s)) return s.toLowerCase();
  let n = NORM_CACHE.get(s);
  if (n === undefined) {
    n = normaliseToken(s);
    if (NORM_CACHE.size > 50_000) NORM_CACHE.clear();
    NORM_CACHE.set(s, n);
  }
  return n;
}

function foldOf(s: string): string {
  if (isAsciiPlain(s)) return s;
  let f = FOLD_CACHE.get(s);
  if (f === undefined) {
    f = foldToken(s);
    if (FOLD_CACHE.size > 50_000) FOLD_CACHE.clear();
    FOLD_CACHE.set(s, f);
  }
  return f;
}

function isUpperCh(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

function isHyphen(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2015);
}

function isLetterOrDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c).toUpperCase());
}

/** A token that is only punctuation/symbols (no letter or digit, not a handle). */
function isPunctToken(text: string, t: Token): boolean {
  if (t.pos === 'PUNCT') return true;
  for (let i = t.start; i < t.end; i++) if (isLetterOrDigit(text.charCodeAt(i))) return false;
  return true;
}

function isPossessiveToken(s: string): boolean {
  return s === "'s" || s === '’s' || s === "'S" || s === '’S' || s === "'" || s === '’';
}

/** FNV-1a over a string's char codes: the same hash finish() computes from the article text. */
export function normHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Fill in a word's strings and flags. Characters are read from the article
 * text by offset: one flat string is far faster to index than the many
 * small token strings wink leaves behind.
 */
function finish(text: string, d: Word): void {
  const start = d.start;
  let end = d.end;
  let possessive = d.possessive;
  const t = d.t;
  const whole = t.start === start && t.end === end;
  // A possessive left inside a token ("Japan's" kept whole).
  if (end - start > 3) {
    const last = text.charCodeAt(end - 1);
    if (last === 115 || last === 83) {
      const q = text.charCodeAt(end - 2);
      if (q === 39 || q === 0x2019) {
        end -= 2;
        possessive = true;
      }
    }
  }
  let upperN = 0;
  let lowerN = 0;
  let ascii = true;
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) lowerN++;
    else if (c >= 65 && c <= 90) {
      upperN++;
      c += 32;
    } else if (c > 126 || c === 96) {
      ascii = false;
      if (c > 127) {
        const ch = text[i]!;
        const lo = ch.toLowerCase();
        if (lo !== ch.toUpperCase()) {
          if (ch === lo) lowerN++;
          else upperN++;
        }
      }
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  const c0 = text.charCodeAt(start);
  const s = whole && end === d.end ? t.text : text.slice(start, end);
  const cap = (c0 >= 65 && c0 <= 90) || (c0 > 127 && isUpperCh(text[start]!));
  d.end = end;
  d.text = s;
  if (ascii) {
    d.norm = whole && end === t.end ? t.lower : s.toLowerCase();
    d.folded = s;
    d.hash = h;
  } else {
    d.norm = normOf(s);
    d.folded = foldOf(s);
    d.hash = normHash(d.norm);
  }
  d.possessive = possessive;
  d.cap = cap;
  d.upper = upperN >= 2 && lowerN === 0;
  d.alpha = upperN + lowerN > 0;
  d.initial = end - start === 2 && text.charCodeAt(start + 1) === 46 && cap;
}

/** A line break in text[from, to): a paragraph or heading boundary wink may not split on. */
function lineBreakBetween(text: string, from: number, to: number): boolean {
  if (to - from === 1 && text.charCodeAt(from) === 32) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** Build the words of an analysis (see the module comment). */
export function buildWords(a: Analysis): Word[] {
  const { text, tokens } = a;
  const drafts: Word[] = [];
  let last: Word | undefined;
  /** The previous token was a hyphen glued on both sides: the next word joins without a break. */
  let hyphenJoin = false;
  let prevTok: Token | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const glued = prevTok !== undefined && prevTok.end === t.start && prevTok.sentence === t.sentence;
    if (prevTok && last && (prevTok.sentence !== t.sentence || lineBreakBetween(text, prevTok.end, t.start))) last.breakAfter = true;
    if (text.charCodeAt(t.start) === 35) {
      // #hashtag: not a word, and not part of a phrase.
      if (last) last.breakAfter = true;
      prevTok = t;
      hyphenJoin = false;
      continue;
    }
    if (isPunctToken(text, t)) {
      if (last && glued && isPossessiveToken(t.text) && last.end === t.start) {
        last.possessive = true;
      } else if (t.end - t.start === 1 && isHyphen(text.charCodeAt(t.start)) && glued) {
        const next = tokens[k + 1];
        if (next && next.start === t.end && next.sentence === t.sentence) hyphenJoin = true;
        else if (last) last.breakAfter = true;
      } else if (last) {
        last.breakAfter = true;
      }
      prevTok = t;
      continue;
    }
    if (last && glued && isPossessiveToken(t.text) && last.end === t.start) {
      last.possessive = true;
      prevTok = t;
      continue;
    }
    if (last && glued && !hyphenJoin && !last.breakAfter && !last.possessive && last.end === t.start) {
      // "X." + "com", "do" + "n't": one written word.
      last.end = t.end;
    } else {
      // Split a token at internal hyphens ("anti-Russia", "Kassym-Jomart").
      const s = t.text;
      let hyphens = false;
      for (let i = t.start + 1; i < t.end - 1 && !hyphens; i++) hyphens = isHyphen(text.charCodeAt(i));
      let from = 0;
      let afterHyphen = hyphenJoin && last !== undefined;
      for (let i = hyphens ? 0 : s.length; i <= s.length; i++) {
        if (i < s.length && !isHyphen(s.charCodeAt(i))) continue;
        if (i > from) {
          // the previous word is complete: finish it while it is still in cache
          if (last) finish(text, last);
          last = newWord(t.start + from, t.start + i, t, afterHyphen);
          drafts.push(last);
        }
        afterHyphen = true;
        from = i + 1;
      }
    }
    hyphenJoin = false;
    prevTok = t;
  }
  if (last) {
    last.breakAfter = true;
    finish(text, last);
  }
  return drafts;
}

/**
 * How a sentence is cased. `title`: a Title Case headline (capitalised
 * verbs or function words), where capitals are not evidence of a name;
 * `upper`: all capitals; `lower`: no capitals at all (lower-cased corpora);
 * else `normal`.
 */
export function sentenceMode(words: readonly Word[], from: number, to: number, functionWords: ReadonlySet<string>): SentenceMode {
  // Quick pass without lookups: most sentences are plainly normal (few capitals).
  let alphaN = 0;
  let capN = 0;
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    if (!w.alpha) continue;
    alphaN++;
    if (w.cap) capN++;
  }
  if (alphaN === 0) return 'normal';
  if (capN === 0) return 'lower';
  if (capN * 2 < alphaN) return 'normal';
  let letters = 0;
  let upper = 0;
  let anyCap = 0;
  let content = 0;
  let contentCap = 0;
  let titleSignal = 0;
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    if (!w.alpha) continue;
    letters++;
    if (w.upper || (w.text.length === 1 && w.cap)) upper++;
    if (w.cap) anyCap++;
    const fn = functionWords.has(w.norm);
    if (!fn) {
      content++;
      if (w.cap) contentCap++;
    }
    if (i > from && w.cap && !w.upper && (fn || w.pos === 'VERB' || w.pos === 'AUX')) titleSignal++;
  }
  if (letters === 0) return 'normal';
  if (anyCap === 0) return 'lower';
  if (letters >= 3 && upper === letters) return 'upper';
  if (content >= 3 && contentCap >= content * 0.75 && titleSignal > 0) return 'title';
  return 'normal';
}
