/**
 * The actor knowledge base: data/actors/*.json validated (kb-schema.ts) and
 * compiled once into lookups for a resolver: a flat list of surface forms,
 * an index for longest-match over tokens, and date-aware queries on people,
 * offices, groups and organisations. Pure after load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import { countries as countriesList } from 'countries-list';
import { DATA_DIR, ROOT } from '../paths.js';
import {
  actorsError,
  CountriesFile,
  crossValidate,
  GroupsFile,
  NonActorsFile,
  OrganisationsFile,
  parseFile,
  PeopleFile,
  PlacesFile,
  RolesFile,
  SectorsFile,
  type CountriesInput,
  type FormInput,
  type GroupsInput,
  type NonActorsInput,
  type OrganisationsInput,
  type PeopleInput,
  type PlacesInput,
  type RolesInput,
  type SectorsInput,
} from './kb-schema.js';

type IsoCountries = typeof import('i18n-iso-countries');
const require = createRequire(import.meta.url);

export const DEFAULT_ACTORS_DIR = join(DATA_DIR, 'actors');

// ---------------------------------------------------------------- tokens

const FOLD_CHARS: Record<string, string> = {
  ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i', þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D',
  '’': "'", '‘': "'", ʼ: "'", ʻ: "'", '`': "'", '´': "'",
};
const FOLD_RE = /[øØłŁđĐßæÆœŒıþÞðÐ’‘ʼʻ`´]/g;
const MARKS_RE = /\p{M}+/gu;
const SPLIT_RE = /[\s\u2010-\u2015-]+/;
const NEEDS_SPLIT_RE = /[\s\u2010-\u2015-]/;

/** Strip diacritics and unify apostrophes, keeping case: "Erdoğan" → "Erdogan", "Sa’ar" → "Sa'ar". */
export function foldToken(s: string): string {
  // Fast path: plain ASCII without backquote needs no work.
  if (/^[\x20-\x5f\x61-\x7e]*$/.test(s)) return s;
  return s.normalize('NFD').replace(MARKS_RE, '').replace(FOLD_RE, (c) => FOLD_CHARS[c] ?? c).normalize('NFC');
}

/** The index form of a token: folded and lower-cased. */
export function normaliseToken(s: string): string {
  return foldToken(s).toLowerCase();
}

/**
 * Split a form (or a span of text) into knowledge-base tokens: on whitespace
 * and hyphens/dashes (which are dropped); periods and apostrophes stay inside
 * tokens ("U.S.", "d'Ivoire"). A resolver must build its words the same way:
 * join wink tokens that are not separated by whitespace, strip a possessive
 * 's, then split with this function.
 */
export function formTokens(form: string): string[] {
  if (!NEEDS_SPLIT_RE.test(form)) return form.length > 0 ? [form] : [];
  return form.split(SPLIT_RE).filter((t) => t.length > 0);
}

/** Lower-case key of a phrase: normalised tokens joined by single spaces. */
export function formKey(form: string): string {
  return formTokens(form).map(normaliseToken).join(' ');
}

// ---------------------------------------------------------------- compiled types

export type EntryKind = 'country' | 'demonym' | 'metonym' | 'group' | 'org' | 'person' | 'role' | 'non-actor';

/** One surface form and what it refers to. */
export interface Entry {
  /** As written in the data ("the White House"). */
  form: string;
  /** Match only with the same letter case (folded tokens compared exactly). */
  caseSensitive: boolean;
  kind: EntryKind;
  /** ISO3 (country, demonym, metonym), group/org/person/non-actor id, or the role noun/title (role). */
  ref: string;
  /** Sector the form implies: metonyms (the Pentagon → MIL), organisations, role nouns and titles. */
  sector?: string;
  /** Other readings: ISO3 codes, group/org ids or tags (person-name, place-name, us-state, region, common-word). */
  ambiguous?: string[];
  /** Demonyms and group adjectives: true for the adjective ("Chinese", "European"), false for people nouns ("Britons"). */
  adjective?: boolean;
  /** Index tokens with case kept (folded); compare `normaliseToken` of each unless caseSensitive. */
  tokens: readonly string[];
  /** Before `since` the form named `from`: gazetteer places of a state formed from another, renamed states ("Congo"). */
  succession?: { from: string; since: string };
  /** A gazetteer place (places.json): always a location, never the state acting. */
  place?: boolean;
}

/** All entries that share one normalised token sequence. */
export interface IndexedForm {
  /** Normalised tokens. */
  tokens: readonly string[];
  entries: readonly Entry[];
}

/** A longest match at a token position: tokens [start, end) and the entries that fit the case. */
export interface FormMatch {
  start: number;
  end: number;
  entries: Entry[];
}

export interface Country {
  iso3: string;
  iso2: string;
  numeric: string;
  /** Display name. */
  name: string;
  names: string[];
  adjectives: string[];
  demonyms: string[];
  capital?: string;
  continent?: string;
  metonyms: Array<{ text: string; sector?: string }>;
}

export interface Group {
  id: string;
  name: string;
  /** CAMEO code: a region code (EUR, WST, MEA) or an IGO code for organisation-backed groups. */
  code?: string;
  type: 'bloc' | 'alliance' | 'forum' | 'region' | 'informal';
  org?: string;
  /** False for groups without fixed membership ("middle powers"). */
  fixed: boolean;
  /** Sorted ISO3 members on a date (null or omitted: the latest known members, i.e. all without an end date); null for groups without fixed membership. */
  membersOn(date?: string | null): string[] | null;
}

export interface Organisation {
  id: string;
  name: string;
  aliases: string[];
  acronyms: string[];
  type: string;
  sector: string;
  /** ISO3, "IGO", or "" for transnational actors. */
  country: string;
  code: string;
  stateOwned: boolean;
  periods: Array<{ start?: string; end?: string; sector?: string; country?: string; code?: string }>;
  note?: string;
}

export interface Term {
  office: string;
  title?: string;
  country: string;
  sector: string;
  start: string;
  /** Exclusive: the first day out of office (usually the successor's first day); null = still in office. */
  end: string | null;
  org?: string;
  acting: boolean;
  note?: string;
}

export interface Person {
  id: string;
  name: string;
  aliases: string[];
  gender?: 'm' | 'f' | 'x';
  home: string;
  ambiguousSurname: boolean;
  /** Sector outside any term (ELI unless the data says otherwise). */
  sector: string;
  /** Sorted by start. */
  terms: readonly Term[];
  /** Data file the person comes from (display path). */
  file: string;
}

export interface Office {
  id: string;
  singleHolder: boolean;
  sector: string;
  description: string;
  titles: string[];
}

export interface Sector {
  code: string;
  name: string;
  plover: string | null;
  description: string;
}

export interface PersonResolution {
  country: string;
  sector: string;
  /** CAMEO-style code: country + sector, or the organisation's code for IGO posts. */
  code: string;
  office?: string;
  title?: string;
  term?: Term;
  /** No term on the date but one before it: a former officeholder (sector ELI unless the person has another). */
  former: boolean;
  /** The date was unknown: the latest term was used. */
  dateUnknown: boolean;
}

export interface OrgResolution {
  country: string;
  sector: string;
  code: string;
}

export interface LoadOptions {
  /** Directory of people files (default `<dir>/people`). */
  peopleDir?: string;
}

// ---------------------------------------------------------------- helpers

function displayPath(file: string): string {
  const rel = relative(ROOT, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function readJson(file: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(actorsError(shown, '', `cannot read: ${(e as Error).message}`));
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(actorsError(shown, '', `invalid JSON: ${(e as Error).message}`));
  }
}

/** Active on `date` with exclusive end. */
function activeOn(t: { start: string; end: string | null }, date: string): boolean {
  return t.start <= date && (t.end === null || date < t.end);
}

const AUTO_PLURAL_RE = /(?:an|i)$/;
const PACKAGE_NAME_SKIP_RE = /[,;()[\]]/;
const LEADING_ARTICLE_RE = /^the\s+/i;

interface FormSpec {
  text: string;
  caseSensitive?: boolean;
  keepArticle?: boolean;
  ambiguous?: string[];
  sector?: string;
}

/** At least two letters and none in lower case: "US", "U.S.", "DPRK". */
function isAllCaps(s: string): boolean {
  let upper = 0;
  for (const ch of s) {
    const lo = ch.toLowerCase();
    if (lo === ch.toUpperCase()) continue;
    if (ch === lo) return false;
    upper++;
  }
  return upper >= 2;
}

function spec(f: FormInput): FormSpec {
  return typeof f === 'string' ? { text: f } : f;
}

// ---------------------------------------------------------------- the knowledge base

export class KnowledgeBase {
  readonly dir: string;
  readonly entries: readonly Entry[];
  /** First normalised token → forms starting with it, longest first. */
  readonly index: ReadonlyMap<string, readonly IndexedForm[]>;
  readonly countries: ReadonlyMap<string, Country>;
  readonly groups: ReadonlyMap<string, Group>;
  readonly organisations: ReadonlyMap<string, Organisation>;
  readonly people: ReadonlyMap<string, Person>;
  readonly sectors: ReadonlyMap<string, Sector>;
  /** In priority order (first = most senior when a person holds several posts). */
  readonly offices: ReadonlyMap<string, Office>;
  readonly formerPrefixes: readonly string[];
  /** Milliseconds spent loading, validating and compiling. */
  readonly loadMs: number;
  /** Where the load time went: reading and schema-checking files, cross-file checks, compiling. */
  readonly timings: { readMs: number; checkMs: number; compileMs: number };

  private readonly byKey = new Map<string, Entry[]>();
  private readonly explicitCodes = new Set<string>();
  private readonly roleSectors = new Map<string, string>();
  private readonly genericTitles = new Map<string, string>();
  private readonly titleRules = new Map<string, string | null>();
  private readonly officeRank = new Map<string, number>();
  private readonly holders = new Map<string, Array<{ person: Person; term: Term }>>();
  private readonly hogLed: ReadonlySet<string>;
  private readonly defaultLeaderOffice: string;

  /** Use loadKnowledgeBase(). */
  constructor(input: {
    dir: string;
    iso: IsoCountries;
    countryCodes: ReadonlyMap<string, string>;
    sectors: SectorsInput;
    roles: RolesInput;
    nonActors: NonActorsInput;
    countriesFile: CountriesInput;
    groups: GroupsInput;
    organisations: OrganisationsInput;
    people: ReadonlyArray<{ file: string; data: PeopleInput }>;
    places: PlacesInput;
    started: number;
    timings: { readMs: number; checkMs: number };
  }) {
    this.dir = input.dir;
    const commonWords = new Set(input.nonActors.commonWords);
    const entries: Entry[] = [];

    const index = new Map<string, IndexedForm[]>();
    const forms = new Map<string, { tokens: string[]; entries: Entry[] }>();
    const add = (kind: EntryKind, ref: string, f: FormInput, extra: { sector?: string; adjective?: boolean; caseSensitive?: boolean; ambiguous?: string[] } = {}): void => {
      const s = typeof f === 'string' ? undefined : f;
      const text = s ? s.text : (f as string);
      let keyTokens = formTokens(text);
      if (keyTokens.length === 0) return;
      // A leading "the" is not part of the key (the resolver may absorb it), unless what remains is a common word.
      if (keyTokens.length > 1 && !s?.keepArticle && LEADING_ARTICLE_RE.test(text)) {
        const rest = keyTokens.slice(1);
        if (!(rest.length === 1 && commonWords.has(normaliseToken(rest[0]!)))) keyTokens = rest;
      }
      const folded = keyTokens.map(foldToken);
      const lower = folded.map((t) => t.toLowerCase());
      const key = lower.join(' ');
      let form = forms.get(key);
      if (form) {
        for (const e of form.entries) if (e.kind === kind && e.ref === ref) return;
      } else {
        form = { tokens: lower, entries: [] };
        forms.set(key, form);
        const list = index.get(lower[0]!);
        if (list) list.push(form);
        else index.set(lower[0]!, [form]);
      }
      const caseSensitive =
        s?.caseSensitive ?? extra.caseSensitive ?? ((lower.length === 1 && commonWords.has(key)) || folded.every(isAllCaps));
      const ambiguous = s?.ambiguous ?? extra.ambiguous;
      const sector = s?.sector ?? extra.sector;
      const entry: Entry = { form: text, caseSensitive, kind, ref, tokens: folded };
      if (sector !== undefined) entry.sector = sector;
      if (ambiguous && ambiguous.length > 0) entry.ambiguous = ambiguous;
      if (extra.adjective !== undefined) entry.adjective = extra.adjective;
      if (s?.earlier) entry.succession = { from: s.earlier.ref, since: s.earlier.until };
      entries.push(entry);
      form.entries.push(entry);
    };

    // sectors, offices, roles
    this.sectors = new Map(
      Object.entries(input.sectors.sectors).map(([code, s]) => [code, { code, name: s.name, plover: s.plover, description: s.description }]),
    );
    const offices = new Map<string, Office>();
    input.roles.offices.forEach((o, i) => {
      offices.set(o.id, { id: o.id, singleHolder: o.singleHolder, sector: o.sector, description: o.description, titles: o.titles });
      this.officeRank.set(o.id, i);
      for (const t of o.titles) if (!this.genericTitles.has(formKey(t))) this.genericTitles.set(formKey(t), o.id);
    });
    this.offices = offices;
    for (const r of input.roles.titleRules) this.titleRules.set(`${formKey(r.title)}|${r.country}`, r.office);
    this.formerPrefixes = input.roles.formerPrefixes;
    this.hogLed = new Set(input.roles.leaderOffice.headOfGovernmentLed);
    this.defaultLeaderOffice = input.roles.leaderOffice.default;

    // countries: our extras first so their flags win over the package's plain names
    const iso = input.iso;
    const isoNames = iso.getNames('en', { select: 'all' });
    const countries = new Map<string, Country>();
    const extras = input.countriesFile.countries;
    for (const [iso2, iso3] of input.countryCodes) {
      const extra = extras[iso3] ?? {};
      const drop = new Set((extra.dropNames ?? []).map(formKey));
      const pkgNames = (isoNames[iso2] ?? []).filter((n) => !PACKAGE_NAME_SKIP_RE.test(n) && !drop.has(formKey(n)));
      const names: FormInput[] = [...(extra.names ?? []), ...pkgNames];
      for (const n of names) add('country', iso3, n);
      const nameKeys = new Set(names.map((n) => formKey(spec(n).text)));
      const adjectives = extra.adjectives ?? [];
      for (const a of adjectives) {
        add('demonym', iso3, a, { adjective: true });
        const s = spec(a);
        // Kenyan → Kenyans, Iraqi → Iraqis; irregular plurals (Britons, Swedes) are listed as demonyms.
        if (AUTO_PLURAL_RE.test(s.text) && !formTokens(s.text).some((t) => t.includes('.')) && !nameKeys.has(formKey(s.text))) {
          add('demonym', iso3, { ...s, text: `${s.text}s` }, { adjective: false });
        }
      }
      for (const d of extra.demonyms ?? []) add('demonym', iso3, d, { adjective: false });
      const cl = (countriesList as Record<string, { capital?: string; continent?: string }>)[iso2];
      let capital: FormInput | undefined;
      if (extra.capital === null) capital = undefined;
      else if (extra.capital !== undefined) capital = extra.capital;
      else if (cl?.capital && !PACKAGE_NAME_SKIP_RE.test(cl.capital)) capital = cl.capital;
      if (capital !== undefined && !nameKeys.has(formKey(spec(capital).text))) add('metonym', iso3, capital);
      for (const m of extra.metonyms ?? []) add('metonym', iso3, m);
      const display =
        extra.display ??
        [...pkgNames]
          .filter((n) => !isAllCaps(n.replace(/\s+/g, '')))
          .sort((a, b) => a.length - b.length)[0] ??
        pkgNames[0] ??
        iso3;
      const country: Country = {
        iso3,
        iso2,
        numeric: iso.alpha2ToNumeric(iso2) ?? '',
        name: display,
        names: names.map((n) => spec(n).text),
        adjectives: adjectives.map((a) => spec(a).text),
        demonyms: (extra.demonyms ?? []).map((d) => spec(d).text),
        metonyms: (extra.metonyms ?? []).map((m) => {
          const s = spec(m);
          return s.sector ? { text: s.text, sector: s.sector } : { text: s.text };
        }),
      };
      if (capital !== undefined) country.capital = spec(capital).text;
      if (cl?.continent) country.continent = cl.continent;
      countries.set(iso3, country);
    }
    this.countries = countries;

    // organisations
    const orgs = new Map<string, Organisation>();
    for (const o of input.organisations.organisations) {
      const org: Organisation = {
        id: o.id,
        name: o.name,
        aliases: o.aliases.map((a) => spec(a).text),
        acronyms: o.acronyms,
        type: o.type,
        sector: o.sector,
        country: o.country,
        code: o.code ?? `${o.country}${o.sector}`,
        stateOwned: o.stateOwned ?? false,
        periods: o.periods ?? [],
      };
      if (o.note !== undefined) org.note = o.note;
      if (o.code !== undefined) this.explicitCodes.add(o.id);
      orgs.set(o.id, org);
      add('org', o.id, o.name, { sector: o.sector });
      for (const a of o.aliases) add('org', o.id, a, { sector: o.sector });
      for (const a of o.acronyms) add('org', o.id, a, { sector: o.sector, caseSensitive: true });
    }
    this.organisations = orgs;

    // groups
    const groupInputs = new Map(input.groups.groups.map((g) => [g.id, g]));
    const continentMembers = (codes: readonly string[]): string[] => {
      const out: string[] = [];
      for (const c of countries.values()) if (c.continent && codes.includes(c.continent)) out.push(c.iso3);
      return out;
    };
    const membersOn = (id: string, date: string | null, depth = 0): Set<string> | null => {
      const g = groupInputs.get(id);
      if (!g || g.members === null || depth > 16) return null;
      const out = new Set<string>();
      for (const m of g.members) {
        if (typeof m === 'string') out.add(m);
        else if (date === null ? m.until === undefined : (m.since === undefined || m.since <= date) && (m.until === undefined || date < m.until)) {
          out.add(m.country);
        }
      }
      for (const c of continentMembers(g.continents ?? [])) out.add(c);
      for (const inc of g.include ?? []) for (const c of membersOn(inc, date, depth + 1) ?? []) out.add(c);
      return out;
    };
    const groups = new Map<string, Group>();
    for (const g of input.groups.groups) {
      const org = g.org !== undefined ? orgs.get(g.org) : undefined;
      const group: Group = {
        id: g.id,
        name: g.name ?? org?.name ?? g.id,
        type: g.type,
        fixed: g.members !== null,
        membersOn: (date?: string | null) => {
          const set = membersOn(g.id, date ?? null);
          return set === null ? null : [...set].sort();
        },
      };
      const code = g.code ?? org?.code;
      if (code !== undefined) group.code = code;
      if (g.org !== undefined) group.org = g.org;
      groups.set(g.id, group);
      if (g.name !== undefined && g.org === undefined) add('group', g.id, g.name);
      for (const a of g.aliases ?? []) add('group', g.id, a);
      for (const a of g.adjectives ?? []) add('group', g.id, a, { adjective: true });
    }
    this.groups = groups;

    // people
    const people = new Map<string, Person>();
    for (const { file, data } of input.people) {
      for (const p of data.people) {
        const terms: Term[] = p.terms
          .map((t) => {
            const term: Term = { office: t.office, country: t.country, sector: t.sector, start: t.start, end: t.end ?? null, acting: t.acting ?? false };
            if (t.title !== undefined) term.title = t.title;
            if (t.org !== undefined) term.org = t.org;
            if (t.note !== undefined) term.note = t.note;
            return term;
          })
          .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
        const person: Person = {
          id: p.id,
          name: p.name,
          aliases: p.aliases.map((a) => spec(a).text),
          home: p.home,
          ambiguousSurname: p.ambiguousSurname ?? false,
          sector: p.sector ?? 'ELI',
          terms,
          file,
        };
        if (p.gender !== undefined) person.gender = p.gender;
        people.set(p.id, person);
        add('person', p.id, p.name);
        for (const a of p.aliases) {
          const single = formTokens(spec(a).text).length === 1;
          add('person', p.id, a, single && person.ambiguousSurname ? { ambiguous: ['person-name'] } : {});
        }
        for (const t of terms) {
          const key = `${t.country}|${t.office}`;
          const list = this.holders.get(key) ?? [];
          list.push({ person, term: t });
          this.holders.set(key, list);
        }
      }
    }
    this.people = people;

    // role nouns, then office titles not already covered by a noun
    for (const r of input.roles.roles) {
      for (const n of r.nouns) {
        this.roleSectors.set(formKey(n), r.sector);
        add('role', formKey(n), n, { sector: r.sector });
      }
    }
    for (const o of input.roles.offices) {
      for (const t of o.titles) if (!this.roleSectors.has(formKey(t))) add('role', formKey(t), t, { sector: o.sector });
    }
    for (const r of input.roles.titleRules) if (!this.roleSectors.has(formKey(r.title))) add('role', formKey(r.title), r.title, { sector: 'GOV' });

    // non-actors
    for (const n of input.nonActors.nonActors) for (const f of n.forms) add('non-actor', n.id, f);

    // gazetteer places: locations in a state, never over a form another entity uses
    const succession = new Map(input.places.successions.map((x) => [x.country, { from: x.from, since: x.since }]));
    for (const p of input.places.places) {
      if (forms.has(formKey(p.name))) continue;
      add('metonym', p.country, { text: p.name, caseSensitive: true });
      entries[entries.length - 1]!.place = true;
      if (p.also?.length) entries[entries.length - 1]!.ambiguous = [...p.also];
    }
    // every place standing for a successor state (capitals included) was in the earlier state before it
    for (const e of entries) {
      const sx = e.kind === 'metonym' ? succession.get(e.ref) : undefined;
      if (sx) e.succession = sx;
    }

    this.entries = entries;
    for (const [key, f] of forms) this.byKey.set(key, f.entries);
    for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.index = index;
    const done = performance.now();
    this.loadMs = done - input.started;
    this.timings = { ...input.timings, compileMs: done - input.started - input.timings.readMs - input.timings.checkMs };
  }

  /** All entries whose normalised form equals the text's (letter case ignored). */
  lookup(text: string): readonly Entry[] {
    return this.byKey.get(formKey(text)) ?? [];
  }

  /** Entries for the text that also fit its letter case. */
  lookupExact(text: string): Entry[] {
    const folded = formTokens(text).map(foldToken);
    return this.lookup(text).filter((e) => !e.caseSensitive || sameTokens(e.tokens, folded, 0));
  }

  /**
   * Longest match starting at `tokens[start]`. `tokens` are knowledge-base
   * tokens (see formTokens); pass their normalised forms too when the caller
   * already has them. Entries whose case does not fit are left out; when the
   * longest form fits none, shorter forms are tried.
   */
  matchAt(tokens: readonly string[], start: number, normalised?: readonly string[]): FormMatch | undefined {
    const first = tokens[start];
    if (first === undefined) return undefined;
    const norm = (i: number): string => normalised?.[i] ?? normaliseToken(tokens[i]!);
    const candidates = this.index.get(norm(start));
    if (!candidates) return undefined;
    let folded: string[] | undefined;
    for (const f of candidates) {
      const n = f.tokens.length;
      if (start + n > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = norm(start + k) === f.tokens[k];
      if (!ok) continue;
      let fits: Entry[] | undefined;
      for (const e of f.entries) {
        if (e.caseSensitive) {
          folded ??= [];
          for (let k = folded.length; k < n; k++) folded.push(foldToken(tokens[start + k]!));
          if (!sameTokens(e.tokens, folded, 0)) continue;
        }
        (fits ??= []).push(e);
      }
      if (fits) return { start, end: start + n, entries: fits };
    }
    return undefined;
  }

  country(iso3: string): Country | undefined {
    return this.countries.get(iso3);
  }

  group(id: string): Group | undefined {
    return this.groups.get(id);
  }

  org(id: string): Organisation | undefined {
    return this.organisations.get(id);
  }

  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  /** The organisation's country, sector and code on a date (periods applied; date unknown = its default). */
  orgOn(id: string, date: string | null | undefined): OrgResolution | undefined {
    const o = this.organisations.get(id);
    if (!o) return undefined;
    let country = o.country;
    let sector = o.sector;
    let code = o.code;
    if (date) {
      for (const p of o.periods) {
        if ((p.start === undefined || p.start <= date) && (p.end === undefined || date < p.end)) {
          if (p.country !== undefined) country = p.country;
          if (p.sector !== undefined) sector = p.sector;
          // A code written in the data stays; a derived one follows the period's country and sector.
          code = p.code ?? (this.explicitCodes.has(id) ? o.code : this.actorCode(country, sector));
        }
      }
    }
    return { country, sector, code };
  }

  /** Who held a country's office on a date (the most recently started active term wins, so acting holders show). */
  officeHolder(country: string, office: string, date: string): { person: Person; term: Term } | undefined {
    let best: { person: Person; term: Term } | undefined;
    for (const h of this.holders.get(`${country}|${office}`) ?? []) {
      if (activeOn(h.term, date) && (!best || h.term.start > best.term.start)) best = h;
    }
    return best;
  }

  /** Terms of a person active on a date, most senior office first. */
  termsOn(personId: string, date: string): Term[] {
    const p = this.people.get(personId);
    if (!p) return [];
    return p.terms.filter((t) => activeOn(t, date)).sort((a, b) => this.compareTerms(a, b));
  }

  /**
   * Where a person stands on a date: an active term gives its country and
   * sector; no active term gives the home country with the person's own
   * sector (ELI: former officials and other elites); an unknown date uses the
   * latest term and says so.
   */
  resolvePersonOn(personId: string, date: string | null | undefined): PersonResolution | undefined {
    const p = this.people.get(personId);
    if (!p) return undefined;
    if (date) {
      const active = this.termsOn(personId, date)[0];
      if (active) return this.fromTerm(active, false);
      return {
        country: p.home,
        sector: p.sector,
        code: this.actorCode(p.home, p.sector),
        former: p.terms.some((t) => t.end !== null && t.end <= date),
        dateUnknown: false,
      };
    }
    const open = p.terms.filter((t) => t.end === null).sort((a, b) => this.compareTerms(a, b));
    const latest = open[0] ?? [...p.terms].sort((a, b) => ((a.end ?? '') < (b.end ?? '') ? 1 : -1))[0];
    if (latest) return this.fromTerm(latest, true);
    return { country: p.home, sector: p.sector, code: this.actorCode(p.home, p.sector), former: false, dateUnknown: true };
  }

  /** "USA" + "GOV" → "USAGOV". */
  actorCode(country: string, sector: string): string {
    return `${country}${sector}`;
  }

  /** Sector a role noun implies ("soldiers" → MIL); tries the singular of an unknown plural. */
  roleSector(noun: string): string | undefined {
    const key = formKey(noun);
    const hit = this.roleSectors.get(key);
    if (hit !== undefined) return hit;
    if (key.endsWith('ies')) return this.roleSectors.get(`${key.slice(0, -3)}y`);
    if (key.endsWith('s')) return this.roleSectors.get(key.slice(0, -1));
    return undefined;
  }

  /**
   * The office a title names, in a country when given: "secretary of state" +
   * USA → foreign_minister; "chancellor" + DEU → head_of_government, + GBR →
   * finance_minister. Leading acting/interim/caretaker/the are ignored.
   */
  officeForTitle(title: string, country?: string): string | undefined {
    let key = formKey(title);
    key = key.replace(/^(?:the )?(?:(?:acting|interim|caretaker|incoming|new) )?/, '');
    if (country !== undefined) {
      const rule = this.titleRules.get(`${key}|${country}`);
      if (rule !== undefined) return rule ?? undefined;
    }
    return this.genericTitles.get(key);
  }

  /** Which office "<country>'s leader" means there. */
  leaderOffice(country: string): string {
    return this.hogLed.has(country) ? 'head_of_government' : this.defaultLeaderOffice;
  }

  /** Country of an adjective or demonym: "South Korean" → KOR. */
  adjectiveCountry(adjective: string): string | undefined {
    const hits = this.lookup(adjective).filter((e) => e.kind === 'demonym');
    const best = hits.find((e) => e.adjective && !e.ambiguous) ?? hits.find((e) => e.adjective) ?? hits[0];
    return best?.ref;
  }

  private compareTerms(a: Term, b: Term): number {
    const ra = this.officeRank.get(a.office) ?? Number.MAX_SAFE_INTEGER;
    const rb = this.officeRank.get(b.office) ?? Number.MAX_SAFE_INTEGER;
    if (ra !== rb) return ra - rb;
    // Acting posts rank below substantive ones; then the most recent start.
    if (a.acting !== b.acting) return a.acting ? 1 : -1;
    return a.start < b.start ? 1 : a.start > b.start ? -1 : 0;
  }

  private fromTerm(t: Term, dateUnknown: boolean): PersonResolution {
    const org = t.org !== undefined ? this.organisations.get(t.org) : undefined;
    const code = t.country === 'IGO' && org ? org.code : this.actorCode(t.country, t.sector);
    const r: PersonResolution = { country: t.country, sector: t.sector, code, office: t.office, term: t, former: false, dateUnknown };
    if (t.title !== undefined) r.title = t.title;
    return r;
  }
}

function sameTokens(a: readonly string[], b: readonly string[], offset: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i + offset]) return false;
  return true;
}

// ---------------------------------------------------------------- loading

interface RawFiles {
  dir: string;
  iso: IsoCountries;
  countryCodes: Map<string, string>;
  countrySet: Set<string>;
  parsed?: {
    sectors: SectorsInput;
    roles: RolesInput;
    nonActors: NonActorsInput;
    countriesFile: CountriesInput;
    groups: GroupsInput;
    organisations: OrganisationsInput;
    people: Array<{ file: string; data: PeopleInput }>;
    places: PlacesInput;
  };
  errors: string[];
}

let isoLoaded: IsoCountries | undefined;

function isoCountries(): IsoCountries {
  if (!isoLoaded) {
    // The package's node entry registers all 78 locales; its plain entry registers none, and English is all we need.
    const iso = require('i18n-iso-countries/index.js') as IsoCountries;
    iso.registerLocale(require('i18n-iso-countries/langs/en.json') as Parameters<IsoCountries['registerLocale']>[0]);
    isoLoaded = iso;
  }
  return isoLoaded;
}

function readAll(dir: string, options: LoadOptions): RawFiles {
  const iso = isoCountries();
  const errors: string[] = [];
  const file = (name: string): { path: string; shown: string } => {
    const path = join(dir, name);
    return { path, shown: displayPath(path) };
  };
  const parse = <T>(name: string, schema: Parameters<typeof parseFile<T>>[0]): T | undefined => {
    const f = file(name);
    let json: unknown;
    try {
      json = readJson(f.path, f.shown);
    } catch (e) {
      errors.push((e as Error).message);
      return undefined;
    }
    const r = parseFile(schema, json, f.shown);
    errors.push(...r.errors);
    return r.data;
  };
  const countriesFile = parse('countries.json', CountriesFile);
  const overrides = countriesFile?.codeOverrides ?? {};
  const countryCodes = new Map<string, string>();
  for (const [a2, a3] of Object.entries(iso.getAlpha2Codes())) countryCodes.set(a2, overrides[a3] ?? a3);
  const countrySet = new Set(countryCodes.values());
  const sectors = parse('sectors.json', SectorsFile);
  const roles = parse('roles.json', RolesFile);
  const nonActors = parse('non-actors.json', NonActorsFile);
  const groups = parse('groups.json', GroupsFile);
  const organisations = parse('organisations.json', OrganisationsFile);
  const peopleDir = options.peopleDir ?? join(dir, 'people');
  const people: Array<{ file: string; data: PeopleInput }> = [];
  let names: string[] = [];
  try {
    names = readdirSync(peopleDir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    errors.push(actorsError(displayPath(peopleDir), '', `cannot read people directory: ${(e as Error).message}`));
  }
  for (const n of names) {
    const path = join(peopleDir, n);
    const shown = displayPath(path);
    let json: unknown;
    try {
      json = readJson(path, shown);
    } catch (e) {
      errors.push((e as Error).message);
      continue;
    }
    const r = parseFile(PeopleFile, json, shown);
    errors.push(...r.errors);
    if (r.data) people.push({ file: shown, data: r.data });
  }
  // places.json is optional (a knowledge base without a gazetteer)
  const places: PlacesInput | undefined = existsSync(file('places.json').path) ? parse('places.json', PlacesFile) : { $comment: 'none', version: 1, successions: [], places: [] };
  places?.places.forEach((p, i) => {
    if (!countrySet.has(p.country)) errors.push(actorsError(file('places.json').shown, `places[${i}].country`, `unknown country code "${p.country}"`));
  });
  places?.successions.forEach((x, i) => {
    for (const c of [x.country, x.from]) if (!countrySet.has(c)) errors.push(actorsError(file('places.json').shown, `successions[${i}]`, `unknown country code "${c}"`));
  });
  const raw: RawFiles = { dir, iso, countryCodes, countrySet, errors };
  if (sectors && roles && nonActors && countriesFile && groups && organisations && places) {
    raw.parsed = { sectors, roles, nonActors, countriesFile, groups, organisations, people, places };
  }
  return raw;
}

/** Every problem in a knowledge-base directory, as formatted lines (empty = valid). */
export function validateKnowledgeBase(dir: string = DEFAULT_ACTORS_DIR, options: LoadOptions = {}): string[] {
  const raw = readAll(dir, options);
  if (!raw.parsed || raw.errors.length > 0) return raw.errors;
  return crossValidate(crossInput(raw, raw.parsed));
}

function crossInput(raw: RawFiles, p: NonNullable<RawFiles['parsed']>): Parameters<typeof crossValidate>[0] {
  const shown = (n: string): string => displayPath(join(raw.dir, n));
  return {
    countries: raw.countrySet,
    ...p,
    files: {
      sectors: shown('sectors.json'),
      roles: shown('roles.json'),
      nonActors: shown('non-actors.json'),
      countries: shown('countries.json'),
      groups: shown('groups.json'),
      organisations: shown('organisations.json'),
    },
  };
}

let defaultKb: KnowledgeBase | undefined;

/**
 * Load, validate and compile the knowledge base. The default directory's
 * instance is built once and shared. Invalid data throws an Error whose
 * message lists every problem, one per line.
 */
export function loadKnowledgeBase(dir: string = DEFAULT_ACTORS_DIR, options: LoadOptions = {}): KnowledgeBase {
  const isDefault = dir === DEFAULT_ACTORS_DIR && options.peopleDir === undefined;
  if (isDefault && defaultKb) return defaultKb;
  const started = performance.now();
  const raw = readAll(dir, options);
  const read = performance.now();
  const errors = raw.parsed && raw.errors.length === 0 ? crossValidate(crossInput(raw, raw.parsed)) : raw.errors;
  if (errors.length > 0 || !raw.parsed) throw new Error(errors.join('\n'));
  const timings = { readMs: read - started, checkMs: performance.now() - read };
  const kb = new KnowledgeBase({ dir, iso: raw.iso, countryCodes: raw.countryCodes, ...raw.parsed, started, timings });
  if (isDefault) defaultKb = kb;
  return kb;
}
