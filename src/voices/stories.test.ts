/**
 * Story clustering on synthetic rewrites we wrote ourselves: the same
 * happenings told by different (invented) outlets must cluster together and
 * apart from other happenings of the same days.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { storiesConfig, StoriesFile } from './data.js';
import { assignTopics, clusterStories, type StoryInput } from './stories.js';

const art = (id: number, outlet: string, published: string, title: string, text: string, actors: string[], events: Array<{ key: string; root: string }> = []): StoryInput => ({ id, outlet, published, title, text, actors, events });

const ALASKA = [
  art(1, 'North Star Daily', '2025-08-15', 'Putin and Trump leave Anchorage summit with no Ukraine ceasefire',
    'Vladimir Putin and Donald Trump met for nearly three hours at a military base in Anchorage, Alaska, but emerged without a ceasefire for Ukraine. Putin spoke of an understanding and invited Trump to Moscow; Trump said there was no deal until there was a deal. Kyiv was not at the table in Alaska.',
    ['RUS', 'USA', 'UKR', 'RUS', 'USA'], [{ key: 'CONSULT:RUS>USA', root: '04' }]),
  art(2, 'Harbour Times', '2025-08-16', 'No truce after Alaska talks; Zelensky summoned to Washington',
    'The Alaska summit between Trump and Putin in Anchorage ended without a ceasefire in Ukraine. Trump now wants to go straight to a peace agreement and will host Zelensky in Washington on Monday. Putin repeated that the root causes of the war must be addressed.',
    ['USA', 'RUS', 'UKR', 'UKR'], [{ key: 'CONSULT:RUS>USA', root: '04' }]),
  art(3, 'Plains Courier', '2025-08-16', 'Anchorage meeting ends with handshakes but no ceasefire',
    'Handshakes on the tarmac in Anchorage, a red carpet and three hours of talks: the Alaska summit of Putin and Trump produced warm words but no ceasefire for Ukraine, and European leaders urged Washington to keep Kyiv at the centre of any deal.',
    ['RUS', 'USA', 'UKR', 'EUR'], [{ key: 'CONSULT:RUS>USA', root: '04' }]),
];
const BUSAN = [
  art(4, 'Pacific Ledger', '2025-10-30', 'Xi and Trump agree a one-year trade truce in Busan',
    'Meeting in Busan, Xi Jinping and Donald Trump agreed a one-year truce in their trade war: China pauses its new export controls on rare earths and resumes soybean purchases, and the United States lowers the fentanyl tariff on Chinese goods.',
    ['CHN', 'USA', 'CHN', 'KOR'], [{ key: 'AGREE:CHN+USA>', root: '03' }]),
  art(5, 'Grain & Steel Review', '2025-10-31', 'Busan deal: lower fentanyl tariff, rare earth pause and soybeans',
    'After the Busan meeting with Xi, Trump cut the fentanyl tariff on Chinese imports by half. Beijing suspended its rare earth export controls for a year and will buy soybeans again, a relief for American farmers after months of trade war.',
    ['USA', 'CHN', 'CHN'], [{ key: 'AGREE:CHN+USA>', root: '03' }]),
];
const OTHERS = [
  art(6, 'Harbour Times', '2025-08-15', 'Monsoon floods displace thousands in Assam',
    'Heavy monsoon rain flooded villages across Assam, displacing thousands of families and cutting roads. Relief camps opened as rivers rose above danger levels.',
    ['IND']),
  art(7, 'North Star Daily', '2025-08-16', 'Central bank holds rates as inflation cools',
    'The central bank kept its main rate unchanged, saying inflation had cooled but wages were still rising quickly. Markets had expected the pause.',
    ['GBR']),
  art(8, 'Pacific Ledger', '2025-10-30', 'Typhoon batters northern Luzon',
    'A strong typhoon made landfall in northern Luzon, bringing floods and landslides. Evacuations were ordered in coastal towns.',
    ['PHL']),
  art(9, 'Plains Courier', '2025-10-31', 'Wheat harvest beats forecasts on the prairies',
    'Farmers on the prairies brought in a record wheat harvest after a wet spring, though low prices limited the gain.',
    ['CAN']),
];

test('synthetic rewrites of one happening cluster together, apart from the other news of those days', () => {
  const stories = clusterStories([...ALASKA, ...BUSAN, ...OTHERS]);
  const groups = stories.map((s) => s.articles.join('+')).sort();
  assert.deepEqual(groups, ['1+2+3', '4+5', '6', '7', '8', '9']);
  const alaska = stories.find((s) => s.articles.length === 3)!;
  assert.deepEqual(alaska.outlets, ['Harbour Times', 'North Star Daily', 'Plains Courier']);
  assert.deepEqual([alaska.first, alaska.last], ['2025-08-15', '2025-08-16']);
  assert.ok(ALASKA.some((a) => a.title === alaska.label));
  assert.equal(alaska.topics[0]?.id, 'russia-ukraine');
});

test('the time window keeps a later retelling of the same words apart', () => {
  const later = { ...ALASKA[1]!, id: 10, published: '2025-09-30' };
  const groups = clusterStories([ALASKA[0]!, later]).map((s) => s.articles.join('+'));
  assert.deepEqual(groups, ['1', '10']);
});

test('topics come from events and actors as well as terms; a term alone needs a strong share', () => {
  assert.deepEqual(assignTopics(BUSAN).map((t) => t.id).slice(0, 2).sort(), ['indo-pacific-china', 'trade-tariffs']);
  assert.deepEqual(assignTopics([OTHERS[1]!]).map((t) => t.id), ['economy']);
  // One passing word ("energy") is not a topic.
  assert.deepEqual(assignTopics([{ ...OTHERS[3]!, text: `${OTHERS[3]!.text} Energy costs were lower.` }]).map((t) => t.id), []);
});

test('the stories file is valid; weights must add up to one', () => {
  assert.ok(storiesConfig().threshold > 0);
  const bad = StoriesFile.safeParse({ ...storiesConfig(), weights: { text: 0.5, actors: 0.2, events: 0.1 } });
  assert.equal(bad.success, false);
});
