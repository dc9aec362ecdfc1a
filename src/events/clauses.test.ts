/**
 * The clause machinery with hand-made actor mentions (no resolver): subjects
 * and objects in both voices, coordination, relative clauses, possessives,
 * infinitive chains, nominal frames, reported speech, modality, negation,
 * dates and the guards against spurious events.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { analyze } from '../nlp/analyze.js';
import { codeAnalysis, fieldContext, isTitleCase, type FieldResult } from './coder.js';
import type { CoderMention, MentionKind } from './mentions.js';
import type { EventRecord } from './record.js';

type Spec = [text: string, country: string, sector?: string, kind?: MentionKind, extra?: Partial<CoderMention>];

/** Mentions for the given surface strings, each at its n-th occurrence (default first). */
function mentions(text: string, specs: readonly Spec[]): CoderMention[] {
  const a = analyze(text);
  const used = new Map<string, number>();
  return specs.map(([surface, country, sector = '', kind = 'country', extra = {}]) => {
    const from = used.get(surface) ?? 0;
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`test: "${surface}" not in "${text}"`);
    used.set(surface, start + surface.length);
    const sentence = a.sentences.findIndex((s) => start >= s.start && start < s.end);
    return { start, end: start + surface.length, text: surface, sentence, kind, country, sector, code: `${country}${sector}`, confidence: 0.9, via: 'test', ...extra };
  });
}

function code(text: string, specs: readonly Spec[], date = '2025-06-01', useContext = false): FieldResult {
  return codeAnalysis(analyze(text), mentions(text, specs), fieldContext({ date, useContext }));
}

const c = (xs: readonly { country: string }[]): string => [...new Set(xs.map((x) => x.country))].sort().join(',');
const brief = (e: EventRecord): string => `${e.plover.type} ${c(e.sources)}>${c(e.targets)} ${e.modality}${e.negated ? ' negated' : ''}`;
const all = (r: FieldResult): string[] => r.events.map(brief);

test('active voice: subject is the source, object the target', () => {
  assert.deepEqual(all(code('Japan criticized China on Monday.', [['Japan', 'JPN'], ['China', 'CHN']])), ['ACCUSE JPN>CHN asserted']);
});

test('passive voice: the subject is the target, "by X" the source', () => {
  const r = code('Two Cambodian soldiers were freed by Thailand.', [['Cambodian soldiers', 'KHM', 'MIL', 'role'], ['Thailand', 'THA']]);
  assert.deepEqual(all(r), ['RETREAT THA>KHM asserted']);
  assert.equal(r.events[0]!.plover.mode, 'release');
  assert.match(r.events[0]!.rule_id, /^free\/verb-passive/);
});

test('an agentless passive takes the counterpart of the latest event involving the target (article context)', () => {
  const text = 'The president helped broker a truce between Cambodia and Thailand. Under that deal, 18 Cambodian soldiers were freed.';
  const r = code(text, [['The president', 'USA', 'GOV', 'person'], ['Cambodia', 'KHM'], ['Thailand', 'THA'], ['Cambodian soldiers', 'KHM', 'MIL', 'role']], '2025-10-27', true);
  const freed = r.events.find((e) => e.rule_id.startsWith('free/'))!;
  assert.equal(brief(freed), 'RETREAT THA>KHM asserted');
  assert.match(freed.rule_id, /context/);
  assert.ok(freed.confidence < 0.6);
  assert.ok(all(r).includes('AGREE KHM,THA>KHM,THA asserted'));
  assert.ok(all(r).includes('CONSULT USA>KHM,THA asserted'));
});

test('coordinated targets stay one event with an actor list', () => {
  const r = code('The United States delayed tariffs on Mexico and Canada for 30 days.', [['The United States', 'USA'], ['Mexico', 'MEX'], ['Canada', 'CAN']], '2025-02-05');
  assert.deepEqual(all(r), ['CONCEDE USA>CAN,MEX asserted']);
  assert.equal(r.events[0]!.targets.length, 2);
  // "for 30 days" is a duration, not a date.
  assert.equal(r.events[0]!.date, '2025-02-05');
  assert.equal(r.events[0]!.date_basis, 'article');
});

test('a relative clause takes its antecedent as subject', () => {
  const r = code("Tensions grew after remarks from Hegseth, who dismissed Ukraine's aspirations as not realistic.", [['Hegseth', 'USA', 'GOV', 'person'], ['Ukraine', 'UKR']]);
  assert.deepEqual(all(r), ['REJECT USA>UKR asserted']);
});

test('a possessor is the source of the plan it owns ("Trump\'s plan includes renegotiating …")', () => {
  const r = code("Trump's plan includes renegotiating trade agreements with Germany.", [['Trump', 'USA', 'GOV', 'person'], ['Germany', 'DEU']]);
  assert.deepEqual(all(r), ['CONSULT USA>DEU asserted']);
  assert.equal(r.events[0]!.trigger.text.split(' ')[0], 'renegotiating');
});

test('infinitive chains carry modality: aims to reassure is planned SUPPORT', () => {
  const r = code('Trump aims to reassure NATO allies.', [['Trump', 'USA', 'GOV', 'person'], ['NATO', 'IGO', '', 'org', { code: 'IGOWSTNAT' }]]);
  assert.deepEqual(all(r), ['SUPPORT USA>IGO planned']);
});

test('a noun of agreement governing an infinitive yields the agreed action, asserted', () => {
  const r = code("Trump's trade approach is exemplified by his recent agreement to delay tariffs on Mexico and Canada.", [['Trump', 'USA', 'GOV', 'person'], ['his', 'USA', 'GOV', 'pronoun'], ['Mexico', 'MEX'], ['Canada', 'CAN']]);
  assert.deepEqual(all(r), ['CONCEDE USA>CAN,MEX asserted']);
});

test('a verb of agreement absorbs the agreed action and refines its code', () => {
  const r = code('Russia agreed to release two American prisoners.', [['Russia', 'RUS'], ['American', 'USA', '', 'demonym']]);
  assert.deepEqual(all(r), ['AGREE RUS>USA asserted']);
  assert.equal(r.events[0]!.cameo.code, '0353');
});

test('nominal frames: between, possessor + to, on + demonym, of, premodifier + location', () => {
  assert.deepEqual(all(code('The meeting between Brazil and Argentina ended.', [['Brazil', 'BRA'], ['Argentina', 'ARG']])), ['CONSULT ARG,BRA>ARG,BRA asserted']);
  assert.deepEqual(all(code("Carney's visit to Beijing was brief.", [['Carney', 'CAN', 'GOV', 'person'], ['Beijing', 'CHN', 'GOV', 'metonym', { location: true }]])), ['CONSULT CAN>CHN asserted']);
  assert.deepEqual(all(code('New Canadian tariffs on South Korean autos took effect.', [['Canadian', 'CAN', '', 'demonym'], ['South Korean', 'KOR', '', 'demonym']])), ['SANCTION CAN>KOR asserted']);
  assert.deepEqual(all(code('A ceasefire between Cambodia and Thailand held.', [['Cambodia', 'KHM'], ['Thailand', 'THA']])), ['AGREE KHM,THA>KHM,THA asserted']);
  const op = code('A U.S. military operation in Venezuela resulted in the capture of President Nicolás Maduro.', [['U.S.', 'USA', '', 'country'], ['Venezuela', 'VEN', '', 'country', { location: true }], ['President Nicolás Maduro', 'VEN', 'GOV', 'person']]);
  assert.deepEqual(all(op), ['ASSAULT USA>VEN asserted', 'COERCE USA>VEN asserted']);
  const loc = op.events[0]!.location!;
  assert.equal(loc.text, 'Venezuela');
});

test('reported speech: the event is reported, the speaker recorded, and the saying is a statement', () => {
  const r = code('Russia said Ukraine attacked its border posts.', [['Russia', 'RUS'], ['Ukraine', 'UKR']]);
  assert.deepEqual(all(r), ['ASSAULT UKR>- reported'.replace('>-', '>')]);
  assert.equal(r.events[0]!.speaker?.country, 'RUS');
  assert.deepEqual(r.statements.map((s) => `${s.code} ${c(s.speaker)}`), ['010 RUS']);
  assert.equal(r.main[0]?.kind, 'event');
});

test('a demand reported with "must" is a REQUEST on the clause subject', () => {
  const r = code('France said that Iraq must cooperate with the inspectors.', [['France', 'FRA'], ['Iraq', 'IRQ']]);
  assert.deepEqual(all(r), ['REQUEST FRA>IRQ asserted']);
});

test('modality: planned, threatened, hypothetical, historical; negation kept apart', () => {
  const m = (text: string, specs: readonly Spec[], date?: string) => all(code(text, specs, date));
  assert.deepEqual(m('Japan is set to meet with Vietnam.', [['Japan', 'JPN'], ['Vietnam', 'VNM']]), ['CONSULT JPN>VNM planned']);
  assert.deepEqual(m('China threatened to impose tariffs on Australia.', [['China', 'CHN'], ['Australia', 'AUS']]), ['THREATEN CHN>AUS threatened']);
  assert.deepEqual(m('Iran could attack Israel.', [['Iran', 'IRN'], ['Israel', 'ISR']]), ['ASSAULT IRN>ISR hypothetical']);
  assert.deepEqual(m('During his first term, Trump imposed tariffs on China.', [['Trump', 'USA', 'GOV', 'person'], ['China', 'CHN']], '2025-02-01'), ['SANCTION USA>CHN historical']);
  assert.deepEqual(m('In 2018 the United States imposed tariffs on China.', [['the United States', 'USA'], ['China', 'CHN']], '2025-02-01'), ['SANCTION USA>CHN historical']);
  assert.deepEqual(m('Egypt did not agree with Sudan.', [['Egypt', 'EGY'], ['Sudan', 'SDN']]), ['AGREE EGY>SDN asserted negated']);
  // "refused" is itself the REJECT; the refused action is its content.
  const refused = code('Israel refused to release the prisoners of Lebanon.', [['Israel', 'ISR'], ['Lebanon', 'LBN']]);
  assert.deepEqual(all(refused), ['REJECT ISR>LBN asserted']);
  assert.equal(refused.events[0]!.cameo.code, '1243');
});

test('an explicit day in the sentence dates the event; "now" and weekdays of the future are handled', () => {
  const r = code('The latest development came on January 29, 2026, when Britain met with China in Beijing.', [['Britain', 'GBR'], ['China', 'CHN'], ['Beijing', 'CHN', 'GOV', 'metonym', { location: true }]], '2026-01-30');
  assert.equal(r.events[0]!.date, '2026-01-29');
  assert.equal(r.events[0]!.date_basis, 'text');
  const w = code('Kenya met Uganda on Tuesday.', [['Kenya', 'KEN'], ['Uganda', 'UGA']], '2025-06-05');
  assert.equal(w.events[0]!.date, '2025-06-03');
  const now = code('Kenya now meets Uganda.', [['Kenya', 'KEN'], ['Uganda', 'UGA']], '2025-06-05');
  assert.equal(now.events[0]!.date_basis, 'article');
});

test('guards: no political actor, no event; an actor list is capped and reciprocal, not a cross product', () => {
  assert.deepEqual(all(code('The meeting was cancelled because of the weather.', [])), []);
  const many = code('Leaders of France, Germany, Italy, Spain, Poland, Sweden and Austria met in Brussels.', [
    ['France', 'FRA'], ['Germany', 'DEU'], ['Italy', 'ITA'], ['Spain', 'ESP'], ['Poland', 'POL'], ['Sweden', 'SWE'], ['Austria', 'AUT'], ['Brussels', 'BEL', '', 'metonym', { location: true }],
  ]);
  assert.equal(many.events.length, 1);
  assert.equal(many.events[0]!.sources.length, 4);
  assert.deepEqual(many.events[0]!.sources, many.events[0]!.targets);
  // Actors in another clause are not the trigger's.
  assert.deepEqual(all(code('Germany hosted the fair, and the weather was good, while Poland talked about trade.', [['Germany', 'DEU'], ['Poland', 'POL']])).length <= 1, true);
});

test('every event keeps its trigger, sentence span, rule and dictionary version', () => {
  const text = 'Intro sentence here. Japan criticized China.';
  const r = code(text, [['Japan', 'JPN'], ['China', 'CHN']]);
  const e = r.events[0]!;
  assert.equal(text.slice(e.trigger.start, e.trigger.end), e.trigger.text);
  assert.equal(text.slice(e.sentence.start, e.sentence.end), 'Japan criticized China.');
  assert.match(e.rule_id, /^criticize\/verb-active@text\[0\]$/);
  assert.match(e.dictionary_version, /^[0-9a-f]{12}$/);
  assert.ok(r.trace[1]!.triggers.some((t) => t.entry === 'criticize' && t.outcome === 'event'));
});

test('title-case headlines are re-tagged and coded like prose', () => {
  assert.equal(isTitleCase('Trump Lifts Duties on South Korean Steel, Easing a Long Trade Dispute'), true);
  assert.equal(isTitleCase('Trump raised tariffs on South Korean autos on Monday.'), false);
  const r = code('Trump Hikes Tariffs on South Korean Cars, Deepening Trade Rift With Seoul', [['Trump', 'USA', 'GOV', 'person'], ['South Korean', 'KOR', '', 'demonym']]);
  assert.deepEqual(all(r), ['SANCTION USA>KOR asserted']);
  assert.equal(r.trace[0]!.headline, true);
});
