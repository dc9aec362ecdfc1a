import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanDoc } from './clean.js';
import { normalizeText } from './normalize.js';
import { splitSentences } from './sentences.js';
import { compileBoilerplate, defaultBoilerplate } from './rules.js';
import { SHARED_DIR } from '../paths.js';
import type { Article, RawDoc } from '../types.js';

const SEEDS = join(SHARED_DIR, 'seeds');

function raw(text: string, extra: Partial<RawDoc> = {}): RawDoc {
  return { origin: 'test.txt', format: 'text', text, hints: {}, removed: [], messages: [], ...extra };
}

function seed(prefix: string): { text: string; article: Article } {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  const text = readFileSync(join(SEEDS, file), 'utf8');
  return { text, article: cleanDoc(raw(text, { origin: file })) };
}

const ruleIds = (a: Article): string[] => a.removed.map((r) => r.ruleId);
const allText = (a: Article): string => [a.title, a.dek ?? '', a.body, ...a.related].join('\n');

test('normalizeText unescapes quotes, decodes entities, straightens quotes and spaces', () => {
  assert.equal(normalizeText('He said \\"no\\" &amp; left\u00a0 now'), 'He said "no" & left now');
  assert.equal(normalizeText('\u201CYes,\u201D it\u2019s \u2018fine\u2019'), '"Yes," it\'s \'fine\'');
  assert.equal(normalizeText('a\r\n  b  \r\n\r\nc\u200b'), 'a\nb\n\nc');
});

test('the bundled rules compile and reject bad data with the rule named', () => {
  assert.ok(defaultBoilerplate().lineRules.length >= 10);
  assert.throws(
    () => compileBoilerplate({ version: 1, lineRules: [{ id: 'x', reason: 'r', maxWords: 3, patterns: ['('] }], referenceDomainLine: 'a', datelinePatterns: [] }),
    /clean: invalid pattern in boilerplate.json rule x: \(/,
  );
  assert.throws(() => compileBoilerplate({ version: 1, lineRules: [] }), /clean: invalid boilerplate.json: referenceDomainLine/);
});

test('calls to action, author box, comment prompt and share bar are removed with their rules', () => {
  const a = cleanDoc(
    raw(
      [
        'Ministers Meet in Oslo',
        'By Jane Roe',
        'The foreign ministers of Norway and Sweden met in Oslo on Monday to discuss energy security.',
        'Share this article',
        'They agreed to expand cooperation on offshore wind and power grids, officials said.',
        'Subscribe to our newsletter for daily updates',
        'Follow us on Twitter',
        'About the author',
        'Jane Roe covers Nordic politics for the Fjord Times.',
        'Leave a comment',
      ].join('\n'),
    ),
  );
  assert.equal(a.title, 'Ministers Meet in Oslo');
  assert.deepEqual(ruleIds(a), ['byline', 'cta-share', 'cta-subscribe', 'cta-follow', 'author-box', 'author-box', 'comment-prompt']);
  assert.equal(
    a.body,
    'The foreign ministers of Norway and Sweden met in Oslo on Monday to discuss energy security.\nThey agreed to expand cooperation on offshore wind and power grids, officials said.',
  );
});

test('a rule never removes a long paragraph that merely mentions its words', () => {
  const para = 'Officials said they would subscribe to the new framework only if both governments agreed to share intelligence and follow the timetable set out at the summit in Geneva last week.';
  const a = cleanDoc(raw(`Talks in Geneva\n${para}\nA second paragraph follows here with more detail.`));
  assert.deepEqual(ruleIds(a), []);
  assert.ok(a.body.includes(para));
});

test('dateline gives outlet and date; a published line gives the date', () => {
  const a = cleanDoc(raw('Leaders Meet\nBERLIN, March 3, 2025 (Harbour Wire) — Germany and France agreed on Monday to coordinate defence spending.\nMore follows.'));
  assert.equal(a.outlet, 'Harbour Wire');
  assert.equal(a.outletBasis, 'dateline');
  assert.equal(a.published, '2025-03-03');
  assert.equal(a.dateBasis, 'dateline');
  const b = cleanDoc(raw('WASHINGTON (Reuters) - The United States imposed new sanctions on Monday.\nA second paragraph.'));
  assert.equal(b.outlet, 'Reuters');
  const c = cleanDoc(raw('Summit Ends\nPublished: 16 August 2025\nThe summit ended without an agreement, officials said on Saturday.\nMore follows.'));
  assert.equal(c.published, '2025-08-16');
  assert.deepEqual(ruleIds(c), ['dateline-published']);
});

test('--date fills a missing date only; hints win over it', () => {
  assert.deepEqual([cleanDoc(raw('A long enough sentence about talks.'), { date: '2025-02-18' }).published, cleanDoc(raw('x y z.'), { date: '2025-02-18' }).dateBasis], ['2025-02-18', 'flag']);
  const a = cleanDoc(raw('Body text of the article.', { hints: { date: 'Tue, 05 Aug 2025 23:30:00 -0400', dateBasis: 'feed' } }), { date: '2025-01-01' });
  assert.deepEqual([a.published, a.dateBasis], ['2025-08-05', 'feed']);
});

test('a given title is not repeated as the first body line', () => {
  const a = cleanDoc(raw('Talks Resume\nTalks resumed on Tuesday between the two delegations.\nMore.', { title: 'Talks Resume' }));
  assert.equal(a.title, 'Talks Resume');
  assert.equal(a.body, 'Talks resumed on Tuesday between the two delegations.\nMore.');
  assert.deepEqual(ruleIds(a), ['duplicate-title']);
});

test('a headline-only document keeps its headline as title and is not empty', () => {
  const a = cleanDoc(raw('', { title: 'iraq warns of retaliation' }));
  assert.equal(a.title, 'iraq warns of retaliation');
  assert.deepEqual(a.messages.map((m) => m.ruleId), ['headline-only']);
  const empty = cleanDoc(raw('   \n\n'));
  assert.deepEqual(empty.messages.map((m) => [m.ruleId, m.severity]), [['empty-article', 'error']]);
});

test('non-English text is flagged with its language', () => {
  const a = cleanDoc(raw('Le gouvernement français a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la sécheresse. Les syndicats ont salué une décision attendue depuis des mois, mais demandent davantage.'));
  assert.equal(a.language, 'fra');
  assert.deepEqual(a.messages.map((m) => m.ruleId), ['lang-not-english']);
});

const haveSeeds = existsSync(SEEDS);

test('seed 000: 17 related headlines split off, none left in the body', { skip: !haveSeeds && 'seeds absent' }, () => {
  const { article } = seed('000');
  assert.equal(article.related.length, 17);
  for (const h of article.related) assert.ok(!article.body.includes(h), `headline left in body: ${h}`);
  assert.deepEqual(ruleIds(article), []);
  // The body ends with the article's last paragraph, not a headline.
  assert.match(article.body, /\.$/);
});

test('seed 001: the repeated title appears once, with a dek', { skip: !haveSeeds && 'seeds absent' }, () => {
  const { article } = seed('001');
  assert.ok(article.title.length > 10);
  assert.equal(allText(article).split(article.title).length - 1, 1);
  assert.deepEqual(ruleIds(article), ['duplicate-line']);
  assert.ok(article.dek && article.dek.length > 20);
});

test('seed 002: author box and comment prompt removed', { skip: !haveSeeds && 'seeds absent' }, () => {
  const { article } = seed('002');
  assert.deepEqual(ruleIds(article), ['author-box', 'comment-prompt']);
  assert.ok(!/about the author|leave a reply/i.test(allText(article)));
});

test('seed 003: newsletter, share, subscribe and self-promotion lines removed; outlet recorded', { skip: !haveSeeds && 'seeds absent' }, () => {
  const { article } = seed('003');
  assert.deepEqual(ruleIds(article), ['self-promotion', 'cta-share', 'cta-subscribe', 'cta-subscribe', 'cta-subscribe', 'self-promotion', 'cta-subscribe', 'cta-continue']);
  assert.equal(article.outlet, 'Liberty One News');
  assert.equal(article.outletBasis, 'self-promotion');
  assert.ok(!/subscribe|sign up|newsletter|share:|continue reading|stay informed|discover more/i.test(allText(article)));
  assert.equal(article.related.length, 0);
});

test('seed 004: quotes unescaped, reference line gone, cgtn.com recorded', { skip: !haveSeeds && 'seeds absent' }, () => {
  const { article } = seed('004');
  assert.ok(!article.body.includes('\\"'));
  assert.ok((article.body.match(/"/g) ?? []).length >= 8);
  assert.ok(!/reference\(s\)|cgtn\.com/i.test(article.body));
  assert.equal(article.outlet, 'cgtn.com');
  assert.deepEqual(ruleIds(article), ['source-reference', 'source-reference']);
});

test('seeds: no sentence of the real article text is lost', { skip: !haveSeeds && 'seeds absent' }, () => {
  for (const prefix of ['000', '001', '002', '003', '004']) {
    const { text, article } = seed(prefix);
    const kept = allText(article);
    const removed = new Set(article.removed.map((r) => r.text));
    for (const line of normalizeText(text).split('\n')) {
      if (!line || removed.has(line)) continue;
      for (const sentence of splitSentences(line)) assert.ok(kept.includes(sentence), `seed ${prefix} lost: ${sentence.slice(0, 60)}`);
    }
    // What was removed holds no article prose: every removed line is short.
    for (const r of article.removed) assert.ok(r.text.split(/\s+/).length <= 40, `seed ${prefix} removed a long line by ${r.ruleId}`);
  }
});
