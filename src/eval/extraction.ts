/**
 * Article-body extraction evaluation in the layout and with the metric of the
 * Zyte article-extraction benchmark (github.com/scrapinghub/article-extraction-benchmark,
 * evaluate.py): tokens are `\w+`, 4-token shingles are compared as multisets,
 * per-page TP/FP/FN are normalised to sum to 1, precision and recall are means
 * over pages and F1 is computed from those means.
 *
 * Empty sides follow evaluate.py: a page whose prediction has no shingles
 * stays out of the precision mean (its recall is 0), a page whose truth has
 * none stays out of the recall mean. A page that cannot be read (missing file,
 * bad gzip) has no counterpart there (the script requires every page); here it
 * enters both means with precision = recall = 0.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { extractHtml } from '../ingest/html.js';

/** Like Python's `re.findall(r'\w+', text)` with re.UNICODE. */
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/**
 * Multiset of n-token shingles. As in the benchmark, a text with fewer than n
 * tokens (but at least one) yields a single shorter shingle.
 */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    // U+0001 cannot occur inside a \w token, so the join is unambiguous.
    const key = slice.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface ShingleMatch {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Shingle multiset over token ids: a 4-gram of ids below `base` is one exact
 * number while base⁴ stays below 2⁵³ (vocabularies up to 9,741 tokens),
 * which is much cheaper than joined strings. Same counts as shingles().
 */
function idShingles(ids: number[], base: number, n: number): Map<number | string, number> {
  const counts = new Map<number | string, number>();
  const last = Math.max(1, ids.length - n + 1);
  const numeric = (n + 1) * base ** n < Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < last; i++) {
    const end = Math.min(ids.length, i + n);
    if (end <= i) continue;
    let key: number | string;
    if (numeric) {
      // The length marker keeps a short text's single shingle apart from a full one.
      key = end - i;
      for (let j = i; j < end; j++) key = key * base + ids[j]!;
    } else key = ids.slice(i, end).join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** TP/FP/FN over shingles, normalised so that tp + fp + fn = 1 (all 0 when both texts have no tokens). */
export function shingleMatch(truth: string, prediction: string, n = 4): ShingleMatch {
  const vocab = new Map<string, number>();
  const idsOf = (text: string): number[] =>
    tokenize(text).map((tok) => {
      let id = vocab.get(tok);
      if (id === undefined) vocab.set(tok, (id = vocab.size));
      return id;
    });
  const truthIds = idsOf(truth);
  const predIds = idsOf(prediction);
  const base = vocab.size + 1;
  const t = idShingles(truthIds, base, n);
  const p = idShingles(predIds, base, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [key, pc] of p) {
    const tc = t.get(key) ?? 0;
    fp += Math.max(0, pc - tc);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

/** The benchmark's precision_score. */
export function precisionScore({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

/** The benchmark's recall_score. */
export function recallScore({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export interface PageScore {
  id: string;
  url?: string;
  precision: number;
  recall: number;
  f1: number;
  /**
   * Whether the page enters the precision / recall means. The benchmark leaves a
   * page out of the precision mean when the prediction has no shingles
   * (tp + fp = 0) and out of the recall mean when the truth has none (tp + fn = 0).
   * Pages that failed to load are always counted, with precision = recall = 0.
   */
  inPrecision: boolean;
  inRecall: boolean;
  error?: string;
}

export interface ExtractionReport {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
  perPage: PageScore[];
}

export function scorePage(id: string, truth: string, prediction: string, url?: string): PageScore {
  const m = shingleMatch(truth, prediction);
  const precision = precisionScore(m);
  const recall = recallScore(m);
  return {
    id,
    ...(url ? { url } : {}),
    precision,
    recall,
    f1: f1Of(precision, recall),
    inPrecision: m.tp + m.fp > 0,
    inRecall: m.tp + m.fn > 0,
  };
}

export function failedPage(id: string, error: string, url?: string): PageScore {
  return { id, ...(url ? { url } : {}), precision: 0, recall: 0, f1: 0, inPrecision: true, inRecall: true, error };
}

function f1Of(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** Aggregate page scores as the benchmark does: means of per-page P and R, F1 of the means. */
export function summarise(perPage: PageScore[]): ExtractionReport {
  const precision = mean(perPage.filter((p) => p.inPrecision).map((p) => p.precision));
  const recall = mean(perPage.filter((p) => p.inRecall).map((p) => p.recall));
  return { precision, recall, f1: f1Of(precision, recall), pages: perPage.length, perPage };
}

const GroundTruth = z.record(z.string(), z.object({ articleBody: z.string(), url: z.string().optional() }));

/**
 * Run extractHtml over every page of a benchmark-layout directory
 * (`ground-truth.json` and `html/<id>.html.gz`) and score it. A page whose
 * file is missing or not valid gzip scores 0 and carries an error; only an
 * unreadable ground-truth.json throws.
 */
export async function evalExtraction(dir: string): Promise<ExtractionReport> {
  const gtPath = join(dir, 'ground-truth.json');
  let truth: z.infer<typeof GroundTruth>;
  try {
    truth = GroundTruth.parse(JSON.parse(await readFile(gtPath, 'utf8')));
  } catch (e) {
    throw new Error(`eval: cannot read ground truth ${gtPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const perPage: PageScore[] = [];
  const entries = Object.entries(truth);
  const fileOf = (id: string): string => join(dir, 'html', `${id}.html.gz`);
  // Read the next page while the current one is extracted.
  const read = (i: number): Promise<Buffer | Error> | undefined =>
    i < entries.length ? readFile(fileOf(entries[i]![0])).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))) : undefined;
  let pending = read(0);
  for (let i = 0; i < entries.length; i++) {
    const [id, { articleBody, url }] = entries[i]!;
    const data = await pending!;
    pending = read(i + 1);
    let html: string;
    try {
      if (data instanceof Error) throw data;
      html = gunzipSync(data).toString('utf8');
    } catch (e) {
      perPage.push(failedPage(id, `eval: cannot read page ${fileOf(id)}: ${e instanceof Error ? e.message : String(e)}`, url));
      continue;
    }
    const doc = extractHtml(html, `${id}.html`, url ? { url } : {});
    perPage.push(scorePage(id, articleBody, doc.text, url));
  }
  return summarise(perPage);
}

/** Human-readable report; with `errors: N`, also the N worst pages by F1. */
export function formatExtractionReport(r: ExtractionReport, opts: { errors?: number } = {}): string {
  const lines = [
    `precision ${r.precision.toFixed(3)}`,
    `recall    ${r.recall.toFixed(3)}`,
    `f1        ${r.f1.toFixed(3)}`,
    `pages     ${r.pages}`,
  ];
  const failed = r.perPage.filter((p) => p.error);
  if (failed.length) lines.push(`failed    ${failed.length}`);
  const n = opts.errors ?? 0;
  if (n > 0 && r.perPage.length) {
    const worst = [...r.perPage].sort((a, b) => a.f1 - b.f1 || a.id.localeCompare(b.id)).slice(0, n);
    lines.push('', `worst ${worst.length} pages by f1:`);
    for (const p of worst) {
      lines.push(
        `  f1 ${p.f1.toFixed(3)}  p ${p.precision.toFixed(3)}  r ${p.recall.toFixed(3)}  ${p.id}${p.url ? `  ${p.url}` : ''}${p.error ? `  (${p.error})` : ''}`,
      );
    }
  }
  return lines.join('\n');
}
