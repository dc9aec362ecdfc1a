import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SHARED_DIR } from '../../paths.js';
import { actorCodeCountry, goldEventTriples, readPloverGold } from './plover.js';

const GSR = join(SHARED_DIR, 'eval', 'plover-gsr', 'PLOVER_GSR_CAMEO.txt');

describe('PLOVER gold reader on the GSR file', () => {
  const r = readPloverGold(readFileSync(GSR, 'utf8'), 'PLOVER_GSR_CAMEO.txt');

  it('reads every record, the DOCUMENT header aside', () => {
    assert.deepEqual(r.stats, {
      records: 323,
      documents: 1,
      sentences: 316,
      events: 322,
      skipped: 0,
      oldTypeNames: { INVESTIGATE: 9, DEMAND: 34, DISAPPROVE: 16, FIGHT: 17 },
      oddCodes: 14,
      nonStateCodes: { NGO: 4, IMG: 2, ISM: 1 },
      legacyCountryCodes: { JAP: 3, ITL: 2, VTN: 1 },
      droppedModes: 2,
      // PLOVER 0.5 coded destroying property and firing on crowds as COERCE (modes destroy, firearms); both modes are ASSAULT's today.
      movedModes: 5,
    });
    // Six texts carry two records each: one sentence, two events.
    assert.equal(r.sentences.filter((s) => s.events.length === 2).length, 6);
  });

  it('maps old type names to the 16 current types', () => {
    const counts: Record<string, number> = {};
    for (const s of r.sentences) for (const e of s.events) counts[e.type] = (counts[e.type] ?? 0) + 1;
    assert.deepEqual(counts, {
      AGREE: 40, CONSULT: 11, SUPPORT: 12, COOPERATE: 4, AID: 10, REJECT: 34, CONCEDE: 12, RETREAT: 14,
      ACCUSE: 25, REQUEST: 34, THREATEN: 29, PROTEST: 27, MOBILIZE: 6, SANCTION: 14, ASSAULT: 35, COERCE: 15,
    });
  });

  it('counts odd codes and reports bad fields with line numbers instead of throwing', () => {
    const byRule: Record<string, number> = {};
    for (const m of r.messages) byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
    assert.deepEqual(byRule, { 'plover-bad-actor-list': 1, 'plover-odd-code': 14, 'plover-mode-dropped': 2 });
    const bad = r.messages.find((m) => m.ruleId === 'plover-bad-actor-list');
    assert.equal(bad?.reason, 'PLOVER gold record PLOVER-GSR01-AGREE-0007: "target" is "diplomatic", not a list of actors; read as none');
    assert.equal(bad?.place?.line, 117);
    assert.ok(r.messages.filter((m) => m.ruleId === 'plover-odd-code').every((m) => m.reason.includes('"***"') && m.place?.line));
  });

  it('gives countries, modes and reciprocity of known records', () => {
    const first = r.sentences[0];
    assert.deepEqual(first && [first.id, first.date, first.line, first.events], [
      'PLOVER-GSR01-AGREE-0001',
      '2000-01-01',
      15,
      [{ type: 'AGREE', context: ['refugees'], sourceCountries: ['HUN', 'ROU'], targetCountries: [], reciprocal: true, rawType: 'AGREE', recordId: 'PLOVER-GSR01-AGREE-0001' }],
    ]);
    const event = (id: string) => r.sentences.flatMap((s) => s.events).find((e) => e.recordId === id);
    const apec = event('PLOVER-GSR01-AGREE-0002');
    assert.deepEqual([apec?.sourceCountries, apec?.targetCountries], [['IGO'], ['JPN']]);
    const host = r.sentences.flatMap((s) => s.events).filter((e) => e.rawMode === 'host');
    assert.deepEqual(host.map((e) => e.mode), ['visit', 'visit', 'visit']);
    const investigate = event('PLOVER-GSR01-INVESTIGATE-0001');
    assert.deepEqual([investigate?.type, investigate?.mode, investigate?.rawType], ['ACCUSE', 'investigate', 'INVESTIGATE']);
  });
});

describe('PLOVER gold reader on small files', () => {
  it('reports invalid JSON with its line', () => {
    const r = readPloverGold('[\n{"id": "a",\n "text": "x" "event": "AGREE"}\n]', 'bad.json');
    assert.deepEqual(r.sentences, []);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]?.ruleId, 'plover-json-invalid');
    assert.match(r.messages[0]?.reason ?? '', /^cannot parse PLOVER gold bad\.json: /);
  });

  it('skips records it cannot use, with a message each', () => {
    const file = JSON.stringify(
      [
        { id: 'T-1', event: 'TELEPORT', text: 'Ruritania teleported to Freedonia.' },
        { id: 'T-2', event: 'DEMAND', text: '' },
        'not a record',
        { id: 'T-3', event: 'FIGHT', mode: 'other', text: 'Ruritanian troops shelled Freedonian positions.', source: [{ actorText: 'Ruritanian troops', code: 'RUR', sector: 'MIL' }], target: [{ actorText: 'Freedonian', code: 'FRA' }] },
      ],
      null,
      2,
    );
    const r = readPloverGold(file, 'small.json');
    assert.deepEqual(r.messages.map((m) => [m.ruleId, m.severity, m.place?.line]), [
      ['plover-unknown-type', 'error', 3],
      ['plover-no-text', 'error', 8],
      ['plover-record-not-object', 'error', undefined],
      ['plover-mode-dropped', 'info', 14],
    ]);
    assert.deepEqual(r.sentences.map((s) => s.events.map((e) => [e.type, e.mode, e.sourceCountries, e.targetCountries])), [[['ASSAULT', undefined, [''], ['FRA']]]]);
    assert.equal(r.stats.skipped, 3);
    assert.deepEqual(r.stats.nonStateCodes, { RUR: 1 });
  });
});

describe('actor codes and triples', () => {
  it('takes the country from the first three letters', () => {
    assert.deepEqual(actorCodeCountry('USAGOV'), { country: 'USA' });
    assert.deepEqual(actorCodeCountry('IGOUNO'), { country: 'IGO' });
    assert.deepEqual(actorCodeCountry('JAP'), { country: 'JPN', legacy: 'JAP' });
    assert.deepEqual(actorCodeCountry('NGO'), { country: '' });
    assert.deepEqual(actorCodeCountry('***'), { country: '' });
  });

  it('expands events to (type, source, target) triples', () => {
    assert.deepEqual(goldEventTriples({ type: 'AGREE', sourceCountries: ['HUN', 'ROU'], targetCountries: [], reciprocal: true }), [
      ['AGREE', 'HUN', 'ROU'],
      ['AGREE', 'ROU', 'HUN'],
    ]);
    assert.deepEqual(goldEventTriples({ type: 'THREATEN', sourceCountries: ['USA'], targetCountries: ['KOR', 'CAN'], reciprocal: false }), [
      ['THREATEN', 'USA', 'KOR'],
      ['THREATEN', 'USA', 'CAN'],
    ]);
    assert.deepEqual(goldEventTriples({ type: 'RETREAT', sourceCountries: ['UGA'], targetCountries: [], reciprocal: false }), [['RETREAT', 'UGA', '']]);
    assert.deepEqual(goldEventTriples({ type: 'ASSAULT', sourceCountries: [], targetCountries: ['IRQ'], reciprocal: false }), [['ASSAULT', '', 'IRQ']]);
  });
});
