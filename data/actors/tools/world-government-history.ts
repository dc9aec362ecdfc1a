/**
 * Regenerates data/actors/people/world-government-history.json from the CountryInfo leaders and
 * ministers lists (../shared/eval/countryinfo/people_leaders.csv and people_gov.csv, CC BY-SA 3.0:
 * names, offices and dates are public facts).
 *
 *   node --import tsx data/actors/tools/world-government-history.ts
 *
 * Every row becomes a dated term (office from the title, start and end from the row), so a person
 * resolves to GOV while in office and to ELI (a former officeholder) outside the terms. Name-form
 * precautions, as the file's $comment states: ministers only with names of three words or more;
 * people the other people files already hold are left out; forms another entity uses are dropped.
 */
import { readFileSync, writeFileSync, mkdtempSync, symlinkSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DATA_DIR, SHARED_DIR } from '../../../src/paths.js';
import { DEFAULT_ACTORS_DIR, formKey, loadKnowledgeBase } from '../../../src/actors/kb.js';

const OUT_NAME = 'world-government-history.json';
const PEOPLE_DIR = join(DATA_DIR, 'actors', 'people');
const CSV_DIR = join(SHARED_DIR, 'eval', 'countryinfo');
/** The lists write this end date for people still in office when they were compiled. */
const OPEN_END = '20161201';
/** Largest overlap of two holders of a single-holder office taken for date rounding (the earlier term is cut). */
const ROUNDING_DAYS = 62;

interface Row {
  list: 'leaders' | 'gov';
  country: string;
  names: string[];
  title: string;
  start: string;
  end: string;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function readRows(file: string, list: Row['list']): Row[] {
  const [header, ...body] = parseCsv(readFileSync(join(CSV_DIR, file), 'utf8'));
  const col = (n: string): number => header!.indexOf(n);
  const [ci, ni, ti, si, ei] = ['country', 'name', list === 'leaders' ? 'title' : 'description', 'startYr', 'endYr'].map(col) as [number, number, number, number, number];
  return body
    .filter((r) => r.length > ei)
    .map((r) => ({ list, country: r[ci]!, names: r[ni]!.split('|'), title: r[ti]!.trim(), start: r[si]!, end: r[ei]! }));
}

const PARTICLES = new Set(['al', 'bin', 'de', 'da', 'van', 'el', 'dos', 'la', 'del', 'ibn', 'ould', 'do', 'bint', 'y', 'der', 'ul', 'of', 'den', 'di', 'le', 'von', 'ag', 'das', 'du', 'della']);
/** Titles the lists sometimes write before a name ("sir_dawda_jawara_"): not part of the name. */
const HONORIFICS = new Set(['sir', 'dame', 'dr', 'lord', 'acting', 'minister', 'gen', 'general', 'col', 'colonel', 'lt', 'maj', 'brig', 'hon', 'rev', 'mr', 'mrs', 'ms', 'chief', 'sheikh', 'sheik', 'shaikh']);

/** "amadeu_de_jesus_castelhano_mauricio_" → "Amadeu de Jesus Castelhano Mauricio"; undefined when it is no name. */
function displayName(raw: string): string | undefined {
  if (raw.trim().startsWith('_')) return undefined;
  const words = raw.split(/[_\s]+/).filter((w) => w.length > 0);
  while (words.length > 0 && HONORIFICS.has(words[0]!)) words.shift();
  if (words.length < 2 || words.some((w) => !/^[\p{L}.'-]+$/u.test(w))) return undefined;
  return words
    .map((w, i) => (i > 0 && PARTICLES.has(w) ? w : /^[ivx]+$/.test(w) && i > 0 ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** YYYYMMDD → YYYY-MM-DD; impossible days ("20080231") become the month's last day. */
function isoDate(d: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(d);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Math.min(Math.max(Number(m[2]), 1), 12);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const last = mo === 2 && !leap ? 28 : DAYS_IN_MONTH[mo - 1]!;
  const day = Math.min(Math.max(Number(m[3]), 1), last);
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}

const LEADER_OFFICES: Array<[RegExp, string]> = [
  [/^(prime minister|prime|premier|chancellor|head of government|chief minister|first minister|government leader|chief executive|chairman of the council of minister)/, 'head_of_government'],
  [/^vice president/, 'vice_president'],
  [/^(president|king|queen|emir|sultan|emperor|head of state|paramount ruler|ruler|grand duke|prince|sovereign prince|coprince|chairman|supreme leader)$/, 'head_of_state'],
];

const GOV_OFFICES: Array<[RegExp, string]> = [
  [/\b(deputy|vice) (prime minister|premier)\b/, 'deputy_head_of_government'],
  [/^(prime minister|premier)\b/, 'head_of_government'],
  [/^president$/, 'head_of_state'],
  [/^(first )?vice president\b/, 'vice_president'],
  [/permanent representative to the un\b/, 'un_ambassador'],
  [/^ambassador\b/, 'ambassador'],
  [/central bank|national bank|reserve bank/, 'central_bank_governor'],
  [/national security advis/, 'national_security_adviser'],
  [/^chief of (the )?(general |defen[cs]e )?staff|^commander.*armed forces|^chief of (the )?armed forces/, 'military_chief'],
  [/intelligence/, 'intelligence_chief'],
  [/^(deputy|vice|assistant|junior|first deputy|state) minister|^minister of state\b|^secretary of state\b/, 'other_minister'],
  [/^minister (of|for) (foreign|external) (affairs|relations)\b/, 'foreign_minister'],
  [/^minister (of|for) (national )?defen[cs]e\b/, 'defence_minister'],
  [/^minister (of|for) (economy and )?finance\b/, 'finance_minister'],
  [/^minister (of|for) (the )?(interior|internal affairs|home affairs)\b/, 'interior_minister'],
  [/^minister (of|for) justice\b/, 'justice_minister'],
  [/^minister (of|for) (foreign )?(trade|commerce)\b/, 'trade_minister'],
  [/^minister (of|for) (energy|oil|petroleum|hydrocarbons)\b/, 'energy_minister'],
  [/^minister\b/, 'other_minister'],
];

function officeOf(list: Row['list'], title: string): string {
  const t = title.toLowerCase();
  for (const [re, office] of list === 'leaders' ? LEADER_OFFICES : GOV_OFFICES) if (re.test(t)) return office;
  return 'other';
}

interface Term {
  office: string;
  title?: string;
  country: string;
  sector: string;
  start: string;
  end: string;
  note?: string;
}

interface Draft {
  country: string;
  forms: string[];
  leader: boolean;
  terms: Term[];
}

// ------------------------------------------------------------- the rest of the knowledge base

/** The knowledge base without this file: its countries, offices and every form its entities use. */
function otherKnowledge(): ReturnType<typeof loadKnowledgeBase> {
  const dir = mkdtempSync(join(tmpdir(), 'entente-people-'));
  try {
    for (const f of readdirSync(PEOPLE_DIR)) if (f.endsWith('.json') && f !== OUT_NAME) symlinkSync(join(PEOPLE_DIR, f), join(dir, f));
    return loadKnowledgeBase(DEFAULT_ACTORS_DIR, { peopleDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const kb = otherKnowledge();
  const usedForms = new Map<string, Set<string>>();
  for (const e of kb.entries) {
    const key = formKey(e.form);
    const kinds = usedForms.get(key) ?? new Set<string>();
    kinds.add(e.kind);
    usedForms.set(key, kinds);
  }
  const countryOf = (name: string): string | undefined => {
    const key = formKey(name.replace(/_/g, ' '));
    const hit = kb.entries.find((e) => e.kind === 'country' && formKey(e.form) === key);
    return hit?.ref ?? COUNTRY_FIXES[name];
  };

  const rows = [...readRows('people_leaders.csv', 'leaders'), ...readRows('people_gov.csv', 'gov')];
  const realDates = rows.flatMap((r) => [r.start, r.end]).filter((d) => /^\d{8}$/.test(d) && d !== OPEN_END);
  const horizon = isoDate(realDates.reduce((a, b) => (a > b ? a : b)))!;

  const unknownCountries = new Set<string>();
  const byForm = new Map<string, Draft>();
  const drafts: Draft[] = [];
  let skipped = 0;
  for (const r of rows) {
    const country = countryOf(r.country);
    if (!country) {
      unknownCountries.add(r.country);
      continue;
    }
    const forms = [...new Set(r.names.map(displayName).filter((n): n is string => n !== undefined))];
    const start = isoDate(r.start);
    const endRaw = r.end === OPEN_END ? horizon : isoDate(r.end);
    if (forms.length === 0 || !start || !endRaw) {
      skipped++;
      continue;
    }
    const parts = r.list === 'gov' && r.title ? r.title.split(/\s+&\s+/) : [r.title];
    const terms: Term[] = parts.map((part) => {
      const office = officeOf(r.list, part);
      const title = part.toLowerCase().replace(/\s+/g, ' ').trim();
      const t: Term = { office, country, sector: kb.offices.get(office)?.sector ?? 'GOV', start, end: endRaw < start ? start : endRaw };
      if (title) t.title = title;
      if (r.end === OPEN_END) t.note = `in office when the list was compiled; ends at the list's last dated entry`;
      return t;
    });
    // one person per country and name form: rows sharing a form (alternative spellings) merge
    const keys = forms.map((f) => `${country}|${formKey(f)}`);
    const found = [...new Set(keys.map((k) => byForm.get(k)).filter((d): d is Draft => d !== undefined))];
    let d = found[0];
    if (!d) {
      d = { country, forms: [], leader: false, terms: [] };
      drafts.push(d);
    }
    for (const other of found.slice(1)) {
      d.forms.push(...other.forms);
      d.terms.push(...other.terms);
      d.leader ||= other.leader;
      other.forms = [];
    }
    d.leader ||= r.list === 'leaders';
    for (const f of forms) if (!d.forms.includes(f)) d.forms.push(f);
    d.terms.push(...terms);
    for (const f of d.forms) byForm.set(`${country}|${formKey(f)}`, d);
  }

  // forms two people of different countries share are nobody's
  const formCountries = new Map<string, Set<string>>();
  for (const d of drafts) for (const f of d.forms) formCountries.set(formKey(f), (formCountries.get(formKey(f)) ?? new Set()).add(d.country));

  const people: unknown[] = [];
  const ids = new Set<string>();
  let known = 0;
  let short = 0;
  for (const d of drafts) {
    if (d.forms.length === 0) continue;
    if (d.forms.some((f) => usedForms.get(formKey(f))?.has('person'))) {
      known++;
      continue;
    }
    const forms = d.forms.filter(
      (f) => !usedForms.has(formKey(f)) && formCountries.get(formKey(f))!.size === 1 && (d.leader || f.split(' ').length >= 3),
    );
    if (forms.length === 0) {
      short++;
      continue;
    }
    let id = `${formKey(forms[0]!).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${d.country.toLowerCase()}`;
    for (let n = 2; ids.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
    ids.add(id);
    const terms = dedupeTerms(d.terms).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    people.push({ id, name: forms[0], aliases: forms.slice(1), home: d.country, terms });
  }

  const overlaps = resolveOverlaps(kb, people as Array<{ id: string; terms: Term[] }>);

  const out = {
    $comment:
      'GENERATED by data/actors/tools/world-government-history.ts from the CountryInfo leaders and ministers lists (../shared/eval/countryinfo, CC BY-SA 3.0; names, offices and dates are public facts): heads of state and government of every country (roughly 1945-2011) and cabinet members (2000s). Do not edit by hand: change the script and rerun it. Every listed post is a dated term (office from the title; a post the list shows as still held ends at the list\'s last dated entry, ' +
      horizon +
      '), so a person resolves to GOV while in office and to ELI (a former officeholder) outside the terms. Ministers are kept only when their names have three words or more (two-word names such as a common first name and surname would read strangers as ministers); people already in the other people files (curated, with their own terms) are left out, and so are name forms another entity already uses or two people of different countries share. Aliases: the alternative spellings the list gives only (first + last name alone would read strangers such as a John Smith as a former governor). Where two holders of a single-holder office overlap by date rounding the earlier term is cut; a longer overlap makes the listed term "acting" (the lists record interim and disputed holders side by side).',
    version: 1,
    people,
  };
  writeFileSync(join(PEOPLE_DIR, OUT_NAME), JSON.stringify(out, null, 1) + '\n');
  console.log(
    `world-government-history: ${people.length} people written; ${known} already in other files; ${short} without a usable name form; ${skipped} rows without name or dates; ` +
      `${overlaps.cut} terms cut and ${overlaps.acting} marked acting for overlaps; horizon ${horizon}`,
  );
  if (unknownCountries.size > 0) console.log(`unmapped countries (rows skipped): ${[...unknownCountries].join(', ')}`);
}

function dedupeTerms(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const k = `${t.office}|${t.title ?? ''}|${t.country}|${t.start}|${t.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Single-holder offices may not overlap (kb-schema crossValidate): cut rounding overlaps, mark the rest acting. */
function resolveOverlaps(kb: ReturnType<typeof loadKnowledgeBase>, people: Array<{ id: string; terms: Term[] }>): { cut: number; acting: number } {
  const single = new Set([...kb.offices.values()].filter((o) => o.singleHolder).map((o) => o.id));
  interface Held {
    start: string;
    end: string | null;
    own?: Term & { acting?: boolean };
  }
  const held = new Map<string, Held[]>();
  for (const p of kb.people.values()) {
    for (const t of p.terms) {
      if (!single.has(t.office) || t.acting) continue;
      const k = `${t.country}|${t.office}`;
      held.set(k, [...(held.get(k) ?? []), { start: t.start, end: t.end }]);
    }
  }
  for (const p of people) {
    for (const t of p.terms) {
      if (!single.has(t.office)) continue;
      const k = `${t.country}|${t.office}`;
      held.set(k, [...(held.get(k) ?? []), { start: t.start, end: t.end, own: t }]);
    }
  }
  let cut = 0;
  let acting = 0;
  for (const list of held.values()) {
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let reach: Held | undefined;
    for (const t of list) {
      if (reach && (reach.end === null || t.start < reach.end)) {
        const overlap = reach.end === null ? Infinity : daysBetween(t.start, reach.end);
        if (reach.own && !reach.own.acting && overlap <= ROUNDING_DAYS && t.start > reach.start) {
          reach.own.end = t.start;
          reach.end = t.start;
          cut++;
        } else if (t.own) {
          t.own.acting = true;
          acting++;
          continue;
        } else if (reach.own) {
          reach.own.acting = true;
          acting++;
          reach = t;
          continue;
        }
      }
      if (!reach || (reach.end !== null && (t.end === null || t.end > reach.end))) reach = t;
    }
  }
  return { cut, acting };
}

/** CountryInfo names the knowledge base does not know as written. */
const COUNTRY_FIXES: Record<string, string> = {
  bahamas: 'BHS',
  comoros: 'COM',
  cote_divoire: 'CIV',
  gambia: 'GMB',
  madagaskar: 'MDG',
  maldives: 'MDV',
  marshall_islands: 'MHL',
  philippines: 'PHL',
  republic_of_south_africa: 'ZAF',
  seychelles: 'SYC',
  ukraine: 'UKR',
};

main();
