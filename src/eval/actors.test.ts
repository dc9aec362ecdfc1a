import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { evalActors, formatActorReport, parseActorCases, readActorCases, type ActorCase, type ActorResolver } from './actors.js';

const DEV_SET = fileURLToPath(new URL('../actors/fixtures/actors-dev.jsonl', import.meta.url));

const cases: ActorCase[] = [
  { line: 1, text: 'President Kassym-Jomart Tokayev', context: '', date: '2022-01-05', expected: { country: 'KAZ', sector: 'GOV' } },
  { line: 2, text: 'the Kremlin', context: '', date: '2025-02-18', expected: { country: 'RUS', sector: 'GOV' } },
  { line: 3, text: 'Beijing', context: 'Beijing warned Washington.', date: null, expected: { country: 'CHN', sector: '' } },
  { line: 4, text: 'John Smith', context: 'John Smith, a shopkeeper, said', date: '2024-01-01', expected: { country: '', sector: '' } },
  { line: 5, text: 'NATO', context: '', date: '2024-01-01', expected: { country: 'IGO', sector: '' } },
];

const answers: Record<string, { country: string; sector: string } | undefined> = {
  'President Kassym-Jomart Tokayev': { country: 'KAZ', sector: 'GOV' },
  'the Kremlin': { country: 'RUS', sector: 'MIL' },
  Beijing: { country: 'CHN', sector: '' },
  'John Smith': undefined,
  NATO: { country: 'BEL', sector: 'IGO' },
};
const stub: ActorResolver = (text) => answers[text];

describe('eval actors', () => {
  it('scores country on every case and sector only where one is expected', () => {
    const r = evalActors(cases, stub);
    assert.deepEqual(
      { cases: r.cases, country_accuracy: r.country_accuracy, sector_accuracy: r.sector_accuracy, sector_cases: r.sector_cases },
      { cases: 5, country_accuracy: 0.8, sector_accuracy: 0.5, sector_cases: 2 },
    );
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.countryCorrect, e.sectorCorrect]),
      [
        [2, true, false],
        [5, false, null],
      ],
    );
  });

  it('formats the report, with errors on request', () => {
    const r = evalActors(cases, stub);
    assert.equal(
      formatActorReport(r),
      ['cases             5', 'country accuracy  0.800 (4/5)', 'sector accuracy   0.500 (1/2 cases with an expected sector)'].join('\n'),
    );
    assert.equal(
      formatActorReport(r, { errors: true }),
      [
        'cases             5',
        'country accuracy  0.800 (4/5)',
        'sector accuracy   0.500 (1/2 cases with an expected sector)',
        '',
        'errors (2)',
        '  line 2: "the Kremlin" (2025-02-18): expected RUS/GOV, got RUS/MIL',
        '  line 5: "NATO" (2024-01-01): expected IGO, got BEL/IGO',
      ].join('\n'),
    );
  });

  it('counts a resolver that finds nothing as wrong when an actor is expected', () => {
    const r = evalActors(cases.slice(0, 2), () => undefined);
    assert.deepEqual([r.country_accuracy, r.sector_accuracy, r.errors.length], [0, 0, 2]);
    assert.equal(formatActorReport(r, { errors: true }).split('\n')[5], '  line 1: "President Kassym-Jomart Tokayev" (2022-01-05): expected KAZ/GOV, got nothing');
    assert.deepEqual([evalActors([], stub).country_accuracy, evalActors([], stub).sector_accuracy], [0, 0]);
  });

  it('reads JSONL, reporting bad lines by number without stopping', () => {
    const text = [
      '{"text": "President Kassym-Jomart Tokayev", "context": "", "date": "2022-01-05", "expected": {"country": "KAZ", "sector": "GOV"}}',
      '',
      '{"text": "Hamas", "date": null, "expected": {"country": "PSE"}}',
      '{"text": "broken", ',
      '{"text": "Nobody", "date": "5 May 2024", "expected": {"country": "usa"}}',
      '{"text": "NATO", "context": "", "date": null, "expected": {"country": "IGO", "sector": ""}}',
    ].join('\n');
    const { cases: parsed, messages } = parseActorCases(text, 'dev.jsonl');
    assert.deepEqual(
      parsed.map((c) => [c.line, c.text, c.context, c.date, c.expected.country, c.expected.sector]),
      [
        [1, 'President Kassym-Jomart Tokayev', '', '2022-01-05', 'KAZ', 'GOV'],
        [3, 'Hamas', '', null, 'PSE', ''],
        [6, 'NATO', '', null, 'IGO', ''],
      ],
    );
    assert.deepEqual(
      messages.map((m) => [m.ruleId, m.place?.line, m.severity]),
      [
        ['actor-case-json', 4, 'error'],
        ['actor-case-invalid', 5, 'error'],
      ],
    );
    assert.match(messages[0]!.reason, /^dev\.jsonl: line 4: invalid JSON: /);
    assert.equal(
      messages[1]!.reason,
      'dev.jsonl: line 5: date: must be YYYY-MM-DD or null; expected.country: must be an ISO3 code, IGO, a CAMEO region code or ""',
    );
  });

  it('reads a file from disk and fails clearly when it is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-eval-actors-'));
    try {
      const file = join(dir, 'cases.jsonl');
      writeFileSync(file, '{"text": "NATO", "date": null, "expected": {"country": "IGO"}}\r\n');
      assert.deepEqual(readActorCases(file).cases.map((c) => c.text), ['NATO']);
      assert.throws(() => readActorCases(join(dir, 'missing.jsonl')), /^Error: eval: cannot read actor cases .*missing\.jsonl: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ships a dev set of at least 200 well-formed cases across the kinds of actor', () => {
    const { cases: dev, messages } = readActorCases(DEV_SET);
    assert.deepEqual(messages, []);
    assert.ok(dev.length >= 200, `${dev.length} cases`);
    const countries = new Set(dev.map((c) => c.expected.country));
    for (const c of ['USA', 'CAN', 'MEX', 'BRA', 'ARG', 'GBR', 'DEU', 'RUS', 'UKR', 'CHN', 'JPN', 'KOR', 'IND', 'AUS', 'ISR', 'IRN', 'SAU', 'ZAF', 'NGA', 'KEN', 'EGY', 'IGO', '']) {
      assert.ok(countries.has(c), `dev set has ${c || 'no-actor'} cases`);
    }
    const sectors = new Set(dev.map((c) => c.expected.sector));
    for (const s of ['GOV', 'MIL', 'ELI', 'REB', 'INS', 'MED', 'BUS', 'NGO', 'SPY', 'COP', 'OPP', 'CRM']) assert.ok(sectors.has(s), `dev set has ${s} cases`);
    const years = new Set(dev.map((c) => c.date?.slice(0, 4)));
    for (let y = 2015; y <= 2026; y++) assert.ok(years.has(String(y)), `dev set has ${y} cases`);
    const pm = dev.filter((c) => c.text === 'the prime minister' && c.context.startsWith("Japan's"));
    assert.deepEqual(pm.map((c) => c.date), ['2025-02-07', '2025-10-27']);
  });
});
