import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../test-support/cli.js';
import { ROOT } from '../paths.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'entente-actors-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('actors lookup resolves by date and context', async () => {
  const a = JSON.parse((await cli(['actors', 'lookup', 'the prime minister', '--context', "Japan's leader spoke on Monday.", '--date', '2025-02-07', '--json'])).out) as { mention: { ref: string; code: string } };
  assert.deepEqual([a.mention.ref, a.mention.code], ['shigeru-ishiba', 'JPNGOV']);
  const b = JSON.parse((await cli(['actors', 'lookup', 'the prime minister', '--context', "Japan's leader spoke on Monday.", '--date', '2025-10-27', '--json'])).out) as { mention: { ref: string } };
  assert.equal(b.mention.ref, 'sanae-takaichi');
  const text = await cli(['actors', 'lookup', 'Joe Biden', '--date', '2025-06-01']);
  assert.match(text.out, /^Joe Biden {2}→ {2}USAELI\nkind {8}person \(joe-biden\)\ncountry {5}USA\nsector {6}ELI/);
  const none = await cli(['actors', 'lookup', 'the weather', '--date', '2025-06-01']);
  assert.equal(none.code, 1);
  assert.equal(none.out, 'no actor found in "the weather" on 2025-06-01\n');
});

test('actors list filters by type and country', async () => {
  const people = JSON.parse((await cli(['actors', 'list', '--type', 'person', '--country', 'JPN', '--json'])).out) as Array<{ id: string; type: string }>;
  assert.ok(people.length >= 10);
  assert.ok(people.every((p) => p.type === 'person'));
  assert.ok(people.some((p) => p.id === 'sanae-takaichi'));
  const states = JSON.parse((await cli(['actors', 'list', '--type', 'state', '--json'])).out) as unknown[];
  assert.ok(states.length >= 249);
  const bad = await cli(['actors', 'list', '--type', 'planet']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /argument 'planet' is invalid/);
});

test('ingest resolves and stores mentions; mentions prints them; recode is idempotent', async () => {
  const db = join(dir, 'm.db');
  const file = join(dir, 'a.txt');
  writeFileSync(file, 'Leaders Meet in Tokyo\nJapanese Prime Minister Shigeru Ishiba met U.S. President Donald Trump in Tokyo on Friday. The Kremlin said it was watching.\n');
  const r = JSON.parse((await cli(['ingest', file, '--date', '2025-02-07', '--db', db, '--json'])).out) as { annotation: { annotated: number; mentions: number } };
  assert.equal(r.annotation.annotated, 1);
  const mentions = JSON.parse((await cli(['mentions', '1', '--json', '--db', db])).out) as Array<{ field: string; text: string; code: string; start: number; end: number }>;
  const body = mentions.filter((m) => m.field === 'body').map((m) => [m.text, m.code]);
  assert.deepEqual(body, [['Japanese Prime Minister Shigeru Ishiba', 'JPNGOV'], ['U.S. President Donald Trump', 'USAGOV'], ['Tokyo', 'JPN'], ['The Kremlin', 'RUSGOV']]);
  assert.equal(r.annotation.mentions, mentions.length);
  const again = JSON.parse((await cli(['recode', '--json', '--db', db])).out) as { annotated: number };
  assert.equal(again.annotated, 0);
  const forced = JSON.parse((await cli(['recode', '--all', '--json', '--db', db])).out) as { annotated: number; mentions: number };
  assert.deepEqual([forced.annotated, forced.mentions], [1, mentions.length]);
  const skipped = JSON.parse((await cli(['ingest', file, '--no-annotate', '--db', join(dir, 'n.db'), '--json'])).out) as { annotation?: unknown };
  assert.equal(skipped.annotation, undefined);
});

test('eval actors scores the dev set and reports bad lines', async () => {
  const r = JSON.parse((await cli(['eval', 'actors', join(ROOT, 'src/actors/fixtures/actors-dev.jsonl'), '--json'])).out) as { cases: number; country_accuracy: number; sector_accuracy: number };
  assert.ok(r.cases >= 200);
  assert.ok(r.country_accuracy >= 0.92, `country accuracy ${r.country_accuracy}`);
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"text": "Xi Jinping", "context": "", "date": "2020-01-01", "expected": {"country": "CHN", "sector": "GOV"}}\nnot json\n');
  const b = await cli(['eval', 'actors', bad, '--json']);
  assert.equal((JSON.parse(b.out) as { cases: number }).cases, 1);
  assert.match(b.err, /bad\.jsonl.*line 2/);
});
