import * as chrono from 'chrono-node';
import type { StoredArticle } from '../types.js';

export interface ArticleDate {
  /** YYYY-MM-DD. */
  date: string;
  /** article: its publication date; text: a full date found in its text; ingested: the ingestion day (flagged). */
  basis: 'article' | 'text' | 'ingested';
}

/**
 * The date later stages read an article at: its publication date; without
 * one, the first full date (day, month and year) in its opening text; else
 * the day it was ingested, which callers flag.
 */
export function articleDate(a: Pick<StoredArticle, 'published' | 'title' | 'body' | 'ingestedAt'>): ArticleDate {
  if (a.published) return { date: a.published.slice(0, 10), basis: 'article' };
  const opening = `${a.title}\n${a.body.slice(0, 1500)}`;
  for (const r of chrono.parse(opening)) {
    const s = r.start;
    if (s.isCertain('year') && s.isCertain('month') && s.isCertain('day')) {
      const y = s.get('year')!;
      const m = s.get('month')!;
      const d = s.get('day')!;
      return { date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, basis: 'text' };
    }
  }
  return { date: a.ingestedAt.slice(0, 10), basis: 'ingested' };
}
