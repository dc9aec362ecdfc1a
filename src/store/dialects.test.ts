import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, parseLocation, redactUrl } from './dialects.js';
import { migrationVersion, LATEST_VERSION } from './migrations.js';
import { openStore } from './store.js';

const tempDir = mkdtempSync(join(tmpdir(), 'entente-store-dialects-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));

test('parseLocation picks the dialect from the location string', () => {
  assert.deepEqual(parseLocation('entente.db'), { kind: 'sqlite', path: 'entente.db' });
  assert.deepEqual(parseLocation(':memory:'), { kind: 'sqlite', path: ':memory:' });
  assert.deepEqual(parseLocation('/var/lib/entente/x.sqlite'), { kind: 'sqlite', path: '/var/lib/entente/x.sqlite' });
  assert.deepEqual(parseLocation('postgres://u:p@db:5432/news'), { kind: 'postgres', url: 'postgres://u:p@db:5432/news' });
  assert.deepEqual(parseLocation('postgresql://db/news?schema=run_1&sslmode=disable'), {
    kind: 'postgres',
    url: 'postgresql://db/news?sslmode=disable',
    schema: 'run_1',
  });
  assert.deepEqual(parseLocation('postgres://db/news?schema=a', { schema: 'b' }), {
    kind: 'postgres',
    url: 'postgres://db/news',
    schema: 'b',
  });
  assert.throws(() => parseLocation('postgres://db/news', { schema: 'Bad-Name' }), {
    message: 'store: invalid PostgreSQL schema name "Bad-Name" (use lower-case letters, digits and _)',
  });
  assert.throws(() => parseLocation(''), { message: 'store: empty database location' });
});

test('redactUrl hides the password only', () => {
  assert.equal(redactUrl('postgres://ann:s3cret@db:5432/news'), 'postgres://ann:***@db:5432/news');
  assert.equal(redactUrl('postgres://ann@db/news'), 'postgres://ann@db/news');
  assert.equal(redactUrl('entente.db'), 'entente.db');
});

test('migration versions come from the name prefix', () => {
  assert.equal(migrationVersion('0001_articles'), 1);
  assert.equal(migrationVersion('0012_places'), 12);
  assert.equal(migrationVersion('articles'), undefined);
  assert.equal(LATEST_VERSION, 6);
});

test('SQLite opens with WAL, synchronous=NORMAL, foreign keys and a busy timeout', async () => {
  const path = join(tempDir, 'new', 'dir', 'entente.db');
  const { db } = await openDatabase(path);
  try {
    const pragma = async (name: string) =>
      Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db)).rows[0] ?? {})[0];
    assert.equal(await pragma('journal_mode'), 'wal');
    assert.equal(await pragma('synchronous'), 1);
    assert.equal(await pragma('foreign_keys'), 1);
    assert.equal(await pragma('busy_timeout'), 5000);
  } finally {
    await db.destroy();
  }
});

test('a file that is not a SQLite database is refused with its path', async () => {
  const path = join(tempDir, 'notes.db');
  writeFileSync(path, 'this is not a database, just some text that is long enough to have a header'.repeat(20));
  await assert.rejects(openStore(path), { message: `store: cannot open SQLite database ${path}: file is not a database` });
});

test(':memory: works as a throwaway SQLite store', async () => {
  const store = await openStore(':memory:');
  try {
    assert.equal(store.kind, 'sqlite');
    assert.deepEqual(await store.migrate(), { version: LATEST_VERSION, applied: [] });
  } finally {
    await store.close();
  }
});

test('an unreachable PostgreSQL server is reported with the redacted URL', async () => {
  await assert.rejects(openStore('postgres://ann:s3cret@127.0.0.1:1/news'), {
    message: 'store: cannot connect to PostgreSQL at postgres://ann:***@127.0.0.1:1/news: connect ECONNREFUSED 127.0.0.1:1',
  });
});
