/**
 * `npm run bench -- api`: the API under load on loopback. Fills a SQLite store
 * with ENTENTE_BENCH_EVENTS synthetic events (default 1M, bench/gen-events.ts;
 * kept in .tmp/ for the next run, or ENTENTE_BENCH_DB), starts `entente serve`
 * in a child process, and drives it with autocannon: a dyad series (the
 * busiest dyad) and event pages. Prints p50/p95/p99 latency from every
 * response's time, and requests per second.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ROOT } from '../src/paths.js';
import { openStore } from '../src/store/store.js';
import { fillStore, loadDistributions } from './gen-events.js';

const N = Number(process.env['ENTENTE_BENCH_EVENTS'] ?? 1_000_000);
const SECONDS = Number(process.env['ENTENTE_BENCH_SECONDS'] ?? 10);
const dbPath = process.env['ENTENTE_BENCH_DB'] ?? join(ROOT, '.tmp', `bench-api-${N}.db`);
const ms = (t0: number) => Math.round(performance.now() - t0);

console.log(`api bench: ${N.toLocaleString('en')} events, SQLite ${dbPath}; ${SECONDS} s per run`);
console.log('(2 shared cores, load generator on the same machine: figures are noisy while other work runs)');

mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const store = await openStore(dbPath);
let busiest: [string, string];
try {
  const have = (await store.listEvents({ limit: 1 })).items.length > 0;
  if (!have) {
    const t0 = performance.now();
    const filled = await fillStore(store, N, { distributions: loadDistributions() });
    console.log(`store fill               ${ms(t0)} ms: ${filled.articles.toLocaleString('en')} articles, ${filled.events.toLocaleString('en')} events`);
  } else console.log('store fill               reused');
  // The busiest dyad is the worst case for a series: count a few pairs the generator favours, over the whole store.
  const candidates: Array<[string, string]> = [['USA', 'CHN'], ['USA', 'ISR'], ['USA', 'RUS'], ['RUS', 'UKR']];
  let best = -1;
  busiest = candidates[0]!;
  for (const [a, b] of candidates) {
    let n = 0;
    for (let page = await store.listRelationRows({ between: [[a], [b]], limit: 100_000 }); ; ) {
      n += page.items.length;
      if (!page.next) break;
      page = await store.listRelationRows({ between: [[a], [b]], limit: 100_000, after: page.next });
    }
    if (n > best) [best, busiest] = [n, [a, b]];
  }
  console.log(`busiest dyad             ${busiest.join('–')}: ${best.toLocaleString('en')} event rows`);
} finally {
  await store.close();
}

const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), 'serve', '--db', dbPath, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
    if (m) resolve(m[1]!);
  });
  child.once('exit', (code) => reject(new Error(`bench: server exited with ${code}`)));
});

async function timeOnce(path: string): Promise<{ ms: number; status: number; body: unknown }> {
  const t0 = performance.now();
  const res = await fetch(url + path);
  const body = await res.json();
  return { ms: ms(t0), status: res.status, body };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function load(name: string, path: string, connections: number): Promise<void> {
  const times: number[] = [];
  const instance = autocannon({ url: url + path, connections, duration: SECONDS, timeout: 30, headers: { 'accept-encoding': 'gzip' } });
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const r = await instance;
  times.sort((a, b) => a - b);
  if (times.length === 0) {
    console.log(`${name.padEnd(34)} c=${connections}: no response within ${SECONDS} s`);
    return;
  }
  const f = (x: number) => x.toFixed(1).padStart(6);
  console.log(`${name.padEnd(34)} c=${String(connections).padEnd(2)} n=${String(times.length).padEnd(6)} p50 ${f(percentile(times, 50))} ms  p95 ${f(percentile(times, 95))} ms  p99 ${f(percentile(times, 99))} ms  ${Math.round(r.requests.average)} req/s  ${r.non2xx} non-2xx, ${r.errors} errors`);
}

try {
  const [a, b] = busiest;
  const first = await timeOnce('/api/events?limit=50');
  const middle = (first.body as { next?: string }).next;
  const targets: Array<[string, string]> = [
    [`dyad series ${a}–${b}`, `/api/dyads/${a}/${b}`],
    ['events page (first)', '/api/events?limit=50'],
    ['events page (cursor)', `/api/events?limit=50&after=${middle}`],
    [`events page dyad ${a}:${b}`, `/api/events?dyad=${a}:${b}&limit=50`],
  ];
  // The graph first: serve starts computing the whole picture when it listens, and this waits for it.
  for (const [name, path] of [['network graph (all dyads)', '/api/graph'] as [string, string], ['network graph again (cached)', '/api/graph'] as [string, string], ...targets]) {
    const cold = await timeOnce(path);
    console.log(`cold ${name.padEnd(29)} ${cold.ms} ms (status ${cold.status})`);
  }
  for (const connections of [1, 8]) for (const [name, path] of targets) await load(name, path, connections);
} finally {
  child.kill('SIGTERM');
}
