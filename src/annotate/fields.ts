import type { StoredArticle } from '../types.js';
import type { TextField } from '../store/store.js';

export interface FieldText {
  field: TextField;
  index: number;
  text: string;
}

/** The texts of an article that later stages read, each with its field: offsets index that text. */
export function articleFields(a: Pick<StoredArticle, 'title' | 'dek' | 'body' | 'related'>): FieldText[] {
  const out: FieldText[] = [];
  if (a.title) out.push({ field: 'title', index: 0, text: a.title });
  if (a.dek) out.push({ field: 'dek', index: 0, text: a.dek });
  if (a.body) out.push({ field: 'body', index: 0, text: a.body });
  a.related.forEach((text, index) => out.push({ field: 'related', index, text }));
  return out;
}
