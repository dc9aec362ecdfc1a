import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAlliances } from './alliances.js';
import { aggregateDyads, dyadSeries, periodEnd, periodStart } from './dyads.js';
import { expandGroups, PLAIN_CATALOG, type ActorCatalog } from './groups.js';
import { eventDyads, relationKey } from './keys.js';
import { computeRelations } from './relations.js';
import { eventScore, foldCoverage, indexAt, dayNumber } from './score.js';
import { DEFAULT_PARAMS, type RelationRow } from './types.js';
import { findBlocs } from './blocs.js';

let seq = 0;
function row(source: string, target: string, date: string, goldstein: number, over: Partial<RelationRow> = {}): RelationRow {
  seq += 1;
  return {
    eventId: `e${seq}`, articleId: seq, outlet: `Outlet ${seq % 3}`, date, source, target,
    quadClass: goldstein >= 0 ? (goldstein > 5 ? 2 : 1) : goldstein < -5 ? 4 : 3,
    goldstein, modality: 'asserted', negated: false, confidence: 1, cameoCode: goldstein >= 0 ? '040' : '111', ...over,
  };
}
const P = DEFAULT_PARAMS;

test('keys: states by country, groups by id or region code; every source with every target', () => {
  assert.equal(relationKey({ country: 'USA', code: 'USAGOV' }), 'USA');
  assert.equal(relationKey({ country: 'IGO', code: 'IGOWSTNAT', actor_id: 'nato' }), 'NATO');
  assert.equal(relationKey({ country: 'EUR', code: 'EUR', actor_id: 'europe' }), 'EUR');
  assert.equal(relationKey({ country: '', code: '' }), '');
  assert.equal(relationKey({ country: '', code: 'GOV' }), '');
  const a = (country: string) => ({ code: country, country, sector: '', text: country });
  assert.deepEqual(eventDyads({ sources: [a('USA'), a('RUS')], targets: [a('USA'), a('RUS'), a('')] }), [{ source: 'USA', target: 'RUS' }, { source: 'RUS', target: 'USA' }]);
});

test('score: modality weights, threats as conflict, negation', () => {
  const base = { goldstein: 4, quadClass: 1 as const, negated: false, confidence: 1 };
  assert.equal(eventScore({ ...base, modality: 'asserted' }, P), 4);
  assert.equal(eventScore({ ...base, modality: 'planned' }, P), 2);
  assert.equal(eventScore({ ...base, modality: 'reported' }, P), 2.4);
  assert.equal(eventScore({ ...base, modality: 'hypothetical' }, P), 0);
  assert.equal(eventScore({ ...base, modality: 'asserted', confidence: 0 }, P), 2);
  // A threat coded with a positive Goldstein still counts as conflict.
  assert.equal(eventScore({ ...base, modality: 'threatened' }, P), -4);
  // "did not agree" counts nothing; "did not sever ties" counts as mild cooperation.
  assert.equal(eventScore({ ...base, modality: 'asserted', negated: true }, P), 0);
  assert.equal(eventScore({ goldstein: -4, quadClass: 4, negated: true, confidence: 1, modality: 'asserted' }, P), 1);
});

test('index: decayed mean with a neutral prior; repeated coverage of one event counts once', () => {
  const rows = [row('USA', 'CHN', '2025-01-01', -8), row('CHN', 'USA', '2025-01-02', -6), row('USA', 'CHN', '2025-04-01', 4)].map((r) => expandGroups([r], PLAIN_CATALOG, P)[0]!);
  const units = foldCoverage(rows, P);
  // The two conflict reports a day apart (either direction, same CAMEO root) are one event with their mean score.
  assert.deepEqual(units.map((u) => [u.day, u.score, u.reports.length]), [[dayNumber('2025-01-01'), -7, 2], [dayNumber('2025-04-01'), 4, 1]]);
  const at = dayNumber('2025-04-01');
  const w0 = Math.pow(0.5, 90 / 90);
  const expected = (100 * (w0 * -7 + 4)) / (10 * (w0 + 1 + 0.5));
  const v = indexAt(units, at, P);
  assert.equal(v.index, Math.round(expected * 10) / 10);
  assert.deepEqual([v.evidence, v.reports, v.articles, v.outlets], [2, 3, 3, 3]);
  assert.equal(v.confidence, Math.round((1 - Math.exp(-1.5 / 3)) * 1 * 100) / 100);
  assert.equal(indexAt(units, dayNumber('2024-12-31'), P).index, 0);
});

test('groups: an event naming NATO counts for NATO in full and for each member with a share', () => {
  const cat: ActorCatalog = { ...PLAIN_CATALOG, members: (k) => (k === 'NATO' ? ['USA', 'GBR', 'FRA', 'DEU'] : undefined), loose: () => false, isGroup: (k) => k === 'NATO' };
  const out = expandGroups([row('RUS', 'NATO', '2025-01-01', -5)], cat, P);
  assert.deepEqual(out.map((c) => `${c.source}>${c.target} ${c.share}${c.via ? ` via ${c.via}` : ''}`), ['RUS>NATO 1', 'RUS>USA 0.5 via NATO', 'RUS>GBR 0.5 via NATO', 'RUS>FRA 0.5 via NATO', 'RUS>DEU 0.5 via NATO']);
  const loose: ActorCatalog = { ...cat, loose: () => true };
  assert.equal(expandGroups([row('RUS', 'NATO', '2025-01-01', -5)], loose, P)[1]!.share, 0.25);
  // A member is never paired with itself.
  assert.deepEqual(expandGroups([row('USA', 'NATO', '2025-01-01', 3)], cat, P).map((c) => c.target), ['NATO', 'GBR', 'FRA', 'DEU']);
});

test('periods: ISO weeks start on Monday, months on the 1st', () => {
  assert.equal(periodStart('2026-01-29', 'week'), '2026-01-26');
  assert.equal(periodStart('2026-01-26', 'week'), '2026-01-26');
  assert.equal(periodStart('2026-02-01', 'week'), '2026-01-26');
  assert.equal(periodEnd('2026-01-26', 'week'), '2026-02-01');
  assert.equal(periodStart('2024-02-29', 'month'), '2024-02-01');
  assert.equal(periodEnd('2024-02-01', 'month'), '2024-02-29');
  assert.equal(periodEnd('2025-12-01', 'month'), '2025-12-31');
});

test('aggregates: directed and undirected, by quad class, Goldstein sum and mean, articles and outlets', () => {
  const rows = [row('USA', 'JPN', '2025-03-03', 4), row('JPN', 'USA', '2025-03-04', 2, { outlet: 'Outlet 1' }), row('USA', 'JPN', '2025-04-01', -2)].map((r) => expandGroups([r], PLAIN_CATALOG, P)[0]!);
  const und = aggregateDyads(rows, { by: 'month', directed: false });
  assert.deepEqual(und.map((a) => [a.source, a.target, a.period, a.events, a.quad, a.goldsteinSum, a.goldsteinMean, a.articles, a.outlets]), [
    ['JPN', 'USA', '2025-03-01', 2, [2, 0, 0, 0], 6, 3, 2, 1],
    ['JPN', 'USA', '2025-04-01', 1, [0, 0, 1, 0], -2, -2, 1, 1],
  ]);
  assert.equal(aggregateDyads(rows, { by: 'month', directed: true }).length, 3);
  const steps = dyadSeries(rows, 'USA', 'JPN', { by: 'month', params: P, until: '2025-05-15' });
  assert.deepEqual(steps.map((s) => [s.period, s.end, s.events]), [['2025-03-01', '2025-03-31', 2], ['2025-04-01', '2025-04-30', 1], ['2025-05-01', '2025-05-31', 0]]);
  assert.ok(steps[0]!.index > 0 && steps[1]!.index < steps[0]!.index);
  assert.deepEqual(steps[1]!.drivers.map((d) => d.eventId), [rows[2]!.eventId]);
  assert.deepEqual(steps[2]!.drivers, []);
});

test('relations: shifts, and hedging when A warms to B\'s rival while A–B stays flat', () => {
  const rows = [
    row('USA', 'CHN', '2025-06-01', -6), row('USA', 'CHN', '2025-12-10', -7), row('CHN', 'USA', '2026-01-05', -5, { cameoCode: '130' }),
    row('GBR', 'USA', '2025-05-01', 3),
    row('GBR', 'CHN', '2026-01-10', 4), row('CHN', 'GBR', '2026-01-20', 5, { cameoCode: '030' }),
    row('FRA', 'DEU', '2026-01-12', 3), row('DEU', 'FRA', '2026-01-15', 6, { cameoCode: '060' }),
  ];
  const r = computeRelations(rows, PLAIN_CATALOG, loadAlliances(), { since: '2026-01-01' });
  assert.equal(r.asOf, '2026-01-20');
  assert.deepEqual(r.window, { start: '2026-01-01', end: '2026-01-20' });
  const shift = r.shifts.find((s) => s.a === 'CHN' && s.b === 'GBR');
  assert.ok(shift && shift.direction === 'warming' && shift.from === 0 && shift.to > 0);
  assert.deepEqual(shift.drivers.map((d) => d.date).sort(), ['2026-01-10', '2026-01-20']);
  assert.deepEqual(r.hedging.map((h) => [h.a, h.b, h.c, h.bc.rivalry]), [['GBR', 'USA', 'CHN', 'listed']]);
  assert.match(r.hedging[0]!.summary, /^GBR is hedging away from USA toward CHN: GBR–CHN rose [\d.]+ points to [\d.]+ while GBR–USA stayed flat at [\d.]+; USA and CHN are rivals \(listed rivalry, USA–CHN index -[\d.]+\)\.$/);
  assert.deepEqual(r.hedging[0]!.alliance, ['aukus', 'five-eyes', 'nato']);
  assert.ok(r.dyads.find((d) => d.a === 'CHN' && d.b === 'USA')!.baseline === -40);
  // FRA–DEU warm but neither has an ally that is a rival of the other: no hedging. Blocs follow the positive ties only.
  assert.deepEqual(r.blocs.map((b) => b.members), [['CHN', 'GBR', 'USA'], ['DEU', 'FRA']]);
});

test('blocs: louvain on the positive ties, tensions across blocs', () => {
  const ties = [
    { a: 'AUS', b: 'USA', index: 40, confidence: 0.8 }, { a: 'JPN', b: 'USA', index: 35, confidence: 0.8 }, { a: 'AUS', b: 'JPN', index: 30, confidence: 0.5 },
    { a: 'CHN', b: 'RUS', index: 45, confidence: 0.9 }, { a: 'PRK', b: 'RUS', index: 30, confidence: 0.5 }, { a: 'CHN', b: 'PRK', index: 20, confidence: 0.4 },
    { a: 'CHN', b: 'USA', index: -30, confidence: 0.9 }, { a: 'JPN', b: 'RUS', index: 2, confidence: 0.1 },
  ];
  const blocs = findBlocs(ties);
  assert.deepEqual(blocs.map((b) => b.members), [['AUS', 'JPN', 'USA'], ['CHN', 'PRK', 'RUS']]);
  assert.deepEqual(blocs[0]!.tensions, [{ a: 'USA', b: 'CHN', index: -30 }]);
  assert.equal(blocs[0]!.cohesion, 35);
  assert.deepEqual(findBlocs([{ a: 'X', b: 'Y', index: -5, confidence: 1 }]), []);
});
