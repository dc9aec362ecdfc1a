import type { Generated } from 'kysely';

/**
 * Row shapes as the database holds them (snake_case, JSON as text, NULL for
 * absent values). Mapping to and from the pipeline records is in kysely-store.ts.
 */
export interface ArticlesTable {
  id: Generated<number>;
  origin: string;
  format: string;
  url: string | null;
  title: string;
  dek: string | null;
  body: string;
  /** JSON array of strings. */
  related: string;
  outlet: string | null;
  outlet_basis: string | null;
  published: string | null;
  date_basis: string;
  language: string;
  /** JSON array of Removed. */
  removed: string;
  /** JSON array of Message. */
  messages: string;
  text_hash: string;
  simhash: string;
  duplicate_of: number | null;
  /** ISO timestamp of the insert. */
  ingested_at: string;
}

export interface AnnotationsTable {
  article_id: number;
  /** Resolver + dictionary version the article was annotated with. */
  version: string;
  annotated_at: string;
  mentions: number;
  events: number;
}

export interface MentionsTable {
  article_id: number;
  /** Order within the article; `antecedent` in `detail` refers to it. */
  seq: number;
  field: string;
  field_index: number;
  start_offset: number;
  end_offset: number;
  text: string;
  sentence: number;
  kind: string;
  ref: string | null;
  country: string;
  sector: string;
  code: string;
  via: string;
  confidence: number;
  /** JSON: role, office, former, members, antecedent. */
  detail: string;
}

export interface EventsTable {
  id: string;
  article_id: number;
  field: string;
  field_index: number;
  date: string;
  plover_type: string;
  cameo_code: string;
  cameo_root: string;
  quad_class: number;
  goldstein: number;
  modality: string;
  /** 0 or 1. */
  negated: number;
  confidence: number;
  /** JSON EventRecord. */
  record: string;
}

export interface EventActorsTable {
  event_id: string;
  side: string;
  country: string;
  code: string;
}

/** One directed relation key pair of an event (migration 0003); see src/relations/keys.ts. */
export interface EventDyadsTable {
  event_id: string;
  article_id: number;
  date: string;
  source: string;
  target: string;
  quad_class: number;
  goldstein: number;
  modality: string;
  /** 0 or 1. */
  negated: number;
  confidence: number;
  cameo_code: string;
}

/** The event_dyads rows of one (source, target, date), packed (migration 0006); see relation-days.ts. */
export interface RelationDaysTable {
  source: string;
  target: string;
  date: string;
  rows: number;
  /** JSON [event ids, outlets, CAMEO codes, modalities]. */
  strings: string;
  /** Little-endian columns: article id, Goldstein, confidence (f64), outlet (i32), CAMEO code (u16), quad class, negated, modality (u8). */
  numbers: Buffer;
}

/** A quotation or a post by a handle (migration 0004, src/voices/). */
export interface QuotesTable {
  article_id: number;
  seq: number;
  field: string;
  field_index: number;
  start_offset: number;
  end_offset: number;
  text: string;
  words: number;
  /** 0 or 1. */
  partial: number;
  speaker_text: string | null;
  speaker_code: string | null;
  speaker_country: string | null;
  /** @handle for posts, person id, … */
  speaker_ref: string | null;
  via: string | null;
  tone: number;
  stance: string;
  /** Reaction stance for posts by handles, else NULL. */
  reaction: string | null;
  /** Space-separated codes and countries the quotation is about, padded with spaces (" USAGOV USA "). */
  about_keys: string;
  /** JSON: the rest of the Quote (speaker, about, verb, sentence). */
  detail: string;
}

/** An article's tone (migration 0004). */
export interface ArticleTonesTable {
  article_id: number;
  tone: number;
  positive: number;
  negative: number;
  words: number;
  mean: number;
  opinion: number;
  /** JSON: actors[] and sentences[] (with offsets). */
  detail: string;
}

export interface Database {
  articles: ArticlesTable;
  annotations: AnnotationsTable;
  mentions: MentionsTable;
  events: EventsTable;
  event_actors: EventActorsTable;
  quotes: QuotesTable;
  article_tones: ArticleTonesTable;
  event_dyads: EventDyadsTable;
  relation_days: RelationDaysTable;
}
