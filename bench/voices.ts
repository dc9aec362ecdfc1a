/**
 * `npm run bench -- voices`: throughput of the voices stage (quotations with
 * speakers, sentence tone, opinion language) on one core over the Reuters
 * 2017 wire bodies in ../shared, after wink-nlp analysis and actor resolution
 * (not counted), on text normalised as ingestion does. A first pass warms the JIT and loads the
 * data; the figures are the second pass. Also prints how many quotations
 * were found and the share attributed to a speaker (no gold: a coverage figure).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../src/actors/kb.js';
import { resolveMentions, type Mention } from '../src/actors/resolve.js';
import { parseCsv } from '../src/ingest/tabular.js';
import { analyze, type Analysis } from '../src/nlp/analyze.js';
import { SHARED_DIR } from '../src/paths.js';
import { normalizeText } from '../src/clean/normalize.js';
import { fieldVoices } from '../src/voices/annotate.js';

const file = join(SHARED_DIR, 'corpora', 'reuters-2017', 'True.csv');
const { docs } = parseCsv(readFileSync(file, 'utf8'), 'True.csv');
const kb = loadKnowledgeBase();
const prepared: Array<{ a: Analysis; m: Mention[] }> = docs
  .map((d) => d.text)
  .filter((t) => t.trim())
  .map((raw) => {
    // As ingestion does: straightened quotes and whitespace.
    const a = analyze(normalizeText(raw));
    return { a, m: resolveMentions(a, { date: '2017-11-15' }, kb) };
  });

function pass(): { ms: number; quotes: number; attributed: number; sentences: number } {
  let quotes = 0;
  let attributed = 0;
  let sentences = 0;
  const t0 = performance.now();
  for (const { a, m } of prepared) {
    const v = fieldVoices(a, m, 'body', 0);
    quotes += v.quotes.length;
    attributed += v.quotes.filter((q) => q.speaker).length;
    sentences += a.sentences.length;
  }
  return { ms: performance.now() - t0, quotes, attributed, sentences };
}

pass();
const r = pass();
console.log(`voices: ${prepared.length} articles, ${r.sentences} sentences in ${(r.ms / 1000).toFixed(2)} s → ${Math.round(prepared.length / (r.ms / 1000))} articles/s, ${Math.round(r.sentences / (r.ms / 1000))} sentences/s (one core; other work on the machine makes this noisy)`);
console.log(`quotations: ${r.quotes}, attributed to a speaker: ${r.attributed} (${((r.attributed / r.quotes) * 100).toFixed(1)}%)`);
