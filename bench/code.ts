/**
 * `npm run bench -- code` (or `node --import tsx bench/code.ts`): event coding
 * throughput on one core, NLP included (wink-nlp analysis, actor resolution,
 * coding), over the Reuters 2017 wire articles in ../shared. Each article body
 * is coded as one field, the way ingestion codes it. A first full pass warms
 * the JIT and loads the knowledge base and dictionary; the figure is the
 * second pass (steady state).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../src/actors/kb.js';
import { resolveMentions } from '../src/actors/resolve.js';
import { codeAnalysis, fieldContext } from '../src/events/coder.js';
import { dictionary } from '../src/events/dictionary.js';
import { parseCsv } from '../src/ingest/tabular.js';
import { analyze } from '../src/nlp/analyze.js';
import { SHARED_DIR } from '../src/paths.js';

const file = join(SHARED_DIR, 'corpora', 'reuters-2017', 'True.csv');
const { docs } = parseCsv(readFileSync(file, 'utf8'), 'True.csv');
const texts = docs.map((d) => d.text).filter((t) => t.trim());
const kb = loadKnowledgeBase();
const dict = dictionary();

interface Pass {
  sentences: number;
  events: number;
  ms: { analyze: number; resolve: number; code: number; total: number };
  /** User + system CPU time of the process for the pass: unlike wall time, it does not count time other processes hold the core. */
  cpuMs: number;
}

function run(items: readonly string[]): Pass {
  const p: Pass = { sentences: 0, events: 0, ms: { analyze: 0, resolve: 0, code: 0, total: 0 }, cpuMs: 0 };
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (const text of items) {
    const t0 = performance.now();
    const a = analyze(text);
    const t1 = performance.now();
    const mentions = resolveMentions(a, { date: '2017-11-15' }, kb);
    const t2 = performance.now();
    const r = codeAnalysis(a, mentions, fieldContext({ date: '2017-11-15', field: 'body', useContext: true, trace: false, dict }));
    const t3 = performance.now();
    p.sentences += a.sentences.length;
    p.events += r.events.length;
    p.ms.analyze += t1 - t0;
    p.ms.resolve += t2 - t1;
    p.ms.code += t3 - t2;
  }
  p.ms.total = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  p.cpuMs = (cpu.user + cpu.system) / 1000;
  return p;
}

run(texts);
const p = run(texts);
const rate = (n: number, ms: number): string => Math.round((n / ms) * 1000).toLocaleString('en-US');
console.log(`bench code: ${texts.length} articles, ${p.sentences} sentences, ${p.events} events (${(p.events / p.sentences).toFixed(2)} per sentence)`);
console.log(`  total   ${rate(p.sentences, p.ms.total)} sentences/s  (${p.ms.total.toFixed(0)} ms, one core, NLP included; target ≥ 5,000)`);
console.log(`  cpu     ${rate(p.sentences, p.cpuMs)} sentences/s of process CPU time (${p.cpuMs.toFixed(0)} ms; steadier than wall time when others share the cores)`);
console.log(`  analyze ${p.ms.analyze.toFixed(0)} ms   resolve ${p.ms.resolve.toFixed(0)} ms   code ${p.ms.code.toFixed(0)} ms  (coder alone ${rate(p.sentences, p.ms.code)} sentences/s)`);
