/**
 * The dashboard in a real browser: Debian chromium driven by playwright-core,
 * against a real server on loopback with the seeds ingested. Skips (with the
 * reason) only when chromium is absent. Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_CONFIG } from '../config.js';
import { loadKnowledgeBase } from '../actors/kb.js';
import { ingest } from '../ingest/ingest.js';
import { annotatePending } from '../annotate/run.js';
import { ROOT } from '../paths.js';
import { openStore, type Store } from '../store/store.js';
import { DEFAULT_WEB_DIR, startServer, type RunningServer } from './server.js';
import { ingestSeeds } from './test-seeds.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-results');
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install chromium)`;
if (missing) console.log(`# browser tests skipped: ${missing}`);

const tempDir = mkdtempSync(join(tmpdir(), 'entente-browser-'));
let store: Store;
let server: RunningServer;
let context: BrowserContext;
let ids: Record<string, number> = {};
let hostileId = 0;
const problems: string[] = [];

// Our own hostile article: markup and script in scraped text must show as text and never run.
const HOSTILE = [
  'Harbour talks <script>window.__pwned = "script"</script> resumed on Monday.',
  '',
  'Officials of Ruritania <img src=x onerror="window.__pwned = \'img\'"> met envoys from Freedonia in Geneva to discuss grain levies.',
  '',
  'The minutes were posted at javascript:window.__pwned="link" and at <a href="javascript:window.__pwned=\'anchor\'">this page</a> for readers.',
].join('\n');

before(async () => {
  if (missing) return;
  if (!existsSync(join(DEFAULT_WEB_DIR, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  }
  const kb = loadKnowledgeBase();
  store = await openStore(join(tempDir, 'browser.db'));
  ids = await ingestSeeds(store, kb);
  const file = join(tempDir, 'hostile.txt');
  writeFileSync(file, HOSTILE);
  await ingest([file], store, { ...DEFAULT_CONFIG, db: store.location }, { date: '2025-03-04', outlet: 'Hostile Wire', format: 'text' }, { onResult: (r) => r.status !== 'failed' && (hostileId = r.id) });
  await annotatePending(store, kb);
  server = await startServer({ store, kb, config: { ...DEFAULT_CONFIG, db: store.location }, host: '127.0.0.1', port: 0 });
  mkdirSync(SHOTS, { recursive: true });
  context = await chromium.launchPersistentContext(join(tempDir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  await store?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

async function open(hash: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('#view:not([aria-busy])');
  return page;
}

const opts = { skip: missing ?? false };

test('reader: seed 004 with Lavrov highlighted, removed text behind a toggle', opts, async () => {
  const page = await open(`#/article/${ids['004']}`);
  const lavrov = page.locator('#article-body mark.hl-mention', { hasText: 'Lavrov' }).first();
  await lavrov.waitFor();
  assert.match((await lavrov.getAttribute('title')) ?? '', /RUSGOV/);
  assert.ok((await page.locator('#article-body mark.hl-trigger').count()) > 0, 'event triggers highlighted');
  const toggle = page.locator('button.toggle');
  assert.equal(await page.locator('#removed').isVisible(), false);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.locator('#removed', { hasText: 'source reference line' }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'reader-004.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SHOTS, 'reader-004-phone.png') });
  await page.close();
});

test('search: "tariffs" from the header box lists seeds with the word marked', opts, async () => {
  const page = await open('#/articles');
  await page.getByLabel('Search articles').fill('tariffs');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('search-count') !== null);
  const count = await page.locator('#search-count').textContent();
  const n = Number(/^(\d+)/.exec(count ?? '')?.[1]);
  assert.ok(n >= 3, `at least 3 articles found, got "${count}"`);
  const marks = await page.locator('.snippet mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => /^tariff/i.test(m)), `marks: ${marks.join(', ')}`);
  await page.screenshot({ path: join(SHOTS, 'search-tariffs.png'), fullPage: true });
  await page.close();
});

test('XSS: script, onerror and javascript: links in scraped text show as text and never run', opts, async () => {
  assert.ok(hostileId > 0, 'the hostile article was stored');
  const page = await open(`#/article/${hostileId}`);
  await page.locator('#article-body').waitFor();
  const text = (await page.locator('#article-body').textContent()) ?? '';
  assert.match(text, /<script>window\.__pwned = "script"<\/script>/);
  assert.match(text, /<img src=x onerror=/);
  await page.getByRole('button', { name: /Show removed text/ }).click();
  const search = await open('#/search?q=harbour%20levies');
  await search.locator('.hit').first().waitFor();
  for (const p of [page, search]) {
    assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
    assert.equal(await p.locator('#view img, #view script, #view iframe').count(), 0);
    assert.equal(await p.locator('a[href^="javascript:" i]').count(), 0);
  }
  await page.screenshot({ path: join(SHOTS, 'xss-article.png'), fullPage: true });
  await page.close();
  await search.close();
  assert.deepEqual(problems.filter((p) => /pwned|dialog/.test(p)), []);
});

test('keyboard: the skip link focuses the page content; nav links are reachable by Tab', opts, async () => {
  const page = await open('#/events');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view');
  assert.equal(await page.evaluate(() => location.hash), '#/events');
  await page.screenshot({ path: join(SHOTS, 'events.png') });
  await page.close();
});

test('network: click the US–China edge and see the evidence sentences', opts, async () => {
  const page = await open('#/network');
  await page.waitForSelector('#graph[data-ready="true"]');
  await page.waitForTimeout(300);
  const point = await page.evaluate(() => (document.getElementById('graph') as HTMLElement & { edgePoint(a: string, b: string): { x: number; y: number } | undefined }).edgePoint('CHN', 'USA'));
  assert.ok(point, 'the graph draws a US–China edge');
  await page.mouse.click(point.x, point.y);
  await page.locator('#dyad-panel h2', { hasText: 'China – United States' }).waitFor();
  const sentences = await page.locator('#dyad-panel .evidence').allTextContents();
  assert.ok(sentences.length >= 1, 'evidence sentences shown');
  assert.ok(sentences.some((t) => /China|Chinese|Beijing/.test(t)), `a sentence names China: ${sentences.join(' | ')}`);
  await page.screenshot({ path: join(SHOTS, 'network-us-china.png'), fullPage: true });
  // The same drill-down by keyboard, from the table of dyads.
  await page.locator('#dyad-table button[data-dyad="CHN:USA"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('#dyad-panel .evidence').first().waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SHOTS, 'network-phone.png') });
  await page.close();
});

test('dyad view: index chart, steps with their events linking to articles', opts, async () => {
  const page = await open('#/dyad/CHN/USA?by=week');
  await page.locator('svg.chart').waitFor();
  assert.ok((await page.locator('svg.chart circle').count()) >= 2);
  const link = page.locator('.step .event-source a').first();
  assert.match((await link.getAttribute('href')) ?? '', /^#\/article\/\d+$/);
  await page.screenshot({ path: join(SHOTS, 'dyad-chn-usa.png'), fullPage: true });
  await page.close();
});

test('shifts, outlets, events and actor pages render', opts, async () => {
  for (const [hash, shot, selector] of [
    ['#/shifts', 'shifts.png', '#shifts-title'],
    ['#/outlets', 'outlets.png', '#outlets-title'],
    ['#/events?dyad=USA:CHN', 'events-usa-chn.png', '#event-feed .event'],
    ['#/actor/USA', 'actor-usa.png', '#actor-title'],
    ['#/stories', 'stories.png', '#stories-title'],
  ] as const) {
    const page = await open(hash);
    await page.locator(selector).first().waitFor();
    assert.equal(await page.locator('#view .error').count(), 0, `${hash} shows no error`);
    await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
    await page.close();
  }
});

test('no console errors, page errors or CSP violations on any page', opts, () => {
  assert.deepEqual(problems, []);
});
