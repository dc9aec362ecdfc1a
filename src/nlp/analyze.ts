import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One token with its place in the analysed text. */
export interface Token {
  /** Index in `Analysis.tokens`. */
  i: number;
  text: string;
  /** Lower-cased text. */
  lower: string;
  lemma: string;
  /** Universal POS tag from wink-nlp (PROPN, NOUN, VERB, AUX, ADP, …). */
  pos: string;
  /** Character offsets in the analysed text: text.slice(start, end) === token.text. */
  start: number;
  end: number;
  /** Index of the sentence holding the token. */
  sentence: number;
}

export interface Sentence {
  index: number;
  /** Character offsets of the sentence in the analysed text. */
  start: number;
  end: number;
  text: string;
  /** Token index range [first, last] (inclusive). */
  first: number;
  last: number;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

// Only what we use: sentence boundaries and POS tags (lemmas follow from them). NER, negation and sentiment cost half the time.
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

const FOLD_CACHE = new Map<string, string>();

/**
 * `s.toLowerCase()`, without a copy when `s` is plain ASCII with no capital
 * (toLowerCase always allocates; most words are already lower case).
 */
export function lowerCased(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || (c >= 65 && c <= 90)) return s.toLowerCase();
  }
  return s;
}

/**
 * wink-nlp's tokenizer splits words at letters beyond Latin-1 (Erdo|ğ|an).
 * Replace each such letter by its base letter, one UTF-16 unit for one, so
 * offsets in the folded text are offsets in the original.
 */
export function foldForTokenizer(text: string): string {
  return text.replace(/[\u0100-\u024f\u1e00-\u1eff]/g, (ch) => {
    let out = FOLD_CACHE.get(ch);
    if (out === undefined) {
      const base = ch.normalize('NFD')[0]!;
      out = /[A-Za-z]/.test(base) ? base : /\p{Lu}/u.test(ch) ? 'X' : 'x';
      FOLD_CACHE.set(ch, out);
    }
    return out;
  });
}

/**
 * Tokenise, tag and split a text with wink-nlp, with character offsets for
 * every token and sentence. Pure; the model is loaded once per process.
 */
export function analyze(text: string): Analysis {
  // Offsets are found in the folded input itself: wink's doc.out() trims the text and drops some characters (\v, U+FEFF).
  const folded = foldForTokenizer(text);
  const doc = nlp.readDoc(folded);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma as Parameters<ReturnType<typeof doc.tokens>["out"]>[0]) as string[];
  const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
  const tokens: Token[] = [];
  /** wink index → our index (whitespace tokens are dropped). */
  const map = new Int32Array(values.length + 1);
  let cursor = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    map[i] = tokens.length;
    while (s < spans.length - 1 && i > spans[s]![1]) s++;
    if (value.trim() === '') continue;
    let start = folded.indexOf(value, cursor);
    // wink may respell a token (rare); then it starts at the next non-space character.
    if (start < 0 || folded.slice(cursor, start).trim() !== '') {
      start = cursor;
      while (start < text.length && /\s/.test(text[start]!)) start++;
    }
    const end = Math.min(text.length, start + value.length);
    // wink's own string when the text holds it unchanged: no copy.
    const original = end - start === value.length && text.startsWith(value, start) ? value : text.slice(start, end);
    tokens.push({ i: tokens.length, text: original, lower: lowerCased(original), lemma: lemmas[i] ?? lowerCased(value), pos: pos[i] ?? 'X', start, end, sentence: s });
    cursor = end;
  }
  map[values.length] = tokens.length;
  const sentences: Sentence[] = [];
  for (const [a, b] of spans) {
    const first = map[a]!;
    const last = map[b + 1]! - 1;
    if (last < first) continue;
    const index = sentences.length;
    for (let k = first; k <= last; k++) tokens[k]!.sentence = index;
    const start = tokens[first]!.start;
    const end = tokens[last]!.end;
    sentences.push({ index, start, end, text: text.slice(start, end), first, last });
  }
  return { text, tokens, sentences };
}
