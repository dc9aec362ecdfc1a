/**
 * Event exports: GDELT 2.0 event table rows (61 tab-separated columns, no
 * header, one row per source × target dyad) and PLOVER-style JSON records
 * (the field layout of the PLOVER gold-standard records).
 */
import { createHash } from 'node:crypto';
import type { Actor, EventRecord } from './record.js';

/** The 61 columns of the GDELT 2.0 event export, in file order. */
export const GDELT2_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode',
  'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode',
  'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
  'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;
export type Gdelt2Column = (typeof GDELT2_COLUMNS)[number];
export type GdeltRow = Record<Gdelt2Column, string>;

/** What the GDELT export needs to know about an event's article. */
export interface ExportArticle {
  id: number;
  url?: string;
  /** Used as SOURCEURL when there is no URL. */
  origin?: string;
  /** ISO timestamp; becomes DATEADDED (YYYYMMDDHHMMSS, UTC). */
  ingestedAt?: string;
  /** Article text the event offsets point into; its first paragraph decides IsRootEvent. */
  body?: string;
  /** Average tone of the article, when a tone stage has measured it. */
  tone?: number;
}

/**
 * A stable GLOBALEVENTID for row `index` of an event: 52 bits of a SHA-256
 * of the event id, so exports made at different times agree.
 */
function globalEventId(eventId: string, index: number): string {
  const hex = createHash('sha256').update(`${eventId}#${index}`).digest('hex').slice(0, 13);
  return String(parseInt(hex, 16));
}

/** GDELT's FractionDate: year + ((month − 1) × 30 + day) / 365, 4 decimals (checked on the GDELT sample). */
function fractionDate(year: number, month: number, day: number): string {
  return String(Number((year + ((month - 1) * 30 + day) / 365).toFixed(4)));
}

function dateAdded(iso: string | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  return t.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const EMPTY_ACTOR: Actor = { code: '', country: '', sector: '', text: '' };

function actorColumns(prefix: 'Actor1' | 'Actor2', a: Actor): Partial<GdeltRow> {
  const igo = a.country === 'IGO';
  return {
    [`${prefix}Code`]: a.code,
    [`${prefix}Name`]: a.text.toUpperCase(),
    // GDELT puts intergovernmental bodies in KnownGroupCode (IGOUNO → UNO), not in CountryCode.
    [`${prefix}CountryCode`]: igo ? '' : a.country,
    [`${prefix}KnownGroupCode`]: igo && /^IGO[A-Z]{3}/.test(a.code) ? a.code.slice(3, 6) : '',
    [`${prefix}Type1Code`]: a.sector,
  };
}

function sameActor(a: Actor, b: Actor): boolean {
  return a.code === b.code && a.text === b.text;
}

/** source × target pairs; a side with no actors contributes one empty actor; a pair of the same actor is skipped. */
function dyads(e: EventRecord): [Actor, Actor][] {
  const sources = e.sources.length ? e.sources : [EMPTY_ACTOR];
  const targets = e.targets.length ? e.targets : [EMPTY_ACTOR];
  const out: [Actor, Actor][] = [];
  for (const s of sources) for (const t of targets) if (!(s !== EMPTY_ACTOR && sameActor(s, t))) out.push([s, t]);
  return out;
}

function leadEnd(body: string): number {
  const para = body.search(/\n\s*\n/);
  return para === -1 ? body.length : para;
}

/**
 * GDELT 2.0 event rows, one per source × target pair. NumMentions,
 * NumSources and NumArticles are 1 (one coded sentence each); IsRootEvent is
 * 1 when the sentence lies in the article's first paragraph (without the
 * body: when it is the article's earliest coded sentence among `events`).
 * Geo columns are empty (type 0) except ActionGeo_FullName and ActionGeo_Type
 * 1 from the event location; GDELT's FIPS country codes are not produced.
 */
export function toGdeltRows(events: readonly EventRecord[], articles: readonly ExportArticle[]): GdeltRow[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const firstStart = new Map<number | null, number>();
  for (const e of events) {
    const prev = firstStart.get(e.article_id);
    if (prev === undefined || e.sentence.start < prev) firstStart.set(e.article_id, e.sentence.start);
  }
  const rows: GdeltRow[] = [];
  for (const e of events) {
    const article = e.article_id === null ? undefined : byId.get(e.article_id);
    const [y, m, d] = e.date.split('-').map(Number) as [number, number, number];
    const isRoot = article?.body !== undefined ? e.sentence.start < leadEnd(article.body) : e.sentence.start === firstStart.get(e.article_id);
    const code = e.cameo.code;
    dyads(e).forEach(([source, target], i) => {
      const row = Object.fromEntries(GDELT2_COLUMNS.map((c) => [c, ''])) as GdeltRow;
      Object.assign(row, actorColumns('Actor1', source), actorColumns('Actor2', target), {
        GLOBALEVENTID: globalEventId(e.id, i),
        SQLDATE: e.date.replace(/-/g, ''),
        MonthYear: e.date.slice(0, 7).replace('-', ''),
        Year: e.date.slice(0, 4),
        FractionDate: fractionDate(y, m, d),
        IsRootEvent: isRoot ? '1' : '0',
        EventCode: code,
        EventBaseCode: code.slice(0, 3),
        EventRootCode: e.cameo.root,
        QuadClass: String(e.cameo.quad_class),
        GoldsteinScale: e.cameo.goldstein.toFixed(1),
        NumMentions: '1',
        NumSources: '1',
        NumArticles: '1',
        AvgTone: article?.tone === undefined ? '' : String(article.tone),
        Actor1Geo_Type: '0',
        Actor2Geo_Type: '0',
        ActionGeo_Type: e.location ? '1' : '0',
        ActionGeo_FullName: e.location?.text ?? '',
        DATEADDED: dateAdded(article?.ingestedAt),
        SOURCEURL: article?.url ?? article?.origin ?? '',
      } satisfies Partial<GdeltRow>);
      rows.push(row);
    });
  }
  return rows;
}

/** Tab-separated, no header, one line per row ending in \n; tabs and line breaks inside values become spaces. */
export function formatGdeltTsv(rows: readonly GdeltRow[]): string {
  return rows.map((r) => GDELT2_COLUMNS.map((c) => r[c].replace(/[\t\r\n]+/g, ' ')).join('\t') + '\n').join('');
}

export interface PloverActor {
  actorText: string;
  /** Country (ISO3) or IGO; the CAMEO actor code when the country is unknown. */
  code: string;
  sector?: string;
}

/** A PLOVER-style event record, field names as in the PLOVER gold-standard records. */
export interface PloverJsonRecord {
  id: string;
  date: string;
  source: PloverActor[];
  target: PloverActor[];
  event: string;
  eventText: string;
  mode: string;
  /** Comma-separated, as in the PLOVER gold standard. */
  context: string;
  text: string;
  language: 'en';
  coder: 'entente';
  version: string;
  /** Our fields that PLOVER has no place for. */
  entente: {
    article_id: number | null;
    modality: EventRecord['modality'];
    negated: boolean;
    date_basis: EventRecord['date_basis'];
    cameo: EventRecord['cameo'];
    rule_id: string;
    confidence: number;
    location?: string;
    speaker?: string;
  };
}

function ploverActor(a: Actor): PloverActor {
  const out: PloverActor = { actorText: a.text, code: a.country || a.code };
  if (a.sector) out.sector = a.sector;
  return out;
}

export function toPloverJson(e: EventRecord): PloverJsonRecord {
  const entente: PloverJsonRecord['entente'] = {
    article_id: e.article_id,
    modality: e.modality,
    negated: e.negated,
    date_basis: e.date_basis,
    cameo: { ...e.cameo },
    rule_id: e.rule_id,
    confidence: e.confidence,
  };
  if (e.location) entente.location = e.location.text;
  if (e.speaker) entente.speaker = e.speaker.text;
  return {
    id: e.id,
    date: e.date,
    source: e.sources.map(ploverActor),
    target: e.targets.map(ploverActor),
    event: e.plover.type,
    eventText: e.trigger.text,
    mode: e.plover.mode,
    context: e.plover.context.join(', '),
    text: e.sentence.text,
    language: 'en',
    coder: 'entente',
    version: e.dictionary_version,
    entente,
  };
}
