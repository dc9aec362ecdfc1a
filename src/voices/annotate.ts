/**
 * The voices stage inside annotation: per field, quotations with speakers
 * (findQuotes), sentence tone (analysisTone) and opinion language, then the
 * article's tone and the tone toward each actor. Pure; called from
 * src/annotate/annotate.ts with the analysis and mentions of each field.
 */
import type { Analysis } from '../nlp/analyze.js';
import { opinionSentences } from './opinion.js';
import { findQuotes, type QuoteActor, type QuoteMention } from './quotes.js';
import type { ArticleTone, StoredQuote, StoredSentenceTone, VoiceAnnotations, VoiceField } from './record.js';
import { actorTones, analysisTone, type ToneMention } from './tone.js';

/** Bump when quotes, tone or opinion output changes, so `entente recode` redoes stored articles. */
export const VOICES_VERSION = 'v1';

export interface FieldVoices {
  field: VoiceField;
  fieldIndex: number;
  quotes: StoredQuote[];
  sentences: StoredSentenceTone[];
  positive: number;
  negative: number;
  words: number;
  toned: number;
  toneSum: number;
  opinion: number;
  sentenceCount: number;
  /** Per actor code: sentence tones (one per sentence naming it). */
  actorSentences: Map<string, { country: string; tones: number[] }>;
}

/** The most-mentioned actor of a field: what a post that names nobody reacts to. */
function subjectOf(mentions: readonly QuoteMention[]): QuoteActor | undefined {
  const counts = new Map<string, { n: number; m: QuoteMention }>();
  for (const m of mentions) {
    if (!m.code || m.kind === 'handle' || m.location) continue;
    const e = counts.get(m.code) ?? { n: 0, m };
    e.n++;
    counts.set(m.code, e);
  }
  let best: { n: number; m: QuoteMention } | undefined;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  if (!best) return undefined;
  const s: QuoteActor = { text: best.m.text, kind: best.m.kind, code: best.m.code, country: best.m.country, start: best.m.start, end: best.m.end };
  if (best.m.ref !== undefined) s.ref = best.m.ref;
  return s;
}

export function fieldVoices(a: Analysis, mentions: ReadonlyArray<QuoteMention & ToneMention>, field: VoiceField, fieldIndex: number, subject?: QuoteActor): FieldVoices {
  const quotes = findQuotes(a, mentions, { ...(subject ?? subjectOf(mentions) ? { subject: (subject ?? subjectOf(mentions))! } : {}) }).map((q) => ({ ...q, field, fieldIndex }));
  const tone = analysisTone(a, mentions.map((m) => ({ start: m.start, end: m.end })));
  const opinion = opinionSentences(a, quotes.map((q) => ({ start: q.start - 1, end: q.end + 1 })));
  const actorSentences = new Map<string, { country: string; tones: number[] }>();
  for (const t of actorTones(mentions, tone)) {
    actorSentences.set(t.code, { country: t.country, tones: t.evidence.map((i) => tone.sentences[i]!.tone) });
  }
  return {
    field,
    fieldIndex,
    quotes,
    sentences: tone.sentences.filter((s) => s.tone !== 0).map((s) => ({ field, fieldIndex, start: s.start, end: s.end, tone: s.tone })),
    positive: tone.sentences.reduce((n, s) => n + s.positive, 0),
    negative: tone.sentences.reduce((n, s) => n + s.negative, 0),
    words: tone.words,
    toned: tone.sentences.filter((s) => s.hits.length > 0).length,
    toneSum: tone.sentences.filter((s) => s.hits.length > 0).reduce((n, s) => n + s.tone, 0),
    opinion: opinion.opinion,
    sentenceCount: opinion.sentences,
    actorSentences,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Combine the fields of an article into its voice annotations. */
export function articleVoices(fields: readonly FieldVoices[]): VoiceAnnotations {
  let positive = 0;
  let negative = 0;
  let words = 0;
  let toned = 0;
  let toneSum = 0;
  let opinion = 0;
  let sentences = 0;
  const actors = new Map<string, { country: string; tones: number[] }>();
  for (const f of fields) {
    positive += f.positive;
    negative += f.negative;
    words += f.words;
    toned += f.toned;
    toneSum += f.toneSum;
    opinion += f.opinion;
    sentences += f.sentenceCount;
    for (const [code, e] of f.actorSentences) {
      const x = actors.get(code) ?? { country: e.country, tones: [] };
      x.tones.push(...e.tones);
      actors.set(code, x);
    }
  }
  const tone: ArticleTone = {
    tone: words ? round(((positive - negative) / words) * 100) : 0,
    positive: words ? round((positive / words) * 100) : 0,
    negative: words ? round((negative / words) * 100) : 0,
    words,
    mean: toned ? round(toneSum / toned) : 0,
    opinion: sentences ? round(opinion / sentences) : 0,
    actors: [...actors]
      .map(([code, e]) => ({ code, country: e.country, sentences: e.tones.length, tone: round(e.tones.reduce((s, t) => s + t, 0) / e.tones.length) }))
      .sort((x, y) => y.sentences - x.sentences || x.code.localeCompare(y.code)),
    sentences: fields.flatMap((f) => f.sentences),
  };
  return { quotes: fields.flatMap((f) => f.quotes), tone };
}
