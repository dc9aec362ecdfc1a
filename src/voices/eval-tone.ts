/**
 * Tone evaluation against human ratings in the VADER layout: one case a
 * line, `id<TAB>mean_rating<TAB>text`, ratings −4…+4. Reports Pearson and
 * Spearman correlation between the ratings and our sentence tone. A bad
 * line becomes a message with its line number and is skipped.
 */
import { readFileSync } from 'node:fs';
import { message } from '../messages.js';
import type { Message } from '../types.js';
import { textTone } from './tone.js';

export interface ToneCase {
  line: number;
  id: string;
  rating: number;
  text: string;
}

export interface ToneEvalReport {
  cases: number;
  pearson: number;
  spearman: number;
  /** Cases by absolute error, worst first (rating vs tone, both −4…+4). */
  worst: Array<{ id: string; rating: number; tone: number; text: string }>;
}

export function parseToneCases(text: string, origin = 'cases'): { cases: ToneCase[]; messages: Message[] } {
  const cases: ToneCase[] = [];
  const messages: Message[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const parts = raw.split('\t');
    if (parts.length < 3) {
      messages.push(message('eval', 'tone-case-columns', `${origin}: line ${line}: expected id<TAB>rating<TAB>text, got ${parts.length} column(s)`, 'error', { line }));
      return;
    }
    const [id, rating, ...rest] = parts;
    const r = Number(rating);
    if (rating!.trim() === '' || !Number.isFinite(r) || r < -4 || r > 4) {
      // A header line ("id  mean  text") is skipped quietly.
      if (line === 1 && Number.isNaN(r)) return;
      messages.push(message('eval', 'tone-case-rating', `${origin}: line ${line}: rating must be a number in −4…+4, got "${rating}"`, 'error', { line }));
      return;
    }
    const t = rest.join('\t').trim();
    if (!t) {
      messages.push(message('eval', 'tone-case-text', `${origin}: line ${line}: empty text`, 'error', { line }));
      return;
    }
    cases.push({ line, id: id!.trim(), rating: r, text: t });
  });
  return { cases, messages };
}

export function readToneCases(file: string): { cases: ToneCase[]; messages: Message[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`eval: cannot read tone cases ${file}: ${(e as Error).message}`);
  }
  return parseToneCases(text, file);
}

export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2 || b.length !== n) return 0;
  const ma = a.reduce((x, y) => x + y, 0) / n;
  const mb = b.reduce((x, y) => x + y, 0) / n;
  let s = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    s += (a[i]! - ma) * (b[i]! - mb);
    sa += (a[i]! - ma) ** 2;
    sb += (b[i]! - mb) ** 2;
  }
  return sa === 0 || sb === 0 ? 0 : s / Math.sqrt(sa * sb);
}

/** Ranks with ties sharing their mean rank (1-based). */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((p, q) => p.x - q.x);
  const out = new Array<number>(xs.length);
  for (let k = 0; k < order.length; ) {
    let j = k;
    while (j + 1 < order.length && order[j + 1]!.x === order[k]!.x) j++;
    const r = (k + j) / 2 + 1;
    for (let m = k; m <= j; m++) out[order[m]!.i] = r;
    k = j + 1;
  }
  return out;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  return pearson(ranks(a), ranks(b));
}

const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export function evalTone(cases: readonly ToneCase[], score: (text: string) => number = textTone): ToneEvalReport {
  const gold = cases.map((c) => c.rating);
  const got = cases.map((c) => score(c.text));
  const worst = cases
    .map((c, i) => ({ id: c.id, rating: c.rating, tone: got[i]!, text: c.text }))
    .sort((x, y) => Math.abs(y.rating - y.tone) - Math.abs(x.rating - x.tone));
  return { cases: cases.length, pearson: r4(pearson(gold, got)), spearman: r4(spearman(gold, got)), worst };
}

export function formatToneReport(r: ToneEvalReport, errors = 0): string {
  const lines = [`cases     ${r.cases}`, `pearson   ${r.pearson.toFixed(4)}`, `spearman  ${r.spearman.toFixed(4)}`];
  if (errors > 0) {
    lines.push('', `worst ${Math.min(errors, r.worst.length)}:`);
    for (const w of r.worst.slice(0, errors)) lines.push(`  ${w.id}  rating ${w.rating}  tone ${w.tone}  ${w.text}`);
  }
  return lines.join('\n');
}
