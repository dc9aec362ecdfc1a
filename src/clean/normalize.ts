import { decodeHTML } from 'entities';

const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032]/g;
const SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/**
 * Normalise scraped text without changing its words: unescape `\"`, decode
 * HTML entities, straighten Unicode quotes, unify whitespace and line ends.
 * Lines are trimmed; blank lines are kept because they mark structure.
 */
export function normalizeText(input: string): string {
  let text = input.normalize('NFC').replace(/\r\n?/g, '\n');
  if (text.includes('\\')) text = text.replace(/\\(["'])/g, '$1');
  if (ENTITY.test(text)) text = decodeHTML(text);
  return text
    .replace(INVISIBLE, '')
    .replace(DOUBLE_QUOTES, '"')
    .replace(SINGLE_QUOTES, "'")
    .replace(SPACES, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n');
}

const WORD_START = /[\p{L}\p{N}]/u;

/** Words in a line (runs that start with a letter or digit), for rule guards. */
export function wordCount(line: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9) {
      inWord = false;
      continue;
    }
    if (inWord) continue;
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c > 127 && WORD_START.test(line[i]!));
    if (letter) {
      count++;
      inWord = true;
    }
  }
  return count;
}
