import type { StoredArticle } from '../types.js';
import type { Annotations, StoredMention } from '../store/store.js';
import type { KnowledgeBase } from '../actors/kb.js';
import { analyze } from '../nlp/analyze.js';
import { resolveMentions, type Mention } from '../actors/resolve.js';
import { articleFields } from './fields.js';
import { codeAnalysis, fieldContext } from '../events/coder.js';
import { dictionary } from '../events/dictionary.js';
import type { StoredEvent } from '../store/store.js';
import { articleDate } from './date.js';
import { articleVoices, fieldVoices, VOICES_VERSION, type FieldVoices } from '../voices/annotate.js';

/** Bump when the resolver's output changes, so `entente recode` redoes stored articles. */
export const RESOLVER_VERSION = 'r1';

/** The version stored with each article's annotations: resolver and event dictionary together. */
export function annotationVersion(): string {
  return `${RESOLVER_VERSION}+${dictionary().version}+${VOICES_VERSION}`;
}

function toStored(m: Mention, field: StoredMention['field'], fieldIndex: number, offset: number): StoredMention {
  const s: StoredMention = {
    field,
    fieldIndex,
    start: m.start,
    end: m.end,
    text: m.text,
    sentence: m.sentence,
    kind: m.kind,
    country: m.country,
    sector: m.sector,
    code: m.code,
    via: m.via,
    confidence: m.confidence,
  };
  if (m.ref !== undefined) s.ref = m.ref;
  if (m.role !== undefined) s.role = m.role;
  if (m.office !== undefined) s.office = m.office;
  if (m.former) s.former = true;
  if (m.members) s.members = m.members;
  // Antecedents index the field's list; stored mentions are numbered across the article.
  if (m.antecedent !== undefined) s.antecedent = m.antecedent + offset;
  return s;
}

/**
 * Resolve every actor mention of an article and code its events, field by
 * field (title, dek, body, each related headline), at the article's date:
 * each field is analysed once and its mentions feed the coder. Body
 * sentences share context; headlines are coded on their own. Pure.
 */
export function annotateArticle(a: StoredArticle, kb: KnowledgeBase): Annotations {
  const { date, basis } = articleDate(a);
  const dict = dictionary();
  const mentions: StoredMention[] = [];
  const events: StoredEvent[] = [];
  const voices: FieldVoices[] = [];
  for (const f of articleFields(a)) {
    const offset = mentions.length;
    const analysis = analyze(f.text);
    const found = resolveMentions(analysis, { date, dateFlagged: basis === 'ingested' }, kb);
    for (const m of found) mentions.push(toStored(m, f.field, f.index, offset));
    const ctx = fieldContext({ date, articleId: a.id, field: f.field, fieldIndex: f.index, useContext: f.field === 'body', dict });
    for (const record of codeAnalysis(analysis, found, ctx).events) events.push({ field: f.field, fieldIndex: f.index, record });
    voices.push(fieldVoices(analysis, found, f.field, f.index));
  }
  return { version: `${RESOLVER_VERSION}+${dict.version}+${VOICES_VERSION}`, mentions, events, voices: articleVoices(voices) };
}
