import { CsvError, parse } from 'csv-parse/sync';
import { message } from '../messages.js';
import type { InputFormat, Message, RawDoc } from '../types.js';
import { describeJsonError, sniffDelimiter } from './detect.js';
import { htmlFragmentToText } from './fragment.js';

/** Which column (CSV header or JSON key, as written in the input) feeds which field. */
export type ColumnMap = { title?: string; text?: string; date?: string; url?: string; source?: string; author?: string };

export interface TabularResult {
  docs: RawDoc[];
  /**
   * Problems of the input as a whole (reason starts with the origin) and of single
   * records (place.row / place.line / place.item; short reason; severity `error` when
   * the record was dropped, `warning` for an empty record).
   */
  messages: Message[];
  columns: ColumnMap;
}

type Role = keyof ColumnMap;

/** Header synonyms per role, normalised (lower case, letters and digits only), best first. */
const SYNONYMS: ReadonlyArray<[Role, string[]]> = [
  ['title', ['title', 'headline', 'headlinetext', 'name']],
  ['text', ['text', 'body', 'articlebody', 'articletext', 'fulltext', 'maintext', 'bodytext', 'content', 'article', 'story', 'description']],
  ['date', ['date', 'published', 'publishdate', 'pubdate', 'publishedat', 'datepublished', 'publicationdate', 'datetime', 'time', 'timestamp', 'createdat', 'created']],
  ['url', ['url', 'link', 'href', 'sourceurl', 'articleurl', 'permalink', 'canonicalurl', 'weburl']],
  ['source', ['source', 'outlet', 'publisher', 'site', 'domain', 'feed', 'sitename', 'sourcename', 'publication', 'newspaper']],
  ['author', ['author', 'authors', 'byline', 'creator', 'writer']],
];

/** Last words that name a role in a longer header (`article_title`, `newsBody`, `pub_date`). */
const LAST_WORDS: ReadonlyArray<[Role, string[]]> = [
  ['title', ['title', 'headline']],
  ['text', ['text', 'body', 'content']],
  ['date', ['date', 'datetime', 'timestamp']],
  ['url', ['url', 'link']],
];

function lastWord(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.at(-1) ?? '';
}

const SAMPLE_ROWS = 200;

const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** One input record: a value getter by column name, and its number (row, line or index). */
interface Rec {
  n: number;
  get: (column: string) => string | undefined;
}

/**
 * Choose columns: the caller's choices first (`--title-col` …), then header names,
 * then, for the text, the column with the longest values.
 */
function chooseColumns(
  names: string[],
  sample: Rec[],
  origin: string,
  cols: ColumnMap | undefined,
): { columns: ColumnMap; messages: Message[] } | { error: Message } {
  const columns: ColumnMap = {};
  const messages: Message[] = [];
  const used = new Set<string>();
  for (const [role, wanted] of Object.entries(cols ?? {}) as Array<[Role, string | undefined]>) {
    if (wanted === undefined) continue;
    const found = names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase()) ?? names.find((n) => norm(n) === norm(wanted));
    if (found === undefined) {
      return {
        error: message('ingest', 'column-not-found', `${origin}: no column "${wanted}" for the ${role} (columns: ${names.join(', ')})`, 'error'),
      };
    }
    columns[role] = found;
    used.add(found);
  }
  const pick = (role: Role, match: (name: string, synonym: string) => boolean, synonyms: string[]): void => {
    if (columns[role] !== undefined) return;
    for (const s of synonyms) {
      const found = names.find((n) => !used.has(n) && match(n, s));
      if (found !== undefined) {
        columns[role] = found;
        used.add(found);
        return;
      }
    }
  };
  for (const [role, synonyms] of SYNONYMS) pick(role, (n, s) => norm(n) === s, synonyms);
  for (const [role, words] of LAST_WORDS) pick(role, (n, w) => lastWord(n) === w, words);
  if (columns.text === undefined) {
    const avg = (col: string): number => {
      let total = 0;
      for (const r of sample) total += (r.get(col) ?? '').length;
      return sample.length ? total / sample.length : 0;
    };
    const floor = columns.title !== undefined ? avg(columns.title) : 20;
    let best: { col: string; len: number } | undefined;
    for (const n of names) {
      if (used.has(n)) continue;
      const len = avg(n);
      if (len > floor && (!best || len > best.len)) best = { col: n, len };
    }
    if (best) {
      columns.text = best.col;
      used.add(best.col);
      messages.push(message('ingest', 'text-column-by-content', `${origin}: no text column by name; using "${best.col}" (longest values)`, 'info'));
    } else if (columns.title !== undefined) {
      messages.push(message('ingest', 'text-from-title', `${origin}: no text column; each title is also the text`, 'info'));
    }
  }
  if (columns.text === undefined && columns.title === undefined) {
    return {
      error: message('ingest', 'no-text-column', `${origin}: cannot tell which column holds the text (columns: ${names.join(', ')}); name one with --text-col`, 'error'),
    };
  }
  return { columns, messages };
}

/** Markup in a cell (a CMS export) is converted; plain text is kept as it is. */
const MARKUP = /<(?:p|br|div|span|a|li|h[1-6]|blockquote|strong|em)\b[^<>]*>/i;

function cleanText(value: string): string {
  const v = value.replace(/\r\n?/g, '\n').trim();
  return MARKUP.test(v) ? htmlFragmentToText(v) : v;
}

const oneLine = (value: string | undefined): string | undefined => {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
};

type PlaceKind = 'row' | 'line' | 'item';

function buildDocs(
  recs: Rec[],
  columns: ColumnMap,
  origin: string,
  format: InputFormat,
  kind: PlaceKind,
): { docs: RawDoc[]; messages: Message[] } {
  const docs: RawDoc[] = [];
  const messages: Message[] = [];
  const suffix = (n: number): string => (kind === 'row' ? `:row-${n}` : kind === 'line' ? `:line-${n}` : `#${n}`);
  for (const r of recs) {
    const title = oneLine(columns.title !== undefined ? r.get(columns.title) : undefined);
    const body = columns.text !== undefined ? cleanText(r.get(columns.text) ?? '') : '';
    const place = { [kind]: r.n };
    if (!title && !body) {
      messages.push(message('ingest', 'row-empty', 'no title and no text', 'warning', place));
      continue;
    }
    const docMessages: Message[] = [];
    if (!body && columns.text !== undefined && columns.text !== columns.title) {
      docMessages.push(message('ingest', 'text-from-title', 'empty text; the title is the text', 'info', place));
    }
    const hints: RawDoc['hints'] = {};
    const date = oneLine(columns.date !== undefined ? r.get(columns.date) : undefined);
    if (date) {
      hints.date = date;
      hints.dateBasis = 'column';
    }
    const url = oneLine(columns.url !== undefined ? r.get(columns.url) : undefined);
    if (url) hints.url = url;
    const outlet = oneLine(columns.source !== undefined ? r.get(columns.source) : undefined);
    if (outlet) {
      hints.outlet = outlet;
      hints.outletBasis = 'column';
    }
    const author = oneLine(columns.author !== undefined ? r.get(columns.author) : undefined);
    if (author) hints.author = author;
    const doc: RawDoc = { origin: origin + suffix(r.n), format, text: body || title!, hints, removed: [], messages: docMessages };
    if (title) doc.title = title;
    docs.push(doc);
  }
  return { docs, messages };
}

function tabulate(
  names: string[],
  recs: Rec[],
  origin: string,
  format: InputFormat,
  kind: PlaceKind,
  cols: ColumnMap | undefined,
  earlier: Message[],
): TabularResult {
  const chosen = chooseColumns(names, recs.slice(0, SAMPLE_ROWS), origin, cols);
  if ('error' in chosen) return { docs: [], messages: [...earlier, chosen.error], columns: {} };
  const built = buildDocs(recs, chosen.columns, origin, format, kind);
  // Row problems in input order, whether the row was dropped while parsing or while building.
  const rowMessages = [...earlier, ...built.messages].sort((a, b) => placeNumber(a) - placeNumber(b));
  return { docs: built.docs, messages: [...chosen.messages, ...rowMessages], columns: chosen.columns };
}

const placeNumber = (m: Message): number => m.place?.row ?? m.place?.line ?? m.place?.item ?? 0;

// ---------------------------------------------------------------------------
// JSON and JSON Lines

/** A JSON value as text: strings, numbers, `{name}` objects (NewsAPI `source`), lists of names. */
function jsonValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(jsonValue).filter((s): s is string => !!s);
    return parts.length ? parts.join(', ') : undefined;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of ['name', 'title', 'value', 'text', '#text', 'id']) {
      if (typeof o[k] === 'string' || typeof o[k] === 'number') return String(o[k]);
    }
  }
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function objectRecs(objects: Array<{ n: number; obj: Record<string, unknown> }>): { names: string[]; recs: Rec[] } {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const { obj } of objects.slice(0, SAMPLE_ROWS)) {
    for (const k of Object.keys(obj)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  const recs = objects.map(({ n, obj }) => ({ n, get: (c: string) => jsonValue(obj[c]) }));
  return { names, recs };
}

const ARRAY_KEYS = ['articles', 'items', 'data', 'results', 'posts', 'entries', 'records', 'docs', 'documents', 'stories', 'news'];

/** The array of records in a JSON document: the top level, a well-known property, or the one array of objects. */
function findRecords(v: unknown, depth = 0): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (!isObject(v) || depth > 3) return undefined;
  for (const k of ARRAY_KEYS) {
    const found = Object.keys(v).find((key) => key.toLowerCase() === k);
    if (found !== undefined && Array.isArray(v[found])) return v[found] as unknown[];
  }
  const arrays = Object.values(v).filter((x) => Array.isArray(x) && x.some(isObject));
  if (arrays.length === 1) return arrays[0] as unknown[];
  for (const x of Object.values(v)) {
    if (isObject(x)) {
      const inner = findRecords(x, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A JSON array of article objects, or an object holding one (`articles`, `items`, `data`, `results`…). */
export function parseJson(text: string, origin: string, cols?: ColumnMap): TabularResult {
  const t = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    const msg = message('ingest', 'json-invalid', `${origin}: invalid JSON: ${describeJsonError(t, e).reason}`, 'error');
    return { docs: [], messages: [msg], columns: {} };
  }
  let items = findRecords(value);
  // A single article object is a one-record corpus.
  if (!items && isObject(value)) items = [value];
  const messages: Message[] = [];
  const objects: Array<{ n: number; obj: Record<string, unknown> }> = [];
  (items ?? []).forEach((item, i) => {
    if (isObject(item)) objects.push({ n: i + 1, obj: item });
    else messages.push(message('ingest', 'json-item-not-object', 'not an object', 'error', { item: i + 1 }));
  });
  if (objects.length === 0) {
    messages.push(message('ingest', 'json-no-records', `${origin}: no article objects found`, 'error'));
    return { docs: [], messages, columns: {} };
  }
  const { names, recs } = objectRecs(objects);
  return tabulate(names, recs, origin, 'json', 'item', cols, messages);
}

/** One JSON object per line; a bad line is reported with its number and the rest is read. */
export function parseJsonl(text: string, origin: string, cols?: ColumnMap): TabularResult {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const messages: Message[] = [];
  const objects: Array<{ n: number; obj: Record<string, unknown> }> = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const n = i + 1;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      const { reason, column } = describeJsonError(line, e);
      messages.push(message('ingest', 'jsonl-line-invalid', `invalid JSON: ${reason.replace(/ at line 1, column \d+$/, ` at column ${column}`)}`, 'error', { line: n }));
      return;
    }
    if (isObject(v)) objects.push({ n, obj: v });
    else messages.push(message('ingest', 'jsonl-line-not-object', 'not a JSON object', 'error', { line: n }));
  });
  if (objects.length === 0) {
    messages.push(message('ingest', 'json-no-records', `${origin}: no JSON objects found`, 'error'));
    return { docs: [], messages, columns: {} };
  }
  const { names, recs } = objectRecs(objects);
  return tabulate(names, recs, origin, 'jsonl', 'line', cols, messages);
}

// ---------------------------------------------------------------------------
// CSV / TSV

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'unclosed quote',
  INVALID_OPENING_QUOTE: 'quote inside an unquoted field',
  CSV_INVALID_CLOSING_QUOTE: 'invalid closing quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after a closing quote',
  CSV_MAX_RECORD_SIZE: 'record too large',
};

function lineEnding(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return text.includes('\r') ? '\r' : '\n';
}

function countByte(buf: Buffer, byte: number, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte, from); i >= 0 && i < to; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

/** Skip blank lines (spaces, tabs, line breaks) starting at `from`. */
function skipBlank(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
  return i;
}

/**
 * A CSV or TSV corpus with a header row. Quoted fields may span lines. A malformed
 * row is reported with its 1-based data row number and skipped; after a broken quote,
 * reading resumes on the line after the row's first line.
 */
export function parseCsv(text: string, origin: string, cols?: ColumnMap): TabularResult {
  const t = text.replace(/^\uFEFF/, '');
  const delimiter = sniffDelimiter(t, 1)?.delimiter ?? headerDelimiter(t);
  const eol = lineEnding(t);
  const eolByte = eol === '\r' ? 0x0d : 0x0a;
  const buf = Buffer.from(t, 'utf8');
  const messages: Message[] = [];
  let header: string[] | undefined;
  const rows: Array<{ n: number; fields: string[] }> = [];
  let row = 0;
  let offset = 0;
  let lastEnd = 0;
  let lastRow: { n: number; end: number } | undefined;
  let lineCount = 0;
  let countedTo = 0;
  /** Take one parsed record; `end` is the byte offset just after it. */
  const accept = (fields: string[], end: number): void => {
    if (!header) {
      header = fields.map((f, i) => f.trim() || `column${i + 1}`);
      return;
    }
    if (fields.every((f) => f.trim() === '')) return;
    row++;
    lastRow = { n: row, end };
    // Trailing empty fields (a trailing delimiter) are harmless.
    while (fields.length > header.length && fields[fields.length - 1]!.trim() === '') fields.pop();
    if (fields.length !== header.length) {
      messages.push(message('ingest', 'csv-field-count', `expected ${header.length} fields, found ${fields.length}`, 'error', { row }));
    } else rows.push({ n: row, fields });
  };
  while (offset < buf.length) {
    const chunk = offset;
    lastEnd = chunk;
    try {
      parse(buf.subarray(chunk), {
        delimiter,
        record_delimiter: eol,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (fields: string[], ctx) => {
          lastEnd = chunk + ctx.bytes;
          accept(fields, lastEnd);
          return null;
        },
      });
      break;
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      const start = skipBlank(buf, lastEnd);
      // Line numbers are counted on from the previous error: errors come in file order.
      lineCount += countByte(buf, eolByte, countedTo, start);
      countedTo = start;
      const line = lineCount + 1;
      const next = buf.indexOf(eolByte, start);
      const lineEnd = next < 0 ? buf.length : next + 1;
      // A stray quote inside an unquoted field (`he said "no"`) is read as a literal
      // quote, but only when the line then has exactly the header's fields.
      if (header && e.code === 'INVALID_OPENING_QUOTE') {
        const fields = relaxedLine(buf.subarray(start, lineEnd), delimiter);
        if (fields && fields.length === header.length) {
          accept(fields, lineEnd);
          offset = lineEnd;
          continue;
        }
      }
      const multiLine = next >= 0 && next < chunk + errorOffset(buf, chunk, e, eolByte);
      const what = multiLine && e.code !== 'CSV_MAX_RECORD_SIZE' ? 'unclosed quote' : (CSV_ERRORS[e.code] ?? e.message.replace(/ at line \d+.*$/, ''));
      if (!header) {
        messages.push(message('ingest', 'csv-header-malformed', `${origin}: cannot read the header row: ${what}`, 'error'));
        return { docs: [], messages, columns: {} };
      }
      row++;
      messages.push(message('ingest', 'csv-row-malformed', what, 'error', { row, line }));
      offset = lineEnd;
    }
  }
  if (!header) return { docs: [], messages: [message('ingest', 'csv-empty', `${origin}: no header row`, 'error')], columns: {} };
  if (row === 0) messages.push(message('ingest', 'csv-no-rows', `${origin}: a header row but no data rows`, 'warning'));
  const last = buf[buf.length - 1];
  if (lastRow && lastRow.end === buf.length && last !== 0x0a && last !== 0x0d && rows.at(-1)?.n === lastRow.n) {
    const n = lastRow.n;
    const reason = 'the last row has no line ending; the file may be truncated';
    messages.push(message('ingest', 'csv-truncated', reason, 'warning', { row: n }));
  }
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  const names = [...index.keys()];
  const recs: Rec[] = rows.map(({ n, fields }) => ({ n, get: (c: string) => fields[index.get(c) ?? -1] }));
  const result = tabulate(names, recs, origin, 'csv', 'row', cols, messages);
  const truncated = result.messages.find((m) => m.ruleId === 'csv-truncated');
  const lastDoc = result.docs.at(-1);
  if (truncated && lastDoc && lastDoc.origin === `${origin}:row-${truncated.place?.row}`) lastDoc.messages.push(truncated);
  return result;
}

/** The delimiter that occurs most in the first line (when the records disagree). */
function headerDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let most = 0;
  for (const d of [',', '\t', ';', '|']) {
    const n = first.split(d).length - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/** One physical line parsed with quotes inside unquoted fields taken literally. */
function relaxedLine(line: Buffer, delimiter: string): string[] | undefined {
  try {
    const records = parse(line, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true });
    return records.length === 1 ? records[0] : undefined;
  } catch {
    return undefined;
  }
}

/** Byte offset (within the chunk) that csv-parse had reached when it failed, as far as its line count tells. */
function errorOffset(buf: Buffer, chunk: number, e: CsvError, eolByte: number): number {
  const lines = typeof e.lines === 'number' ? e.lines : 1;
  let pos = chunk;
  for (let i = 1; i < lines; i++) {
    const nl = buf.indexOf(eolByte, pos);
    if (nl < 0) return buf.length - chunk;
    pos = nl + 1;
  }
  return pos - chunk;
}
