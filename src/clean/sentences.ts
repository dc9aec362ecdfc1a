/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st gen sen rep gov lt col capt sgt maj adm jr sr no vol inc corp co ltd vs etc jan feb mar apr jun jul aug sep sept oct nov dec prof rev fig approx est dept univ pres amb'.split(' '),
);

/**
 * Offsets just after each sentence-ending mark in `text`: a `.`, `!` or `?`
 * (with closing quotes) followed by space and an upper-case letter or quote,
 * or the end of the text. Initials (U.S., J. Smith) and abbreviations do not end sentences.
 */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  const re = /[.!?]+["')\]]*(?=\s+["'([]?[\p{Lu}\p{N}]|\s*$)/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (text[m.index] === '.') {
      const before = /([\p{L}]+)$/u.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[1] ?? '';
      if (before.length === 1 && /\p{Lu}/u.test(before)) continue; // initials: U.S. / J.
      if (ABBREVIATIONS.has(before.toLowerCase())) continue;
    }
    ends.push(m.index + m[0].length);
  }
  return ends;
}

export function sentenceCount(text: string): number {
  return sentenceEnds(text.trim()).length;
}

/** Split a paragraph into sentences (trimmed, non-empty). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const end of sentenceEnds(text)) {
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end;
  }
  const tail = text.slice(start).trim();
  if (tail) out.push(tail);
  return out;
}
