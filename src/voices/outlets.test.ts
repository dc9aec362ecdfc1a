import assert from 'node:assert/strict';
import test from 'node:test';
import type { ArticleToneRow, QuoteWithArticle } from '../store/store.js';
import { compareOutlets, outletProfiles } from './outlets.js';

const row = (articleId: number, outlet: string | undefined, tone: number, opinion: number, actors: ArticleToneRow['actors']): ArticleToneRow => ({
  articleId, title: `t${articleId}`, ...(outlet ? { outlet } : {}), published: `2025-01-0${articleId}`, tone, positive: 0, negative: 0, words: 100, mean: 0, opinion, actors, sentences: [],
});
const quote = (articleId: number, outlet: string, speaker: string, code: string, reaction?: 'sceptical'): QuoteWithArticle => ({
  articleId, title: `t${articleId}`, outlet, field: 'body', fieldIndex: 0, start: 0, end: 5, text: 'words', words: 1, sentence: 0, partial: false, tone: 0, stance: 'neutral', about: [],
  speaker: { text: speaker, kind: reaction ? 'handle' : 'person', code, country: code.slice(0, 3), start: 0, end: 1 }, ...(reaction ? { reaction } : {}),
});

const rows = [
  row(1, 'Wire A', 2, 0.1, [{ code: 'USAGOV', country: 'USA', sentences: 3, tone: 1 }, { code: 'CHN', country: 'CHN', sentences: 1, tone: -2 }]),
  row(2, 'Wire A', -1, 0.3, [{ code: 'USAGOV', country: 'USA', sentences: 1, tone: -3 }]),
  row(3, 'Daily B', 0.5, 0.5, [{ code: 'CHN', country: 'CHN', sentences: 2, tone: 1 }, { code: 'USAGOV', country: 'USA', sentences: 2, tone: 2 }]),
  row(4, undefined, 0, 0, []),
];
const quotes = [quote(1, 'Wire A', 'Jane Roe', 'USAGOV'), quote(2, 'Wire A', 'Jane Roe', 'USAGOV'), quote(2, 'Wire A', '@someone', '', 'sceptical'), quote(3, 'Daily B', 'Li Wei', 'CHNGOV')];

test('outlet profiles: articles, tone toward each actor weighted by sentences, opinion share, whom it quotes', () => {
  const ps = outletProfiles(rows, quotes);
  assert.deepEqual(ps.map((p) => [p.outlet, p.articles, p.tone, p.opinion, p.quotes, p.reactions]), [
    ['Wire A', 2, 0.5, 0.2, 2, 1],
    ['(unknown)', 1, 0, 0, 0, 0],
    ['Daily B', 1, 0.5, 0.5, 1, 0],
  ]);
  const a = ps[0]!;
  // USAGOV: (1×3 + −3×1) / 4 sentences = 0.
  assert.deepEqual(a.actors.map((x) => [x.code, x.articles, x.sentences, x.tone]), [['USAGOV', 2, 4, 0], ['CHN', 1, 1, -2]]);
  assert.deepEqual(a.speakers.map((s) => [s.text, s.quotes]), [['Jane Roe', 2], ['@someone', 1]]);
  assert.deepEqual([a.first, a.last], ['2025-01-01', '2025-01-02']);
});

test('outlets side by side on one story: the actors they share and the tone of each toward them', () => {
  const c = compareOutlets(rows.slice(0, 3), quotes);
  assert.deepEqual(c.actors, ['CHN', 'USAGOV']);
  assert.deepEqual(c.outlets.map((o) => [o.outlet, o.articles, o.toward]), [
    ['Wire A', [1, 2], { CHN: -2, USAGOV: 0 }],
    ['Daily B', [3], { CHN: 1, USAGOV: 2 }],
  ]);
});
