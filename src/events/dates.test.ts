import assert from 'node:assert/strict';
import test from 'node:test';
import * as chrono from 'chrono-node';
import { referenceInstant, sentenceDates } from './dates.js';

const days = (text: string, ref: string): string[] => sentenceDates(text, 0, ref).days.map((d) => `${d.text}=${d.date}`);

test('explicit days are read against the article date; now, today and durations are not dates', () => {
  assert.deepEqual(days('The latest development came on January 29, 2026, when they met.', '2026-01-30'), ['January 29, 2026=2026-01-29']);
  assert.deepEqual(days('They met on Nov. 2 in Paris.', '2026-01-29'), ['Nov. 2=2025-11-02']);
  assert.deepEqual(days('They delayed tariffs for 30 days and now talk.', '2026-01-29'), []);
  assert.deepEqual(days('They met today.', '2026-01-29'), []);
  assert.deepEqual(days('They met yesterday.', '2026-01-29'), ['yesterday=2026-01-28']);
  assert.deepEqual(days('They met on 3 March 2024.', '2026-01-29'), ['on 3 March 2024=2024-03-03']);
});

test('bare years are kept apart for the historical modality', () => {
  assert.deepEqual(sentenceDates('In 2018 the United States imposed tariffs.', 10, '2025-02-01').years, [{ start: 13, year: 2018 }]);
});

test('the fast path reads weekdays and "Month D" exactly as chrono does', () => {
  for (const ref of ['2026-01-29', '2026-02-01', '2026-02-07', '2026-02-02', '2025-12-31']) {
    for (const text of ['on Sunday', 'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Nov. 2', 'on March 3', 'on December 30', 'on January 2, 2024']) {
      const chronoDate = chrono.parse(text, { instant: referenceInstant(ref), timezone: 'UTC' }, { forwardDate: false })[0]!.start.date().toISOString().slice(0, 10);
      assert.equal(sentenceDates(text, 0, ref).days[0]?.date, chronoDate, `${text} / ${ref}`);
    }
  }
});
