import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { codeSentence } from './coder.js';
import { DEFAULT_EVENTS_DIR, dictionary, loadDictionary, nounForms, verbForms } from './dictionary.js';

const countries = (xs: readonly { country: string }[]): string[] => [...new Set(xs.map((x) => x.country))].sort();

test('every CAMEO root 01–20 has entries, and every entry has its own id', () => {
  const d = dictionary();
  const roots = new Set(d.entries.map((e) => e.root));
  for (let r = 1; r <= 20; r++) assert.ok(roots.has(String(r).padStart(2, '0')), `no entries for root ${r}`);
  assert.equal(new Set(d.entries.map((e) => e.id)).size, d.entries.length);
  assert.match(d.version, /^[0-9a-f]{12}$/);
});

test('each entry codes its own example sentence', () => {
  const d = dictionary();
  const failures: string[] = [];
  for (const e of d.entries) {
    const ex = e.example;
    const r = codeSentence(ex.text, { date: ex.date ?? '2025-06-01', dict: d });
    const mine = [...r.events.map((x) => ({ kind: 'event' as const, rule: x.rule_id, sources: x.sources, targets: x.targets, modality: x.modality, negated: x.negated })),
      ...r.statements.map((x) => ({ kind: 'statement' as const, rule: x.rule_id, sources: x.speaker, targets: x.targets, modality: x.modality, negated: x.negated }))]
      .filter((x) => x.rule.startsWith(`${e.id}/`));
    if (ex.none) {
      if (mine.length) failures.push(`${e.id}: expected no event, got ${mine.map((m) => m.rule).join(', ')}`);
      continue;
    }
    const hit = mine.find((m) => countries(m.sources).join() === [...new Set(ex.sources)].sort().join() && countries(m.targets).join() === [...new Set(ex.targets)].sort().join());
    if (!hit) {
      const why = r.trace.flatMap((t) => t.triggers.map((x) => `${x.entry}:${x.outcome}[${x.sources}]→[${x.targets}]`)).join('; ');
      failures.push(`${e.id}: "${ex.text}" wanted ${ex.sources.join(',')}→${ex.targets.join(',')}; got ${mine.map((m) => `${countries(m.sources)}→${countries(m.targets)}`).join(' | ') || 'nothing'} (${why})`);
      continue;
    }
    if (ex.modality && hit.modality !== ex.modality) failures.push(`${e.id}: modality ${hit.modality}, wanted ${ex.modality}`);
    if (ex.negated !== undefined && hit.negated !== ex.negated) failures.push(`${e.id}: negated ${hit.negated}, wanted ${ex.negated}`);
  }
  assert.deepEqual(failures, []);
});

test('inflections cover regular and doubled forms', () => {
  assert.deepEqual(verbForms('ban').sort(), ['ban', 'banned', 'banning', 'bans', 'baned', 'baning'].sort());
  assert.ok(verbForms('free').includes('freed'));
  assert.ok(verbForms('deny').includes('denied'));
  assert.deepEqual(nounForms('talk'), ['talk', 'talks']);
});

test('a broken dictionary file is refused with the file and entry named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'entente-dict-'));
  cpSync(DEFAULT_EVENTS_DIR, dir, { recursive: true });
  const file = join(dir, '04-consult.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { entries: Array<Record<string, unknown>> };
  data.entries[0]!.code = '999';
  writeFileSync(file, JSON.stringify(data));
  assert.throws(() => loadDictionary(dir), /events: invalid data\/events\/04-consult\.json at entries\.0 \(\S+\): code 999 is not a CAMEO code/);
  data.entries[0]!.code = '040';
  data.entries[0]!.type = 'ASSAULT';
  delete data.entries[0]!.note;
  writeFileSync(file, JSON.stringify(data));
  assert.throws(() => loadDictionary(dir), /overrides CONSULT for 040: say why in "note"/);
});

test('the dictionary version changes with the files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'entente-dict-'));
  cpSync(DEFAULT_EVENTS_DIR, dir, { recursive: true });
  const before = loadDictionary(dir).version;
  const file = join(dir, 'cues.json');
  writeFileSync(file, readFileSync(file, 'utf8') + '\n');
  assert.notEqual(loadDictionary(dir).version, before);
  assert.equal(loadDictionary(dir).version, loadDictionary(dir).version);
});
