/**
 * zod schemas for the actor knowledge base (data/actors/*.json and
 * data/actors/people/*.json) and the checks that need more than one file:
 * unique ids, known ISO3 codes, sectors and offices, and one holder at a time
 * for single-holder offices. Every problem is reported as
 * `actors: data/actors/people/europe.json: people[12].terms[0].end: …`.
 */
import { z } from 'zod';

export const ISO3_RE = /^[A-Z]{3}$/;
const SECTOR_RE = /^[A-Z]{3}$/;
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** CAMEO codes for actors above or across states (NGOHRIAMN for Amnesty, IMGMOSALQ for al-Qaeda). */
export const TRANSNATIONAL_PREFIXES = ['IGO', 'IMG', 'NGO', 'NGM', 'MNC', 'INT'] as const;

/** Tags allowed in `ambiguous` besides ISO3 codes and organisation/group ids. */
export const AMBIGUITY_TAGS = ['person-name', 'place-name', 'us-state', 'region', 'common-word'] as const;

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `s` matches DATE_RE; check month and day (29 February only in leap years). */
function isCalendarDate(s: string): boolean {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1 || d > MONTH_DAYS[m - 1]!) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/** An error message that quotes the offending value. */
function quoting(reason: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => `${JSON.stringify(issue.input)} ${reason}` };
}

export const IsoDate = z
  .string()
  .regex(DATE_RE, quoting('is not an ISO date YYYY-MM-DD'))
  .refine(isCalendarDate, quoting('is not a calendar date'));
const Iso3 = z.string().regex(ISO3_RE, quoting('is not an ISO 3166-1 alpha-3 code (three capital letters)'));
const Sector = z.string().regex(SECTOR_RE, quoting('is not a three-letter sector code'));
const Id = z.string().regex(ID_RE, quoting('is not a kebab-case id (a-z, 0-9, hyphens)'));
const Text = z.string().min(1, 'must not be empty');

export const FormObject = z.strictObject({
  text: Text,
  caseSensitive: z.boolean().optional(),
  /** Keep a leading "the" in the match key ("The Australian" the newspaper, not the adjective). */
  keepArticle: z.boolean().optional(),
  ambiguous: z.array(Text).optional(),
  sector: Sector.optional(),
  /** The form named another state until a date ("Congo" was the Republic of the Congo while Kinshasa's state was Zaire). */
  earlier: z.strictObject({ ref: Iso3, until: IsoDate }).optional(),
  note: z.string().optional(),
});
/** A surface form: a plain string or a string with flags. */
export const Form = z.union([Text, FormObject]);
export type FormInput = z.infer<typeof Form>;

const Header = { $comment: Text, version: z.literal(1) };

export const SectorsFile = z.strictObject({
  ...Header,
  sectors: z.record(
    z.string().regex(SECTOR_RE, 'sector keys must be three capital letters'),
    z.strictObject({ name: Text, plover: Text.nullable(), description: Text }),
  ),
});

export const RolesFile = z.strictObject({
  ...Header,
  formerPrefixes: z.array(Text),
  roles: z.array(z.strictObject({ sector: Sector, nouns: z.array(Text).min(1) })),
  offices: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z][a-z_]*$/, 'office ids are lower_snake_case'),
      singleHolder: z.boolean(),
      sector: Sector,
      description: Text,
      titles: z.array(Text),
    }),
  ),
  titleRules: z.array(z.strictObject({ title: Text, country: Iso3, office: Text.nullable(), note: z.string().optional() })),
  leaderOffice: z.strictObject({ default: Text, headOfGovernmentLed: z.array(Iso3) }),
});

export const NonActorsFile = z.strictObject({
  ...Header,
  nonActors: z.array(
    z.strictObject({
      id: Id,
      type: z.enum(['platform', 'place', 'agreement', 'other']),
      forms: z.array(Form).min(1),
      note: z.string().optional(),
    }),
  ),
  commonWords: z.array(z.string().regex(/^[a-z']+$/, 'common words are lower case')),
});

export const CountryExtra = z.strictObject({
  display: Text.optional(),
  names: z.array(Form).optional(),
  dropNames: z.array(Text).optional(),
  adjectives: z.array(Form).optional(),
  demonyms: z.array(Form).optional(),
  capital: Form.nullable().optional(),
  metonyms: z.array(Form).optional(),
  note: z.string().optional(),
});

/** data/actors/places.json: a gazetteer of notable places (generated; see data/actors/tools/places.ts). */
export const PlacesFile = z.strictObject({
  ...Header,
  successions: z.array(z.strictObject({ country: Iso3, from: Iso3, since: IsoDate, note: z.string().optional() })),
  /** `also`: smaller places of the same name in other states, read when the text around names one of those states. */
  places: z.array(z.strictObject({ name: Text, country: Iso3, kind: z.enum(['city', 'region']), also: z.array(Iso3).optional() })),
});
export type PlacesInput = z.infer<typeof PlacesFile>;

export const CountriesFile = z.strictObject({
  ...Header,
  codeOverrides: z.record(Iso3, Iso3),
  countries: z.record(Iso3, CountryExtra),
});

const Membership = z.union([
  Iso3,
  z
    .strictObject({ country: Iso3, since: IsoDate.optional(), until: IsoDate.optional(), note: z.string().optional() })
    .refine((m) => !m.since || !m.until || m.since < m.until, {
      message: 'until must be after since',
      path: ['until'],
    }),
]);

export const GroupsFile = z.strictObject({
  ...Header,
  groups: z.array(
    z
      .strictObject({
        id: Id,
        name: Text.optional(),
        org: Id.optional(),
        code: z.string().regex(/^[A-Z]{3,15}$/, 'codes are 3 to 15 capital letters').optional(),
        type: z.enum(['bloc', 'alliance', 'forum', 'region', 'informal']),
        aliases: z.array(Form).optional(),
        adjectives: z.array(Form).optional(),
        members: z.array(Membership).nullable(),
        include: z.array(Id).optional(),
        continents: z.array(z.enum(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'])).optional(),
        note: z.string().optional(),
      })
      .refine((g) => g.org !== undefined || g.name !== undefined, {
        message: 'a group without an organisation needs a name',
        path: ['name'],
      }),
  ),
});

export const ORG_TYPES = ['igo', 'nsag', 'agency', 'military', 'legislature', 'court', 'company', 'ngo', 'media', 'party', 'other'] as const;

const Period = z
  .strictObject({
    start: IsoDate.optional(),
    end: IsoDate.optional(),
    sector: Sector.optional(),
    country: z.union([Iso3, z.literal('IGO'), z.literal('')]).optional(),
    code: z.string().regex(/^[A-Z]{3,15}$/).optional(),
    note: z.string().optional(),
  })
  .refine((p) => !p.start || !p.end || p.start <= p.end, { message: 'end must not be before start', path: ['end'] });

export const OrganisationsFile = z.strictObject({
  ...Header,
  organisations: z.array(
    z.strictObject({
      id: Id,
      name: Text,
      aliases: z.array(Form),
      acronyms: z.array(Text),
      type: z.enum(ORG_TYPES),
      sector: Sector,
      country: z.union([Iso3, z.literal('IGO'), z.literal('')]),
      code: z.string().regex(/^[A-Z]{3,15}$/, 'codes are 3 to 15 capital letters').optional(),
      stateOwned: z.boolean().optional(),
      periods: z.array(Period).optional(),
      note: z.string().optional(),
    }),
  ),
});

export const Term = z
  .strictObject({
    office: Text,
    title: z.string().optional(),
    // ISO3 or IGO: both are three capitals; which codes exist is checked across files.
    country: Iso3,
    sector: Sector,
    start: IsoDate,
    end: IsoDate.nullable().optional(),
    org: Id.optional(),
    acting: z.boolean().optional(),
    note: z.string().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.end && t.end < t.start) {
      ctx.addIssue({ code: 'custom', message: `end ${t.end} is before start ${t.start}`, path: ['end'] });
    }
  });
export type TermInput = z.infer<typeof Term>;

export const Person = z.strictObject({
  id: Id,
  name: Text,
  aliases: z.array(Form),
  gender: z.enum(['m', 'f', 'x']).optional(),
  home: Iso3,
  ambiguousSurname: z.boolean().optional(),
  /** Sector outside any term (default ELI): e.g. BUS for a business leader, MED for a journalist. */
  sector: Sector.optional(),
  terms: z.array(Term),
  note: z.string().optional(),
});
export type PersonInput = z.infer<typeof Person>;

export const PeopleFile = z.strictObject({ ...Header, people: z.array(Person) });

export type SectorsInput = z.infer<typeof SectorsFile>;
export type RolesInput = z.infer<typeof RolesFile>;
export type NonActorsInput = z.infer<typeof NonActorsFile>;
export type CountriesInput = z.infer<typeof CountriesFile>;
export type GroupsInput = z.infer<typeof GroupsFile>;
export type OrganisationsInput = z.infer<typeof OrganisationsFile>;
export type PeopleInput = z.infer<typeof PeopleFile>;

/** `['people', 12, 'terms', 0, 'end']` → `people[12].terms[0].end` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** One error line in the component's format. */
export function actorsError(file: string, path: string, reason: string): string {
  return `actors: ${file}: ${path ? `${path}: ` : ''}${reason}`;
}

/** Parse with a schema; on failure return formatted error lines instead. */
export function parseFile<T>(schema: z.ZodType<T>, json: unknown, file: string): { data?: T; errors: string[] } {
  const r = schema.safeParse(json);
  if (r.success) return { data: r.data, errors: [] };
  return { errors: r.error.issues.map((i) => actorsError(file, formatPath(i.path), i.message)) };
}

/** Everything the cross-file checks need to know. */
export interface ValidationInput {
  /** Known country codes (ISO alpha-3 after overrides). */
  countries: ReadonlySet<string>;
  sectors: SectorsInput;
  roles: RolesInput;
  nonActors: NonActorsInput;
  countriesFile: CountriesInput;
  groups: GroupsInput;
  organisations: OrganisationsInput;
  people: ReadonlyArray<{ file: string; data: PeopleInput }>;
  /** Display paths of the base files. */
  files: { sectors: string; roles: string; nonActors: string; countries: string; groups: string; organisations: string };
}

interface HeldTerm {
  file: string;
  personIndex: number;
  termIndex: number;
  personId: string;
  start: string;
  end: string | null;
}

function span(start: string, end: string | null): string {
  return end ? `${start} to ${end}` : `${start} (open)`;
}

/** Checks that span files. Returns formatted error lines (empty when all is well). */
export function crossValidate(v: ValidationInput): string[] {
  const errors: string[] = [];
  const err = (file: string, path: string, reason: string): void => {
    errors.push(actorsError(file, path, reason));
  };
  const sectors = new Set(Object.keys(v.sectors.sectors));
  const offices = new Map(v.roles.offices.map((o) => [o.id, o]));
  const orgIds = new Set(v.organisations.organisations.map((o) => o.id));
  const groupIds = new Set(v.groups.groups.map((g) => g.id));
  const ambiguityOk = (a: string): boolean =>
    (AMBIGUITY_TAGS as readonly string[]).includes(a) || v.countries.has(a) || orgIds.has(a) || groupIds.has(a);

  const checkSector = (file: string, path: string, s: string | undefined): void => {
    if (s !== undefined && !sectors.has(s)) err(file, path, `unknown sector "${s}" (not in sectors.json)`);
  };
  const checkCountry = (file: string, path: string, c: string, extra: readonly string[] = []): void => {
    if (!v.countries.has(c) && !extra.includes(c)) err(file, path, `unknown country code "${c}"`);
  };
  const checkForms = (file: string, path: string, forms: readonly FormInput[] | undefined): void => {
    (forms ?? []).forEach((f, i) => {
      const text = typeof f === 'string' ? f : f.text;
      if (/[,;()[\]]/.test(text)) err(file, `${path}[${i}]`, `form "${text}" contains punctuation a matcher cannot see (, ; parentheses)`);
      if (typeof f !== 'string') {
        checkSector(file, `${path}[${i}].sector`, f.sector);
        for (const a of f.ambiguous ?? []) {
          if (!ambiguityOk(a)) err(file, `${path}[${i}].ambiguous`, `"${a}" is not a country, organisation, group or ambiguity tag`);
        }
      }
    });
  };

  // roles.json
  const rf = v.files.roles;
  v.roles.roles.forEach((r, i) => checkSector(rf, `roles[${i}].sector`, r.sector));
  const nounSeen = new Map<string, string>();
  v.roles.roles.forEach((r, i) =>
    r.nouns.forEach((n, j) => {
      const prev = nounSeen.get(n);
      if (prev) err(rf, `roles[${i}].nouns[${j}]`, `noun "${n}" is already listed at ${prev}`);
      else nounSeen.set(n, `roles[${i}].nouns[${j}]`);
    }),
  );
  v.roles.offices.forEach((o, i) => checkSector(rf, `offices[${i}].sector`, o.sector));
  const officeSeen = new Set<string>();
  v.roles.offices.forEach((o, i) => {
    if (officeSeen.has(o.id)) err(rf, `offices[${i}].id`, `duplicate office "${o.id}"`);
    officeSeen.add(o.id);
  });
  v.roles.titleRules.forEach((t, i) => {
    checkCountry(rf, `titleRules[${i}].country`, t.country);
    if (t.office !== null && !offices.has(t.office)) err(rf, `titleRules[${i}].office`, `unknown office "${t.office}"`);
  });
  if (!offices.has(v.roles.leaderOffice.default)) err(rf, 'leaderOffice.default', `unknown office "${v.roles.leaderOffice.default}"`);
  v.roles.leaderOffice.headOfGovernmentLed.forEach((c, i) => checkCountry(rf, `leaderOffice.headOfGovernmentLed[${i}]`, c));

  // countries.json
  const cf = v.files.countries;
  for (const [code, extra] of Object.entries(v.countriesFile.countries)) {
    const base = `countries.${code}`;
    checkCountry(cf, base, code);
    checkForms(cf, `${base}.names`, extra.names);
    checkForms(cf, `${base}.adjectives`, extra.adjectives);
    checkForms(cf, `${base}.demonyms`, extra.demonyms);
    checkForms(cf, `${base}.metonyms`, extra.metonyms);
    if (extra.capital) checkForms(cf, `${base}.capital`, [extra.capital]);
  }

  // non-actors.json
  const nf = v.files.nonActors;
  v.nonActors.nonActors.forEach((n, i) => checkForms(nf, `nonActors[${i}].forms`, n.forms));
  const cw = new Set<string>();
  v.nonActors.commonWords.forEach((w, i) => {
    if (cw.has(w)) err(nf, `commonWords[${i}]`, `duplicate word "${w}"`);
    cw.add(w);
  });

  // ids unique across groups, organisations, people and non-actors (a group may share its organisation's id)
  const idOwner = new Map<string, string>();
  const claim = (id: string, where: string, file: string, path: string): void => {
    const prev = idOwner.get(id);
    if (prev) err(file, path, `duplicate id "${id}" (already used by ${prev})`);
    else idOwner.set(id, where);
  };
  const of = v.files.organisations;
  v.organisations.organisations.forEach((o, i) => {
    claim(o.id, `${of} organisations[${i}]`, of, `organisations[${i}].id`);
    const p = `organisations[${i}]`;
    checkSector(of, `${p}.sector`, o.sector);
    checkCountry(of, `${p}.country`, o.country, ['IGO', '']);
    checkForms(of, `${p}.aliases`, o.aliases);
    if ((o.country === 'IGO' || o.country === '') && !o.code) err(of, `${p}.code`, `an actor with country "${o.country}" needs an explicit code`);
    if (o.code && o.country && o.country !== 'IGO' && !o.code.startsWith(o.country) && !TRANSNATIONAL_PREFIXES.some((x) => o.code!.startsWith(x))) {
      err(of, `${p}.code`, `code ${o.code} starts with neither the country ${o.country} nor a CAMEO transnational prefix (${TRANSNATIONAL_PREFIXES.join(', ')})`);
    }
    if (o.code && o.country === 'IGO' && !o.code.startsWith('IGO')) err(of, `${p}.code`, `code ${o.code} of an IGO must start with IGO`);
    o.periods?.forEach((per, j) => {
      checkSector(of, `${p}.periods[${j}].sector`, per.sector);
      if (per.country) checkCountry(of, `${p}.periods[${j}].country`, per.country, ['IGO']);
    });
  });
  const gf = v.files.groups;
  const groupById = new Map(v.groups.groups.map((g) => [g.id, g]));
  v.groups.groups.forEach((g, i) => {
    const p = `groups[${i}]`;
    if (g.org !== undefined) {
      if (!orgIds.has(g.org)) err(gf, `${p}.org`, `unknown organisation "${g.org}"`);
      if (g.org !== g.id) err(gf, `${p}.id`, `a group backed by organisation "${g.org}" must have the same id`);
    } else {
      claim(g.id, `${gf} ${p}`, gf, `${p}.id`);
    }
    checkForms(gf, `${p}.aliases`, g.aliases);
    checkForms(gf, `${p}.adjectives`, g.adjectives);
    g.members?.forEach((m, j) => checkCountry(gf, `${p}.members[${j}]`, typeof m === 'string' ? m : m.country));
    g.include?.forEach((inc, j) => {
      if (!groupById.has(inc)) err(gf, `${p}.include[${j}]`, `unknown group "${inc}"`);
    });
  });
  // include cycles
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string, path: string[]): void => {
    if (done.has(id)) return;
    if (visiting.has(id)) {
      err(gf, `groups`, `include cycle: ${[...path, id].join(' -> ')}`);
      return;
    }
    visiting.add(id);
    for (const inc of groupById.get(id)?.include ?? []) if (groupById.has(inc)) visit(inc, [...path, id]);
    visiting.delete(id);
    done.add(id);
  };
  for (const g of v.groups.groups) visit(g.id, []);
  v.nonActors.nonActors.forEach((n, i) => claim(n.id, `${nf} nonActors[${i}]`, nf, `nonActors[${i}].id`));

  // people
  const held = new Map<string, HeldTerm[]>();
  for (const { file, data } of v.people) {
    data.people.forEach((person, pi) => {
      const p = `people[${pi}]`;
      claim(person.id, `${file} ${p}`, file, `${p}.id`);
      checkCountry(file, `${p}.home`, person.home);
      checkSector(file, `${p}.sector`, person.sector);
      checkForms(file, `${p}.aliases`, person.aliases);
      person.terms.forEach((t, ti) => {
        const tp = `${p}.terms[${ti}]`;
        const office = offices.get(t.office);
        if (!office) err(file, `${tp}.office`, `unknown office "${t.office}" (see roles.json offices)`);
        checkCountry(file, `${tp}.country`, t.country, ['IGO']);
        checkSector(file, `${tp}.sector`, t.sector);
        if (t.org !== undefined && !orgIds.has(t.org)) err(file, `${tp}.org`, `unknown organisation "${t.org}"`);
        if (t.country === 'IGO' && t.org === undefined) err(file, `${tp}.org`, 'a term at an intergovernmental organisation (country IGO) needs "org"');
        if (office?.singleHolder && !t.acting) {
          const key = `${t.country}|${t.office}`;
          const list = held.get(key) ?? [];
          list.push({ file, personIndex: pi, termIndex: ti, personId: person.id, start: t.start, end: t.end ?? null });
          held.set(key, list);
        }
      });
    });
  }
  for (const [key, list] of held) {
    const [country, office] = key.split('|') as [string, string];
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    // Compare each term with the one reaching furthest so far: catches every term that starts inside another.
    let reach: HeldTerm | undefined;
    for (const t of list) {
      if (reach && (reach.end === null || t.start < reach.end)) {
        err(
          t.file,
          `people[${t.personIndex}].terms[${t.termIndex}]`,
          `${t.personId}'s ${office} term in ${country} ${span(t.start, t.end)} overlaps ${reach.personId}'s term ${span(reach.start, reach.end)} ` +
            `(${reach.file}: people[${reach.personIndex}].terms[${reach.termIndex}]); ` +
            `give the earlier term its end date or mark an interim holder "acting": true`,
        );
      }
      if (!reach || (reach.end !== null && (t.end === null || t.end > reach.end))) reach = t;
    }
  }
  return errors;
}
