import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../nlp/analyze.js';
import { DATA_DIR } from '../paths.js';
import { loadKnowledgeBase } from './kb.js';
import { resolveMentions, type Mention } from './resolve.js';

const kb = loadKnowledgeBase();

function resolve(text: string, date: string | null): Array<[string, string, boolean]> {
  return resolveMentions(analyze(text), { date }, kb).map((m: Mention) => [m.text, m.code, m.location ?? false]);
}

describe('places gazetteer (data/actors/places.json)', () => {
  it('the file is generated: cities and regions with a state, no form another entity uses', () => {
    const data = JSON.parse(readFileSync(join(DATA_DIR, 'actors', 'places.json'), 'utf8')) as { places: Array<{ name: string; country: string }> };
    assert.ok(data.places.length > 3000);
    const names = new Set(data.places.map((p) => p.name));
    // common words and people's names are left out even where a city bears them
    for (const w of ['Independence', 'King', 'Mobile', 'Reading', 'Jackson']) assert.equal(names.has(w), false, w);
  });

  it('a city is a location in its state, never the state acting', () => {
    assert.deepEqual(resolve('A roadside bomb exploded near Kirkuk on Sunday.', '2007-03-01'), [['Kirkuk', 'IRQ', true]]);
    assert.deepEqual(resolve('Fighting spread across West Darfur last week.', '2004-06-01'), [['West Darfur', 'SDN', true]]);
  });

  it('a place of a state formed later belongs to the earlier state before the date', () => {
    assert.deepEqual(resolve('Rebels shelled Juba on Monday.', '1992-06-01'), [['Juba', 'SDN', false]]);
    assert.deepEqual(resolve('Rebels shelled Juba on Monday.', '2014-06-01'), [['Juba', 'SSD', false]]);
    assert.deepEqual(resolve('Rebels shelled Juba on Monday.', null), [['Juba', 'SSD', false]]);
  });
});

describe('names around places and groups', () => {
  it('"West" before another capitalised word is part of that name, not the West', () => {
    const codes = resolve('Ghana admitted West Africans expelled from Nigeria.', '1985-01-01').map((m) => m[1]);
    assert.deepEqual(codes, ['GHA', '', 'NGA']);
    assert.equal(resolve('The West imposed sanctions on Iran.', '2012-01-01')[0]![1], 'WST');
  });

  it('an ethnic minority is coded by the state its sentence places it in', () => {
    const code = (t: string, w: string): string | undefined => resolve(t, '2001-05-01').find((m) => m[0] === w)?.[1];
    assert.equal(code('Ethnic Hungarians rallied in Romania on Sunday.', 'Hungarians'), 'ROU');
    assert.equal(code('Police detained two ethnic Russians near the border, Estonian officials said.', 'Russians'), 'EST');
    assert.equal(code('The Serbs of northern Kosovo elected a new council.', 'Serbs'), 'XKX');
    assert.equal(code('Bosnian Croats voted on Sunday.', 'Croats'), 'BIH');
    assert.equal(code('Croatian Serb refugees crossed the river.', 'Serb refugees'), 'HRVREF');
    // without the cue a people stays with its own state
    assert.equal(code('Hungarians rallied in Romania on Sunday.', 'Hungarians'), 'HUN');
  });

  it('"they" and "their" refer to the people, group or officials their sentence opened with, never to two states', () => {
    assert.deepEqual(resolve('Kenyan officials said they would visit Uganda.', '2010-01-01'), [
      ['Kenyan officials', 'KENGOV', false],
      ['they', 'KENGOV', false],
      ['Uganda', 'UGA', true],
    ]);
    assert.deepEqual(resolve('Chile and Peru said their talks had ended.', '2010-01-01').map((m) => m[0]), ['Chile', 'Peru']);
  });

  it('"the <surname> administration" is the government of the one state people of that surname served', () => {
    assert.deepEqual(resolve('The Clinton administration criticised Iraq.', '1996-01-01').slice(0, 1), [['The Clinton administration', 'USAGOV', false]]);
    // a surname nobody in government bears is nobody's
    assert.deepEqual(resolve('The Qwertyson government fell.', '1996-01-01'), []);
  });

  it('"President <surname>" far from any term is the nearest holder when every holder of that name served one state', () => {
    assert.deepEqual(resolve('President Clinton visited Hanoi.', '2030-01-01').slice(0, 1), [['President Clinton', 'USAELI', false]]);
  });

  it('a titled unknown person "of" a state belongs to that state, and so does "he" after him', () => {
    const ms = resolve('President Tandoubara of the Central African Republic said he would visit Paris.', '1988-01-01');
    assert.deepEqual(ms.slice(0, 1), [['President Tandoubara', 'CAFGOV', false]]);
    assert.deepEqual(ms.find((m) => m[0] === 'he'), ['he', 'CAFGOV', false]);
  });
});
