import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cleanDoc } from '../clean/clean.js';
import { analyze } from '../nlp/analyze.js';
import { ROOT, SHARED_DIR } from '../paths.js';
import { loadKnowledgeBase } from './kb.js';
import { loadLexicon } from './lexicon.js';
import { lookupActor, resolveMentions, type Mention } from './resolve.js';

const kb = loadKnowledgeBase();

function resolve(text: string, date: string | null): Mention[] {
  return resolveMentions(analyze(text), { date }, kb);
}

/** The fields most tests compare. */
function brief(m: Mention | undefined): Record<string, unknown> | undefined {
  if (!m) return undefined;
  const out: Record<string, unknown> = { text: m.text, kind: m.kind, country: m.country, sector: m.sector, code: m.code, via: m.via };
  if (m.ref !== undefined) out.ref = m.ref;
  return out;
}

function one(text: string, date: string | null, mentionText: string): Mention {
  const ms = resolve(text, date);
  const m = ms.find((x) => x.text === mentionText);
  assert.ok(m, `no mention "${mentionText}" in ${JSON.stringify(ms.map((x) => x.text))}`);
  return m;
}

describe('resolveMentions: people by date and title', () => {
  it('Trump in 2025 is the US government; Biden in 2025 a former president', () => {
    const ms = resolve('Trump signed the order while Biden watched from home.', '2025-03-03');
    assert.deepEqual(ms.map(brief), [
      { text: 'Trump', kind: 'person', ref: 'donald-trump', country: 'USA', sector: 'GOV', code: 'USAGOV', via: 'surname' },
      { text: 'Biden', kind: 'person', ref: 'joe-biden', country: 'USA', sector: 'ELI', code: 'USAELI', via: 'surname' },
    ]);
    assert.equal(ms[0]!.office, 'head_of_state');
    assert.equal(ms[1]!.former, true);
    assert.equal(ms[0]!.start, 0);
    assert.equal(ms[0]!.end, 5);
    assert.equal(ms[0]!.sentence, 0);
  });

  it('title + name chains and middle initials', () => {
    const ms = resolve(
      'Secretary of State Marco Rubio, Defense Secretary Pete Hegseth and Treasury Secretary Scott Bessent flew out. ' +
        'Russian Foreign Minister Sergey V. Lavrov waited for them with Israeli Prime Minister Benjamin Netanyahu.',
      '2025-04-11',
    );
    assert.deepEqual(
      ms.map((m) => [m.text, m.ref, m.code, m.via, m.office]),
      [
        ['Secretary of State Marco Rubio', 'marco-rubio', 'USAGOV', 'title+name', 'foreign_minister'],
        ['Defense Secretary Pete Hegseth', 'pete-hegseth', 'USAGOV', 'title+name', 'defence_minister'],
        ['Treasury Secretary Scott Bessent', 'scott-bessent', 'USAGOV', 'title+name', 'finance_minister'],
        ['Russian Foreign Minister Sergey V. Lavrov', 'sergey-lavrov', 'RUSGOV', 'title+name', 'foreign_minister'],
        ['Israeli Prime Minister Benjamin Netanyahu', 'benjamin-netanyahu', 'ISRGOV', 'title+name', 'head_of_government'],
      ],
    );
  });

  it('Ishiba is Japan\u2019s government in February 2025, Takaichi after 21 October 2025', () => {
    assert.deepEqual(brief(one('Prime Minister Shigeru Ishiba arrived late.', '2025-02-07', 'Prime Minister Shigeru Ishiba')), {
      text: 'Prime Minister Shigeru Ishiba',
      kind: 'person',
      ref: 'shigeru-ishiba',
      country: 'JPN',
      sector: 'GOV',
      code: 'JPNGOV',
      via: 'title+name',
    });
    assert.equal(one('Shigeru Ishiba gave a lecture.', '2026-01-10', 'Shigeru Ishiba').sector, 'ELI');
    assert.deepEqual(brief(one('Reporters waited for Japan\u2019s new prime minister at the airport.', '2025-10-27', 'Japan\u2019s new prime minister')), {
      text: 'Japan\u2019s new prime minister',
      kind: 'person',
      ref: 'sanae-takaichi',
      country: 'JPN',
      sector: 'GOV',
      code: 'JPNGOV',
      via: 'title-by-date',
    });
  });

  it('Xi and "China\'s leader", Carney, Starmer, "the Chinese president", "Britain\'s foreign secretary"', () => {
    const ms = resolve("Xi Jinping hosted Mark Carney. China's leader later phoned Keir Starmer.", '2026-01-20');
    assert.deepEqual(
      ms.map((m) => [m.text, m.ref, m.code, m.via]),
      [
        ['Xi Jinping', 'xi-jinping', 'CHNGOV', 'name'],
        ['Mark Carney', 'mark-carney', 'CANGOV', 'name'],
        ["China's leader", 'xi-jinping', 'CHNGOV', 'title-by-date'],
        ['Keir Starmer', 'keir-starmer', 'GBRGOV', 'name'],
      ],
    );
    assert.equal(one('The Chinese president did not comment.', '2024-05-01', 'The Chinese president').ref, 'xi-jinping');
    assert.equal(one("Britain's foreign secretary flew to Kyiv.", '2024-09-01', "Britain's foreign secretary").ref, 'david-lammy');
  });

  it('an explicit title holds a term slightly past its end, unless "former" precedes', () => {
    const m = one('President Nicolás Maduro appeared in a New York court.', '2026-01-20', 'President Nicolás Maduro');
    assert.deepEqual([m.code, m.via, m.confidence], ['VENGOV', 'title-near-term', 0.6]);
    assert.equal(one('Maduro appeared in court.', '2026-01-20', 'Maduro').code, 'VENELI');
    const o = one('Former President Barack Obama endorsed her.', '2025-02-01', 'Former President Barack Obama');
    assert.deepEqual([o.code, o.former, o.via], ['USAELI', true, 'title+name']);
    assert.equal(one('Former President Barack Obama endorsed her.', '2025-02-01', 'Former President Barack Obama').role, 'president');
  });

  it('President al-Sharaa; a surname after a title; ambiguous surnames need the full name', () => {
    assert.equal(one('President al-Sharaa met the envoy.', '2025-05-14', 'President al-Sharaa').code, 'SYRGOV');
    assert.equal(one('President Lee spoke first.', '2025-10-29', 'President Lee').ref, 'lee-jae-myung');
    assert.deepEqual(resolve('Lee said nothing.', '2025-10-29'), []);
    const ms = resolve('South Korean President Lee Jae-myung arrived. Lee said he was pleased.', '2025-10-29');
    assert.deepEqual(
      ms.map((m) => [m.text, m.ref, m.via]),
      [
        ['South Korean President Lee Jae-myung', 'lee-jae-myung', 'title+name'],
        ['Lee', 'lee-jae-myung', 'surname'],
        ['he', 'lee-jae-myung', 'coref'],
      ],
    );
  });

  it('"the president" from an earlier mention, from the main country, else the USA', () => {
    const ms = resolve("South Korea's president visited Tokyo. The president praised the talks.", '2024-06-01');
    assert.deepEqual(
      ms.filter((m) => m.kind === 'person').map((m) => [m.text, m.ref, m.code, m.antecedent]),
      [
        ["South Korea's president", 'yoon-suk-yeol', 'KORGOV', undefined],
        ['The president', 'yoon-suk-yeol', 'KORGOV', 0],
      ],
    );
    const alone = one('The president spoke on Tuesday.', '2025-03-04', 'The president');
    assert.deepEqual([alone.ref, alone.code, alone.via], ['donald-trump', 'USAGOV', 'title-by-date']);
    // "a leader" is no one in particular
    assert.deepEqual(resolve('She wanted a leader who listens.', '2025-03-04'), []);
  });
});

describe('resolveMentions: states, places, organisations, groups', () => {
  it('a renamed state: "Congo" before May 1997 is the Republic of the Congo, after it the former Zaire', () => {
    assert.deepEqual(resolve('Angola sent troops to Congo to back Congolese soldiers.', '1985-06-01').map((m) => m.code), ['AGO', 'COG', 'COGMIL']);
    assert.deepEqual(resolve('Angola sent troops to Congo to back Congolese soldiers.', '1998-08-01').map((m) => m.code), ['AGO', 'COD', 'CODMIL']);
  });

  it('a place with a namesake in another state is the namesake when the text around names that state', () => {
    assert.equal(one('Militias clashed in Tripoli, the second city of Lebanon.', '1986-01-01', 'Tripoli').country, 'LBN');
    assert.equal(one('Militias clashed in Tripoli.', '1986-01-01', 'Tripoli').country, 'LBY');
    assert.equal(one('Libyan militias clashed in Tripoli as Lebanese envoys watched.', '2014-01-01', 'Tripoli').country, 'LBY');
  });

  it('a compass adjective before a state, place or region names part of it, not the West', () => {
    assert.deepEqual(resolve('Fighting spread to Western Kenya and Northern Mali.', '2010-01-01').map((m) => m.code), ['KEN', 'MLI']);
    assert.deepEqual(resolve('Western Europe backed Kyiv.', '2023-01-01').map((m) => m.code), ['EUR', 'UKR']);
    assert.deepEqual(resolve('Western diplomats criticised Iran.', '2023-01-01').map((m) => m.code), ['WSTGOV', 'IRN']);
  });

  it('metonyms: the Kremlin, Beijing, Washington; capitals after "in" are places', () => {
    const ms = resolve('The Kremlin said Beijing and Washington should talk. They met in Beijing.', '2025-02-18');
    assert.deepEqual(
      ms.map((m) => [m.text, m.kind, m.code, m.sector, m.via, m.location ?? false]),
      [
        ['The Kremlin', 'metonym', 'RUSGOV', 'GOV', 'metonym', false],
        ['Beijing', 'metonym', 'CHN', '', 'metonym', false],
        ['Washington', 'metonym', 'USA', '', 'metonym', false],
        ['Beijing', 'metonym', 'CHN', '', 'location', true],
      ],
    );
    assert.ok(ms[3]!.confidence < 0.5);
  });

  it('a dateline and "Georgia" in a US story are places', () => {
    const ms = resolve('WASHINGTON (Reuters) - Trump urged voters in Georgia and Alabama to turn out. Trump later met senators.', '2017-12-01');
    assert.deepEqual(
      ms.map((m) => [m.text, m.code, m.via, m.location ?? false]),
      [
        ['WASHINGTON', 'USA', 'location', true],
        ['Reuters', 'GBRMED', 'name', false],
        ['Trump', 'USAGOV', 'surname', false],
        ['Georgia', 'USA', 'us-state', true],
        ['Alabama', 'USA', 'location', true],
        ['Trump', 'USAGOV', 'surname', false],
      ],
    );
    assert.equal(one("Georgia's government protested to Russia.", '2024-01-01', "Georgia's government").code, 'GEOGOV');
  });

  it('Brussels is the EU when EU words are near, else Belgium', () => {
    const eu = one('Brussels proposed new tariffs, the European Commission said.', '2025-05-20', 'Brussels');
    assert.deepEqual([eu.ref, eu.country, eu.code], ['eu', 'IGO', 'IGOEUREEC']);
    const bel = one('Brussels hosted a jazz festival.', '2025-05-20', 'Brussels');
    assert.deepEqual([bel.ref, bel.country], ['BEL', 'BEL']);
  });

  it('organisations: AIPAC, Hamas, NATO, Pemex', () => {
    const ms = resolve('AIPAC praised the deal, Hamas rejected it, NATO stayed silent and Pemex cut output.', '2025-06-25');
    assert.deepEqual(
      ms.map((m) => [m.text, m.kind, m.ref, m.country, m.sector, m.code]),
      [
        ['AIPAC', 'org', 'aipac', 'USA', 'NGO', 'USANGO'],
        ['Hamas', 'org', 'hamas', 'PSE', 'REB', 'PSEREB'],
        ['NATO', 'org', 'nato', 'IGO', 'IGO', 'IGOWSTNAT'],
        ['Pemex', 'org', 'pemex', 'MEX', 'BUS', 'MEXBUS'],
      ],
    );
    assert.equal(kb.org('hamas')!.type, 'nsag');
    assert.equal(kb.org('pemex')!.stateOwned, true);
    assert.ok(ms[2]!.members!.includes('SWE') && ms[2]!.members!.includes('FIN'));
  });

  it('groups with members on the date; "middle powers" has none', () => {
    const ms = resolve('European allies, NATO members and middle powers met the EU.', '2026-01-20');
    assert.deepEqual(
      ms.map((m) => [m.text, m.kind, m.ref, m.country, m.members?.length]),
      [
        ['European allies', 'group', 'europe', 'EUR', 46],
        ['NATO members', 'group', 'nato', 'IGO', 32],
        ['middle powers', 'group', 'middle-powers', '', undefined],
        ['the EU', 'org', 'eu', 'IGO', 27],
      ],
    );
    assert.equal(resolve('NATO members met.', '2022-06-01')[0]!.members!.includes('FIN'), false);
  });

  it('adjectives on role nouns and other nouns; possessives', () => {
    const ms = resolve('Chinese officials said Cambodian soldiers crossed. Tariffs on South Korean autos rose after an Israeli strike.', '2025-07-24');
    assert.deepEqual(
      ms.map((m) => [m.text, m.kind, m.country, m.sector, m.code, m.role]),
      [
        ['Chinese officials', 'role', 'CHN', 'GOV', 'CHNGOV', 'officials'],
        ['Cambodian soldiers', 'role', 'KHM', 'MIL', 'KHMMIL', 'soldiers'],
        ['South Korean autos', 'role', 'KOR', 'BUS', 'KORBUS', 'autos'],
        ['Israeli', 'demonym', 'ISR', '', 'ISR', 'strike'],
      ],
    );
    const p = resolve("Trump's plan surprised them.", '2025-03-01')[0]!;
    assert.deepEqual([p.text, p.ref, p.possessive], ['Trump', 'donald-trump', true]);
    assert.equal(one("India's Modi spoke.", '2024-03-01', "India's Modi").ref, 'narendra-modi');
    assert.equal(one('Former U.S. officials objected.', '2025-01-10', 'Former U.S. officials').code, 'USAELI');
  });

  it('letter case: "us" is not the US, "US" is; platforms are not actors', () => {
    assert.deepEqual(
      resolve('They told us the US would act, and posted it on X and Truth Social.', '2025-03-01').map((m) => [m.text, m.code]),
      [['the US', 'USA']],
    );
    assert.deepEqual(resolve('Join us. GET MORE STORIES LIKE THIS IN YOUR INBOX!', '2025-03-01'), []);
  });

  it('a Title Case headline is not all names', () => {
    assert.deepEqual(
      resolve('Japan Urges Fishermen To Avoid Islands As Tensions Rise', '2026-01-28').map((m) => m.text),
      ['Japan'],
    );
    assert.deepEqual(
      resolve('Trump Raises Tariffs On South Korean Autos', '2026-01-28').map((m) => [m.text, m.code]),
      [
        ['Trump', 'USAGOV'],
        ['South Korean Autos', 'KORBUS'],
      ],
    );
  });
});

describe('resolveMentions: people not in the knowledge base, handles, coreference', () => {
  it('unknown people next to a speech verb or a title are kept', () => {
    const ms = resolve(
      'Jane Holloway, a teacher in the town, said the school was closed. "It is over," said Tomas Brandt. Kazakh President Aldan Serikov said he would visit. Holloway added that she was tired.',
      '2024-05-02',
    );
    assert.deepEqual(
      ms.map((m) => [m.text, m.kind, m.country, m.code, m.via, m.antecedent]),
      [
        ['Jane Holloway', 'unknown-person', '', '', 'unknown-person', undefined],
        ['Tomas Brandt', 'unknown-person', '', '', 'unknown-person', undefined],
        ['Kazakh President Aldan Serikov', 'unknown-person', 'KAZ', 'KAZGOV', 'unknown-person', undefined],
        ['he', 'pronoun', 'KAZ', 'KAZGOV', 'coref', 2],
        ['Holloway', 'unknown-person', '', '', 'surname', 0],
        ['she', 'pronoun', '', '', 'coref', 0],
      ],
    );
  });

  it('a sentence opening with abbreviated titles before an unknown name resolves without error', () => {
    const ms = resolve('Maj. Gen. Odo Varnel, the former president of Haiti, met U.S. officials.', '1991-02-01');
    assert.deepEqual(
      ms.map((m) => [m.text, m.kind, m.code]),
      [
        ['Gen. Odo Varnel', 'unknown-person', ''],
        ['the former president of Haiti', 'role', 'HTIELI'],
        ['U.S. officials', 'role', 'USAGOV'],
      ],
    );
  });

  it('social handles are handles', () => {
    assert.deepEqual(brief(resolve('@EUObserver: trust was shattered.', '2026-01-28')[0]), {
      text: '@EUObserver',
      kind: 'handle',
      ref: '@EUObserver',
      country: '',
      sector: '',
      code: '',
      via: 'handle',
    });
  });

  it('he/she take the last person of that gender; "the two leaders" the last pair', () => {
    const ms = resolve(
      'Chancellor Friedrich Merz met Giorgia Meloni. He said the talks were useful and she agreed. Keir Starmer met Mark Carney in Ottawa. The two leaders signed a pact.',
      '2025-06-15',
    );
    assert.deepEqual(
      ms.map((m) => [m.text, m.kind, m.ref ?? '', m.antecedent ?? m.antecedents ?? null, m.members ?? null]),
      [
        ['Chancellor Friedrich Merz', 'person', 'friedrich-merz', null, null],
        ['Giorgia Meloni', 'person', 'giorgia-meloni', null, null],
        ['He', 'pronoun', 'friedrich-merz', 0, null],
        ['she', 'pronoun', 'giorgia-meloni', 1, null],
        ['Keir Starmer', 'person', 'keir-starmer', null, null],
        ['Mark Carney', 'person', 'mark-carney', null, null],
        ['Ottawa', 'metonym', 'CAN', null, null],
        ['The two leaders', 'group', 'pair', [4, 5], ['CAN', 'GBR']],
      ],
    );
    // an object pronoun skips its own sentence's subject; a hyphenated name part may be lower case
    assert.deepEqual(
      resolve('Kim Jong-un spoke first. Vladimir Putin thanked him.', '2019-04-25').map((m) => [m.text, m.ref]),
      [
        ['Kim Jong-un', 'kim-jong-un'],
        ['Vladimir Putin', 'vladimir-putin'],
        ['him', 'kim-jong-un'],
      ],
    );
    const pair = resolve('Japan hosted Australia. Both nations want calm.', '2025-06-15').at(-1)!;
    assert.deepEqual([pair.text, pair.members], ['Both nations', ['AUS', 'JPN']]);
  });

  it('without a date the latest term is used, with lower confidence', () => {
    const m = resolve('Narendra Modi spoke.', null)[0]!;
    assert.deepEqual([m.code, m.confidence], ['INDGOV', 0.6]);
    assert.ok(resolve('Narendra Modi spoke.', '2024-03-01')[0]!.confidence > m.confidence);
  });
});

describe('lookupActor', () => {
  it('resolves a text alone, inside its context, or after it', () => {
    assert.equal(lookupActor('President Kassym-Jomart Tokayev', { date: '2022-01-05' }, kb).mention?.code, 'KAZGOV');
    assert.equal(lookupActor('Washington', { date: '2025-10-30', context: 'Beijing warned Washington against meddling.' }, kb).mention?.code, 'USA');
    const pm = lookupActor('the prime minister', { date: '2025-02-07', context: "Japan's prime minister met reporters." }, kb).mention;
    assert.deepEqual([pm?.ref, pm?.code], ['shigeru-ishiba', 'JPNGOV']);
    assert.equal(lookupActor('X', { date: '2025-01-01', context: 'He posted it on X.' }, kb).mention, undefined);
    assert.equal(lookupActor('John Smith', { date: '2024-01-01', context: 'John Smith, a baker, said bread was dear.' }, kb).mention?.kind, 'unknown-person');
  });
});

describe('lexicon', () => {
  it('loads and validates; a bad file names the file and field', () => {
    assert.ok(loadLexicon().speechVerbs.has('say'));
    const dir = mkdtempSync(join(tmpdir(), 'entente-lexicon-'));
    try {
      const file = join(dir, 'lexicon.json');
      const good = JSON.parse(readFileSync(join(ROOT, 'data/actors/lexicon.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...good, pronouns: { he: 'q' } }));
      assert.throws(() => loadLexicon(file), (e: Error) => e.message.startsWith(`actors: ${file}: pronouns.he: `));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ------------------------------------------------------------ the five seeds (read at run time, never copied)

const SEED_DATES: Record<string, string> = { '000': '2026-01-28', '001': '2025-02-05', '002': '2026-01-29', '003': '2025-10-27', '004': '2025-02-18' };
const SEEDS = join(SHARED_DIR, 'seeds');

function seedMentions(prefix: string): Mention[] {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`));
  assert.ok(file, `seed ${prefix} not found`);
  const text = readFileSync(join(SEEDS, file), 'utf8');
  const art = cleanDoc({ origin: file, format: 'text', text, hints: {}, removed: [], messages: [] });
  const out: Mention[] = [];
  for (const part of [art.title, art.dek ?? '', art.body, ...art.related]) {
    if (part.trim()) out.push(...resolveMentions(analyze(part), { date: SEED_DATES[prefix]! }, kb));
  }
  return out;
}

/** Every expected (kind, ref, code) appears among the mentions. */
function assertHas(ms: Mention[], expected: Array<[string, string, string]>): void {
  for (const [kind, ref, code] of expected) {
    assert.ok(
      ms.some((m) => m.kind === kind && m.ref === ref && m.code === code),
      `missing ${kind} ${ref} ${code}; have ${JSON.stringify([...new Set(ms.map((m) => `${m.kind} ${m.ref ?? ''} ${m.code}`))])}`,
    );
  }
}

describe('the seeds with their dates', { skip: !existsSync(SEEDS) && 'shared seeds not found' }, () => {
  it('000 (2026-01-28): Trump, NATO, @EUObserver, President al-Sharaa, Pemex, Hamas, ICE', () => {
    const ms = seedMentions('000');
    assertHas(ms, [
      ['person', 'donald-trump', 'USAGOV'],
      ['org', 'nato', 'IGOWSTNAT'],
      ['handle', '@EUObserver', ''],
      ['person', 'ahmed-al-sharaa', 'SYRGOV'],
      ['org', 'pemex', 'MEXBUS'],
      ['org', 'hamas', 'PSEREB'],
      ['org', 'ice', 'USACOP'],
      ['person', 'sanae-takaichi', 'JPNGOV'],
      ['role', 'KOR', 'KORBUS'],
    ]);
    assert.ok(!ms.some((m) => m.text === 'Twitter' || m.text === 'Fishermen'));
  });

  it('001 (2025-02-05): Netanyahu, Ishiba, AIPAC, Hamas, Biden former, Chinese officials, the two allies', () => {
    const ms = seedMentions('001');
    assertHas(ms, [
      ['person', 'donald-trump', 'USAGOV'],
      ['person', 'benjamin-netanyahu', 'ISRGOV'],
      ['person', 'shigeru-ishiba', 'JPNGOV'],
      ['org', 'aipac', 'USANGO'],
      ['org', 'hamas', 'PSEREB'],
      ['person', 'joe-biden', 'USAELI'],
      ['role', 'CHN', 'CHNGOV'],
      ['metonym', 'USA', 'USAGOV'],
    ]);
    const allies = ms.find((m) => m.text === 'the two allies');
    assert.deepEqual(allies?.members, ['ISR', 'USA']);
  });

  it('002 (2026-01-29): Starmer, Xi, Carney, Maduro, Beijing, Washington, middle powers, NPR, Al Jazeera', () => {
    const ms = seedMentions('002');
    assertHas(ms, [
      ['person', 'keir-starmer', 'GBRGOV'],
      ['person', 'xi-jinping', 'CHNGOV'],
      ['person', 'mark-carney', 'CANGOV'],
      ['person', 'nicolas-maduro', 'VENGOV'],
      ['metonym', 'CHN', 'CHN'],
      ['metonym', 'USA', 'USA'],
      ['group', 'middle-powers', ''],
      ['group', 'nato', 'IGOWSTNAT'],
      ['org', 'npr', 'USAMED'],
      ['org', 'al-jazeera', 'QATMED'],
    ]);
  });

  it("003 (2025-10-27): Japan's new prime minister is Takaichi, China's leader is Xi, Bessent, Cambodian soldiers", () => {
    const ms = seedMentions('003');
    assertHas(ms, [
      ['person', 'donald-trump', 'USAGOV'],
      ['person', 'sanae-takaichi', 'JPNGOV'],
      ['person', 'xi-jinping', 'CHNGOV'],
      ['person', 'scott-bessent', 'USAGOV'],
      ['role', 'KHM', 'KHMMIL'],
      ['org', 'nbc', 'USAMED'],
    ]);
    assert.ok(ms.some((m) => m.ref === 'sanae-takaichi' && m.via === 'title-by-date'));
  });

  it('004 (2025-02-18): Rubio, Lavrov, Hegseth, the Kremlin, European allies, NATO, Biden former', () => {
    const ms = seedMentions('004');
    assertHas(ms, [
      ['person', 'donald-trump', 'USAGOV'],
      ['person', 'marco-rubio', 'USAGOV'],
      ['person', 'sergey-lavrov', 'RUSGOV'],
      ['person', 'pete-hegseth', 'USAGOV'],
      ['metonym', 'RUS', 'RUSGOV'],
      ['group', 'europe', 'EUR'],
      ['org', 'nato', 'IGOWSTNAT'],
      ['person', 'joe-biden', 'USAELI'],
    ]);
  });
});

// ------------------------------------------------------------ the dev set

const DEV = join(ROOT, 'src/actors/fixtures/actors-dev.jsonl');

describe('dev set', { skip: (!existsSync(DEV) || !existsSync(join(ROOT, 'src/eval/actors.ts'))) && 'dev set not present' }, () => {
  it('country accuracy ≥ 0.92 through lookupActor', async () => {
    const { evalActors, readActorCases } = await import('../eval/actors.js');
    const { cases } = readActorCases(DEV);
    const r = evalActors(cases, (text, context, date) => {
      const m = lookupActor(text, { date, context }, kb).mention;
      return m ? { country: m.country, sector: m.sector } : undefined;
    });
    assert.ok(r.cases >= 150, `${r.cases} cases`);
    assert.ok(r.country_accuracy >= 0.92, `country accuracy ${r.country_accuracy}`);
    assert.ok(r.sector_accuracy >= 0.9, `sector accuracy ${r.sector_accuracy}`);
  });
});
