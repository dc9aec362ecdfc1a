import { gunzipSync } from 'node:zlib';
import type { InputFormat } from '../types.js';

/** A format, or why the input cannot be read; `error` is a bare reason the caller prefixes with the input's name. */
export type DetectResult = { format: InputFormat } | { error: string; ruleId: string };

const SAMPLE_BYTES = 8 * 1024;
const SNIFF_CHARS = 64 * 1024;

/** Magic numbers of formats we never read as text. Byte values; -1 matches anything. */
const MAGIC: ReadonlyArray<{ bytes: number[]; label: string }> = [
  { bytes: [0x1f, 0x8b], label: 'gzip' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], label: 'ZIP archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], label: 'ZIP archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], label: 'PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], label: 'PNG image' },
  { bytes: [0xff, 0xd8, 0xff], label: 'JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], label: 'GIF image' },
  { bytes: [0x52, 0x49, 0x46, 0x46, -1, -1, -1, -1, 0x57, 0x45, 0x42, 0x50], label: 'WebP image' },
  { bytes: [0x42, 0x5a, 0x68], label: 'bzip2' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], label: 'xz' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], label: 'zstd' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], label: '7-Zip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], label: 'ELF executable' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], label: 'SQLite database' },
];

function magicLabel(bytes: Buffer): string | undefined {
  for (const m of MAGIC) {
    if (bytes.length >= m.bytes.length && m.bytes.every((b, i) => b < 0 || bytes[i] === b)) return m.label;
  }
  return undefined;
}

/**
 * If `bytes` is gzip-compressed, decompress it (at most `maxBytes` out, against
 * decompression bombs). Other input is returned as is.
 */
export function maybeGunzip(
  bytes: Buffer,
  maxBytes = 64 * 1024 * 1024,
): { bytes: Buffer; gunzipped: boolean } | { error: string; ruleId: string } {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { bytes, gunzipped: false };
  try {
    return { bytes: gunzipSync(bytes, { maxOutputLength: maxBytes }), gunzipped: true };
  } catch (e) {
    if (e instanceof RangeError) {
      return { error: `gzip data expands beyond ${maxBytes} bytes`, ruleId: 'gzip-too-large' };
    }
    return { error: `corrupt gzip data: ${(e as Error).message}`, ruleId: 'gzip-corrupt' };
  }
}

/** Guess UTF-16 without a BOM from the pattern of zero bytes (ASCII-heavy text). */
function utf16Guess(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.3 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.3 && oddZero / pairs < 0.05) return 'utf-16be';
  return undefined;
}

function decodeUtf16(bytes: Buffer, bigEndian: boolean): string {
  const even = bytes.subarray(0, bytes.length & ~1);
  if (!bigEndian) return even.toString('utf16le');
  const swapped = Buffer.from(even);
  swapped.swap16();
  return swapped.toString('utf16le');
}

/**
 * Bytes to text: UTF-8 (BOM stripped), UTF-16 by BOM or by zero-byte pattern,
 * and windows-1252 (the web's "latin-1") when the bytes are not valid UTF-8.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8OrLatin1(bytes.subarray(3)).text, encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes.subarray(2), false), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes.subarray(2), true), encoding: 'utf-16be' };
  const guess = utf16Guess(bytes);
  if (guess) return { text: decodeUtf16(bytes, guess === 'utf-16be'), encoding: guess };
  return utf8OrLatin1(bytes);
}

function utf8OrLatin1(bytes: Buffer): { text: string; encoding: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** 0x80–0x9F in windows-1252 (undefined slots stay as the C1 control). */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

// Node's TextDecoder('windows-1252') decodes as ISO-8859-1, so map the 0x80–0x9F range here.
function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** NUL bytes, or more than 10% control characters, in the first 8 KB. */
function looksBinary(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) control++;
  }
  return n > 0 && control / n > 0.1;
}

// ---------------------------------------------------------------------------
// Markup

const HTML_ELEMENTS = new Set([
  'html', 'head', 'body', 'title', 'meta', 'link', 'script', 'style', 'div', 'p', 'span', 'a', 'table', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'article', 'section', 'header', 'footer', 'nav', 'main', 'br', 'img', 'b',
  'i', 'em', 'strong', 'form', 'iframe', 'blockquote', 'pre', 'figure', 'noscript', 'base',
]);

const HTML_TAG = /<\/?(?:p|div|span|a|br|table|tr|td|li|ul|ol|h[1-6]|img|script|style|meta|link|body|head|html|article|section|strong|em|b|i)\b[^<>]*>/gi;

const ATOM_NS = /http:\/\/www\.w3\.org\/2005\/Atom|http:\/\/purl\.org\/atom\/ns#/;

interface Root {
  /** Element name as written (may carry a prefix). */
  name: string;
  attrs: string;
  xmlDecl: boolean;
  htmlDoctype: boolean;
}

/** Skip the XML declaration, processing instructions, comments and doctype; return the first element. */
function rootElement(text: string): Root | undefined {
  let rest = text.slice(0, SNIFF_CHARS);
  let xmlDecl = false;
  let htmlDoctype = false;
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (rest.startsWith('<?')) {
      if (/^<\?xml\s/i.test(rest)) xmlDecl = true;
      const end = rest.indexOf('?>');
      if (end < 0) return undefined;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return undefined;
      rest = rest.slice(end + 3);
    } else if (/^<!doctype/i.test(rest)) {
      const m = /^<!doctype[^[>]*(?:\[[\s\S]*?\])?\s*>/i.exec(rest);
      if (!m) return undefined;
      if (/^<!doctype\s+html/i.test(m[0])) htmlDoctype = true;
      rest = rest.slice(m[0].length);
    } else break;
  }
  const m = /^<([A-Za-z_][\w:.-]*)([^>]*)>?/.exec(rest);
  if (!m) return htmlDoctype ? { name: '', attrs: '', xmlDecl, htmlDoctype } : undefined;
  return { name: m[1]!, attrs: m[2] ?? '', xmlDecl, htmlDoctype };
}

function manyHtmlTags(text: string): boolean {
  const sample = text.slice(0, SNIFF_CHARS);
  let n = 0;
  HTML_TAG.lastIndex = 0;
  while (HTML_TAG.exec(sample)) if (++n >= 10) return true;
  return false;
}

function classifyMarkup(text: string): DetectResult | undefined {
  const root = rootElement(text);
  if (!root) return manyHtmlTags(text) ? { format: 'html' } : undefined;
  if (root.htmlDoctype) return { format: 'html' };
  const local = (root.name.includes(':') ? root.name.slice(root.name.indexOf(':') + 1) : root.name).toLowerCase();
  if (local === 'rss') return { format: 'rss' };
  if (local === 'rdf' && /purl\.org\/rss\/1\.0/.test(text.slice(0, SNIFF_CHARS))) return { format: 'rss' };
  if (local === 'feed' && ATOM_NS.test(root.attrs)) return { format: 'atom' };
  if (!root.name.includes(':') && HTML_ELEMENTS.has(local)) return { format: 'html' };
  if (manyHtmlTags(text)) return { format: 'html' };
  if (root.xmlDecl || new RegExp(`</${root.name.replace(/[.]/g, '\\.')}\\s*>`).test(text)) {
    const what = local === 'feed' ? '<feed> without the Atom namespace' : `root element <${root.name}>`;
    return { error: `XML but not an RSS or Atom feed (${what})`, ruleId: 'unknown-xml' };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// JSON

/** Offset of the first syntax error in a JSON text (V8's messages do not always say). */
function jsonErrorOffset(s: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = (): boolean => {
    i++;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const value = (depth: number): boolean => {
    ws();
    const c = s[i];
    if (depth > 2000) return false;
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (s[i] === close) {
        i++;
        return true;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (s[i] !== '"' || !string()) return false;
          ws();
          if (s[i] !== ':') return false;
          i++;
        }
        if (!value(depth + 1)) return false;
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === close) {
          i++;
          return true;
        } else return false;
      }
    }
    const lit = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : undefined;
    if (lit) {
      // Point at the first wrong character, as V8 does ("nul!" fails at "!").
      for (let k = 0; k < lit.length; k++, i++) if (s[i] !== lit[k]) return false;
      return true;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(s)) {
      i = NUMBER.lastIndex;
      return true;
    }
    return false;
  };
  if (value(0)) {
    ws();
    if (i >= s.length) return -1;
  }
  return i;
}

/** A `JSON.parse` failure as a one-line reason with the line and column of the error. */
export function describeJsonError(text: string, e: unknown): { reason: string; line: number; column: number } {
  const v8 = e instanceof Error ? e.message : String(e);
  // V8 appends a quoted excerpt of the input (`…, "…" is not valid JSON`): drop it.
  const short = v8.split(/, "|, \.\.\."| in JSON at position| at position \d/)[0]!.replace(/\s+/g, ' ').trim();
  const offset = Math.max(0, jsonErrorOffset(text));
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  const column = offset - lineStart + 1;
  return { reason: `${short} at line ${line}, column ${column}`, line, column };
}

/** How many of the first `maxLines` non-empty lines are JSON objects (0 if any is not). */
function jsonObjectLines(text: string, maxLines: number): number {
  let n = 0;
  for (let pos = 0; pos < text.length && n < maxLines; ) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos, end < 0 ? text.length : end).trim();
    pos = end < 0 ? text.length : end + 1;
    if (!line) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return 0;
    } catch {
      return 0;
    }
    n++;
  }
  return n;
}

function classifyJson(text: string, name: string): DetectResult | undefined {
  const t = text.trimStart();
  if (t[0] !== '[' && t[0] !== '{') return undefined;
  const jsonlName = /\.(jsonl|ndjson|jsonlines)$/i.test(name);
  if (jsonlName && jsonObjectLines(t, 5) > 0) return { format: 'jsonl' };
  try {
    JSON.parse(t);
    return { format: 'json' };
  } catch (e) {
    if (t[0] === '{' && jsonObjectLines(t, 5) > 0) return { format: 'jsonl' };
    // Only text that clearly means to be JSON is an error; "[Reuters] …" is prose.
    if (/^(\[\s*[[{"\]]|\{\s*["}])/.test(t) || /\.json$/i.test(name)) {
      return { error: `invalid JSON: ${describeJsonError(t, e).reason}`, ruleId: 'json-invalid' };
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Delimited tables

export interface Delimited {
  delimiter: string;
  /** Fields per record (delimiters + 1). */
  fields: number;
  /** Complete records seen in the sample. */
  records: number;
  /** First record, unquoted and trimmed. */
  first: string[];
  header: boolean;
}

const DELIMITERS = [',', '\t', ';', '|'];

/** Count delimiters outside double quotes, record by record, over the start of `text`. */
function scanRecords(text: string, maxRecords: number): { counts: number[][]; firstRaw: string } {
  const sample = text.slice(0, SNIFF_CHARS);
  const counts: number[][] = [];
  let current = DELIMITERS.map(() => 0);
  let inQuote = false;
  let start = 0;
  let firstRaw = '';
  let empty = true;
  for (let i = 0; i < sample.length && counts.length < maxRecords; i++) {
    const c = sample[i]!;
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && (c === '\n' || c === '\r')) {
      if (!empty) {
        if (counts.length === 0) firstRaw = sample.slice(start, i);
        counts.push(current);
      }
      if (c === '\r' && sample[i + 1] === '\n') i++;
      current = DELIMITERS.map(() => 0);
      start = i + 1;
      empty = true;
      continue;
    } else if (!inQuote) {
      const d = DELIMITERS.indexOf(c);
      if (d >= 0) current[d]!++;
    }
    if (c !== ' ' && c !== '\t') empty = false;
  }
  // The last record counts only if the whole text was scanned (it is not cut by the sample).
  if (!empty && !inQuote && sample.length === text.length && counts.length < maxRecords) {
    if (counts.length === 0) firstRaw = sample.slice(start);
    counts.push(current);
  }
  return { counts, firstRaw };
}

function splitFields(record: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuote = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i]!;
    if (c === '"') {
      if (inQuote && record[i + 1] === '"') {
        field += '"';
        i++;
      } else inQuote = !inQuote;
    } else if (c === delimiter && !inQuote) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

/** A header row names columns: short, not numbers or dates, not sentences, all different. */
function looksLikeHeader(fields: string[]): boolean {
  const seen = new Set<string>();
  // One unnamed column is common: the row-number column R and pandas write.
  if (fields.filter((f) => !f).length > (fields.length > 2 ? 1 : 0)) return false;
  for (const f of fields) {
    if (!f) continue;
    if (f.length > 64 || f.split(/\s+/).length > 6) return false;
    if (/^[-+]?[\d.,:/\s]+$/.test(f) || /[.!?]$/.test(f)) return false;
    const k = f.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}

/**
 * Find the delimiter of a CSV/TSV text: the candidate with the same non-zero count
 * in the first record and in the records after it (quoted fields may hold delimiters
 * and newlines). Among 10 or more records, one in ten may differ (a malformed row).
 */
export function sniffDelimiter(text: string, minRecords = 2): Delimited | undefined {
  const { counts, firstRaw } = scanRecords(text.replace(/^\uFEFF/, ''), 50);
  if (counts.length < minRecords) return undefined;
  const allowedMisses = counts.length >= 10 ? Math.floor(counts.length / 10) : 0;
  let best: { d: number; n: number } | undefined;
  for (let d = 0; d < DELIMITERS.length; d++) {
    const n = counts[0]![d]!;
    if (n === 0 || counts.filter((c) => c[d] !== n).length > allowedMisses) continue;
    if (!best || n > best.n) best = { d, n };
  }
  if (!best) return undefined;
  const delimiter = DELIMITERS[best.d]!;
  const first = splitFields(firstRaw, delimiter);
  return { delimiter, fields: best.n + 1, records: counts.length, first, header: looksLikeHeader(first) };
}

function classifyDelimited(text: string, name: string): DetectResult | undefined {
  const tabularName = /\.(csv|tsv|tab)$/i.test(name);
  const table = sniffDelimiter(text, tabularName ? 2 : 3);
  if (!table) return undefined;
  if (table.header) return { format: 'csv' };
  if (table.fields >= 3 && table.records >= 5) {
    const kind = table.delimiter === '\t' ? 'tab-separated' : `'${table.delimiter}'-separated`;
    return {
      error: `a ${kind} table of ${table.fields} columns without a header row; add a header line naming the columns`,
      ruleId: 'csv-no-header',
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------

/**
 * Decide how to read an input, by content first; the file name only breaks ties
 * (`.jsonl` for a one-line JSON object, `.csv` for a two-row table).
 */
export function detectFormat(bytes: Buffer, name: string): DetectResult {
  const magic = magicLabel(bytes);
  if (magic === 'gzip') return { error: 'gzip-compressed; decompress first', ruleId: 'binary' };
  if (magic) return { error: `binary file (${magic})`, ruleId: 'binary' };
  const { text, encoding } = decodeText(bytes);
  if (!encoding.startsWith('utf-16') && looksBinary(bytes)) {
    return { error: 'binary file (NUL or control bytes)', ruleId: 'binary' };
  }
  const t = text.replace(/^\uFEFF/, '');
  if (t.trim() === '') return { error: 'empty input', ruleId: 'empty' };
  const first = t.trimStart()[0];
  if (first === '<') {
    const markup = classifyMarkup(t);
    if (markup) return markup;
  }
  if (first === '[' || first === '{') {
    const json = classifyJson(t, name);
    if (json) return json;
  }
  const table = classifyDelimited(t, name);
  if (table) return table;
  if (first !== '<' && manyHtmlTags(t)) return { format: 'html' };
  return { format: 'text' };
}
