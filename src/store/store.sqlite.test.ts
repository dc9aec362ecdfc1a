/** SQLite-only guarantees: durability across SIGKILL, and insert speed. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Article } from '../types.js';
import { WRITER_BATCH, writerArticle } from './durability-writer.js';
import { openStore } from './store.js';

const tempDir = mkdtempSync(join(tmpdir(), 'entente-store-sqlite-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));

const WRITER = fileURLToPath(new URL('./durability-writer.ts', import.meta.url));
const BATCHES_BEFORE_KILL = 40;

interface Printed {
  first: number;
  ids: number[];
}

/** Run the writer until it has printed `batches` committed batches, then SIGKILL it. */
function runWriterAndKill(path: string, batches: number): Promise<{ printed: Printed[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const printed: Printed[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^batch (\d+) ids ([\d,]+)$/.exec(line);
        if (!m?.[1] || !m[2]) return reject(new Error(`unexpected writer output: ${line}`));
        printed.push({ first: Number(m[1]), ids: m[2].split(',').map(Number) });
      }
      // The writer keeps committing while this runs: the kill lands somewhere in its loop.
      if (printed.length >= batches && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code ?? signal}: ${stderr}`));
      else resolve({ printed, signal });
    });
  });
}

test('SIGKILL after insertArticles returned loses nothing and corrupts nothing', async (t) => {
  const path = join(tempDir, 'kill', 'entente.db');
  const { printed, signal } = await runWriterAndKill(path, BATCHES_BEFORE_KILL);
  assert.equal(signal, 'SIGKILL');
  assert.ok(printed.length >= BATCHES_BEFORE_KILL);

  // Reading the file raw first: WAL recovery, then a full integrity check.
  const raw = new BetterSqlite3(path);
  try {
    assert.deepEqual(raw.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  } finally {
    raw.close();
  }

  const store = await openStore(path);
  try {
    let checked = 0;
    for (const { first, ids } of printed) {
      assert.equal(ids.length, WRITER_BATCH);
      for (const [i, id] of ids.entries()) {
        const got = await store.getArticle(id);
        assert.ok(got, `article ${id} printed by the writer is missing`);
        assert.deepStrictEqual(got, { ...writerArticle(first + i), id, ingestedAt: got.ingestedAt });
        checked++;
      }
    }
    // Batches are atomic: the kill may have cut a batch off, never half of one.
    const { total } = await store.listArticles({ limit: 0 });
    assert.ok(total >= checked, `${total} rows < ${checked} printed`);
    assert.equal(total % WRITER_BATCH, 0, `${total} rows is not a whole number of batches`);
    t.diagnostic(`writer killed after ${printed.length} printed batches; ${checked} printed ids verified, ${total} rows stored`);

    // Resume: a re-sent batch keeps its ids, new articles continue after the last one.
    const last = printed[printed.length - 1];
    assert.ok(last);
    const resent = Array.from({ length: WRITER_BATCH }, (_, i) => writerArticle(last.first + i));
    assert.deepEqual(await store.insertArticles(resent), last.ids);
    const more = Array.from({ length: 5 }, (_, i) => writerArticle(1_000_000 + i));
    const moreIds = await store.insertArticles(more);
    assert.deepEqual(moreIds, [1, 2, 3, 4, 5].map((k) => total + k));
    assert.equal((await store.listArticles({ limit: 0 })).total, total + 5);
  } finally {
    await store.close();
  }
});

function sizedArticle(n: number): Article {
  const body = `Article ${n}: ${'Diplomats met again to discuss the ceasefire terms and trade routes. '.repeat(44)}`;
  return {
    origin: `bench.jsonl:row-${n}`,
    format: 'jsonl',
    url: `https://news.example/a/${n}`,
    title: `Headline number ${n}`,
    body,
    related: [`Related ${n}`],
    outlet: 'Example Wire',
    outletBasis: 'column',
    published: '2024-05-01',
    dateBasis: 'column',
    language: 'eng',
    removed: [],
    messages: [],
    textHash: `perf-${n}`,
    simhash: n.toString(16).padStart(16, '0'),
  };
}

test('1,000 articles of ~3 KB insert in batches of 200 with consecutive ids; a repeated batch adds nothing', async (t) => {
  const articles = Array.from({ length: 1000 }, (_, n) => sizedArticle(n));
  const bytes = articles.reduce((sum, a) => sum + JSON.stringify(a).length, 0);
  assert.ok(bytes / articles.length > 3000 && bytes / articles.length < 3500, `avg ${bytes / articles.length} bytes`);
  const store = await openStore(join(tempDir, 'perf', 'entente.db'));
  try {
    const started = performance.now();
    const ids: number[] = [];
    for (let i = 0; i < articles.length; i += 200) ids.push(...(await store.insertArticles(articles.slice(i, i + 200))));
    const ms = performance.now() - started;
    t.diagnostic(`inserted 1000 articles (${(bytes / 1e6).toFixed(2)} MB) in 5 batches of 200: ${ms.toFixed(1)} ms`);
    assert.deepEqual(ids, Array.from({ length: 1000 }, (_, i) => i + 1));
    // Re-ingesting the same input is a look-up, no rows added.
    const again = performance.now();
    assert.deepEqual(await store.insertArticles(articles.slice(0, 200)), ids.slice(0, 200));
    t.diagnostic(`re-inserting a batch of 200 already stored: ${(performance.now() - again).toFixed(1)} ms`);
    assert.equal((await store.listArticles({ limit: 0 })).total, 1000);
  } finally {
    await store.close();
  }
});
