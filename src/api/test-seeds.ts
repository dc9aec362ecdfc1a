/** For tests and benchmarks: ingest the five shared seed articles with the dates they describe (../shared/README.md). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../config.js';
import type { Store } from '../store/store.js';
import type { KnowledgeBase } from '../actors/kb.js';
import { ingest } from '../ingest/ingest.js';
import { annotatePending } from '../annotate/run.js';
import { SHARED_DIR } from '../paths.js';

export const SEED_DIR = join(SHARED_DIR, 'seeds');
export const SEED_DATES: Record<string, string> = { '000': '2026-01-28', '001': '2025-02-05', '002': '2026-01-29', '003': '2025-10-27', '004': '2025-02-18' };

/** Ingest and annotate the seeds; returns the stored id of each seed by its number ('004' → id). */
export async function ingestSeeds(store: Store, kb: KnowledgeBase): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const name of readdirSync(SEED_DIR).sort()) {
    const prefix = name.slice(0, 3);
    const date = SEED_DATES[prefix];
    if (!date) continue;
    await ingest([join(SEED_DIR, name)], store, { ...DEFAULT_CONFIG, db: store.location }, { date }, {
      onResult: (r) => {
        if (r.status !== 'failed') ids[prefix] = r.id;
      },
    });
  }
  await annotatePending(store, kb);
  return ids;
}
