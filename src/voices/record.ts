/**
 * What the voices stage adds to an article's annotations: its quotations
 * (posts by handles are reactions) and its tone, each placed in a field with
 * offsets into that field's text.
 */
import type { Quote } from './quotes.js';

export type VoiceField = 'title' | 'dek' | 'body' | 'related';

export interface StoredQuote extends Quote {
  field: VoiceField;
  fieldIndex: number;
}

export interface StoredSentenceTone {
  field: VoiceField;
  fieldIndex: number;
  start: number;
  end: number;
  tone: number;
}

export interface StoredActorTone {
  code: string;
  country: string;
  sentences: number;
  tone: number;
}

export interface ArticleTone {
  /** GDELT-style tone of the whole article: positive % − negative % of words. */
  tone: number;
  positive: number;
  negative: number;
  words: number;
  /** Mean tone (−4…+4) of the sentences that carry any. */
  mean: number;
  /** Share (0…1) of sentences with opinion language. */
  opinion: number;
  /** Tone toward each actor (sentences mentioning it). */
  actors: StoredActorTone[];
  /** Sentences with a non-zero tone, with offsets. */
  sentences: StoredSentenceTone[];
}

export interface VoiceAnnotations {
  quotes: StoredQuote[];
  tone: ArticleTone;
}
