import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracy, macroF1, matchTuples, pearson, ranks, spearman, tuplePrf, tuplePrfOverCases } from './metrics.js';

describe('tuple P/R/F1', () => {
  it('matches multisets', () => {
    const gold = [['AGREE', 'USA', 'RUS'], ['AGREE', 'USA', 'RUS'], ['ACCUSE', 'USA', 'UKR']];
    const predicted = [['AGREE', 'USA', 'RUS'], ['ACCUSE', 'USA', 'UKR'], ['ACCUSE', 'USA', 'UKR'], ['REJECT', 'USA', 'UKR']];
    assert.deepEqual(matchTuples(gold, predicted), { tp: 2, fp: 2, fn: 1 });
    assert.deepEqual(tuplePrf(gold, predicted), { tp: 2, fp: 2, fn: 1, precision: 0.5, recall: 2 / 3, f1: 4 / 7 });
  });

  it('compares tuples by value and type', () => {
    assert.deepEqual(matchTuples([['a', 1]], [['a', '1']]), { tp: 0, fp: 1, fn: 1 });
  });

  it('gives 0 for empty sides', () => {
    assert.deepEqual(tuplePrf([], []), { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
    assert.deepEqual(tuplePrf([['x']], []), { tp: 0, fp: 0, fn: 1, precision: 0, recall: 0, f1: 0 });
  });

  it('matches only within a case', () => {
    const r = tuplePrfOverCases([
      { gold: [['CONSULT', 'GBR', 'CHN']], predicted: [] },
      { gold: [], predicted: [['CONSULT', 'GBR', 'CHN']] },
      { gold: [['THREATEN', 'USA', 'CHN']], predicted: [['THREATEN', 'USA', 'CHN']] },
    ]);
    assert.deepEqual(r, { tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  });
});

describe('accuracy and macro-F1', () => {
  it('computes accuracy', () => {
    assert.equal(accuracy([1, 2, 3, 4], [1, 2, 0, 4]), 0.75);
    assert.equal(accuracy([], []), 0);
    assert.throws(() => accuracy([1], []), /metrics: accuracy: gold has 1 items, predicted 0/);
  });

  it('computes 5-class macro-F1 with a confusion matrix', () => {
    const gold = [0, 0, 1, 1, 2, 3, 4, 4];
    const predicted = [0, 1, 1, 1, 2, 4, 4, 0];
    const r = macroF1(gold, predicted, [0, 1, 2, 3, 4]);
    // class 0: P 1/2 R 1/2 F1 1/2; 1: P 2/3 R 1 F1 4/5; 2: 1; 3: 0; 4: P 1/2 R 1/2 F1 1/2
    assert.deepEqual(r.perClass.map((c) => [c.label, c.precision, c.recall, c.f1, c.support]), [
      [0, 0.5, 0.5, 0.5, 2],
      [1, 2 / 3, 1, 0.8, 2],
      [2, 1, 1, 1, 1],
      [3, 0, 0, 0, 1],
      [4, 0.5, 0.5, 0.5, 2],
    ]);
    assert.equal(r.macroF1, (0.5 + 0.8 + 1 + 0 + 0.5) / 5);
    assert.equal(r.accuracy, 5 / 8);
    assert.deepEqual(r.confusion, [
      [1, 1, 0, 0, 0],
      [0, 2, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0, 1],
      [1, 0, 0, 0, 1],
    ]);
  });

  it('defaults to the labels seen', () => {
    const r = macroF1(['b', 'a'], ['b', 'b']);
    assert.deepEqual(r.labels, ['a', 'b']);
    assert.equal(r.macroF1, (0 + 2 / 3) / 2);
  });
});

describe('correlations', () => {
  it('computes Pearson exactly', () => {
    assert.equal(pearson([1, 2, 3], [2, 4, 6]), 1);
    assert.equal(pearson([1, 2, 3], [3, 2, 1]), -1);
    assert.equal(pearson([1, 2, 3, 4], [1, 3, 2, 4]), 0.8);
    assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
    assert.ok(Number.isNaN(pearson([1], [1])));
  });

  it('ranks ties by their mean rank', () => {
    assert.deepEqual(ranks([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
  });

  it('computes Spearman on ranks', () => {
    assert.equal(spearman([1, 2, 3, 4], [10, 100, 1000, 10000]), 1);
    assert.equal(spearman([1, 2, 3, 4], [1, 3, 2, 4]), 0.8);
    // ranks x [1,2,3,4], y [1,2.5,2.5,4]: r = 4.5 / sqrt(5 * 4.5)
    assert.equal(spearman([1, 2, 3, 4], [5, 7, 7, 9]), 4.5 / Math.sqrt(5 * 4.5));
  });
});
