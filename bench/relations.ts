/**
 * `npm run bench -- relations`: 1M synthetic events drawn like the GDELT
 * sample (bench/gen-events.ts); times the full relation computation for all
 * dyads (target < 5 s), a store round trip, and one dyad series query on
 * SQLite for the busiest, the 10th and the 100th busiest dyad with its driver
 * evidence (target < 50 ms) as `entente dyad` reads it (its packed days,
 * relation_days) and, for comparison, from its rows; prints the cost of
 * keeping the days at write time (saveAnnotations per batch) and peak RSS. ENTENTE_BENCH_EVENTS overrides
 * the count; ENTENTE_BENCH_DB=path keeps the database and reuses it when it
 * exists (filling 1M events takes 4–8 minutes), e.g. /tmp/entente/bench1m.db.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadKnowledgeBase } from '../src/actors/kb.js';
import { loadAlliances } from '../src/relations/alliances.js';
import { catalogFromKnowledgeBase, expandGroups } from '../src/relations/groups.js';
import { dyadSpan, loadDyadDays, loadEvidence, loadRelationRows } from '../src/relations/load.js';
import { dyadSeriesOfDays } from '../src/relations/days.js';
import { periodFor } from '../src/report/collect.js';
import { computeRelations } from '../src/relations/relations.js';
import { dyadSeries } from '../src/relations/dyads.js';
import { DEFAULT_PARAMS, type RelationRow } from '../src/relations/types.js';
import { openStore } from '../src/store/store.js';
import { fillStore, generateRelationRows, loadDistributions } from './gen-events.js';

const N = Number(process.env['ENTENTE_BENCH_EVENTS'] ?? 1_000_000);
const keepDb = process.env['ENTENTE_BENCH_DB'];
const ms = (t0: number) => Math.round(performance.now() - t0);
const mib = (b: number) => `${Math.round(b / 1024 / 1024)} MiB`;
// The collector, to start each timed query without the bench's own garbage (a million rows, the other path's
// objects): a user's query runs in a process that never held them.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dist = loadDistributions();
console.log(`relations bench: ${N.toLocaleString('en')} events; distributions from ${dist.source}`);
console.log('(2 shared cores: figures are noisy while other work runs)');

let t0 = performance.now();
let rows: RelationRow[] | undefined = generateRelationRows(N, { distributions: dist });
console.log(`generate rows            ${ms(t0)} ms`);

const catalog = catalogFromKnowledgeBase(loadKnowledgeBase());
const alliances = loadAlliances();
const times: number[] = [];
let result = computeRelations(rows, catalog, alliances);
const full = { length: rows.length };
const cpu: number[] = [];
for (let i = 0; i < 2; i++) {
  t0 = performance.now();
  const c0 = process.cpuUsage();
  result = computeRelations(rows, catalog, alliances);
  const c = process.cpuUsage(c0);
  times.push(ms(t0));
  cpu.push(Math.round((c.user + c.system) / 1000));
}
console.log(`full index, all dyads    wall ${times.join(' / ')} ms, CPU ${cpu.join(' / ')} ms (target < 5000): ${result.dyads.length} dyads, ${result.shifts.length} shifts, ${result.hedging.length} hedging, ${result.blocs.length} blocs (${full.length.toLocaleString('en')} rows)`);
// A dyad query runs in a process that does not hold a million rows (the CLI; the API keeps computed results only):
// let them go before timing one, so the collector does not walk them on every run.
rows = undefined;

const dir = keepDb ? undefined : mkdtempSync(join(tmpdir(), 'entente-bench-rel-'));
const dbPath = keepDb ?? join(dir!, 'bench.db');
const reuse = existsSync(dbPath);
const store = await openStore(dbPath);
try {
  if (!reuse) {
    t0 = performance.now();
    const batches: Array<{ insertMs: number; annotateMs: number }> = [];
    const filled = await fillStore(store, N, { distributions: dist, onBatch: (b) => batches.push(b) });
    console.log(`store fill (SQLite)      ${ms(t0)} ms: ${filled.articles.toLocaleString('en')} articles, ${filled.events.toLocaleString('en')} events`);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : 0);
    const last = batches.slice(-10);
    console.log(`  ${batches.length} batches of 2,000 articles: saveAnnotations mean ${mean(batches.map((b) => b.annotateMs)).toFixed(0)} ms, last 10 ${mean(last.map((b) => b.annotateMs)).toFixed(0)} ms; insertArticles mean ${mean(batches.map((b) => b.insertMs)).toFixed(0)} ms`);
  } else console.log(`store fill               reused ${dbPath}`);
  t0 = performance.now();
  let stored: RelationRow[] | undefined = await loadRelationRows(store);
  const loadMs = ms(t0);
  t0 = performance.now();
  const fromStore = computeRelations(stored, catalog, alliances);
  console.log(`load all rows            ${loadMs} ms (${stored.length.toLocaleString('en')} rows); compute ${ms(t0)} ms (${fromStore.dyads.length} dyads)`);

  // The busiest dyad, the 10th and the 100th busiest: the worst case and typical ones.
  const bySize = [...fromStore.dyads].sort((a, b) => b.reports - a.reports).slice(0, 100).map(({ a, b, reports }) => ({ a, b, reports }));
  stored = undefined;
  const groups = catalog.groupKeys();
  for (const d of [bySize[0]!, bySize[9] ?? bySize[0]!, bySize[99] ?? bySize[0]!]) {
    // As `entente dyad A B` (src/cli/relations.ts): the packed days of the pairs that can count, the default period.
    const period = (span: { first: string; last: string }) => (span.first ? periodFor(span.first, span.last) : 'month');
    const fast = async () => {
      const t = [performance.now()];
      const { days, near } = await loadDyadDays(store, catalog, d.a, d.b, DEFAULT_PARAMS);
      const by = period(await dyadSpan(store, catalog, near, { settled: (span) => period(span) === 'month' }));
      t.push(performance.now());
      const s = dyadSeriesOfDays(days, d.a, d.b, catalog, { by, params: DEFAULT_PARAMS });
      t.push(performance.now());
      await loadEvidence(store, s.flatMap((x) => x.drivers.map((e) => e.eventId)));
      t.push(performance.now());
      return { t, steps: s.length, units: days.length, series: s };
    };
    // Before relation_days: every row of each side with every group key read as an object, groups expanded, dyadSeries.
    const rowsPath = async () => {
      const t = [performance.now()];
      const r = await loadRelationRows(store, { between: [[d.a, ...groups], [d.b, ...groups]] });
      t.push(performance.now());
      let first = '';
      let last = '';
      for (const x of r) {
        if (!first || x.date < first) first = x.date;
        if (x.date > last) last = x.date;
      }
      const s = dyadSeries(expandGroups(r, catalog, DEFAULT_PARAMS), d.a, d.b, { by: period({ first, last }), params: DEFAULT_PARAMS });
      t.push(performance.now());
      await loadEvidence(store, s.flatMap((x) => x.drivers.map((e) => e.eventId)));
      t.push(performance.now());
      return { t, steps: s.length, units: r.length, series: s };
    };
    // The two give the same series, default period included (src/relations/load.test.ts checks it in full).
    if (JSON.stringify((await fast()).series) !== JSON.stringify((await rowsPath()).series)) throw new Error(`bench relations: the series of ${d.a}–${d.b} from days differs from the one from rows`);
    for (const [name, run, times] of [['days', fast, 15], ['rows', rowsPath, 5]] as const) {
      const runs: number[] = [];
      const cpuRuns: number[] = [];
      const phase = [0, 0, 0];
      let last = { steps: 0, units: 0 };
      collect();
      for (let i = 0; i < times; i++) {
        const c0 = process.cpuUsage();
        const { t, steps, units } = await run();
        const c = process.cpuUsage(c0);
        runs.push(t[3]! - t[0]!);
        cpuRuns.push((c.user + c.system) / 1000);
        for (let k = 0; k < 3; k++) phase[k]! += (t[k + 1]! - t[k]!) / times;
        last = { steps, units };
      }
      console.log(`dyad series ${`${d.a}–${d.b}`.padEnd(12)} ${name.padEnd(5)} median ${median(runs).toFixed(1)} ms (CPU ${median(cpuRuns).toFixed(1)}), best ${Math.min(...runs).toFixed(1)} ms of ${times}${name === 'days' ? ' (target < 50)' : ''}: ${d.reports} rows, ${last.units} ${name} read, ${last.steps} monthly steps`);
      console.log(`  mean read ${phase[0]!.toFixed(1)} / series ${phase[1]!.toFixed(1)} / evidence ${phase[2]!.toFixed(1)} ms`);
    }
  }
} finally {
  await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
console.log(`peak RSS                 ${mib(process.resourceUsage().maxRSS * 1024)}`);
