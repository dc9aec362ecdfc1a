import assert from 'node:assert/strict';
import test from 'node:test';
import { analyze } from '../nlp/analyze.js';
import { compileToneLexicon, ToneLexiconFile, toneLexicon } from './data.js';
import { actorTones, analysisTone, textTone } from './tone.js';

test('domain terms carry tone: a ceasefire is good news, shelling bad', () => {
  assert.ok(textTone('The two armies agreed to a ceasefire.') > 1);
  assert.ok(textTone('Shelling continued through the night.') < -1);
});

test('negation flips and damps within its scope, not across a comma', () => {
  const plain = textTone('The talks were productive.');
  const negated = textTone('The talks were not productive.');
  assert.ok(plain > 0 && negated < 0 && Math.abs(negated) < Math.abs(plain));
  assert.ok(textTone('Not today, but the talks were productive.') > 0);
});

test('intensifiers raise and diminishers lower the weight', () => {
  assert.ok(textTone('Prices fell very sharply.') < textTone('Prices fell.'));
  assert.ok(textTone('Exports rose slightly, a modest gain.') < textTone('Exports rose, a gain.'));
});

test('names are neutral: "United States", "Justice Department", "Liberty Party" score nothing', () => {
  assert.equal(textTone('The United States sent a delegation to the Justice Department.'), 0);
  const a = analyze('Officials of the Liberty Party met in Geneva.');
  assert.equal(analysisTone(a).sentences[0]!.tone, 0);
});

test('"but" weights what follows', () => {
  assert.ok(textTone('The plan is ambitious, but it is a failure.') < 0);
});

test('GDELT-style article tone is positive % − negative % of words', () => {
  const a = analyze('The deal is a success. Fighting killed ten people.');
  const t = analysisTone(a);
  assert.equal(t.words, 9);
  // success (+), deal (+) / fighting (−), killed (−): 2 − 2 of 9 words.
  assert.equal(t.positive, 22.222);
  assert.equal(t.negative, 22.222);
  assert.equal(t.tone, 0);
});

test('per-actor tone is the mean tone of the sentences naming the actor', () => {
  const a = analyze('Ruritania praised the agreement. Ruritania condemned the attack. Borduria stayed silent.');
  const t = analysisTone(a);
  const tones = actorTones(
    [
      { start: 0, end: 9, sentence: 0, code: 'RUR', country: 'RUR', text: 'Ruritania' },
      { start: 33, end: 42, sentence: 1, code: 'RUR', country: 'RUR', text: 'Ruritania' },
      { start: 64, end: 72, sentence: 2, code: 'BOR', country: 'BOR', text: 'Borduria' },
    ],
    t,
  );
  const mean = Math.round(((t.sentences[0]!.tone + t.sentences[1]!.tone) / 2) * 1000) / 1000;
  assert.deepEqual(tones.map((x) => [x.code, x.sentences, x.tone]), [['RUR', 2, mean], ['BOR', 1, 0]]);
});

test('the tone lexicon file is valid and a bad entry is refused with its path', () => {
  assert.ok(toneLexicon().valence.get('ceasefire')! > 0);
  const bad = ToneLexiconFile.safeParse({ $comment: 'x', version: 1, neutral: [], terms: { war: -9 }, phrases: [], negators: [], negationScope: 3, negationFactor: -0.7, intensifiers: {}, diminishers: {}, contrast: [] });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues.map((i) => i.path.join('.')), ['terms.war']);
  const lex = compileToneLexicon({ $comment: 'x', version: 1, neutral: ['good'], terms: { tariff: -1 }, phrases: [{ text: 'trade war', valence: -3 }], negators: ['not'], negationScope: 3, negationFactor: -0.74, intensifiers: {}, diminishers: {}, contrast: ['but'] }, { good: 3, bad: -3 });
  assert.deepEqual([lex.valence.get('good'), lex.valence.get('bad'), lex.valence.get('tariff')], [0, -3, -1]);
  assert.equal(lex.phrases.get('trade')![0]!.valence, -3);
});
