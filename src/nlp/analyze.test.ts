import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from './analyze.js';

test('tokens and sentences carry exact character offsets', () => {
  const text = 'Japan\'s prime minister met U.S. officials in Tokyo.\nThey didn\'t agree, he said.';
  const a = analyze(text);
  for (const t of a.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(a.sentences.map((s) => s.text), ["Japan's prime minister met U.S. officials in Tokyo.", "They didn't agree, he said."]);
  assert.deepEqual(a.tokens.slice(0, 4).map((t) => [t.text, t.pos, t.sentence]), [['Japan', 'PROPN', 0], ["'s", 'PART', 0], ['prime', 'ADJ', 0], ['minister', 'NOUN', 0]]);
  assert.equal(a.tokens.find((t) => t.text === 'met')!.lemma, 'meet');
  assert.equal(a.tokens.find((t) => t.text === 'They')!.sentence, 1);
});

test('odd input: empty text, unicode and runs of whitespace', () => {
  assert.deepEqual(analyze('').tokens, []);
  const text = 'Erdoğan  met   Zelenskyy — in Kyiv…';
  const a = analyze(text);
  for (const t of a.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.equal(a.tokens[0]!.text, 'Erdoğan');
});

test('leading whitespace and characters the tokenizer drops do not shift offsets', () => {
  for (const text of ['  Iran warned Israel.', '\uFEFFIran warned\u000b Israel. ']) {
    const a = analyze(text);
    assert.deepEqual(a.tokens.map((t) => t.text), ['Iran', 'warned', 'Israel', '.']);
    for (const t of a.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  }
});
