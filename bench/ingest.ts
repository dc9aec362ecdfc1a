/**
 * Ingest throughput into SQLite: the CSV corpora (text articles) and the HTML
 * dev pages. Each case runs in its own process so its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { ingest } from '../src/ingest/ingest.js';
import { openStore } from '../src/store/store.js';
import { SHARED_DIR } from '../src/paths.js';
import { annotatePending } from '../src/annotate/run.js';
import { loadKnowledgeBase } from '../src/actors/kb.js';

const CASES: Record<string, { inputs: string[]; unit: string; annotate?: boolean }> = {
  'reuters-2017 CSV': { inputs: [join(SHARED_DIR, 'corpora/reuters-2017/True.csv')], unit: 'articles' },
  'reuters-2017 + annotate': { inputs: [join(SHARED_DIR, 'corpora/reuters-2017/True.csv')], unit: 'articles', annotate: true },
  'partisan-2017 CSV': { inputs: [join(SHARED_DIR, 'corpora/partisan-2017/Fake.csv')], unit: 'articles' },
  'abc-headlines-2003 CSV': { inputs: [join(SHARED_DIR, 'corpora/abc-headlines-2003/abcnews-date-text.csv')], unit: 'headlines' },
  'zyte-dev HTML pages': { inputs: [join(SHARED_DIR, 'eval/extraction-zyte-dev/html')], unit: 'pages' },
};

async function runCase(name: string): Promise<void> {
  const c = CASES[name]!;
  const dir = mkdtempSync(join(tmpdir(), 'entente-bench-'));
  const config = loadConfig({}, { db: join(dir, 'bench.db') });
  const store = await openStore(config.db);
  const t0 = performance.now();
  const s = await ingest(c.inputs, store, config);
  if (c.annotate) await annotatePending(store, loadKnowledgeBase());
  const seconds = (performance.now() - t0) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const items = s.ingested + s.duplicate;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${name.padEnd(24)} ${String(items).padStart(6)} ${c.unit.padEnd(9)} ${seconds.toFixed(2).padStart(6)} s  ${(items / seconds).toFixed(0).padStart(6)} ${c.unit}/s  peak RSS ${rssMb.toFixed(0)} MB  (failed ${s.failed}, duplicate ${s.duplicate}, flagged ${s.flagged})`,
  );
}

const which = process.argv[2];
if (which) await runCase(which);
else {
  console.log('ingest into SQLite (one process per case; includes detection, parsing, cleaning, dedup, storage; "+ annotate" adds actor resolution and event coding)');
  for (const name of Object.keys(CASES)) {
    if (!CASES[name]!.inputs.every((p) => existsSync(p))) {
      console.log(`${name.padEnd(24)} skipped: ${CASES[name]!.inputs.join(' ')} not found`);
      continue;
    }
    spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
  }
}
