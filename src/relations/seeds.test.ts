/**
 * Acceptance on the five seed articles (../shared/seeds, ingested with their
 * dates): the relations the mission is about, each printed with its evidence.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../test-support/cli.js';
import { evidenceLines } from '../cli/relations.js';
import { SHARED_DIR } from '../paths.js';
import { openStore, type Store } from '../store/store.js';
import { loadKnowledgeBase } from '../actors/kb.js';
import { loadAlliances } from './alliances.js';
import { catalogFromKnowledgeBase, expandGroups } from './groups.js';
import { loadEvidence, loadRelationRows } from './load.js';
import { computeRelations, type RelationsResult } from './relations.js';
import { dyadSeries } from './dyads.js';
import { DEFAULT_PARAMS, type EvidenceRef, type RelationRow } from './types.js';

const SEEDS = join(SHARED_DIR, 'seeds');
const DATES: Record<string, string> = { '000': '2026-01-28', '001': '2025-02-05', '002': '2026-01-29', '003': '2025-10-27', '004': '2025-02-18' };
const skip = !existsSync(SEEDS) && 'no ../shared/seeds';

let dir: string;
let db: string;
let store: Store;
let rows: RelationRow[];
const catalog = catalogFromKnowledgeBase(loadKnowledgeBase());
const alliances = loadAlliances();

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'entente-seeds-rel-'));
  db = join(dir, 'seeds.db');
  for (const f of readdirSync(SEEDS).sort()) {
    const r = await cli(['ingest', join(SEEDS, f), '--date', DATES[f.slice(0, 3)]!, '--db', db]);
    assert.equal(r.code, 0, r.err);
  }
  store = await openStore(db);
  rows = await loadRelationRows(store);
});
after(async () => {
  if (skip) return;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Print a claim with the events and sentences behind it. */
async function show(claim: string, refs: EvidenceRef[]): Promise<void> {
  const evidence = await loadEvidence(store, refs.map((r) => r.eventId));
  console.log([`CLAIM ${claim}`, ...evidenceLines(refs, evidence)].join('\n'));
}
const dyad = (r: RelationsResult, a: string, b: string) => {
  const d = r.dyads.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
  assert.ok(d, `no dyad ${a}–${b}`);
  return d;
};

test('seeds: US–China is net negative', { skip }, async () => {
  const r = computeRelations(rows, catalog, alliances);
  const d = dyad(r, 'USA', 'CHN');
  assert.equal(r.asOf, '2026-01-29');
  assert.ok(d.index < 0, `USA–CHN index ${d.index}`);
  assert.ok(d.quad[2] + d.quad[3] > 0 && d.quad[0] + d.quad[1] > 0, 'both cooperation and conflict are in the record');
  assert.ok(d.top.some((e) => e.score < 0 && e.cameoCode.startsWith('13')), 'the tariff threat is the main negative driver');
  await show(`USA–CHN index ${d.index} (confidence ${d.confidence}, ${d.evidence} distinct events, as of ${r.asOf})`, d.top);
});

test('seeds: US–Japan is positive', { skip }, async () => {
  const r = computeRelations(rows, catalog, alliances);
  const d = dyad(r, 'USA', 'JPN');
  assert.ok(d.index > 0, `USA–JPN index ${d.index}`);
  assert.equal(d.quad[2] + d.quad[3], 0);
  assert.equal(d.baseline, 50);
  await show(`USA–JPN index ${d.index} (baseline ${d.baseline}: ${d.ties.join(', ')})`, d.top);
});

test('seeds: US–South Korea is mixed, the 2026 tariff increase pulling it down', { skip }, async () => {
  const contribs = expandGroups(rows, catalog, DEFAULT_PARAMS);
  const steps = dyadSeries(contribs, 'USA', 'KOR', { by: 'month', params: DEFAULT_PARAMS });
  const oct = steps.find((s) => s.period === '2025-10-01')!;
  const jan = steps.find((s) => s.period === '2026-01-01')!;
  assert.ok(oct.index > 0, `USA–KOR in October 2025: ${oct.index}`);
  assert.ok(jan.index < 0 && jan.index < oct.index, `USA–KOR in January 2026: ${jan.index}`);
  const total = steps.reduce((q, s) => q.map((x, i) => x + s.quad[i]!), [0, 0, 0, 0]);
  assert.ok(total[0]! + total[1]! > 0 && total[2]! + total[3]! > 0, `mixed: quad counts ${total.join('/')}`);
  const tariff = jan.drivers.find((e) => e.cameoCode.startsWith('16') && e.date.startsWith('2026-01'));
  assert.ok(tariff, 'the January 2026 tariff increase drives the fall');
  await show(`USA–KOR October 2025 index ${oct.index}`, oct.drivers);
  await show(`USA–KOR January 2026 index ${jan.index} (quad counts over all months ${total.join('/')})`, jan.drivers);
});

test('seeds: US–Russia positive in February 2025 while US–Ukraine is negative', { skip }, async () => {
  const r = computeRelations(rows, catalog, alliances, { asOf: '2025-02-28' });
  const rus = dyad(r, 'USA', 'RUS');
  const ukr = dyad(r, 'USA', 'UKR');
  assert.ok(rus.index > 0, `USA–RUS ${rus.index}`);
  assert.ok(ukr.index < 0, `USA–UKR ${ukr.index}`);
  await show(`USA–RUS index ${rus.index} as of 2025-02-28 (baseline ${rus.baseline}: listed rivalry)`, rus.top);
  await show(`USA–UKR index ${ukr.index} as of 2025-02-28`, ukr.top);
});

test('seeds: UK–China and Canada–China rise in January 2026, reported as hedging away from the US', { skip }, async () => {
  const r = computeRelations(rows, catalog, alliances, { since: '2026-01-01' });
  for (const [a, b] of [['CAN', 'CHN'], ['CHN', 'GBR']] as const) {
    const s = r.shifts.find((x) => x.a === a && x.b === b);
    assert.ok(s, `no shift ${a}–${b}`);
    assert.equal(s.direction, 'warming');
    assert.ok(s.drivers.every((e) => e.date.startsWith('2026-01')));
    await show(`${a}–${b} warming ${s.from} → ${s.to} (+${s.change}) in ${r.window.start}…${r.window.end}`, s.drivers);
  }
  const cases = r.hedging.filter((h) => h.b === 'USA' && h.c === 'CHN').map((h) => h.a).sort();
  assert.deepEqual(cases, ['CAN', 'GBR']);
  for (const h of r.hedging.filter((x) => x.b === 'USA' && x.c === 'CHN')) {
    await show(`${h.summary} [${h.alliance.join(', ')}] — ${h.a}–${h.c}`, h.ac.evidence);
    await show(`  ${h.a}–${h.b}`, h.ab.evidence);
    await show(`  ${h.b}–${h.c}`, h.bc.evidence);
  }
});

test('seeds: the CLI prints the same picture, and the report holds it with escaped evidence', { skip }, async () => {
  const shifts = await cli(['shifts', '--since', '2026-01-01', '--db', db]);
  assert.equal(shifts.code, 0, shifts.err);
  assert.match(shifts.out, /CAN–CHN \(Canada – China\) {2}warming \+[\d.]+/);
  assert.match(shifts.out, /CAN is hedging away from USA toward CHN/);
  assert.match(shifts.out, /GBR is hedging away from USA toward CHN/);
  // Each driver is printed with its sentence on the next line.
  assert.match(shifts.out, /GBR→CHN {2}CONSULT CAMEO 040 {2}score \+[\d.]+ {2}— unknown outlet, article #3, event ev-3-body0-\d+-meet\n {6,}"[^"\n]*Starmer[^\n]*Xi Jinping[^\n]*"\n/);
  const json = JSON.parse((await cli(['dyad', 'usa', 'kor', '--by', 'month', '--json', '--db', db])).out) as { steps: Array<{ period: string; index: number; drivers: Array<{ sentence?: string }> }> };
  assert.deepEqual(json.steps.map((s) => s.period), ['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01']);
  assert.ok(json.steps[3]!.drivers.every((d) => typeof d.sentence === 'string' && d.sentence.length > 0));
  const rel = JSON.parse((await cli(['relations', '--top', '3', '--json', '--db', db])).out) as { byIndex: unknown[] };
  assert.equal(rel.byIndex.length, 3);
  const out = join(dir, 'r.html');
  const rep = await cli(['report', '-o', out, '--since', '2026-01-01', '--db', db]);
  assert.equal(rep.code, 0, rep.err);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /Canada hedging from United States toward China/);
  assert.doesNotMatch(html, /<script|src="http|href="\/\//i);
  // The seed's quotation marks arrive escaped.
  assert.match(html, /<blockquote>[^<"]*&#34;[^<"]*<\/blockquote>/);
  const md = await cli(['report', '--format', 'md', '-o', join(dir, 'r.md'), '--db', db]);
  assert.equal(md.code, 0, md.err);
  assert.match(readFileSync(join(dir, 'r.md'), 'utf8'), /^# Entente briefing\n/);
  const bad = await cli(['dyad', 'U$A', 'CHN', '--db', db]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /relations: unknown actor "U\$A"/);
});
