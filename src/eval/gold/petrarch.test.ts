import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SHARED_DIR } from '../../paths.js';
import { petrarchTuples, readPetrarchGold } from './petrarch.js';

const UNIT = join(SHARED_DIR, 'eval', 'petrarch-format', 'PETR.UnitTest.records.xml');

describe('PETRARCH reader on the unit-test records', () => {
  const r = readPetrarchGold(readFileSync(UNIT, 'utf8'), 'PETR.UnitTest.records.xml');

  it('finds 284 sentences and 359 expected events', () => {
    assert.equal(r.sentences.length, 284);
    assert.equal(r.sentences.reduce((n, s) => n + s.events.length, 0), 359);
    assert.deepEqual(r.stats, { sentences: 284, events: 359, noEventSentences: 19, errorCodings: 7, selfClosedRepaired: 0, headerLines: 0, skipped: 0 });
  });

  it('reads the first record exactly', () => {
    const first = r.sentences[0]!;
    // The sentence itself stays in the shared file: its shape is checked here, not its words.
    assert.deepEqual([first.text.split(' ').length, first.text.slice(0, 5), first.text.slice(-8)], [18, 'Arnor', 'embassy.']);
    assert.deepEqual({ ...first, text: undefined }, {
      id: 'DEMO-00',
      date: '1995-01-01',
      category: 'DEMO',
      text: undefined,
      events: [{ source: 'ARN', target: 'GON', code: '064', sourceCountry: 'ARN', targetCountry: 'GON', root: '06', line: 65 }],
      noEvents: false,
      errors: [],
      line: 61,
    });
  });

  it('keeps quoted literal actors without a country, and reports oddities with lines', () => {
    const quoted = r.sentences.flatMap((s) => s.events).filter((e) => e.source.startsWith('"'));
    assert.deepEqual(quoted.map((e) => [e.source, e.sourceCountry]).slice(0, 2), [['"INJURY TOLL"', ''], ['"GRYFFINDOR HEAD MINERVA MCGONAGALL"', '']]);
    assert.deepEqual(r.messages.map((m) => [m.ruleId, m.place?.line]), [
      ['petrarch-duplicate-id', 2249],
      ['petrarch-duplicate-id', 2283],
      ['petrarch-noncameo-eventcode', 6953],
      ['petrarch-noncameo-eventcode', 6987],
      ['petrarch-no-coding', 7046],
    ]);
  });
});

const QUIRKS = [
  '##########################',
  '# Validation records: hand-made for the reader test',
  '#   <Sentence id="NOT-A-SENTENCE"> in a header line is not data',
  '##########################',
  '<Sentences>',
  '<Sentence date="20240102" id="Q-1" category="X"/>',
  '<EventCoding sourcecode="RURGOV" targetcode="FRE" eventcode="0874"/>',
  '<EventCoding sourcecode="RURGOV" targetcode="BOR" eventcode="0874"/>',
  '<Text>',
  'Ruritania\'s government pulled its &amp; troops back',
  'from the Freedonian and Borduria borders.',
  '</Text>',
  '<Parse>',
  '# sent_id = 1',
  '# text = Ruritania pulled <back>',
  '1\tRuritania\tRuritania\tPROPN\tNNP\t_\t2\tnsubj\t_\t_',
  '</Parse>',
  '</Sentence>',
  '<Sentence date="20240103" id="Q-2">',
  '<EventCoding noevents="True"/>',
  '<Text>',
  '#Weather: rain over Freedonia.',
  '</Text>',
  '</Sentence>',
  '<Sentence date="2024-01-04" id="Q-3">',
  '<EventCoding sourcecode="FRE" targetcode="RUR" eventcode="ABC"/>',
  '<EventCoding sourcecode="FRE" targetcode="RUR" eventcode="112"/>',
  '<Text>Freedonia accused Ruritania.</Text>',
  '</Sentence>',
  '<Sentence id="Q-4">',
  '<EventCoding sourcecode="FRE" targetcode="RUR" eventcode="042"/>',
  '</Sentence>',
  '</Sentences>',
  '',
];

describe('PETRARCH reader on the quirks found in the wild', () => {
  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`takes a '#' header, a self-closed <Sentence/>, multi-line <Text>, CoNLL-U <Parse> (${name})`, () => {
      const r = readPetrarchGold(QUIRKS.join(eol), 'quirks.xml');
      assert.deepEqual(
        r.sentences.map((s) => [s.id, s.date, s.text, s.noEvents, petrarchTuples(s, 'root'), petrarchTuples(s, 'code')]),
        [
          ['Q-1', '2024-01-02', "Ruritania's government pulled its & troops back from the Freedonian and Borduria borders.", false,
            [['RUR', 'FRE', '08'], ['RUR', 'BOR', '08']], [['RUR', 'FRE', '0874'], ['RUR', 'BOR', '0874']]],
          ['Q-2', '2024-01-03', '#Weather: rain over Freedonia.', true, [], []],
          ['Q-3', undefined, 'Freedonia accused Ruritania.', false, [['FRE', 'RUR', '11']], [['FRE', 'RUR', '112']]],
        ],
      );
      assert.deepEqual(r.messages.map((m) => [m.ruleId, m.severity, m.place?.line]), [
        ['petrarch-self-closed-sentence', 'info', 6],
        ['petrarch-bad-date', 'warning', 25],
        ['petrarch-bad-eventcode', 'error', 26],
        ['petrarch-no-text', 'error', 30],
      ]);
      assert.equal(r.messages[2]?.reason, 'PETRARCH gold quirks.xml: sentence Q-3: eventcode "ABC" is not an event code');
      assert.deepEqual([r.stats.selfClosedRepaired, r.stats.headerLines, r.stats.skipped], [1, 4, 1]);
    });
  }

  it('reads a self-closed sentence that runs into the next one, and an unclosed one', () => {
    const r = readPetrarchGold(
      [
        '<Sentence date="20240105" id="A"/>',
        '<EventCoding sourcecode="FRE" targetcode="RUR" eventcode="042"/>',
        '<Text>Freedonian envoys visited Ruritania.</Text>',
        '<Sentence date="20240105" id="B">',
        '<EventCoding sourcecode="RUR" targetcode="FRE" eventcode="043"/>',
        '<Text>Ruritania hosted Freedonian envoys.</Text>',
      ].join('\n'),
    );
    assert.deepEqual(r.sentences.map((s) => [s.id, petrarchTuples(s, 'code')]), [
      ['A', [['FRE', 'RUR', '042']]],
      ['B', [['RUR', 'FRE', '043']]],
    ]);
    assert.deepEqual(r.messages.map((m) => [m.ruleId, m.place?.line]), [
      ['petrarch-self-closed-sentence', 1],
      ['petrarch-unclosed-sentence', 4],
    ]);
  });

  it('reports a file with no sentences', () => {
    const r = readPetrarchGold('<Validation></Validation>', 'empty.xml');
    assert.deepEqual(r.messages.map((m) => [m.ruleId, m.reason]), [['petrarch-no-sentences', 'PETRARCH gold empty.xml: no <Sentence> elements']]);
  });
});
