/**
 * Evaluation metrics shared by the event and tone evaluations. Pure
 * functions; 0/0 ratios are 0 (as scikit-learn's zero_division=0), and
 * correlations that are undefined (fewer than two points, no variance) are NaN.
 */

/** A tuple compared by value, e.g. [type, source country, target country]. */
export type Tuple = readonly (string | number)[];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

function key(t: Tuple): string {
  return JSON.stringify(t);
}

/** Multiset match: each predicted tuple can match one equal gold tuple. */
export function matchTuples(gold: readonly Tuple[], predicted: readonly Tuple[]): Counts {
  const remaining = new Map<string, number>();
  for (const g of gold) remaining.set(key(g), (remaining.get(key(g)) ?? 0) + 1);
  let tp = 0;
  for (const p of predicted) {
    const k = key(p);
    const n = remaining.get(k) ?? 0;
    if (n > 0) {
      tp++;
      remaining.set(k, n - 1);
    }
  }
  return { tp, fp: predicted.length - tp, fn: gold.length - tp };
}

export function prfFromCounts(c: Counts): Prf {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  // 2tp / (2tp + fp + fn) is the harmonic mean of P and R, without a rounding step.
  return { ...c, precision, recall, f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn) };
}

/** P/R/F1 of one gold and one predicted multiset of tuples. */
export function tuplePrf(gold: readonly Tuple[], predicted: readonly Tuple[]): Prf {
  return prfFromCounts(matchTuples(gold, predicted));
}

/**
 * Micro P/R/F1 over cases (sentences): tuples match only within their own
 * case, counts are summed over cases.
 */
export function tuplePrfOverCases(cases: Iterable<{ gold: readonly Tuple[]; predicted: readonly Tuple[] }>): Prf {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const c of cases) {
    const m = matchTuples(c.gold, c.predicted);
    total.tp += m.tp;
    total.fp += m.fp;
    total.fn += m.fn;
  }
  return prfFromCounts(total);
}

function sameLength(a: readonly unknown[], b: readonly unknown[], what: string): void {
  if (a.length !== b.length) throw new Error(`metrics: ${what}: gold has ${a.length} items, predicted ${b.length}`);
}

/** Share of positions where gold and predicted are equal (0 for no items). */
export function accuracy<T>(gold: readonly T[], predicted: readonly T[]): number {
  sameLength(gold, predicted, 'accuracy');
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) ok++;
  return ratio(ok, gold.length);
}

export interface ClassReport {
  label: string | number;
  precision: number;
  recall: number;
  f1: number;
  /** Gold items of the class. */
  support: number;
}

export interface MacroReport {
  macroF1: number;
  accuracy: number;
  perClass: ClassReport[];
  /** confusion[i][j] = gold labels[i] predicted as labels[j]. */
  confusion: number[][];
  labels: (string | number)[];
}

/**
 * Per-class P/R/F1, their unweighted (macro) mean F1, accuracy and the
 * confusion matrix. `labels` defaults to every label seen in gold or
 * predicted, sorted; pass [0, 1, 2, 3, 4] for the 5-class quad evaluation.
 */
export function macroF1<T extends string | number>(gold: readonly T[], predicted: readonly T[], labels?: readonly T[]): MacroReport {
  sameLength(gold, predicted, 'macroF1');
  const ls = labels
    ? [...labels]
    : [...new Set([...gold, ...predicted])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map<T, number>(ls.map((l, i) => [l, i]));
  const confusion = ls.map(() => ls.map(() => 0));
  for (let i = 0; i < gold.length; i++) {
    const g = index.get(gold[i] as T);
    const p = index.get(predicted[i] as T);
    if (g !== undefined && p !== undefined) confusion[g]![p]! += 1;
  }
  const perClass = ls.map((label, i) => {
    const row = confusion[i]!;
    const tp = row[i]!;
    const support = row.reduce((a, b) => a + b, 0);
    const predictedN = confusion.reduce((a, r) => a + r[i]!, 0);
    const precision = ratio(tp, predictedN);
    const recall = ratio(tp, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  return {
    macroF1: ratio(perClass.reduce((a, c) => a + c.f1, 0), perClass.length),
    accuracy: accuracy(gold, predicted),
    perClass,
    confusion,
    labels: ls,
  };
}

/** Pearson's r. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  sameLength(x, y, 'pearson');
  const n = x.length;
  if (n < 2) return NaN;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** 1-based ranks, ties get the mean of their ranks. */
export function ranks(x: readonly number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(x.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]![1]] = rank;
    i = j + 1;
  }
  return out;
}

/** Spearman's rho: Pearson's r of the ranks (ties averaged). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  sameLength(x, y, 'spearman');
  return pearson(ranks(x), ranks(y));
}
