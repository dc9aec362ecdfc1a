/**
 * Test support for store.sqlite.test.ts (not a test itself): opens the SQLite
 * store at argv[2] and inserts batches forever, printing each batch's ids
 * (`batch <first article number> ids 1,2,3`) only after insertArticles has returned, i.e. after commit.
 * The test kills it with SIGKILL and checks that every printed id survived.
 */
import { openStore } from './store.js';
import type { Article } from '../types.js';

export const WRITER_BATCH = 20;

/** Deterministic article number n, so the parent can check what it reads back. */
export function writerArticle(n: number): Article {
  return {
    origin: `writer#${n}`,
    format: 'text',
    title: `Writer article ${n}`,
    body: `Body of writer article ${n}. `.repeat(40),
    related: [`related ${n}`],
    dateBasis: 'none',
    language: 'eng',
    removed: [],
    messages: [],
    textHash: `writer-${n}`,
    simhash: n.toString(16).padStart(16, '0'),
  };
}

async function main(path: string): Promise<void> {
  const store = await openStore(path);
  const start = Number(process.argv[3] ?? 0);
  for (let n = start; ; n += WRITER_BATCH) {
    const batch = Array.from({ length: WRITER_BATCH }, (_, i) => writerArticle(n + i));
    const ids = await store.insertArticles(batch);
    // Pipes are synchronous on Linux: the line is out before the next batch starts.
    process.stdout.write(`batch ${n} ids ${ids.join(',')}\n`);
  }
}

const path = process.argv[2];
if (path !== undefined && process.argv[1]?.endsWith('durability-writer.ts')) {
  main(path).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
