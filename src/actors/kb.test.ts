import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_ACTORS_DIR,
  foldToken,
  formKey,
  formTokens,
  loadKnowledgeBase,
  normaliseToken,
  validateKnowledgeBase,
  type KnowledgeBase,
} from './kb.js';

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const fixtureKb = (): KnowledgeBase => loadKnowledgeBase(DEFAULT_ACTORS_DIR, { peopleDir: join(FIXTURES, 'people-ok') });

/** Tokens of a phrase and the entries the longest match at each position finds. */
function matches(kb: KnowledgeBase, text: string): string[] {
  const tokens = formTokens(text);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const m = kb.matchAt(tokens, i);
    if (!m) {
      i++;
      continue;
    }
    out.push(`${tokens.slice(i, m.end).join(' ')}=${m.entries.map((e) => `${e.kind}:${e.ref}${e.sector ? `/${e.sector}` : ''}`).join('|')}`);
    i = m.end;
  }
  return out;
}

describe('actor knowledge base: data files', () => {
  it('every file in data/actors and data/actors/people validates', () => {
    assert.deepEqual(validateKnowledgeBase(), []);
    const people = readdirSync(join(DEFAULT_ACTORS_DIR, 'people')).filter((f) => f.endsWith('.json'));
    assert.ok(people.length >= 1, 'people files present');
  });

  it('the default instance is built once', () => {
    const a = loadKnowledgeBase();
    assert.equal(loadKnowledgeBase(), a);
    assert.ok(a.loadMs > 0);
    assert.ok(a.entries.length > 5000);
  });

  it('covers every ISO 3166-1 country with a name, and Kosovo as XKX', () => {
    const kb = loadKnowledgeBase();
    assert.equal(kb.countries.size, 250);
    for (const c of kb.countries.values()) assert.ok(c.name.length > 0 && c.names.length > 0, c.iso3);
    assert.equal(kb.country('XKX')?.name, 'Kosovo');
    assert.equal(kb.country('XKK'), undefined);
    assert.deepEqual(
      { name: kb.country('USA')?.name, iso2: kb.country('USA')?.iso2, numeric: kb.country('USA')?.numeric, capital: kb.country('USA')?.capital },
      { name: 'United States', iso2: 'US', numeric: '840', capital: 'Washington' },
    );
    assert.equal(kb.country('CHN')?.name, 'China');
    assert.equal(kb.country('GBR')?.name, 'United Kingdom');
  });
});

describe('actor knowledge base: dates decide who holds an office (real data)', () => {
  const kb = loadKnowledgeBase();
  const holder = (country: string, office: string, date: string): string | undefined => kb.officeHolder(country, office, date)?.person.id;

  it('Japan: Ishiba, then Takaichi', () => {
    assert.equal(holder('JPN', 'head_of_government', '2025-02-07'), 'shigeru-ishiba');
    assert.equal(holder('JPN', 'head_of_government', '2025-10-25'), 'sanae-takaichi');
  });
  it('United States: Biden, then Trump', () => {
    assert.equal(holder('USA', 'head_of_state', '2025-01-19'), 'joe-biden');
    assert.equal(holder('USA', 'head_of_state', '2025-01-21'), 'donald-trump');
  });
  it('United Kingdom: Sunak, then Starmer', () => {
    assert.equal(holder('GBR', 'head_of_government', '2024-07-04'), 'rishi-sunak');
    assert.equal(holder('GBR', 'head_of_government', '2024-07-06'), 'keir-starmer');
  });
  it('Canada: Trudeau, then Carney', () => {
    assert.equal(holder('CAN', 'head_of_government', '2025-03-13'), 'justin-trudeau');
    assert.equal(holder('CAN', 'head_of_government', '2025-03-15'), 'mark-carney');
  });
  it('a former president resolves to his country as an elite', () => {
    assert.deepEqual(kb.resolvePersonOn('joe-biden', '2025-06-01'), { country: 'USA', sector: 'ELI', code: 'USAELI', former: true, dateUnknown: false });
  });
  it('a sitting president resolves to the government', () => {
    const r = kb.resolvePersonOn('donald-trump', '2025-06-01');
    assert.deepEqual([r?.country, r?.sector, r?.code, r?.office], ['USA', 'GOV', 'USAGOV', 'head_of_state']);
  });
});

describe('actor knowledge base: groups', () => {
  const kb = loadKnowledgeBase();
  it('NATO: Finland from 2023-04-04, Sweden from 2024-03-07', () => {
    const nato = kb.group('nato')!;
    const before = nato.membersOn('2023-01-01')!;
    assert.equal(before.includes('FIN'), false);
    assert.equal(before.includes('SWE'), false);
    assert.equal(before.length, 30);
    const after = nato.membersOn('2024-06-01')!;
    assert.ok(after.includes('FIN') && after.includes('SWE'));
    assert.equal(after.length, 32);
    assert.equal(nato.code, 'IGOWSTNAT');
    assert.equal(nato.name, 'NATO');
  });
  it('EU: the UK until the end of 31 January 2020', () => {
    const eu = kb.group('eu')!;
    assert.equal(eu.membersOn('2020-01-31')!.includes('GBR'), true);
    assert.equal(eu.membersOn('2020-02-01')!.includes('GBR'), false);
    assert.equal(eu.membersOn()!.length, 27);
  });
  it('included groups and continents are resolved on the date', () => {
    assert.equal(kb.group('the-west')!.membersOn('2022-01-01')!.includes('FIN'), true); // an EU member before NATO
    assert.deepEqual(kb.group('opec-plus')!.membersOn('2024-06-01')!.includes('QAT'), false);
    assert.ok(kb.group('africa')!.membersOn('2024-01-01')!.includes('NGA'));
    assert.equal(kb.group('middle-powers')!.membersOn('2024-01-01'), null);
    assert.equal(kb.group('middle-powers')!.fixed, false);
    assert.deepEqual(kb.group('brics')!.membersOn('2023-06-01'), ['BRA', 'CHN', 'IND', 'RUS', 'ZAF']);
  });
});

describe('actor knowledge base: surface forms and longest match', () => {
  const kb = loadKnowledgeBase();
  it('finds the longest form at each position', () => {
    assert.deepEqual(matches(kb, 'South Korean officials met North Korean envoys'), [
      'South Korean=demonym:KOR',
      'officials=role:officials/GOV',
      'North Korean=demonym:PRK',
      'envoys=role:envoys/GOV',
    ]);
    assert.deepEqual(matches(kb, 'the South China Sea near China'), ['South China Sea=non-actor:south-china-sea', 'China=country:CHN']);
    assert.deepEqual(matches(kb, 'Guinea-Bissau and Papua New Guinea'), ['Guinea Bissau=country:GNB', 'Papua New Guinea=country:PNG']);
  });
  it('keeps case where case matters', () => {
    assert.deepEqual(matches(kb, 'the US told us'), ['US=country:USA|demonym:USA']);
    assert.deepEqual(matches(kb, 'Turkey bought a turkey'), ['Turkey=country:TUR']);
    assert.deepEqual(matches(kb, 'posted on X'), ['X=non-actor:twitter']);
    assert.deepEqual(matches(kb, 'x'), []);
  });
  it('drops a leading "the" from keys and folds diacritics and apostrophes', () => {
    assert.deepEqual(matches(kb, 'Kremlin'), ['Kremlin=metonym:RUS/GOV']);
    assert.deepEqual(matches(kb, 'Pentagon'), ['Pentagon=metonym:USA/MIL']);
    assert.deepEqual(matches(kb, 'Cote d’Ivoire'), ["Cote d’Ivoire=country:CIV"]);
    assert.deepEqual(kb.lookup('Erdogan').map((e) => e.ref), kb.lookup('Erdoğan').map((e) => e.ref));
  });
  it('marks ambiguous forms', () => {
    assert.deepEqual(kb.lookup('Georgia').map((e) => [e.kind, e.ref, e.ambiguous]), [['country', 'GEO', ['us-state']]]);
    assert.deepEqual(kb.lookup('Brussels').map((e) => [e.kind, e.ref, e.ambiguous]), [['metonym', 'BEL', ['eu', 'nato']]]);
    assert.deepEqual(kb.lookup('Congo').map((e) => [e.ref, e.ambiguous]), [['COD', ['COG']]]);
  });
  it('lists organisations, groups and people with their sectors', () => {
    assert.deepEqual(kb.lookupExact('AIPAC').map((e) => [e.kind, e.ref, e.sector]), [['org', 'aipac', 'NGO']]);
    assert.deepEqual(kb.lookupExact('Pemex').map((e) => [e.kind, e.ref, e.sector]), [['org', 'pemex', 'BUS']]);
    assert.deepEqual(kb.lookupExact('European allies').map((e) => [e.kind, e.ref]), [['group', 'europe']]);
    assert.deepEqual(kb.lookupExact('NATO').map((e) => [e.kind, e.ref]), [['org', 'nato']]);
    assert.equal(kb.org('pemex')?.stateOwned, true);
    assert.deepEqual(kb.lookupExact('Kenyans').map((e) => [e.kind, e.ref, e.adjective]), [['demonym', 'KEN', false]]);
  });
  it('makes every form reachable through the index', () => {
    for (const e of kb.entries) {
      const m = kb.matchAt(e.tokens, 0);
      assert.ok(m && m.end === e.tokens.length && m.entries.includes(e), e.form);
    }
  });
});

describe('actor knowledge base: roles, titles and codes', () => {
  const kb = loadKnowledgeBase();
  it('maps titles to offices by country', () => {
    assert.equal(kb.officeForTitle('secretary of state', 'USA'), 'foreign_minister');
    assert.equal(kb.officeForTitle('Secretary of State'), undefined);
    assert.equal(kb.officeForTitle('chancellor', 'DEU'), 'head_of_government');
    assert.equal(kb.officeForTitle('chancellor', 'GBR'), 'finance_minister');
    assert.equal(kb.officeForTitle('Chancellor of the Exchequer', 'GBR'), 'finance_minister');
    assert.equal(kb.officeForTitle('Prime Minister', 'JPN'), 'head_of_government');
    assert.equal(kb.officeForTitle('acting president'), 'head_of_state');
    assert.equal(kb.officeForTitle('treasurer', 'AUS'), 'finance_minister');
    assert.equal(kb.officeForTitle('premier', 'CAN'), 'regional_leader');
    assert.equal(kb.officeForTitle('premier', 'CHN'), 'head_of_government');
    assert.equal(kb.officeForTitle('secretary of war', 'USA'), 'defence_minister');
  });
  it('maps role nouns to sectors', () => {
    assert.deepEqual(
      ['officials', 'soldiers', 'warplanes', 'police', 'rebels', 'lawmakers', 'judges', 'automakers', 'protesters', 'journalists', 'refugees', 'autos', 'cartels'].map((n) =>
        kb.roleSector(n),
      ),
      ['GOV', 'MIL', 'MIL', 'COP', 'REB', 'LEG', 'JUD', 'BUS', 'CVL', 'MED', 'REF', 'BUS', 'CRM'],
    );
    assert.equal(kb.roleSector('Foreign Ministry'), 'GOV');
    assert.equal(kb.roleSector('teapots'), undefined);
  });
  it('maps adjectives to countries and builds codes', () => {
    assert.equal(kb.adjectiveCountry('South Korean'), 'KOR');
    assert.equal(kb.adjectiveCountry('Korean'), 'KOR');
    assert.equal(kb.adjectiveCountry('Cambodian'), 'KHM');
    assert.equal(kb.adjectiveCountry('U.S.'), 'USA');
    assert.equal(kb.adjectiveCountry('Martian'), undefined);
    assert.equal(kb.actorCode('USA', 'GOV'), 'USAGOV');
    assert.equal(kb.leaderOffice('CHN'), 'head_of_state');
    assert.equal(kb.leaderOffice('JPN'), 'head_of_government');
    assert.equal(kb.sectors.get('MIL')?.plover, 'MIL');
  });
  it('applies organisation periods by date', () => {
    assert.deepEqual(kb.orgOn('taliban', '2020-02-29'), { country: 'AFG', sector: 'INS', code: 'AFGINS' });
    assert.deepEqual(kb.orgOn('taliban', '2023-01-01'), { country: 'AFG', sector: 'GOV', code: 'AFGGOV' });
    assert.deepEqual(kb.orgOn('hamas', null), { country: 'PSE', sector: 'REB', code: 'PSEREB' });
    assert.deepEqual(kb.orgOn('nato', '2024-01-01'), { country: 'IGO', sector: 'IGO', code: 'IGOWSTNAT' });
    assert.equal(kb.orgOn('no-such-org', null), undefined);
  });
});

describe('actor knowledge base: people queries (fixture people)', () => {
  const kb = fixtureKb();
  it('loads only the fixture people', () => {
    assert.deepEqual([...kb.people.keys()], ['alma-fixture', 'boris-sample', 'carla-interim', 'dario-global', 'erin-private']);
  });
  it('finds office holders; an acting holder shows while in post', () => {
    assert.equal(kb.officeHolder('JPN', 'head_of_government', '2022-01-09')?.person.id, 'alma-fixture');
    assert.equal(kb.officeHolder('JPN', 'head_of_government', '2022-01-10')?.person.id, 'boris-sample');
    assert.equal(kb.officeHolder('JPN', 'head_of_government', '2023-05-15')?.person.id, 'carla-interim');
    assert.equal(kb.officeHolder('JPN', 'head_of_government', '2023-06-01')?.person.id, 'boris-sample');
    assert.equal(kb.officeHolder('JPN', 'head_of_government', '2019-06-01'), undefined);
  });
  it('lists active terms, most senior first', () => {
    assert.deepEqual(
      kb.termsOn('boris-sample', '2023-01-01').map((t) => t.office),
      ['head_of_government', 'party_leader'],
    );
    assert.deepEqual(kb.termsOn('carla-interim', '2023-05-15').map((t) => t.office), ['head_of_government', 'deputy_head_of_government']);
    assert.deepEqual(kb.termsOn('nobody', '2023-05-15'), []);
  });
  it('resolves people on a date, without a date, and outside office', () => {
    const alma = kb.resolvePersonOn('alma-fixture', '2018-01-01');
    assert.deepEqual([alma?.country, alma?.sector, alma?.office, alma?.title], ['JPN', 'GOV', 'foreign_minister', 'foreign minister']);
    assert.deepEqual(kb.resolvePersonOn('alma-fixture', '2024-01-01'), { country: 'JPN', sector: 'ELI', code: 'JPNELI', former: true, dateUnknown: false });
    const undated = kb.resolvePersonOn('alma-fixture', null);
    assert.deepEqual([undated?.office, undated?.dateUnknown], ['head_of_government', true]);
    const dario = kb.resolvePersonOn('dario-global', '2020-01-01');
    assert.deepEqual([dario?.country, dario?.sector, dario?.code], ['IGO', 'IGO', 'IGOUNO']);
    assert.deepEqual(kb.resolvePersonOn('erin-private', '2020-01-01'), { country: 'USA', sector: 'BUS', code: 'USABUS', former: false, dateUnknown: false });
    assert.equal(kb.resolvePersonOn('nobody', '2020-01-01'), undefined);
  });
  it('indexes names and aliases; an ambiguous surname is flagged', () => {
    assert.deepEqual(kb.lookupExact('Alma Fixture').map((e) => e.ref), ['alma-fixture']);
    assert.deepEqual(kb.lookupExact('Sample').map((e) => [e.ref, e.ambiguous]), [['boris-sample', ['person-name']]]);
  });
});

describe('actor knowledge base: invalid data is reported with file, path and value', () => {
  it('rejects an unknown country code and overlapping single-holder terms', () => {
    const file = 'src/actors/fixtures/people-bad/people.json';
    const expected = [
      `actors: ${file}: people[2].terms[0].country: unknown country code "XYZ"`,
      `actors: ${file}: people[1].terms[0]: second-premier's head_of_government term in GBR 2016-07-01 to 2019-07-24 overlaps first-premier's term 2010-05-11 to 2016-07-13 (${file}: people[0].terms[0]); give the earlier term its end date or mark an interim holder "acting": true`,
    ];
    const peopleDir = join(FIXTURES, 'people-bad');
    assert.deepEqual(validateKnowledgeBase(DEFAULT_ACTORS_DIR, { peopleDir }), expected);
    assert.throws(() => loadKnowledgeBase(DEFAULT_ACTORS_DIR, { peopleDir }), { message: expected.join('\n') });
  });
  it('rejects schema errors: end before start, impossible dates, unknown fields', () => {
    const file = 'src/actors/fixtures/people-invalid/people.json';
    assert.deepEqual(validateKnowledgeBase(DEFAULT_ACTORS_DIR, { peopleDir: join(FIXTURES, 'people-invalid') }), [
      `actors: ${file}: people[0].terms[0].end: end 2020-01-01 is before start 2021-01-01`,
      `actors: ${file}: people[1].terms[0].start: "2023-02-29" is not a calendar date`,
      `actors: ${file}: people[1]: Unrecognized key: "birthday"`,
    ]);
  });
  it('reports a missing people directory', () => {
    const errors = validateKnowledgeBase(DEFAULT_ACTORS_DIR, { peopleDir: join(FIXTURES, 'no-such-dir') });
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^actors: src\/actors\/fixtures\/no-such-dir: cannot read people directory: ENOENT/);
  });
});

describe('actor knowledge base: tokens', () => {
  it('splits on spaces and hyphens, keeps periods and apostrophes', () => {
    assert.deepEqual(formTokens('U.S. Secretary-General  al-Sharaa'), ['U.S.', 'Secretary', 'General', 'al', 'Sharaa']);
    assert.deepEqual(formTokens('Côte d’Ivoire'), ['Côte', 'd’Ivoire']);
    assert.deepEqual(formTokens(''), []);
  });
  it('folds diacritics and apostrophes, and lower-cases for keys', () => {
    assert.equal(foldToken('Erdoğan'), 'Erdogan');
    assert.equal(foldToken('Løkke'), 'Lokke');
    assert.equal(foldToken('Sa’ar'), "Sa'ar");
    assert.equal(normaliseToken('Múte'), 'mute');
    assert.equal(formKey('the  White-House'), 'the white house');
  });
});
