/**
 * Evidence for tone toward an actor: the sentences of an article that name
 * it (its stored mentions inside a toned sentence), most strongly toned
 * first, with their text. Pure.
 */
import { articleFields } from '../annotate/fields.js';
import type { StoredArticle } from '../types.js';
import type { VoiceAnnotations, VoiceField } from './record.js';

export interface ToneEvidence {
  field: VoiceField;
  fieldIndex: number;
  start: number;
  end: number;
  tone: number;
  text: string;
}

/** The toned sentences of an article that mention `code` (CAMEO-style code or ISO3), strongest first. */
export function actorEvidence(
  article: Pick<StoredArticle, 'title' | 'dek' | 'body' | 'related'>,
  voices: VoiceAnnotations,
  mentions: ReadonlyArray<{ field: string; fieldIndex: number; start: number; end: number; code: string; country: string }>,
  code: string,
  limit = 5,
): ToneEvidence[] {
  const texts = new Map(articleFields(article).map((f) => [`${f.field}:${f.index}`, f.text]));
  const names = mentions.filter((m) => m.code === code || m.country === code);
  const out: ToneEvidence[] = [];
  for (const s of voices.tone.sentences) {
    const text = texts.get(`${s.field}:${s.fieldIndex}`)?.slice(s.start, s.end);
    if (text === undefined) continue;
    if (names.some((m) => m.field === s.field && m.fieldIndex === s.fieldIndex && m.start >= s.start && m.end <= s.end)) out.push({ field: s.field, fieldIndex: s.fieldIndex, start: s.start, end: s.end, tone: s.tone, text });
  }
  return out.sort((a, b) => Math.abs(b.tone) - Math.abs(a.tone)).slice(0, limit);
}
