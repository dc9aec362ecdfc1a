import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DATA_DIR, SHARED_DIR } from '../paths.js';
import {
  cameo,
  cameoCodes,
  cameoData,
  loadCameoData,
  movedModeType,
  normaliseOldPloverType,
  normalisePloverMode,
  plover,
  ploverForCameo,
  ploverScore,
  quadForPlover,
} from './cameo.js';
import { PLOVER_TYPES } from './record.js';

describe('cameo codes', () => {
  it('gives exact values for known codes', () => {
    const pick = (code: string) => {
      const c = cameo(code);
      return c && [c.code, c.root, c.name, c.goldstein, c.quad];
    };
    assert.deepEqual(pick('01'), ['01', '01', 'MAKE PUBLIC STATEMENT', 0, 1]);
    assert.deepEqual(pick('036'), ['036', '03', 'Express intent to meet or negotiate', 4, 1]);
    assert.deepEqual(pick('042'), ['042', '04', 'Make a visit', 1.9, 1]);
    assert.deepEqual(pick('043'), ['043', '04', 'Host a visit', 2.8, 1]);
    assert.deepEqual(pick('044'), ['044', '04', "Meet at a 'third' location", 2.5, 1]);
    assert.deepEqual(pick('057'), ['057', '05', 'Sign formal agreement', 8, 1]);
    assert.deepEqual(pick('085'), ['085', '08', 'Ease economic sanctions, boycott, embargo', 7, 2]);
    assert.deepEqual(pick('0874'), ['0874', '08', 'Retreat or surrender militarily', 10, 2]);
    assert.deepEqual(pick('112'), ['112', '11', 'Accuse, not specified below', -2, 3]);
    assert.deepEqual(pick('138'), ['138', '13', 'Threaten to use military force, not specified below', -7, 3]);
    assert.deepEqual(pick('163'), ['163', '16', 'Impose embargo, boycott, or sanctions', -8, 4]);
    assert.deepEqual(pick('172'), ['172', '17', 'Impose administrative sanctions, not specified below', -5, 4]);
    assert.deepEqual(pick('190'), ['190', '19', 'Use conventional military force, not specified below', -10, 4]);
    assert.deepEqual(pick('2042'), ['2042', '20', 'Detonate nuclear weapons', -10, 4]);
    assert.equal(cameo('0875'), undefined);
    assert.equal(cameo('foo'), undefined);
  });

  it('splits the merged 1056/106 line of the GDELT table', () => {
    assert.deepEqual([cameo('1056')?.name, cameo('1056')?.goldstein], ['Demand de-escalation of military engagement', -5]);
    assert.deepEqual([cameo('106')?.name, cameo('106')?.level, cameo('106')?.goldstein], ['Demand withdrawal', 2, -5]);
    assert.ok(cameoCodes().every((c) => !/\d:\[/.test(c.name)));
  });

  it('holds the 311 codes of the GDELT tables, quad classes by root', () => {
    const codes = cameoCodes();
    assert.equal(codes.length, 311);
    assert.equal(codes.filter((c) => c.level === 1).length, 20);
    for (const c of codes) {
      const r = Number(c.root);
      assert.equal(c.quad, r <= 5 ? 1 : r <= 9 ? 2 : r <= 14 ? 3 : 4, c.code);
    }
  });

  it('agrees with the merged table in ../shared (every code, Goldstein and quad)', () => {
    const lines = readFileSync(join(SHARED_DIR, 'eval/cameo/cameo_codes_goldstein.csv'), 'utf8').trim().split('\n').slice(1);
    assert.equal(lines.length, 311);
    for (const line of lines) {
      const cells = line.split(',');
      const code = cells[0] ?? '';
      const goldstein = Number(cells.at(-3));
      const quad = Number(cells.at(-2));
      assert.deepEqual([cameo(code)?.goldstein, cameo(code)?.quad], [goldstein, quad], code);
    }
  });
});

describe('PLOVER types', () => {
  it('has the 16 types of the current manual with quads and scores', () => {
    assert.deepEqual(PLOVER_TYPES.map((t) => [t, plover(t)?.quad]), [
      ['AGREE', 1], ['CONSULT', 1], ['SUPPORT', 1], ['CONCEDE', 1], ['COOPERATE', 2], ['AID', 2], ['RETREAT', 2],
      ['REQUEST', 3], ['ACCUSE', 3], ['REJECT', 3], ['THREATEN', 3], ['PROTEST', 4], ['SANCTION', 3],
      ['MOBILIZE', 4], ['COERCE', 4], ['ASSAULT', 4],
    ]);
    assert.deepEqual(plover('consult')?.modes.map((m) => m.mode), ['multilateral', 'phone', 'third-party', 'visit']);
    assert.equal(plover('DEMAND'), undefined);
    assert.equal(ploverScore('CONSULT', 'visit'), 4);
    assert.equal(ploverScore('CONSULT'), 2.5);
    assert.equal(ploverScore('ASSAULT', 'no-such-mode'), -9);
    assert.equal(ploverScore('FIGHT'), undefined);
  });

  it('fixes the manual ACCUSE = 3 typo to -3', () => {
    assert.equal(plover('ACCUSE')?.score, -3);
    assert.match(plover('ACCUSE')?.note ?? '', /typo/);
  });

  it('quadForPlover gives the type quad', () => {
    assert.equal(quadForPlover('CONSULT', 'visit'), 1);
    assert.equal(quadForPlover('PROTEST'), 4);
    assert.equal(quadForPlover('SANCTION'), 3);
    assert.equal(quadForPlover('FIGHT'), undefined);
  });

  it('maps PLOVER 0.5 type names to today', () => {
    assert.deepEqual(normaliseOldPloverType('DEMAND'), { type: 'REQUEST' });
    assert.deepEqual(normaliseOldPloverType('disapprove'), { type: 'ACCUSE', mode: 'disapprove' });
    assert.deepEqual(normaliseOldPloverType('INVESTIGATE'), { type: 'ACCUSE', mode: 'investigate' });
    assert.deepEqual(normaliseOldPloverType('FIGHT'), { type: 'ASSAULT' });
    assert.deepEqual(normaliseOldPloverType(' Assault '), { type: 'ASSAULT' });
    assert.equal(normaliseOldPloverType('DOCUMENT'), undefined);
  });

  it('maps old mode names and drops modes a type does not have', () => {
    assert.equal(normalisePloverMode('CONSULT', 'host'), 'visit');
    assert.equal(normalisePloverMode('PROTEST', 'strike-hun'), 'hunger');
    assert.equal(normalisePloverMode('THREATEN', 'curfew'), 'restrict');
    assert.equal(normalisePloverMode('COERCE', 'curfew'), 'curfew');
    assert.equal(normalisePloverMode('COERCE', 'destroy'), undefined);
    // Destroying property moved from COERCE (PLOVER 0.5) to ASSAULT; "seize" stays COERCE's own.
    assert.equal(movedModeType('COERCE', 'destroy'), 'ASSAULT');
    assert.equal(movedModeType('COERCE', 'seize'), undefined);
    assert.equal(movedModeType('ASSAULT', 'arrest'), 'COERCE');
    assert.equal(movedModeType('AGREE', 'arrest'), undefined);
    assert.equal(normalisePloverMode('ASSAULT', 'assassinate'), 'targeted');
    assert.equal(normalisePloverMode('ASSAULT', 'deport'), undefined);
    assert.equal(normalisePloverMode('AGREE', ''), '');
  });
});

describe('CAMEO → PLOVER', () => {
  it('maps a dozen codes exactly', () => {
    const pick = (code: string) => {
      const m = ploverForCameo(code);
      return m && [m.type, m.mode, m.context, m.from];
    };
    assert.deepEqual(pick('036'), ['AGREE', '', ['diplomatic'], '036']);
    assert.deepEqual(pick('042'), ['CONSULT', 'visit', [], '042']);
    assert.deepEqual(pick('057'), ['SUPPORT', '', ['diplomatic'], '057']);
    assert.deepEqual(pick('0841'), ['RETREAT', 'release', ['legal'], '0841']);
    assert.deepEqual(pick('085'), ['RETREAT', '', ['economic'], '085']);
    assert.deepEqual(pick('0874'), ['RETREAT', 'disarm', ['military'], '0874']);
    assert.deepEqual(pick('091'), ['ACCUSE', 'investigate', ['crime', 'corruption'], '091']);
    assert.deepEqual(pick('1122'), ['ACCUSE', 'allege', ['human_rights'], '1122']);
    assert.deepEqual(pick('138'), ['THREATEN', 'violence', ['military'], '138']);
    assert.deepEqual(pick('163'), ['COERCE', 'restrict', ['diplomatic'], '163']);
    assert.deepEqual(pick('172'), ['COERCE', 'restrict', ['executive'], '172']);
    assert.deepEqual(pick('175'), ['ASSAULT', '', ['pro_autocracy', 'military'], '175']);
    assert.deepEqual(pick('186'), ['ASSAULT', 'targeted', [], '186']);
    assert.deepEqual(pick('190'), ['ASSAULT', '', ['military'], '190']);
    assert.deepEqual(pick('0254'), ['REQUEST', 'yield', ['economic'], '0254']);
  });

  it('falls back to the nearest parent code', () => {
    assert.deepEqual(ploverForCameo('0875'), { type: 'RETREAT', mode: 'disarm', context: ['military'], from: '087', basis: 'cameo2plover-2021' });
    assert.equal(ploverForCameo('1213')?.from, '121');
    assert.equal(ploverForCameo('08')?.type, 'CONCEDE');
    assert.equal(ploverForCameo('21'), undefined);
    assert.equal(ploverForCameo('x42'), undefined);
  });

  it('maps every CAMEO code or documents why not', () => {
    const data = cameoData();
    const none: string[] = [];
    for (const c of cameoCodes()) {
      const m = data.mappings.get(c.code);
      assert.notEqual(m, undefined, `no mapping entry for ${c.code}`);
      if (m === null) none.push(c.code);
      else assert.equal(ploverForCameo(c.code)?.from, c.code);
    }
    assert.deepEqual(none, ['01', '010', '011', '012', '013', '014', '015', '016', '017', '018', '019']);
    assert.equal(ploverForCameo('013'), undefined);
    const file = JSON.parse(readFileSync(join(DATA_DIR, 'cameo', 'cameo2plover.json'), 'utf8')) as { $comment: string; license: string };
    assert.match(file.$comment, /CC BY-SA 4\.0/);
    assert.match(file.$comment, /Schrodt/);
    assert.equal(file.license, 'CC BY-SA 4.0');
  });

  it('rejects a data file whose mode is not a mode of its type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-cameo-'));
    try {
      for (const f of ['cameo.json', 'plover.json']) writeFileSync(join(dir, f), readFileSync(join(DATA_DIR, 'cameo', f)));
      const mapping = JSON.parse(readFileSync(join(DATA_DIR, 'cameo', 'cameo2plover.json'), 'utf8')) as {
        mappings: { cameo: string; mode: string }[];
      };
      const visit = mapping.mappings.find((m) => m.cameo === '042');
      assert.ok(visit);
      visit.mode = 'teleport';
      writeFileSync(join(dir, 'cameo2plover.json'), JSON.stringify(mapping));
      assert.throws(() => loadCameoData(dir), /cameo: .*cameo2plover\.json: 042: "teleport" is not a mode of CONSULT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
