/**
 * Acceptance on the five seed articles (issue 4): each seed is read from
 * ../shared/seeds at run time, cleaned with cleanDoc on its date, coded with
 * codeArticle, and the events the issue lists are asserted by PLOVER type,
 * CAMEO root, actors (ISO3) and modality. No seed text is kept here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { cleanDoc } from '../clean/clean.js';
import { SHARED_DIR } from '../paths.js';
import { codeArticle } from './coder.js';
import type { EventRecord, Modality, PloverType } from './record.js';

const DATES: Record<string, string> = { '000': '2026-01-28', '001': '2025-02-05', '002': '2026-01-29', '003': '2025-10-27', '004': '2025-02-18' };

function seed(id: string): EventRecord[] {
  const dir = join(SHARED_DIR, 'seeds');
  const file = readdirSync(dir).find((f) => f.startsWith(`${id}_`));
  assert.ok(file, `no seed ${id} in ${dir}`);
  const a = cleanDoc({ origin: file, format: 'text', text: readFileSync(join(dir, file), 'utf8'), hints: {}, removed: [], messages: [] }, { date: DATES[id]! });
  const article = { id: Number(id), title: a.title, body: a.body, related: a.related, dateBasis: a.dateBasis, ...(a.dek ? { dek: a.dek } : {}), ...(a.published ? { published: a.published } : {}) };
  return codeArticle(article);
}

interface Want {
  what: string;
  types: PloverType[];
  roots?: string[];
  /** Countries that must all be among the sources (or, with `either`, on one side). */
  from?: string[];
  to?: string[];
  /** The event may be coded in either direction (meetings, agreements). */
  either?: boolean;
  modality?: Modality[];
  mode?: string;
  field?: 'title' | 'dek' | 'body' | 'related';
}

const countries = (xs: readonly { country: string }[]): Set<string> => new Set(xs.map((x) => x.country));
const within = (need: readonly string[] | undefined, have: Set<string>): boolean => (need ?? []).every((c) => have.has(c));

function matches(e: EventRecord, w: Want): boolean {
  if (!w.types.includes(e.plover.type)) return false;
  if (w.roots && !w.roots.includes(e.cameo.root)) return false;
  if (w.modality && !w.modality.includes(e.modality)) return false;
  if (w.mode !== undefined && e.plover.mode !== w.mode) return false;
  if (w.field && !e.rule_id.includes(`@${w.field}[`)) return false;
  if (e.negated) return false;
  const s = countries(e.sources);
  const t = countries(e.targets);
  if (within(w.from, s) && within(w.to, t)) return true;
  return w.either === true && within(w.from, t) && within(w.to, s);
}

function expectAll(events: EventRecord[], wants: Want[]): void {
  const missing = wants.filter((w) => !events.some((e) => matches(e, w))).map((w) => w.what);
  const coded = events.map((e) => `${e.plover.type} ${e.cameo.code} ${[...countries(e.sources)].join(',')}→${[...countries(e.targets)].join(',')} ${e.modality} ${e.rule_id}`);
  assert.deepEqual(missing, [], `missing events; coded:\n${coded.join('\n')}`);
}

test('seed 001: tariff delay for Mexico and Canada, the Netanyahu and Ishiba visits', () => {
  expectAll(seed('001'), [
    { what: 'US delays tariffs on Mexico and Canada', types: ['CONCEDE'], roots: ['08'], from: ['USA'], to: ['MEX', 'CAN'], modality: ['asserted'] },
    { what: "Netanyahu's White House visit", types: ['CONSULT'], roots: ['04'], from: ['USA'], to: ['ISR'], either: true, modality: ['planned'] },
    { what: 'the meeting with Ishiba', types: ['CONSULT'], roots: ['04'], from: ['USA'], to: ['JPN'], either: true, modality: ['planned'] },
  ]);
});

test('seed 002: Starmer and Carney in Beijing, Canadian tariff cuts, US threats, Greenland, Venezuela', () => {
  const events = seed('002');
  expectAll(events, [
    { what: 'Starmer meets Xi', types: ['CONSULT'], roots: ['04'], from: ['GBR'], to: ['CHN'], modality: ['asserted'] },
    { what: "Carney's Beijing visit", types: ['CONSULT'], roots: ['04'], from: ['CAN'], to: ['CHN'], either: true },
    { what: 'the Canada–China strategic partnership', types: ['AGREE', 'COOPERATE'], roots: ['03', '06'], from: ['CAN'], to: ['CHN'], either: true },
    { what: 'Canada cuts tariffs on Chinese EVs', types: ['CONCEDE', 'COOPERATE'], roots: ['08', '06'], from: ['CAN'], to: ['CHN'] },
    { what: 'US tariff threats', types: ['THREATEN'], roots: ['13'], from: ['USA'], to: ['KOR', 'CAN'], modality: ['threatened'] },
    { what: 'demands for control over Greenland', types: ['REQUEST'], roots: ['10'], from: ['USA'], to: ['GRL'] },
    { what: 'the military operation in Venezuela', types: ['ASSAULT', 'COERCE'], from: ['USA'], to: ['VEN'] },
  ]);
  const met = events.find((e) => e.plover.type === 'CONSULT' && countries(e.sources).has('GBR'))!;
  assert.equal(met.date, '2026-01-29');
  assert.equal(met.date_basis, 'text');
});

test('seed 003: tariff threat and framework with China, missile tests, the ceasefire and the freed soldiers', () => {
  expectAll(seed('003'), [
    { what: 'the threat of 100% tariffs', types: ['THREATEN'], roots: ['13'], from: ['USA'], to: ['CHN'] },
    { what: 'the framework reached with China', types: ['AGREE'], roots: ['03'], from: ['USA'], to: ['CHN'], either: true },
    { what: "North Korea's missile tests", types: ['MOBILIZE', 'THREATEN'], from: ['PRK'] },
    { what: 'the Cambodia–Thailand ceasefire', types: ['AGREE'], roots: ['03'], from: ['KHM', 'THA'], to: ['KHM', 'THA'] },
    { what: 'the US shepherding the ceasefire', types: ['CONSULT'], roots: ['04'], from: ['USA'], to: ['KHM', 'THA'] },
    // PLOVER files the release of prisoners under RETREAT (mode release); the "CONCEDE/release" is read as either.
    { what: '18 Cambodian soldiers freed', types: ['RETREAT', 'CONCEDE'], roots: ['08'], from: ['THA'], to: ['KHM'], mode: 'release' },
  ]);
});

test('seed 004: the US–Russia reset, Trump blaming Ukraine, Hegseth dismissing its NATO hopes', () => {
  expectAll(seed('004'), [
    { what: 'talks in Saudi Arabia', types: ['CONSULT'], roots: ['04'], from: ['USA'], to: ['RUS'], either: true },
    { what: 'agreement to reset ties', types: ['AGREE'], roots: ['03'], from: ['USA'], to: ['RUS'], either: true, modality: ['asserted'] },
    { what: 'Trump blames Ukraine', types: ['ACCUSE'], roots: ['11'], from: ['USA'], to: ['UKR'] },
    { what: "Hegseth dismisses Ukraine's NATO hopes", types: ['REJECT'], roots: ['12'], from: ['USA'], to: ['UKR'], modality: ['asserted'] },
  ]);
});

test('seed 000: the related headlines are coded in headline mode', () => {
  expectAll(seed('000'), [
    { what: 'tariffs raised on South Korean autos', types: ['SANCTION'], roots: ['16'], from: ['USA'], to: ['KOR'], field: 'related' },
    { what: 'Israeli strike in southern Lebanon', types: ['ASSAULT'], from: ['ISR'], to: ['LBN'], field: 'related' },
    { what: 'Pemex halts a crude shipment to Cuba', types: ['SANCTION'], roots: ['16'], from: ['MEX'], to: ['CUB'], field: 'related' },
  ]);
});
