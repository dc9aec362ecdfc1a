import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../test-support/cli.js';
import { GDELT2_COLUMNS } from '../events/export.js';

let dir: string;
let db: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'entente-events-cli-'));
  db = join(dir, 'e.db');
  const file = join(dir, 'a.txt');
  writeFileSync(
    file,
    [
      'Ministers Meet in Oslo',
      'Norwegian Prime Minister Jonas Gahr Støre met German Chancellor Olaf Scholz in Oslo on Monday.',
      'Russia imposed sanctions on Norway on Tuesday, the foreign ministry said.',
    ].join('\n'),
  );
  const r = await cli(['ingest', file, '--date', '2023-05-08', '--db', db]);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('code explains a sentence: actors, trigger, rule, event', async () => {
  const r = await cli(['code', 'Japan and South Korea signed a defence agreement on Friday.', '--date', '2024-03-01', '--json']);
  const j = JSON.parse(r.out) as { events: Array<{ plover: { type: string }; cameo: { code: string }; sources: Array<{ country: string }>; targets: Array<{ country: string }>; date: string; rule_id: string }>; dictionary_version: string };
  assert.equal(j.events.length, 1);
  const e = j.events[0]!;
  // CAMEO 057 (sign formal agreement) is SUPPORT in the CAMEO→PLOVER table.
  assert.deepEqual([e.cameo.code, e.plover.type, e.date], ['057', 'SUPPORT', '2024-03-01']);
  assert.deepEqual(new Set([...e.sources, ...e.targets].map((a) => a.country)), new Set(['JPN', 'KOR']));
  assert.match(j.dictionary_version, /\S/);
  const text = await cli(['code', 'Japan and South Korea signed a defence agreement on Friday.', '--date', '2024-03-01']);
  assert.match(text.out, /^actors: Japan → JPN/);
  assert.match(text.out, /events \(\d+\):\n {2}2024-03-01 {2}/);
});

test('events: filters by actor, dyad, type; formats json, csv, gdelt, plover', async () => {
  const all = JSON.parse((await cli(['events', '--format', 'json', '--db', db])).out) as Array<{ plover: { type: string }; sources: Array<{ country: string }>; targets: Array<{ country: string }> }>;
  assert.ok(all.length >= 2, JSON.stringify(all));
  const sanction = JSON.parse((await cli(['events', '--type', 'SANCTION', '--format', 'json', '--db', db])).out) as typeof all;
  assert.deepEqual(sanction.map((e) => [e.sources.map((a) => a.country), e.targets.map((a) => a.country)]), [[['RUS'], ['NOR']]]);
  const dyad = JSON.parse((await cli(['events', '--dyad', 'RUS:NOR', '--format', 'json', '--db', db])).out) as typeof all;
  assert.deepEqual(dyad.map((e) => e.plover.type), ['SANCTION']);
  const byActor = JSON.parse((await cli(['events', '--actor', 'deu', '--format', 'json', '--db', db])).out) as typeof all;
  assert.ok(byActor.length >= 1 && byActor.every((e) => [...e.sources, ...e.targets].some((a) => a.country === 'DEU')));
  const csv = (await cli(['events', '--format', 'csv', '--db', db])).out.trim().split('\n');
  assert.equal(csv[0], 'id,article_id,date,sources,targets,plover_type,plover_mode,cameo_code,cameo_root,quad_class,goldstein,modality,negated,trigger,rule_id,confidence,sentence');
  assert.equal(csv.length, all.length + 1);
  const gdelt = (await cli(['events', '--format', 'gdelt', '--type', 'SANCTION', '--db', db])).out.trim().split('\n');
  const row = Object.fromEntries(gdelt[0]!.split('\t').map((v, i) => [GDELT2_COLUMNS[i], v]));
  assert.equal(gdelt[0]!.split('\t').length, 61);
  assert.deepEqual([row['Actor1CountryCode'], row['Actor2CountryCode'], row['EventRootCode'], row['SQLDATE']], ['RUS', 'NOR', '16', '20230502']);
  const plover = JSON.parse((await cli(['events', '--format', 'plover', '--type', 'SANCTION', '--db', db])).out) as Array<{ event: string }>;
  assert.deepEqual(plover.map((p) => p.event), ['SANCTION']);
  const bad = await cli(['events', '--dyad', 'USA-CHN', '--db', db]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /expected SOURCE:TARGET such as USA:CHN, got "USA-CHN"/);
});

test('eval events reads each gold format and reports figures', async () => {
  const tsv = join(dir, 'c.tsv');
  writeFileSync(tsv, 'Russia imposed sanctions on Norway.\t4\nThe weather was mild in Oslo.\t0\nbroken line without a class\n');
  const c = await cli(['eval', 'events', tsv, '--format', 'conflibert', '--json']);
  const cj = JSON.parse(c.out) as { cases: number; accuracy: number; macro_f1: number };
  assert.equal(cj.cases, 2);
  assert.match(c.err, /c\.tsv.*line 3/);
  const xml = join(dir, 'p.xml');
  writeFileSync(xml, '<Sentences>\n<Sentence date="20230508" id="T-1" category="x">\n<EventCoding sourcecode="RUS" targetcode="NOR" eventcode="163"/>\n<Text>\nRussia imposed sanctions on Norway.\n</Text>\n</Sentence>\n</Sentences>\n');
  const p = JSON.parse((await cli(['eval', 'events', xml, '--format', 'petrarch', '--json'])).out) as { cases: number; precision: number; recall: number; f1: number };
  assert.deepEqual([p.cases, p.recall], [1, 1]);
  const missing = await cli(['eval', 'events', join(dir, 'nope.json'), '--format', 'plover']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /eval: cannot read .*nope\.json: ENOENT/);
  const noFormat = await cli(['eval', 'events', tsv]);
  assert.notEqual(noFormat.code, 0);
  assert.match(noFormat.err, /--format/);
});
