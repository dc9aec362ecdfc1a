/**
 * The voices tables (migration 0004: quotes, article_tones) for the Kysely
 * store: rows from VoiceAnnotations and queries back. Used only by
 * kysely-store.ts, inside its transactions.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ArticleTone, StoredQuote, VoiceAnnotations, VoiceField } from '../voices/record.js';
import type { Annotations, ArticleToneRow, QuoteQuery, QuoteWithArticle } from './store.js';
import type { Database, QuotesTable, ArticleTonesTable } from './tables.js';

const MAX_PARAMS = 32000;
const DEFAULT_LIMIT = 100;

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function aboutKeys(q: StoredQuote): string {
  const keys = new Set<string>();
  for (const a of q.about) {
    if (a.code) keys.add(a.code);
    if (a.country) keys.add(a.country);
    if (a.ref) keys.add(a.ref);
  }
  return keys.size ? ` ${[...keys].join(' ')} ` : ' ';
}

function quoteRow(articleId: number, seq: number, q: StoredQuote): QuotesTable {
  const { field, fieldIndex, start, end, text, words, partial, speaker, via, tone, stance, reaction, ...rest } = q;
  return {
    article_id: articleId,
    seq,
    field,
    field_index: fieldIndex,
    start_offset: start,
    end_offset: end,
    text,
    words,
    partial: partial ? 1 : 0,
    speaker_text: speaker?.text ?? null,
    speaker_code: speaker?.code || null,
    speaker_country: speaker?.country || null,
    speaker_ref: speaker?.ref ?? null,
    via: via ?? null,
    tone,
    stance,
    reaction: reaction ?? null,
    about_keys: aboutKeys(q),
    detail: JSON.stringify({ ...rest, ...(speaker ? { speaker } : {}) }),
  };
}

function fromQuoteRow(r: QuotesTable): StoredQuote {
  const detail = JSON.parse(r.detail) as Omit<StoredQuote, 'field' | 'fieldIndex' | 'start' | 'end' | 'text' | 'words' | 'partial' | 'tone' | 'stance'>;
  const q: StoredQuote = {
    field: r.field as VoiceField,
    fieldIndex: Number(r.field_index),
    start: Number(r.start_offset),
    end: Number(r.end_offset),
    text: r.text,
    words: Number(r.words),
    sentence: detail.sentence,
    partial: Number(r.partial) === 1,
    tone: Number(r.tone),
    stance: r.stance as StoredQuote['stance'],
    about: detail.about,
  };
  if (detail.speaker) q.speaker = detail.speaker;
  if (r.via !== null) q.via = r.via as NonNullable<StoredQuote['via']>;
  if (detail.verb !== undefined) q.verb = detail.verb;
  if (r.reaction !== null) q.reaction = r.reaction as NonNullable<StoredQuote['reaction']>;
  return q;
}

function toneRow(articleId: number, t: ArticleTone): ArticleTonesTable {
  return { article_id: articleId, tone: t.tone, positive: t.positive, negative: t.negative, words: t.words, mean: t.mean, opinion: t.opinion, detail: JSON.stringify({ actors: t.actors, sentences: t.sentences }) };
}

function fromToneRow(r: ArticleTonesTable): ArticleTone {
  const d = JSON.parse(r.detail) as Pick<ArticleTone, 'actors' | 'sentences'>;
  return { tone: Number(r.tone), positive: Number(r.positive), negative: Number(r.negative), words: Number(r.words), mean: Number(r.mean), opinion: Number(r.opinion), actors: d.actors, sentences: d.sentences };
}

/** Replace the voices of the batch's articles (inside the saveAnnotations transaction). */
export async function saveVoiceRows(trx: Transaction<Database>, batch: Array<{ articleId: number; annotations: Annotations }>): Promise<void> {
  const ids = batch.map((b) => b.articleId);
  for (const chunk of chunks(ids, MAX_PARAMS)) {
    await trx.deleteFrom('quotes').where('article_id', 'in', chunk).execute();
    await trx.deleteFrom('article_tones').where('article_id', 'in', chunk).execute();
  }
  const quoteRows = batch.flatMap(({ articleId, annotations: a }) => (a.voices?.quotes ?? []).map((q, seq) => quoteRow(articleId, seq, q)));
  const toneRows = batch.flatMap(({ articleId, annotations: a }) => (a.voices ? [toneRow(articleId, a.voices.tone)] : []));
  for (const chunk of chunks(quoteRows, Math.floor(MAX_PARAMS / 20))) await trx.insertInto('quotes').values(chunk).execute();
  for (const chunk of chunks(toneRows, Math.floor(MAX_PARAMS / 8))) await trx.insertInto('article_tones').values(chunk).execute();
}

export async function listQuoteRows(db: Kysely<Database>, q: QuoteQuery): Promise<{ total: number; items: QuoteWithArticle[] }> {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const offset = q.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`store: invalid quotes limit ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`store: invalid quotes offset ${offset}`);
  let query = db.selectFrom('quotes as q').innerJoin('articles as a', 'a.id', 'q.article_id').where('a.duplicate_of', 'is', null);
  if (q.articleId !== undefined) query = query.where('q.article_id', '=', q.articleId);
  if (q.reactions !== undefined) query = query.where('q.reaction', q.reactions ? 'is not' : 'is', null);
  if (q.attributed) query = query.where('q.speaker_text', 'is not', null);
  if (q.since !== undefined) query = query.where('a.published', '>=', q.since);
  if (q.until !== undefined) query = query.where('a.published', '<=', /^\d{4}-\d{2}-\d{2}$/.test(q.until) ? `${q.until}\uffff` : q.until);
  if (q.speaker !== undefined) {
    const s = q.speaker.trim();
    const upper = s.toUpperCase();
    query = query.where((eb) =>
      eb.or([
        eb('q.speaker_code', '=', upper),
        eb('q.speaker_country', '=', upper),
        eb('q.speaker_ref', '=', s),
        eb(eb.fn('lower', ['q.speaker_text']), 'like', `%${s.toLowerCase().replace(/[%_]/g, '')}%`),
      ]),
    );
  }
  if (q.about !== undefined) query = query.where('q.about_keys', 'like', `% ${q.about.trim().replace(/[%_\s]/g, '')} %`);
  const counted = await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
  const rows = await query.selectAll('q').select(['a.title', 'a.outlet', 'a.published']).orderBy('q.article_id').orderBy('q.seq').limit(limit).offset(offset).execute();
  const items = rows.map((r) => {
    const item: QuoteWithArticle = { ...fromQuoteRow(r), articleId: Number(r.article_id), title: r.title };
    if (r.outlet !== null) item.outlet = r.outlet;
    if (r.published !== null) item.published = r.published;
    return item;
  });
  return { total: Number(counted.total), items };
}

export async function getVoiceRows(db: Kysely<Database>, articleId: number): Promise<VoiceAnnotations | undefined> {
  const tone = await db.selectFrom('article_tones').selectAll().where('article_id', '=', articleId).executeTakeFirst();
  if (!tone) return undefined;
  const quotes = await db.selectFrom('quotes').selectAll().where('article_id', '=', articleId).orderBy('seq').execute();
  return { quotes: quotes.map(fromQuoteRow), tone: fromToneRow(tone) };
}

export async function listArticleToneRows(db: Kysely<Database>, q: { outlet?: string; since?: string; until?: string; limit?: number; offset?: number }): Promise<ArticleToneRow[]> {
  let query = db.selectFrom('article_tones as t').innerJoin('articles as a', 'a.id', 't.article_id').where('a.duplicate_of', 'is', null);
  if (q.outlet !== undefined) query = query.where('a.outlet', '=', q.outlet);
  if (q.since !== undefined) query = query.where('a.published', '>=', q.since);
  if (q.until !== undefined) query = query.where('a.published', '<=', /^\d{4}-\d{2}-\d{2}$/.test(q.until) ? `${q.until}\uffff` : q.until);
  const rows = await query.selectAll('t').select(['a.title', 'a.outlet', 'a.published']).orderBy('t.article_id').limit(q.limit ?? 100_000).offset(q.offset ?? 0).execute();
  return rows.map((r) => {
    const row: ArticleToneRow = { ...fromToneRow(r), articleId: Number(r.article_id), title: r.title };
    if (r.outlet !== null) row.outlet = r.outlet;
    if (r.published !== null) row.published = r.published;
    return row;
  });
}
