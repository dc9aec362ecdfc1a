import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SHARED_DIR } from '../paths.js';
import { GDELT2_COLUMNS, formatGdeltTsv, toGdeltRows, toPloverJson, type ExportArticle, type GdeltRow } from './export.js';
import { eventRecordSchema, type Actor, type EventRecord } from './record.js';

const usa: Actor = { code: 'USAGOV', country: 'USA', sector: 'GOV', text: 'Washington' };
const mex: Actor = { code: 'MEX', country: 'MEX', sector: '', text: 'Mexico' };
const can: Actor = { code: 'CAN', country: 'CAN', sector: '', text: 'Canada' };
const rus: Actor = { code: 'RUSGOV', country: 'RUS', sector: 'GOV', text: 'Moscow' };
const un: Actor = { code: 'IGOUNO', country: 'IGO', sector: '', text: 'the U.N.' };

const BODY = 'Washington paused its new duties on Mexico and Canada.\n\nWashington and Moscow held talks in Riyadh.';

function event(over: Partial<EventRecord> & Pick<EventRecord, 'id' | 'sources' | 'targets'>): EventRecord {
  return eventRecordSchema.parse({
    article_id: 7,
    sentence: { text: 'Washington paused its new duties on Mexico and Canada.', start: 0, end: 54 },
    plover: { type: 'RETREAT', mode: '', context: ['economic'] },
    cameo: { code: '085', root: '08', quad_class: 2, goldstein: 7 },
    modality: 'asserted',
    negated: false,
    date: '2025-02-04',
    date_basis: 'article',
    trigger: { text: 'paused', start: 11, end: 17 },
    rule_id: 'verb:pause-duties',
    confidence: 0.9,
    dictionary_version: '1',
    ...over,
  });
}

const events: EventRecord[] = [
  event({ id: 'e1', sources: [usa], targets: [mex, can] }),
  event({
    id: 'e2',
    sources: [usa, rus],
    targets: [usa, rus],
    sentence: { text: 'Washington and Moscow held talks in Riyadh.', start: 56, end: 99 },
    plover: { type: 'CONSULT', mode: 'third-party', context: ['diplomatic'] },
    cameo: { code: '044', root: '04', quad_class: 1, goldstein: 2.5 },
    trigger: { text: 'held talks', start: 78, end: 88 },
    date: '2025-02-18',
    date_basis: 'text',
    location: { text: 'Riyadh', country: 'SAU' },
  }),
  event({
    id: 'e3',
    article_id: null,
    sources: [un],
    targets: [],
    plover: { type: 'ACCUSE', mode: 'disapprove', context: [] },
    cameo: { code: '111', root: '11', quad_class: 3, goldstein: -2 },
    modality: 'reported',
  }),
];
const articles: ExportArticle[] = [{ id: 7, url: 'https://news.example/a', ingestedAt: '2025-02-18T09:05:03.120Z', body: BODY, tone: -1.5 }];

function readBack(tsv: string, columns: readonly string[]): Record<string, string>[] {
  return tsv
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const cells = line.split('\t');
      assert.equal(cells.length, columns.length);
      return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    });
}

describe('GDELT 2.0 export', () => {
  it('has the 61 columns of the 2.0 event table', () => {
    assert.equal(GDELT2_COLUMNS.length, 61);
    assert.equal(new Set(GDELT2_COLUMNS).size, 61);
    assert.deepEqual([GDELT2_COLUMNS[0], GDELT2_COLUMNS[26], GDELT2_COLUMNS[59], GDELT2_COLUMNS[60]], ['GLOBALEVENTID', 'EventCode', 'DATEADDED', 'SOURCEURL']);
  });

  it('expands actor lists to dyads and reads back by column name', () => {
    const tsv = formatGdeltTsv(toGdeltRows(events, articles));
    assert.ok(tsv.endsWith('\n'));
    const rows = readBack(tsv, GDELT2_COLUMNS);
    const pick = (r: Record<string, string>, cols: string[]) => cols.map((c) => r[c]);
    const cols = ['Actor1Code', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1Type1Code', 'Actor2Code', 'Actor2Name', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'IsRootEvent'];
    assert.deepEqual(rows.map((r) => pick(r, cols)), [
      ['USAGOV', 'USA', '', 'GOV', 'MEX', 'MEXICO', '085', '085', '08', '2', '7.0', '1'],
      ['USAGOV', 'USA', '', 'GOV', 'CAN', 'CANADA', '085', '085', '08', '2', '7.0', '1'],
      ['USAGOV', 'USA', '', 'GOV', 'RUSGOV', 'MOSCOW', '044', '044', '04', '1', '2.5', '0'],
      ['RUSGOV', 'RUS', '', 'GOV', 'USAGOV', 'WASHINGTON', '044', '044', '04', '1', '2.5', '0'],
      ['IGOUNO', '', 'UNO', '', '', '', '111', '111', '11', '3', '-2.0', '1'],
    ]);
    const [first, , third, , fifth] = rows as [GdeltRow, GdeltRow, GdeltRow, GdeltRow, GdeltRow];
    assert.deepEqual(pick(first, ['SQLDATE', 'MonthYear', 'Year', 'FractionDate', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone', 'Actor1Geo_Type', 'ActionGeo_Type', 'DATEADDED', 'SOURCEURL']), [
      '20250204', '202502', '2025', '2025.0932', '1', '1', '1', '-1.5', '0', '0', '20250218090503', 'https://news.example/a',
    ]);
    assert.deepEqual(pick(third, ['SQLDATE', 'FractionDate', 'ActionGeo_Type', 'ActionGeo_FullName']), ['20250218', '2025.1315', '1', 'Riyadh']);
    assert.deepEqual(pick(fifth, ['AvgTone', 'DATEADDED', 'SOURCEURL']), ['', '', '']);
    assert.match(first.GLOBALEVENTID, /^\d+$/);
    assert.equal(new Set(rows.map((r) => r.GLOBALEVENTID)).size, 5);
    // Stable across exports.
    assert.deepEqual(toGdeltRows(events, articles).map((r) => r.GLOBALEVENTID), rows.map((r) => r.GLOBALEVENTID));
  });

  it('keeps one row per event with no actors on a side and cleans tabs from values', () => {
    const e = event({ id: 'e4', sources: [{ ...mex, text: 'Mexico\tCity' }], targets: [] });
    const rows = readBack(formatGdeltTsv(toGdeltRows([e], [])), GDELT2_COLUMNS);
    assert.deepEqual(rows.map((r) => [r.Actor1Name, r.Actor2Code, r.IsRootEvent]), [['MEXICO CITY', '', '1']]);
  });

  it('lines up with the GDELT 1.0 layout of the sample where column names agree', () => {
    const dir = join(SHARED_DIR, 'corpora', 'gdelt-sample');
    const v1 = readFileSync(join(dir, 'events_column_names.csv'), 'utf8').trim().split('\t');
    assert.equal(v1.length, 58);
    const v2ByLower = new Map(GDELT2_COLUMNS.map((c) => [c.toLowerCase(), c]));
    const alias: Record<string, string> = { day: 'SQLDATE' };
    const mapped = v1.map((n) => alias[n] ?? v2ByLower.get(n));
    assert.ok(mapped.every((c) => c !== undefined), `unmapped: ${v1.filter((_, i) => mapped[i] === undefined).join(', ')}`);
    // Same order; 2.0 only adds the three ADM2 codes.
    assert.deepEqual(GDELT2_COLUMNS.filter((c) => !mapped.includes(c)), ['Actor1Geo_ADM2Code', 'Actor2Geo_ADM2Code', 'ActionGeo_ADM2Code']);
    assert.deepEqual(mapped, GDELT2_COLUMNS.filter((c) => mapped.includes(c)));

    // A real 1.0 row and our row for the same date and event agree on the shared date and event columns.
    const line = readFileSync(join(dir, 'events.csv'), 'utf8').split('\n').find((l) => l.split('\t')[26] === '0834');
    assert.ok(line);
    const real = Object.fromEntries(line.split('\t').map((v, i) => [mapped[i] ?? '', v]));
    const day = real.SQLDATE ?? '';
    const ours = toGdeltRows(
      [
        event({
          id: 'x',
          sources: [],
          targets: [],
          date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
          plover: { type: 'CONCEDE', mode: '', context: [] },
          cameo: { code: '0834', root: '08', quad_class: 2, goldstein: 5 },
        }),
      ],
      [],
    )[0];
    assert.ok(ours);
    for (const c of ['SQLDATE', 'MonthYear', 'Year', 'FractionDate', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale'] as const) {
      assert.equal(ours[c], real[c], c);
    }
  });
});

describe('PLOVER JSON export', () => {
  it('writes the fields of the PLOVER gold-standard records', () => {
    const e = events[1];
    assert.ok(e);
    assert.deepEqual(toPloverJson(e), {
      id: 'e2',
      date: '2025-02-18',
      source: [
        { actorText: 'Washington', code: 'USA', sector: 'GOV' },
        { actorText: 'Moscow', code: 'RUS', sector: 'GOV' },
      ],
      target: [
        { actorText: 'Washington', code: 'USA', sector: 'GOV' },
        { actorText: 'Moscow', code: 'RUS', sector: 'GOV' },
      ],
      event: 'CONSULT',
      eventText: 'held talks',
      mode: 'third-party',
      context: 'diplomatic',
      text: 'Washington and Moscow held talks in Riyadh.',
      language: 'en',
      coder: 'entente',
      version: '1',
      entente: {
        article_id: 7,
        modality: 'asserted',
        negated: false,
        date_basis: 'text',
        cameo: { code: '044', root: '04', quad_class: 1, goldstein: 2.5 },
        rule_id: 'verb:pause-duties',
        confidence: 0.9,
        location: 'Riyadh',
      },
    });
    const un1 = events[2];
    assert.ok(un1);
    assert.deepEqual(toPloverJson(un1).source, [{ actorText: 'the U.N.', code: 'IGO' }]);
  });
});
