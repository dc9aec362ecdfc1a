/**
 * Acceptance on the five seed articles (issue 7): each seed is read from
 * ../shared/seeds at run time, cleaned on its date and annotated with the
 * full stage (annotateArticle); quotes and tone are checked. No seed text is
 * kept here: speakers, codes and counts are facts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { loadKnowledgeBase } from '../actors/kb.js';
import { annotateArticle } from '../annotate/annotate.js';
import { cleanDoc } from '../clean/clean.js';
import { SHARED_DIR } from '../paths.js';
import type { StoredArticle } from '../types.js';
import { actorEvidence } from './compare.js';
import type { VoiceAnnotations } from './record.js';
import type { StoredMention } from '../store/store.js';

const DATES: Record<string, string> = { '000': '2026-01-28', '001': '2025-02-05', '002': '2026-01-29', '003': '2025-10-27', '004': '2025-02-18' };
const kb = loadKnowledgeBase();

function seed(id: string): { article: StoredArticle; voices: VoiceAnnotations; mentions: StoredMention[] } {
  const dir = join(SHARED_DIR, 'seeds');
  const file = readdirSync(dir).find((f) => f.startsWith(`${id}_`));
  assert.ok(file, `no seed ${id} in ${dir}`);
  const a = cleanDoc({ origin: file, format: 'text', text: readFileSync(join(dir, file), 'utf8'), hints: {}, removed: [], messages: [] }, { date: DATES[id]! });
  const article: StoredArticle = { ...a, id: Number(id), ingestedAt: '2026-02-01T00:00:00.000Z' };
  const { voices, mentions } = annotateArticle(article, kb);
  assert.ok(voices);
  return { article, voices, mentions };
}

const seeds = Object.fromEntries(Object.keys(DATES).map((id) => [id, seed(id)]));
const surname = (t: string | undefined): string => (t ?? '-').split(/\s+/).at(-1)!;

test('all 11 quotations of four or more words are attributed: six handles, Bessent, Trump twice, Lavrov, Rubio', () => {
  const long = Object.entries(seeds).flatMap(([id, s]) => s.voices.quotes.filter((q) => q.words >= 4).map((q) => `${id} ${surname(q.speaker?.text)} ${q.speaker?.code || q.speaker?.kind || '-'}`));
  assert.deepEqual(long.sort(), [
    '000 @AmericaFirstNow handle',
    '000 @DefenseAdvocate handle',
    '000 @DiplomatInsider handle',
    '000 @EUObserver handle',
    '000 @GlobalWatcher handle',
    '000 @PolicyRealist handle',
    '003 Bessent USAGOV',
    '003 Trump USAGOV',
    '004 Lavrov RUSGOV',
    '004 Rubio USAGOV',
    '004 Trump USAGOV',
  ]);
});

test('the six posts are reactions with a stance toward the subject', () => {
  const reactions = seeds['000']!.voices.quotes.filter((q) => q.reaction).map((q) => `${q.speaker?.text} ${q.reaction}`);
  assert.equal(reactions.length, 6);
  assert.deepEqual(reactions.filter((r) => r.endsWith('supportive')).sort(), ['@AmericaFirstNow supportive', '@DefenseAdvocate supportive']);
  assert.ok(reactions.filter((r) => r.endsWith('sceptical')).length >= 3, reactions.join('; '));
});

test('Hegseth\'s two-word partial quotation is attributed to him, about Ukraine', () => {
  const q = seeds['004']!.voices.quotes.find((x) => x.words === 2 && x.partial && surname(x.speaker?.text) === 'Hegseth');
  assert.ok(q, 'no partial quotation by Hegseth');
  assert.equal(q.speaker?.code, 'USAGOV');
  assert.ok(q.about.some((a) => a.country === 'UKR'));
});

test('nothing is attributed to a show title, and a show title is not a quotation', () => {
  for (const s of Object.values(seeds)) {
    for (const q of s.voices.quotes) {
      assert.doesNotMatch(q.speaker?.text ?? '', /Meet the Press/);
      assert.doesNotMatch(q.text, /^Meet the Press\.?$/);
    }
  }
});

test('003 is measurably more favourable to the US administration than 002 and 004 (evidence printed)', (t) => {
  const toward = (id: string): number => seeds[id]!.voices.tone.actors.find((a) => a.code === 'USAGOV')?.tone ?? 0;
  const [t002, t003, t004] = [toward('002'), toward('003'), toward('004')];
  for (const id of ['002', '003', '004']) {
    const ev = actorEvidence(seeds[id]!.article, seeds[id]!.voices, seeds[id]!.mentions, 'USAGOV', 3);
    t.diagnostic(`${id}: tone toward USAGOV ${toward(id)}`);
    for (const e of ev) t.diagnostic(`  ${e.tone > 0 ? '+' : ''}${e.tone}  ${e.text}`);
  }
  assert.ok(t003 > t002 + 1, `003 ${t003} vs 002 ${t002}`);
  assert.ok(t003 > t004 + 1, `003 ${t003} vs 004 ${t004}`);
});
