/**
 * A packed relation day gives back exactly the rows packed into it (in order), whatever the text holds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowsOfDays } from '../relations/days.js';
import type { RelationDay } from '../relations/types.js';
import { decodeDay, encodeDay } from './relation-days.js';

const row = (id: string, over: Partial<Parameters<typeof encodeDay>[0][number]> = {}) => ({
  event_id: id, article_id: 7, date: '2025-03-02', source: 'USA', target: 'CHN', quad_class: 3, goldstein: -6.5, modality: 'threatened',
  negated: 1, confidence: 0.35, cameo_code: '138', outlet: 'Wire' as string | null, ...over,
});

test('a day packs its rows and gives them back in order, outlets and codes shared', () => {
  const rows = [row('e1'), row('e2', { article_id: '2147483648', goldstein: '1.9', quad_class: '1', negated: '0', modality: 'asserted', confidence: 0.1 + 0.2, cameo_code: '0421', outlet: null }), row('e3', { outlet: '' })];
  const packed = encodeDay(rows);
  assert.equal(packed.rows, 3);
  assert.ok(packed.strings.startsWith('\u001e'));
  const day = decodeDay(packed);
  assert.deepEqual([day.source, day.target, day.date, day.outlets, day.cameoCodes, day.modalities], ['USA', 'CHN', '2025-03-02', ['Wire', ''], ['138', '0421'], ['threatened', 'asserted']]);
  assert.deepEqual(rowsOfDays([day]), [
    { eventId: 'e1', articleId: 7, date: '2025-03-02', source: 'USA', target: 'CHN', quadClass: 3, goldstein: -6.5, modality: 'threatened', negated: true, confidence: 0.35, cameoCode: '138', outlet: 'Wire' },
    { eventId: 'e2', articleId: 2147483648, date: '2025-03-02', source: 'USA', target: 'CHN', quadClass: 1, goldstein: 1.9, modality: 'asserted', negated: false, confidence: 0.1 + 0.2, cameoCode: '0421' },
    { eventId: 'e3', articleId: 7, date: '2025-03-02', source: 'USA', target: 'CHN', quadClass: 3, goldstein: -6.5, modality: 'threatened', negated: true, confidence: 0.35, cameoCode: '138', outlet: '' },
  ]);
});

/** The day's lists as its packed text gives them (what dyadSeriesOfDays reads). */
function packedLists(day: RelationDay): string[][] {
  const { text, bounds, lists } = day.packed;
  const item = (k: number) => text.slice(bounds[2 * k], bounds[2 * k + 1]);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => item(from + i));
  return [range(0, lists[0]), range(lists[0], lists[1]), range(lists[1], lists[2]), range(lists[2], lists[3])];
}

test('the packed lists hold the same strings as the lists, in place', () => {
  const rows = [row('e1'), row('e10', { outlet: null, cameo_code: '0421', modality: 'asserted' }), row('e2', { outlet: '' }), row('é-3', { outlet: 'Ünïcode', cameo_code: '1' })];
  const day = decodeDay(encodeDay(rows));
  assert.deepEqual(packedLists(day), [['e1', 'e10', 'e2', 'é-3'], ['Wire', '', 'Ünïcode'], ['138', '0421', '1'], ['threatened', 'asserted']]);
  assert.deepEqual(packedLists(day), [day.eventIds, day.outlets, day.cameoCodes, day.modalities]);
  // No outlet at all: an empty list, not one empty item.
  const none = decodeDay(encodeDay([row('e1', { outlet: null }), row('e2', { outlet: null })]));
  assert.deepEqual(packedLists(none), [['e1', 'e2'], [], ['138'], ['threatened']]);
  assert.deepEqual(none.outlets, []);
});

test('text holding the separators is packed as JSON', () => {
  const packed = encodeDay([row('a\u001fb'), row('c\u001ed', { outlet: 'x\u001fy' })]);
  assert.ok(packed.strings.startsWith('['));
  const day = decodeDay(packed);
  assert.deepEqual(rowsOfDays([day]).map((r) => [r.eventId, r.outlet]), [['a\u001fb', 'Wire'], ['c\u001ed', 'x\u001fy']]);
  assert.deepEqual(packedLists(day), [['a\u001fb', 'c\u001ed'], ['Wire', 'x\u001fy'], ['138'], ['threatened']]);
});

test('a day whose blob does not match its row count is refused', () => {
  const packed = encodeDay([row('e1')]);
  assert.throws(() => decodeDay({ ...packed, rows: 2 }), /store: relation day USA>CHN 2025-03-02 holds 33 bytes for 2 rows/);
  assert.throws(() => encodeDay([]), /store: encodeDay needs at least one row/);
});
