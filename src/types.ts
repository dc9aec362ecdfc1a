/**
 * Records that flow through the pipeline. Stages are pure functions from one
 * record kind to the next; problems travel with the record as messages.
 */

export type Severity = 'info' | 'warning' | 'error';

/** A data problem attached to a record (like a vfile message). */
export interface Message {
  /** Component that raised it: ingest, clean, dedup, store, … */
  source: string;
  /** Stable rule id, e.g. `csv-row-malformed`, `lang-not-english`. */
  ruleId: string;
  reason: string;
  severity: Severity;
  /** Where in the input: line/column for text and XML, row for CSV, item for feeds. */
  place?: { line?: number; column?: number; row?: number; item?: number; offset?: number };
}

export type InputFormat = 'text' | 'html' | 'rss' | 'atom' | 'json' | 'jsonl' | 'csv';

/** Metadata found in the input itself, before cleaning decides what to trust. */
export interface DocHints {
  /** og:site_name, JSON-LD publisher, feed channel title, CSV source column… */
  outlet?: string;
  outletBasis?: string;
  /** Raw publication date string as found, and where it came from. */
  date?: string;
  dateBasis?: string;
  url?: string;
  author?: string;
  /** Language declared by the page (`<html lang>`), if any. */
  lang?: string;
}

/**
 * One document found in an input, before cleaning. Parsers (text, html,
 * feed, json, csv) produce these; `origin` names the input and the place in
 * it (`feed.xml#item-3`, `True.csv:row-12`).
 */
export interface RawDoc {
  origin: string;
  format: InputFormat;
  title?: string;
  /** Plain text body (text files, CSV/JSON columns, HTML already extracted). */
  text: string;
  hints: DocHints;
  /** Lines already removed by a format-specific stage (e.g. HTML boilerplate filter). */
  removed: Removed[];
  messages: Message[];
}

/** A piece of text a cleaning rule removed, kept for audit. */
export interface Removed {
  text: string;
  ruleId: string;
  /** Which stage removed it: `html` (extraction) or `clean`. */
  stage: 'html' | 'clean';
}

export type DateBasis = 'flag' | 'meta' | 'jsonld' | 'feed' | 'column' | 'dateline' | 'text' | 'none';

/** A cleaned article, ready to store and to be analysed by later stages. */
export interface Article {
  origin: string;
  format: InputFormat;
  url?: string;
  title: string;
  dek?: string;
  body: string;
  /** Related headlines split off the end of the body; each is data, not noise. */
  related: string[];
  outlet?: string;
  outletBasis?: string;
  /** ISO date (YYYY-MM-DD) or full ISO timestamp when known. */
  published?: string;
  dateBasis: DateBasis;
  /** ISO 639-3 code from language detection (`eng`, `fra`, … or `und`). */
  language: string;
  removed: Removed[];
  messages: Message[];
  /** sha256 over normalised body text (hex). */
  textHash: string;
  /** 64-bit SimHash over word shingles, 16 hex digits. */
  simhash: string;
}

/** An article as stored. */
export interface StoredArticle extends Article {
  id: number;
  duplicateOf?: number;
  ingestedAt: string;
}

/** Outcome for one item of a batch: never stops the batch. */
export type ItemResult =
  | { status: 'ingested'; origin: string; id: number; title: string; flagged: boolean; messages: Message[] }
  | { status: 'duplicate'; origin: string; id: number; duplicateOf: number; kind: 'exact' | 'near'; title: string; messages: Message[] }
  | { status: 'skipped'; origin: string; id: number; reason: string; messages: Message[] }
  | { status: 'failed'; origin: string; error: string; messages: Message[] };
