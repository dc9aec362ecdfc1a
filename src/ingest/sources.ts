import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { fetchUrl } from './fetch.js';

/** Where the bytes of one input come from. */
export type Source = { kind: 'file'; path: string; size: number } | { kind: 'url'; url: string } | { kind: 'stdin' };

export type ExpandResult = { sources: Source[]; failures: Array<{ origin: string; error: string; ruleId: string }> };

const URL_RE = /^https?:\/\//i;

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/** Arguments of `entente ingest` (paths, directories, URLs, `-`) to sources; directories are walked in name order. */
export async function expandInputs(inputs: string[]): Promise<ExpandResult> {
  const sources: Source[] = [];
  const failures: ExpandResult['failures'] = [];
  for (const input of inputs) {
    if (input === '-') {
      sources.push({ kind: 'stdin' });
      continue;
    }
    if (URL_RE.test(input)) {
      sources.push({ kind: 'url', url: input });
      continue;
    }
    // Absolute paths make origins stable, so re-ingesting from another directory is still idempotent.
    const path = resolve(input);
    try {
      const s = await stat(path);
      if (s.isDirectory()) {
        const files: string[] = [];
        await walk(path, files);
        if (files.length === 0) failures.push({ origin: input, error: `ingest: ${input}: directory holds no files`, ruleId: 'empty-dir' });
        for (const f of files) sources.push({ kind: 'file', path: f, size: (await stat(f)).size });
      } else sources.push({ kind: 'file', path, size: s.size });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      failures.push({ origin: input, error: `ingest: cannot read ${input}: ${why}`, ruleId: 'unreadable' });
    }
  }
  return { sources, failures };
}

export function sourceName(s: Source): string {
  return s.kind === 'file' ? s.path : s.kind === 'url' ? s.url : '-';
}

export type ReadResult = { ok: true; bytes: Buffer; url?: string } | { ok: false; error: string; ruleId: string };

async function readCapped(path: string, max: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(size, max));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function readStdin(max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Read one source's bytes within the size cap. The only I/O of ingestion besides the store. */
export async function readSource(s: Source, config: Config): Promise<ReadResult> {
  const max = config.ingest.maxBytes;
  const name = sourceName(s);
  try {
    if (s.kind === 'file') {
      if (s.size > max) return { ok: false, error: `ingest: ${name}: file is ${s.size} bytes, over the size cap of ${max} (raise it with --max-bytes)`, ruleId: 'too-large' };
      return { ok: true, bytes: await readCapped(s.path, max) };
    }
    if (s.kind === 'stdin') {
      const bytes = await readStdin(max);
      if (!bytes) return { ok: false, error: `ingest: standard input is over the size cap of ${max} bytes`, ruleId: 'too-large' };
      return { ok: true, bytes };
    }
    const r = await fetchUrl(s.url, { ...config.fetch, maxBytes: Math.min(config.fetch.maxBytes, max) });
    if (!r.ok) return { ok: false, error: r.error, ruleId: r.ruleId };
    return { ok: true, bytes: r.bytes, url: r.finalUrl };
  } catch (e) {
    return { ok: false, error: `ingest: cannot read ${name}: ${(e as Error).message}`, ruleId: 'unreadable' };
  }
}
