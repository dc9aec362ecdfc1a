/**
 * `npm run bench -- relations`: 1M synthetic events drawn like the GDELT
 * sample (bench/gen-events.ts); times the full relation computation for all
 * dyads (target < 5 s), a store round trip, and one dyad series query on
 * SQLite for the busiest, the 10th and the 100th busiest dyad with its driver
 * evidence (target < 50 ms); prints peak RSS. ENTENTE_BENCH_EVENTS overrides
 * the count; ENTENTE_BENCH_DB=path keeps the database and reuses it when it
 * exists (filling 1M events takes 4–8 minutes), e.g. /tmp/entente/bench1m.db.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../src/actors/kb.js';
import { loadAlliances } from '../src/relations/alliances.js';
import { catalogFromKnowledgeBase, expandGroups } from '../src/relations/groups.js';
import { loadEvidence, loadRelationRows } from '../src/relations/load.js';
import { computeRelations } from '../src/relations/relations.js';
import { dyadSeries } from '../src/relations/dyads.js';
import { DEFAULT_PARAMS } from '../src/relations/types.js';
import { openStore } from '../src/store/store.js';
import { fillStore, generateRelationRows, loadDistributions } from './gen-events.js';

const N = Number(process.env['ENTENTE_BENCH_EVENTS'] ?? 1_000_000);
const keepDb = process.env['ENTENTE_BENCH_DB'];
const ms = (t0: number) => Math.round(performance.now() - t0);
const mib = (b: number) => `${Math.round(b / 1024 / 1024)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dist = loadDistributions();
console.log(`relations bench: ${N.toLocaleString('en')} events; distributions from ${dist.source}`);
console.log('(2 shared cores: figures are noisy while other work runs)');

let t0 = performance.now();
const rows = generateRelationRows(N, { distributions: dist });
console.log(`generate rows            ${ms(t0)} ms`);

const catalog = catalogFromKnowledgeBase(loadKnowledgeBase());
const alliances = loadAlliances();
const times: number[] = [];
let result = computeRelations(rows, catalog, alliances);
const cpu: number[] = [];
for (let i = 0; i < 2; i++) {
  t0 = performance.now();
  const c0 = process.cpuUsage();
  result = computeRelations(rows, catalog, alliances);
  const c = process.cpuUsage(c0);
  times.push(ms(t0));
  cpu.push(Math.round((c.user + c.system) / 1000));
}
console.log(`full index, all dyads    wall ${times.join(' / ')} ms, CPU ${cpu.join(' / ')} ms (target < 5000): ${result.dyads.length} dyads, ${result.shifts.length} shifts, ${result.hedging.length} hedging, ${result.blocs.length} blocs`);

const dir = keepDb ? undefined : mkdtempSync(join(tmpdir(), 'entente-bench-rel-'));
const dbPath = keepDb ?? join(dir!, 'bench.db');
const reuse = existsSync(dbPath);
const store = await openStore(dbPath);
try {
  if (!reuse) {
    t0 = performance.now();
    const filled = await fillStore(store, N, { distributions: dist });
    console.log(`store fill (SQLite)      ${ms(t0)} ms: ${filled.articles.toLocaleString('en')} articles, ${filled.events.toLocaleString('en')} events`);
  } else console.log(`store fill               reused ${dbPath}`);
  t0 = performance.now();
  const stored = await loadRelationRows(store);
  const loadMs = ms(t0);
  t0 = performance.now();
  const fromStore = computeRelations(stored, catalog, alliances);
  console.log(`load all rows            ${loadMs} ms (${stored.length.toLocaleString('en')} rows); compute ${ms(t0)} ms (${fromStore.dyads.length} dyads)`);

  // The busiest dyad, the 10th and the 100th busiest: the worst case and typical ones.
  const bySize = [...fromStore.dyads].sort((a, b) => b.reports - a.reports);
  for (const d of [bySize[0]!, bySize[9] ?? bySize[0]!, bySize[99] ?? bySize[0]!]) {
    const runs: number[] = [];
    const cpuRuns: number[] = [];
    const phase = [0, 0, 0, 0];
    let steps = 0;
    for (let i = 0; i < 15; i++) {
      const c0 = process.cpuUsage();
      const t = [performance.now()];
      const r = await loadRelationRows(store, { between: [[d.a], [d.b]] });
      t.push(performance.now());
      const contribs = expandGroups(r, catalog, DEFAULT_PARAMS);
      t.push(performance.now());
      const s = dyadSeries(contribs, d.a, d.b, { by: 'month', params: DEFAULT_PARAMS });
      t.push(performance.now());
      await loadEvidence(store, s.flatMap((x) => x.drivers.map((e) => e.eventId)));
      t.push(performance.now());
      const c = process.cpuUsage(c0);
      runs.push(t[4]! - t[0]!);
      cpuRuns.push((c.user + c.system) / 1000);
      for (let k = 0; k < 4; k++) phase[k]! += (t[k + 1]! - t[k]!) / 15;
      steps = s.length;
    }
    console.log(`dyad series ${`${d.a}–${d.b}`.padEnd(12)} median ${median(runs).toFixed(1)} ms (CPU ${median(cpuRuns).toFixed(1)}), best ${Math.min(...runs).toFixed(1)} ms (target < 50): ${d.reports} rows, ${steps} monthly steps`);
    console.log(`  mean read ${phase[0]!.toFixed(1)} / groups ${phase[1]!.toFixed(1)} / series ${phase[2]!.toFixed(1)} / evidence ${phase[3]!.toFixed(1)} ms`);
  }
} finally {
  await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
console.log(`peak RSS                 ${mib(process.resourceUsage().maxRSS * 1024)}`);
