import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SHARED_DIR } from '../../paths.js';
import { readConflibertTsv } from './conflibert.js';

describe('ConfliBERT TSV reader', () => {
  it('reads the training file (CRLF) without complaint', () => {
    const r = readConflibertTsv(readFileSync(join(SHARED_DIR, 'eval', 'conflibert-train', 'data_cameo_class_train.tsv'), 'utf8'));
    assert.deepEqual(r.messages, []);
    assert.deepEqual(r.stats, { lines: 1349, cases: 1349, bad: 0, blank: 0, header: false, byClass: [240, 248, 303, 337, 221] });
    assert.ok(r.cases.every((c) => !c.text.includes('\r') && c.text.length > 0));
    assert.equal(r.cases[1348]?.line, 1349);
  });

  it('reports bad lines with their numbers and keeps the good ones', () => {
    const r = readConflibertTsv(
      [
        '\uFEFFsentence\tclass',
        'Freedonia praised Ruritania.\t1',
        'no tab on this line',
        'Ruritania shelled the border.\t7',
        '',
        '\t3',
        'A tab\tinside the sentence.\t0',
        'Borduria sent aid.\t2 ',
      ].join('\r\n') + '\r\n',
      'mini.tsv',
    );
    assert.deepEqual(r.cases, [
      { line: 2, text: 'Freedonia praised Ruritania.', label: 1 },
      { line: 7, text: 'A tab\tinside the sentence.', label: 0 },
      { line: 8, text: 'Borduria sent aid.', label: 2 },
    ]);
    assert.deepEqual(r.messages.map((m) => [m.ruleId, m.place?.line, m.reason]), [
      ['conflibert-no-tab', 3, 'ConfliBERT mini.tsv: no tab between sentence and class: "no tab on this line"'],
      ['conflibert-bad-class', 4, 'ConfliBERT mini.tsv: class "7" is not 0-4'],
      ['conflibert-no-text', 6, 'ConfliBERT mini.tsv: empty sentence'],
    ]);
    assert.deepEqual(r.stats, { lines: 8, cases: 3, bad: 3, blank: 1, header: true, byClass: [1, 1, 1, 0, 0] });
  });
});
