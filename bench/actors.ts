/**
 * Actor resolution speed on reuters-2017 (989 articles): (a) wink-nlp
 * analysis alone, (b) analysis then resolveMentions, article by article as
 * ingestion runs them. Prints sentences/s, mentions/s and the resolver's
 * added cost relative to (a) (target ≤ 30%).
 *
 * Runs RUNS passes after a warm-up. Two estimates of the added cost: the
 * best pass totals, and the sum over articles of each article's fastest
 * time (robust to other processes on a shared machine, which inflate single
 * passes at random).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../src/actors/kb.js';
import { resolveMentions } from '../src/actors/resolve.js';
import { normalizeDate } from '../src/clean/date.js';
import { parseCsv } from '../src/ingest/tabular.js';
import { analyze } from '../src/nlp/analyze.js';
import { SHARED_DIR } from '../src/paths.js';

const RUNS = 5;
const file = join(SHARED_DIR, 'corpora/reuters-2017/True.csv');
if (!existsSync(file)) {
  console.log(`actors: skipped: ${file} not found`);
  process.exit(0);
}

const { docs } = parseCsv(readFileSync(file, 'utf8'), 'True.csv');
const texts = docs.map((d) => [d.title, d.text].filter(Boolean).join('\n'));
const dates = docs.map((d) => (d.hints.date ? (normalizeDate(d.hints.date) ?? null) : null));
const chars = texts.reduce((n, t) => n + t.length, 0);
const n = texts.length;

const t0 = performance.now();
const kb = loadKnowledgeBase();
const loadMs = performance.now() - t0;

/** Per-article fastest times (ms) over the runs. */
const aloneMin = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
const analyseMin = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
const resolveMin = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
let bestAlone = Number.POSITIVE_INFINITY;
let bestResolve = Number.POSITIVE_INFINITY;
let sentences = 0;
let tokens = 0;
let mentions = 0;
const byKind = new Map<string, number>();

// warm-up (JIT, caches)
for (let k = 0; k < 200 && k < n; k++) resolveMentions(analyze(texts[k]!), { date: dates[k] ?? null }, kb);

for (let run = 0; run < RUNS; run++) {
  // (a) analysis alone
  let alone = 0;
  for (let k = 0; k < n; k++) {
    const s = performance.now();
    analyze(texts[k]!);
    const ms = performance.now() - s;
    alone += ms;
    if (ms < aloneMin[k]!) aloneMin[k] = ms;
  }
  bestAlone = Math.min(bestAlone, alone);
  // (b) analysis then resolution, timed apart
  let resolve = 0;
  const last = run === RUNS - 1;
  for (let k = 0; k < n; k++) {
    const s0 = performance.now();
    const a = analyze(texts[k]!);
    const s1 = performance.now();
    const ms = resolveMentions(a, { date: dates[k] ?? null }, kb);
    const s2 = performance.now();
    if (s1 - s0 < analyseMin[k]!) analyseMin[k] = s1 - s0;
    if (s2 - s1 < resolveMin[k]!) resolveMin[k] = s2 - s1;
    resolve += s2 - s1;
    if (last) {
      sentences += a.sentences.length;
      tokens += a.tokens.length;
      mentions += ms.length;
      for (const m of ms) byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
    }
  }
  bestResolve = Math.min(bestResolve, resolve);
}

const sum = (xs: Float64Array): number => xs.reduce((p, q) => p + q, 0);
const aMs = sum(aloneMin);
const rMs = sum(resolveMin);
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
console.log(`actors: reuters-2017, ${n} articles, ${(chars / 1e6).toFixed(2)} M chars, ${sentences} sentences, ${tokens} tokens, ${RUNS} runs`);
console.log(`knowledge base load + compile      ${loadMs.toFixed(0)} ms`);
console.log(`(a) analyze() alone                ${(aMs / 1000).toFixed(2)} s  ${(sentences / (aMs / 1000)).toFixed(0)} sentences/s`);
console.log(`(b) analyze() + resolveMentions    ${((aMs + rMs) / 1000).toFixed(2)} s  ${(sentences / ((aMs + rMs) / 1000)).toFixed(0)} sentences/s  ${(mentions / ((aMs + rMs) / 1000)).toFixed(0)} mentions/s`);
console.log(`resolver alone                     ${(rMs / 1000).toFixed(2)} s  ${(sentences / (rMs / 1000)).toFixed(0)} sentences/s  ${(mentions / (rMs / 1000)).toFixed(0)} mentions/s`);
console.log(`added cost (per-article minima)    ${pct(rMs / aMs)}  (target ≤ 30%)`);
console.log(`added cost (best pass totals)      ${pct(bestResolve / bestAlone)}  (${(bestResolve / 1000).toFixed(2)} s / ${(bestAlone / 1000).toFixed(2)} s; noisy on a shared machine)`);
console.log(`mentions                           ${mentions} (${[...byKind].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(', ')})`);
