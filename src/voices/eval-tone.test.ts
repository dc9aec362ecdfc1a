import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { evalTone, parseToneCases, pearson, ranks, readToneCases, spearman } from './eval-tone.js';

test('pearson, spearman and tied ranks', () => {
  assert.equal(pearson([1, 2, 3], [2, 4, 6]), 1);
  assert.equal(pearson([1, 2, 3], [3, 2, 1]), -1);
  assert.deepEqual(ranks([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
  assert.equal(spearman([1, 2, 3, 4], [1, 4, 9, 16]), 1);
});

test('VADER layout: id<TAB>rating<TAB>text; bad lines reported with their line number', () => {
  const { cases, messages } = parseToneCases('id\tmean\ttext\na1\t1.5\tGood news.\na2\tx\tBad.\na3\t-9\tWorse.\na4\t2\n', 'f.tsv');
  assert.deepEqual(cases.map((c) => [c.line, c.id, c.rating, c.text]), [[2, 'a1', 1.5, 'Good news.']]);
  assert.deepEqual(messages.map((m) => [m.ruleId, m.place?.line]), [['tone-case-rating', 3], ['tone-case-rating', 4], ['tone-case-columns', 5]]);
});

test('our dev set: 220 news sentences we wrote and rated before tuning; r ≥ 0.58', () => {
  const { cases, messages } = readToneCases(join(import.meta.dirname, 'fixtures', 'tone-dev.tsv'));
  assert.deepEqual(messages, []);
  assert.equal(cases.length, 220);
  const r = evalTone(cases);
  assert.ok(r.pearson >= 0.58, `pearson ${r.pearson}`);
  assert.ok(r.spearman >= 0.58, `spearman ${r.spearman}`);
});
