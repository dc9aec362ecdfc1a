import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../paths.js';
import { lookupActor } from './resolve.js';

const file = join(DATA_DIR, 'actors', 'people', 'world-government-history.json');

test('world government history: every person carries dated terms and no person-level sector', () => {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { people: Array<{ id: string; sector?: string; terms: Array<{ start: string; end?: string | null }> }> };
  assert.ok(data.people.length > 5000);
  const undated = data.people.filter((p) => p.terms.length === 0 || p.terms.some((t) => !t.start || !t.end)).map((p) => p.id);
  assert.deepEqual(undated, []);
  assert.deepEqual(data.people.filter((p) => p.sector !== undefined).map((p) => p.id), []);
});

test('world government history: a governor is GOV in office and ELI (former) after the term', () => {
  const code = (date: string): string | undefined => lookupActor('Felipe Tromp', { date }).mention?.code;
  assert.equal(code('1990-05-01'), 'ABWGOV');
  assert.equal(code('2005-05-01'), 'ABWELI');
});

test('world government history: a minister of the 2000s is ELI in later news', () => {
  const code = (date: string): string | undefined => lookupActor('Amadeu de Jesus Castelhano Mauricio', { date }).mention?.code;
  assert.equal(code('2006-01-10'), 'AGOGOV');
  assert.equal(code('2020-01-10'), 'AGOELI');
});
