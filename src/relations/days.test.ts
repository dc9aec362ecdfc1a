/**
 * compareSlices orders parts of texts exactly as JavaScript orders the strings they would make.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSlices } from './days.js';

test('compareSlices agrees with < and === on the slices, prefixes and code units included', () => {
  const words = ['', 'a', 'b', 'ab', 'abc', 'abd', 'b102295-0', 'b10229-0', 'b102295-1', 'B1', 'é', 'e\u0301', '\u{1F600}', '\uFFFF', 'a\u0000', 'Z'];
  // Each word inside a longer text, at a different place.
  const text = (w: string, i: number) => `${'x'.repeat(i % 3)}${w}${'y'.repeat(i % 2)}`;
  const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
  words.forEach((x, i) => {
    words.forEach((y, j) => {
      const got = compareSlices(text(x, i), i % 3, (i % 3) + x.length, text(y, j + 1), (j + 1) % 3, ((j + 1) % 3) + y.length);
      assert.equal(sign(got), x < y ? -1 : x === y ? 0 : 1, `${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    });
  });
});
