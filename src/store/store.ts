import type { Article, InputFormat, StoredArticle } from '../types.js';
import type { EventRecord } from '../events/record.js';
import type { RelationDay, RelationPair, RelationRow } from '../relations/types.js';
import { openKyselyStore } from './kysely-store.js';
import type { ArticleTone, StoredQuote, VoiceAnnotations } from '../voices/record.js';

/** An article to insert; `duplicateOf` points at the stored article it duplicates. */
export type ArticleInput = Article & { duplicateOf?: number };

/** One line of an article list. */
export interface ArticleSummary {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
  language: string;
  format: InputFormat;
  origin: string;
  duplicateOf?: number;
  /** Number of related headlines. */
  related: number;
  /** Number of removed pieces of text. */
  removed: number;
  /** Any message of severity warning or error. */
  flagged: boolean;
}

export interface ListArticlesQuery {
  /** Page size, default 100. */
  limit?: number;
  offset?: number;
  /** Exact outlet name. */
  outlet?: string;
  /** ISO 639-3 code. */
  language?: string;
  /** Published on or after (ISO date or timestamp, compared as text). */
  since?: string;
  /** Published on or before; a plain date (YYYY-MM-DD) includes every timestamp of that day. */
  until?: string;
  /** Include articles marked as duplicates (default false). */
  includeDuplicates?: boolean;
  /** Only these article ids. */
  ids?: number[];
}

export interface SearchQuery {
  /** Words to find (all of them, stemmed); punctuation and search operators are ignored. */
  text: string;
  /** Page size, default 20. */
  limit?: number;
  offset?: number;
}

/** One search hit: the best passage as plain text, with the matched words as offsets into it. */
export interface SearchHit {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
  snippet: string;
  highlights: Array<[number, number]>;
}

/** Where in an article a span lies: offsets index that field's text (`related` with its index). */
export type TextField = 'title' | 'dek' | 'body' | 'related';

/** An actor mention as stored: the resolver's output, placed in a field of the article. */
export interface StoredMention {
  field: TextField;
  fieldIndex: number;
  start: number;
  end: number;
  text: string;
  sentence: number;
  kind: string;
  ref?: string;
  country: string;
  sector: string;
  code: string;
  via: string;
  confidence: number;
  role?: string;
  office?: string;
  former?: boolean;
  members?: string[];
  /** Index in the article's mention list of the mention this one refers to. */
  antecedent?: number;
}

/** A coded event and the field of the article its sentence is in. */
export interface StoredEvent {
  field: TextField;
  fieldIndex: number;
  record: EventRecord;
}

export interface Annotations {
  /** Resolver and dictionary version: re-annotating with the same version changes nothing. */
  version: string;
  mentions: StoredMention[];
  events: StoredEvent[];
  /** Quotations, reactions and tone (src/voices/); absent from annotations made before them. */
  voices?: VoiceAnnotations;
}

/** Which stored quotations to list (src/voices/). */
export interface QuoteQuery {
  /** Speaker: CAMEO-style code or ISO3 (USAGOV, USA), a @handle, or words of the speaker's name (case-insensitive). */
  speaker?: string;
  /** An actor the quotation is about: code or ISO3. */
  about?: string;
  articleId?: number;
  /** Only posts by handles (true) or only other quotations (false). */
  reactions?: boolean;
  /** Only quotations with a speaker. */
  attributed?: boolean;
  since?: string;
  until?: string;
  /** Page size, default 100. */
  limit?: number;
  offset?: number;
}

/** A stored quotation with its article. */
export interface QuoteWithArticle extends StoredQuote {
  articleId: number;
  title: string;
  outlet?: string;
  published?: string;
}

/** An article's stored tone with its outlet and date (src/voices/: outlets, stories). */
export interface ArticleToneRow extends ArticleTone {
  articleId: number;
  title: string;
  outlet?: string;
  published?: string;
}

export interface EventQuery {
  /** ISO3 country or CAMEO-style code (USAGOV) on either side. */
  actor?: string;
  /** Source and target (ISO3 or code), directed. */
  dyad?: [string, string];
  since?: string;
  until?: string;
  type?: string;
  root?: string;
  modality?: string;
  articleId?: number;
  /** Page size, default 100. */
  limit?: number;
  /** Cursor from the previous page's `next`. */
  after?: string;
}

/** Which relation rows (src/relations/types.ts) to read; keys are relation keys (USA, NATO, EUR). */
export interface RelationRowQuery {
  since?: string;
  until?: string;
  /** Undirected: rows from any key of the first list to any of the second, or back. */
  between?: [string[], string[]];
  /** Rows with any of these keys on either side. */
  involving?: string[];
  /** Only rows of these directed (source, target) pairs. */
  pairs?: Array<[string, string]>;
  /** Page size, default 10000. */
  limit?: number;
  /** Cursor from the previous page's `next`. */
  after?: string;
}

/** A stored event with the article it came from (for evidence: sentence, outlet, title, link). */
export interface EventWithArticle extends StoredEvent {
  articleId: number;
  title: string;
  outlet?: string;
  url?: string;
  published?: string;
}

/** The narrow storage interface every later stage uses. Same behaviour on SQLite and PostgreSQL. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Path, or URL with the password redacted. */
  readonly location: string;
  /** Apply pending migrations; `version` is the schema version after, `applied` the names run by this call. */
  migrate(): Promise<{ version: number; applied: string[] }>;
  /** Articles already stored with this text hash (any origin), oldest first. */
  findByTextHash(textHash: string): Promise<Array<{ id: number; origin: string }>>;
  /** All (id, simhash) pairs of non-duplicate articles, for the near-duplicate index, by id. */
  listSimhashes(): Promise<Array<{ id: number; simhash: string }>>;
  /**
   * Insert a batch in ONE transaction; returns ids in order. On unique
   * (origin, text_hash) conflict the existing id is returned (no new row).
   * New ids increase but may skip values (a PostgreSQL sequence does not roll back).
   */
  insertArticles(batch: ArticleInput[]): Promise<number[]>;
  getArticle(id: number): Promise<StoredArticle | undefined>;
  /** Matching articles by ascending id, one page of them, and how many match in all. */
  listArticles(q: ListArticlesQuery): Promise<{ total: number; items: ArticleSummary[] }>;
  /** Replace the mentions and events of each article given, all in one transaction. */
  saveAnnotations(batch: Array<{ articleId: number; annotations: Annotations }>): Promise<void>;
  /** The version an article was annotated with, if any. */
  annotationVersion(articleId: number): Promise<string | undefined>;
  /** Non-duplicate English articles not annotated with `version`, by id, after `afterId`. */
  listToAnnotate(version: string, q: { afterId?: number; limit: number; all?: boolean }): Promise<number[]>;
  getMentions(articleId: number): Promise<StoredMention[]>;
  /** Events by date then id; `next` is the cursor for the following page. */
  listEvents(q: EventQuery): Promise<{ items: Array<StoredEvent & { articleId: number }>; next?: string }>;
  /** Full-text search over non-duplicate articles (title, dek, body, related headlines), best first. */
  searchArticles(q: SearchQuery): Promise<{ total: number; items: SearchHit[] }>;
  /** Directed relation rows of events (one per source/target key pair) by source, target, date, event id (a dyad's rows are contiguous); paged by `next`. */
  listRelationRows(q: RelationRowQuery): Promise<{ items: RelationRow[]; next?: string }>;
  /**
   * The same rows as listRelationRows, one directed key pair's day at a time, as columns (kept packed by
   * saveAnnotations): by source, target, date; paged by `next` (`limit` counts days).
   */
  listRelationDays(q: RelationRowQuery): Promise<{ items: RelationDay[]; next?: string }>;
  /** The directed key pairs of the rows matching `q` (`limit` and `after` ignored), each with its first and last date; by source, target. */
  listRelationPairs(q: RelationRowQuery): Promise<RelationPair[]>;
  /** The events with these ids (unknown ids skipped), with their article's title and outlet, by date then id. */
  getEventsById(ids: string[]): Promise<EventWithArticle[]>;
  /** Stored quotations (and reactions) matching the query, by article id then place in the article. */
  listQuotes(q: QuoteQuery): Promise<{ total: number; items: QuoteWithArticle[] }>;
  /** The quotations and tone stored for an article, if it was annotated with them. */
  getVoices(articleId: number): Promise<VoiceAnnotations | undefined>;
  /** Tone rows of non-duplicate articles, by id; filters as in listArticles (outlet, since, until). */
  listArticleTones(q: { outlet?: string; since?: string; until?: string; limit?: number; offset?: number }): Promise<ArticleToneRow[]>;
  /** Release the database; idempotent. Any other call afterwards throws. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL only: schema to use (created if missing); also accepted as `?schema=` in the URL. */
  schema?: string;
}

/**
 * Open the store at `location`: a `postgres://` / `postgresql://` URL opens
 * PostgreSQL, anything else is a SQLite file path (or `:memory:`). Pending
 * migrations run before it returns; a database from a newer entente is refused.
 */
export async function openStore(location: string, opts: OpenStoreOptions = {}): Promise<Store> {
  return openKyselyStore(location, opts);
}
