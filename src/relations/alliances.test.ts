import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_ALLIANCES_FILE, loadAlliances, parseAlliances } from './alliances.js';

const b = loadAlliances();

test('alliances: the data file validates and knows accession dates', () => {
  assert.deepEqual(b.membersOn('nato', '2023-04-03')?.includes('FIN'), false);
  assert.deepEqual(b.membersOn('nato', '2023-04-04')?.includes('FIN'), true);
  assert.equal(b.membersOn('nato', '2024-03-07')?.length, 32);
  assert.equal(b.membersOn('eu', '2020-01-31')?.includes('GBR'), true);
  assert.equal(b.membersOn('eu', '2020-02-01')?.includes('GBR'), false);
  assert.equal(b.membersOn('eu', '2025-01-01')?.length, 27);
  assert.equal(b.membersOn('nope', '2025-01-01'), undefined);
});

test('alliances: allies, rivals and baseline on a date', () => {
  assert.equal(b.allied('USA', 'JPN', '2025-10-27'), true);
  assert.equal(b.allied('USA', 'KOR', '1950-01-01'), false);
  assert.equal(b.allied('GBR', 'USA', '2026-01-29'), true);
  assert.equal(b.allied('RUS', 'PRK', '2024-12-03'), false);
  assert.equal(b.allied('RUS', 'PRK', '2024-12-04'), true);
  // The Quad and the EU are partnerships and unions, not alliances.
  assert.equal(b.allied('IND', 'USA', '2025-01-01'), false);
  assert.equal(b.rivals('CHN', 'USA', '2025-01-01'), true);
  assert.equal(b.rivals('SAU', 'IRN', '2023-03-10'), false);
  assert.equal(b.baseline('USA', 'GBR', '2025-01-01'), 50);
  assert.equal(b.baseline('IND', 'USA', '2025-01-01'), 25);
  assert.equal(b.baseline('USA', 'CHN', '2025-01-01'), -40);
  assert.equal(b.baseline('BRA', 'ZAF', '2025-01-01'), 0);
  assert.deepEqual(b.alliesOf('CAN', '2026-01-29').slice(0, 6), ['ALB', 'AUS', 'BEL', 'BGR', 'CZE', 'DEU']);
  assert.ok(b.alliesOf('CAN', '2026-01-29').includes('USA'));
});

test('alliances: a bad file is refused with the place named', () => {
  const good = JSON.parse(readFileSync(DEFAULT_ALLIANCES_FILE, 'utf8')) as { agreements: Array<{ members: Array<{ since: string; until?: string }> }> };
  good.agreements[0]!.members[0]!.until = '1900-01-01';
  assert.throws(() => parseAlliances(good, 'x.json'), /relations: invalid alliances file x\.json: agreements\.0\.members\.0: until must be after since/);
  assert.throws(() => parseAlliances({ version: 1, agreements: [], rivalries: [{ a: 'USA', b: 'USA', since: '2020-01-01', strength: -1, note: 'x' }] }, 'y.json'), /rivalries\.0: rivalry of USA with itself/);
  assert.throws(() => parseAlliances({ version: 2, agreements: [], rivalries: [] }), /version/);
});
