import type { InputFormat, Message, RawDoc } from '../types.js';
import { message } from '../messages.js';
import { decodeText, detectFormat, maybeGunzip } from './detect.js';
import { extractHtml } from './html.js';
import { parseFeed } from './feed.js';
import { parseCsv, parseJson, parseJsonl, type ColumnMap } from './tabular.js';

export interface ParseOptions {
  /** Skip detection and read the input as this format. */
  format?: InputFormat;
  /** Column choices for CSV/JSON corpora (flags); unset ones are auto-detected. */
  columns?: ColumnMap;
  /** Where the bytes came from, for HTML pages fetched from a URL. */
  url?: string;
  /** Cap on decompressed size. */
  maxBytes?: number;
}

/** One item of an input that could not become a document (a whole file, a CSV row, a feed item). */
export interface ParseFailure {
  origin: string;
  error: string;
  ruleId: string;
}

export interface ParsedInput {
  format?: InputFormat;
  docs: RawDoc[];
  failures: ParseFailure[];
  /** Problems with the input as a whole that did not stop it (e.g. recovered XML). */
  notes: Message[];
  columns?: ColumnMap;
}

type ItemPlace = 'row' | 'item' | 'line';

function placeSuffix(m: Message, keys: ItemPlace[]): string | undefined {
  for (const k of keys) {
    const v = m.place?.[k];
    if (v === undefined) continue;
    return k === 'item' ? `#item-${v}` : `:${k}-${v}`;
  }
  return undefined;
}

function errorText(m: Message, origin: string): string {
  return m.reason.includes(origin) ? `${m.source}: ${m.reason}` : `${m.source}: ${origin}: ${m.reason}`;
}

/**
 * Parser messages of severity error that point at one item (a CSV row, a JSONL
 * line, a feed item) become that item's failure; the rest are notes about the input.
 * When nothing could be read, the first input-level error fails the whole input.
 */
function settle(name: string, docs: RawDoc[], messages: Message[], keys: ItemPlace[]): Pick<ParsedInput, 'failures' | 'notes'> {
  const failures: ParseFailure[] = [];
  const notes: Message[] = [];
  for (const m of messages) {
    const suffix = m.severity === 'error' ? placeSuffix(m, keys) : undefined;
    if (suffix !== undefined) failures.push({ origin: `${name}${suffix}`, error: errorText(m, `${name}${suffix}`), ruleId: m.ruleId });
    else notes.push(m);
  }
  const fatal = notes.find((m) => m.severity === 'error');
  if (docs.length === 0 && fatal) {
    const detail = failures.map((f) => f.error);
    return { failures: [{ origin: name, error: errorText(fatal, name) + (detail.length ? ` (also: ${detail.join('; ')})` : ''), ruleId: fatal.ruleId }], notes: notes.filter((m) => m !== fatal) };
  }
  return { failures, notes };
}

/**
 * Bytes of one input (file, URL body, stdin) to raw documents. Pure: the
 * format is detected from the content; every problem becomes a failure or a
 * note, never an exception.
 */
export function parseInput(bytes: Buffer, name: string, opts: ParseOptions = {}): ParsedInput {
  const unzipped = maybeGunzip(bytes, opts.maxBytes);
  if ('error' in unzipped) return { docs: [], failures: [{ origin: name, error: `ingest: ${name}: ${unzipped.error}`, ruleId: unzipped.ruleId }], notes: [] };
  const data = unzipped.bytes;
  let format = opts.format;
  if (!format) {
    const detected = detectFormat(data, name);
    if ('error' in detected) return { docs: [], failures: [{ origin: name, error: `ingest: ${name}: ${detected.error}`, ruleId: detected.ruleId }], notes: [] };
    format = detected.format;
  }
  const { text, encoding } = decodeText(data);
  const notes: Message[] = [];
  if (encoding !== 'utf-8' && encoding !== 'ascii') notes.push(message('ingest', 'encoding', `decoded as ${encoding}`, 'info'));

  switch (format) {
    case 'text':
      return { format, docs: [{ origin: name, format, text, hints: {}, removed: [], messages: [] }], failures: [], notes };
    case 'html': {
      const doc = extractHtml(text, name, opts.url ? { url: opts.url } : undefined);
      return { format, docs: [doc], failures: [], notes };
    }
    case 'rss':
    case 'atom': {
      const r = parseFeed(text, name, format);
      const settled = settle(name, r.docs, r.messages, ['item']);
      return { format, docs: r.docs, failures: settled.failures, notes: [...notes, ...settled.notes] };
    }
    case 'json':
    case 'jsonl':
    case 'csv': {
      const r = format === 'csv' ? parseCsv(text, name, opts.columns) : format === 'json' ? parseJson(text, name, opts.columns) : parseJsonl(text, name, opts.columns);
      const settled = settle(name, r.docs, r.messages, format === 'csv' ? ['row'] : format === 'jsonl' ? ['line'] : ['item', 'row']);
      return { format, docs: r.docs, failures: settled.failures, notes: [...notes, ...settled.notes], columns: r.columns };
    }
  }
}
