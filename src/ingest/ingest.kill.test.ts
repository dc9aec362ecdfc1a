import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, SHARED_DIR } from '../paths.js';

const CORPUS = join(SHARED_DIR, 'corpora/abc-headlines-2003/abcnews-date-text.csv');
const BIN = join(ROOT, 'src/cli/bin.ts');

/** Run `entente ingest -v` and SIGKILL it once it has reported `killAfter` stored articles. */
function ingestUntilKilled(db: string, killAfter: number): Promise<{ reported: number[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'ingest', CORPUS, '--db', db, '-v'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const reported: number[] = [];
    let buffer = '';
    let killed = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const m = /→ #(\d+)/.exec(line) ?? /duplicate of #\d+ \(stored as #(\d+)\)/.exec(line);
        if (m) reported.push(Number(m[1]));
      }
      if (!killed && reported.length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve({ reported, killed }));
  });
}

test('a real SIGKILL mid-ingest loses nothing reported, corrupts nothing, and a rerun resumes', { skip: !existsSync(CORPUS) && `${CORPUS} absent`, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'entente-kill-'));
  const db = join(dir, 'kill.db');
  try {
    const { reported, killed } = await ingestUntilKilled(db, 3000);
    assert.ok(killed, 'the ingest finished before it could be killed; raise the corpus size');
    const conn = new Database(db, { readonly: true });
    assert.equal(conn.pragma('integrity_check', { simple: true }), 'ok');
    const stored = new Set((conn.prepare('select id from articles').all() as Array<{ id: number }>).map((r) => r.id));
    conn.close();
    const lost = reported.filter((id) => !stored.has(id));
    assert.deepEqual(lost, []);
    assert.ok(stored.size < 21295, `killed run stored ${stored.size}`);

    // Resume: the rerun skips what is stored and ingests the rest.
    const rerun = spawn(process.execPath, ['--import', 'tsx', BIN, 'ingest', CORPUS, '--db', db, '--json'], { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    rerun.stdout.setEncoding('utf8');
    rerun.stdout.on('data', (c: string) => (out += c));
    const code = await new Promise<number | null>((ok) => rerun.on('close', ok));
    assert.equal(code, 0);
    const s = JSON.parse(out) as { ingested: number; duplicate: number; skipped: number; failed: number };
    assert.equal(s.skipped, stored.size);
    assert.equal(s.skipped + s.ingested + s.duplicate, 21295);
    assert.equal(s.failed, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
