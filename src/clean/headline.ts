import { wordCount } from './normalize.js';
import { sentenceEnds } from './sentences.js';

/** Words that stay lower-case in Title Case headlines. */
const MINOR = new Set(
  'a an and as at but by for from in into nor of off on onto or over per the to up upon via vs with amid after before than'.split(' '),
);

/** Share of the non-minor words that start with a capital letter or digit. */
export function titleCaseRatio(line: string): number {
  const words = (line.match(/[\p{L}\p{N}][\p{L}\p{N}'.-]*/gu) ?? []).filter((w) => !MINOR.has(w.toLowerCase()));
  if (words.length === 0) return 0;
  return words.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length / words.length;
}

/**
 * A line that reads like a headline: 3–25 words, no sentence-ending full stop,
 * not a bullet or a quote from a list.
 */
export function isHeadlineLike(line: string): boolean {
  const words = wordCount(line);
  if (words < 3 || words > 25) return false;
  if (/^[-*•·>]/.test(line) || /^@\w/.test(line)) return false;
  const bare = line.replace(/["')\]]+$/, '').trimEnd();
  if (/[.;,:]$/.test(bare)) return false;
  // A headline holds at most one sentence, so no break before its end.
  return sentenceEnds(bare).every((end) => end >= bare.length);
}
