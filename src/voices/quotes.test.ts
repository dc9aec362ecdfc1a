import assert from 'node:assert/strict';
import test from 'node:test';
import { loadKnowledgeBase } from '../actors/kb.js';
import { resolveMentions } from '../actors/resolve.js';
import { analyze } from '../nlp/analyze.js';
import { findQuotes, isTitleCase, quoteMarks, type Quote } from './quotes.js';

const kb = loadKnowledgeBase();

function quotes(text: string, date = '2025-03-10'): Quote[] {
  const a = analyze(text);
  return findQuotes(a, resolveMentions(a, { date }, kb));
}

const brief = (q: Quote): string => `${q.speaker?.code ?? '-'}|${q.speaker?.text ?? '-'}|${q.via ?? '-'}|${q.text}`;

test('quote marks pair within a line; an unpaired mark is left alone', () => {
  assert.deepEqual(quoteMarks('a "b" c "d\n"e" f'), [[2, 4], [11, 13]]);
});

test('show titles and slogans are Title Case names, not quotations', () => {
  assert.equal(isTitleCase('Face the Nation.', 6), true);
  assert.equal(isTitleCase('we will not back down', 6), false);
  assert.deepEqual(quotes('The minister spoke on CBS\'s "Face the Nation" about the budget.').map(brief), []);
});

test('"…," X said — speaker after the quotation, multi-sentence quotation kept whole', () => {
  const qs = quotes('"We will keep talking. Nobody wants a trade war," Chinese Foreign Minister Wang Yi said on Friday.');
  assert.deepEqual(qs.map(brief), ['CHNGOV|Chinese Foreign Minister Wang Yi|after|We will keep talking. Nobody wants a trade war,']);
  assert.equal(qs[0]!.partial, false);
});

test('"…," said X and "…," he added (pronoun → its antecedent)', () => {
  const qs = quotes('German Chancellor Olaf Scholz met the press in Berlin. "Europe must stand together," said Scholz. "We cannot be divided on this," he added.', '2023-05-02');
  assert.deepEqual(qs.map((q) => `${q.speaker?.code}|${q.via}|${q.verb}`), ['DEUGOV|after|said', 'DEUGOV|after|added']);
});

test('X said, "…" and X remarked, "…" — speaker before the quotation', () => {
  const qs = quotes('Indian Prime Minister Narendra Modi remarked, "Our friendship with Japan has never been stronger."', '2024-08-01');
  assert.deepEqual(qs.map(brief), ['INDGOV|Indian Prime Minister Narendra Modi|before|Our friendship with Japan has never been stronger.']);
  assert.deepEqual(qs[0]!.about.map((a) => `${a.country}:${a.stance}`), ['JPN:supportive']);
});

test('X, who …, said "…" — the relative clause speaks for the actor before it', () => {
  const qs = quotes('The proposal drew a sharp response from French President Emmanuel Macron, who said "this is a grave mistake for Europe."', '2024-01-15');
  assert.equal(qs.length, 1);
  assert.equal(qs[0]!.speaker?.code, 'FRAGOV');
  assert.equal(qs[0]!.via, 'relative');
  assert.equal(qs[0]!.stance, 'critical');
});

test('partial quotation: two words inside the writer\'s sentence, with the actor it is about', () => {
  const qs = quotes('Secretary of State Antony Blinken called Iran\'s latest offer "deeply disappointing" after the talks.', '2022-09-01');
  assert.equal(qs.length, 1);
  assert.equal(qs[0]!.partial, true);
  assert.equal(qs[0]!.speaker?.code, 'USAGOV');
  assert.deepEqual(qs[0]!.about.map((a) => `${a.country}:${a.stance}`), ['IRN:critical']);
});

test('according to X', () => {
  const qs = quotes('The talks were "the most productive in years", according to Japanese Prime Minister Fumio Kishida.', '2023-03-01');
  assert.equal(qs[0]!.speaker?.code, 'JPNGOV');
  assert.equal(qs[0]!.via, 'according-to');
});

test('posts by handles are reactions with a stance', () => {
  const text = [
    'Readers reacted online.',
    '- @HarbourWatch: "Another summit, another photo. I will believe it when the ships actually move."',
    '- @TradeFan: "Finally a deal that protects our farmers. Great work by the negotiators!"',
  ].join('\n');
  const qs = quotes(text);
  assert.deepEqual(qs.map((q) => `${q.speaker?.text}|${q.via}|${q.reaction}`), ['@HarbourWatch|handle|sceptical', '@TradeFan|handle|supportive']);
});

test('a scare-quoted word with no speaker stays unattributed', () => {
  const qs = quotes('Officials called it a "reset" of sorts, but nobody would say more.');
  // "called" has no actor subject here: no speaker is invented.
  assert.equal(qs[0]!.speaker, undefined);
});
