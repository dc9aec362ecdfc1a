/**
 * Synthetic events with realistic distributions, for benchmarks (relations,
 * api): actor pairs, CAMEO codes, Goldstein and quad classes are drawn from
 * ../shared/corpora/gdelt-sample (empirical frequencies, with a long tail of
 * other countries), dates over two years with fewer events at weekends,
 * modalities and coder confidence as the coder produces them. Deterministic
 * for a seed. Importable: `generateEvents`, `generateRelationRows`, `fillStore`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../src/paths.js';
import type { EventRecord, Modality, QuadClass } from '../src/events/record.js';
import { PLOVER_TYPES } from '../src/events/record.js';
import type { RelationRow } from '../src/relations/types.js';
import type { Article } from '../src/types.js';
import type { StoredEvent, Store } from '../src/store/store.js';

const GDELT = join(SHARED_DIR, 'corpora', 'gdelt-sample', 'events.csv');

/** A small fast seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Code {
  code: string;
  quad: QuadClass;
  goldstein: number;
}

export interface Distributions {
  pairs: Array<[string, string]>;
  countries: string[];
  codes: Code[];
  /** Where they came from: the GDELT sample, or the built-in fallback when ../shared is absent. */
  source: string;
}

const FALLBACK: Distributions = {
  pairs: [['USA', 'CHN'], ['USA', 'RUS'], ['RUS', 'UKR'], ['ISR', 'PSE'], ['USA', 'GBR'], ['IND', 'PAK'], ['FRA', 'DEU'], ['USA', 'JPN']],
  countries: ['USA', 'CHN', 'RUS', 'GBR', 'FRA', 'DEU', 'JPN', 'IND', 'ISR', 'IRN', 'UKR', 'TUR', 'PAK', 'KOR', 'BRA'],
  codes: [{ code: '010', quad: 1, goldstein: 0 }, { code: '040', quad: 1, goldstein: 1 }, { code: '042', quad: 1, goldstein: 1.9 }, { code: '051', quad: 1, goldstein: 3.4 },
    { code: '111', quad: 3, goldstein: -2 }, { code: '112', quad: 3, goldstein: -2 }, { code: '190', quad: 4, goldstein: -10 }, { code: '061', quad: 2, goldstein: 6.4 }],
  source: 'built-in fallback (no ../shared)',
};

/** Read the empirical distributions from the GDELT sample (tab-separated, GDELT 1.0 columns). */
export function loadDistributions(file = GDELT): Distributions {
  if (!existsSync(file)) return FALLBACK;
  const pairs: Array<[string, string]> = [];
  const countries: string[] = [];
  const codes: Code[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const c = line.split('\t');
    if (c.length < 31) continue;
    const a1 = c[7] ?? '';
    const a2 = c[17] ?? '';
    const code = c[26] ?? '';
    const quad = Number(c[29]);
    const g = Number(c[30]);
    if (/^\d{2,4}$/.test(code) && quad >= 1 && quad <= 4 && Number.isFinite(g)) codes.push({ code, quad: quad as QuadClass, goldstein: g });
    if (/^[A-Z]{3}$/.test(a1)) countries.push(a1);
    if (/^[A-Z]{3}$/.test(a2)) countries.push(a2);
    if (/^[A-Z]{3}$/.test(a1) && /^[A-Z]{3}$/.test(a2) && a1 !== a2) pairs.push([a1, a2]);
  }
  return pairs.length && codes.length ? { pairs, countries, codes, source: `${file} (${pairs.length} dyad rows, ${codes.length} coded rows)` } : FALLBACK;
}

const MODALITIES: Array<[Modality, number]> = [['asserted', 0.7], ['reported', 0.12], ['planned', 0.1], ['threatened', 0.03], ['hypothetical', 0.03], ['historical', 0.02]];
const OUTLETS = Array.from({ length: 200 }, (_, i) => `Outlet ${String(i + 1).padStart(3, '0')}`);
const DAY_MS = 86_400_000;

export interface GeneratedEvent {
  /** Events of one article share its index, date and outlet. */
  article: number;
  outlet: string;
  date: string;
  source: string;
  target: string;
  code: Code;
  modality: Modality;
  negated: boolean;
  confidence: number;
}

export interface GenerateOptions {
  seed?: number;
  /** First day of the range (default 2024-01-01) and its length in days (default 730). */
  start?: string;
  days?: number;
  /** Mean events per article (default 4). */
  perArticle?: number;
  distributions?: Distributions;
}

/**
 * `n` events: 70% of dyads drawn from the sample's observed pairs, the rest
 * pairing a sampled country with another one (a long tail); outlets Zipf-like.
 */
export function* generateEvents(n: number, o: GenerateOptions = {}): Generator<GeneratedEvent> {
  const r = rng(o.seed ?? 1);
  const d = o.distributions ?? loadDistributions();
  const start = Date.parse(`${o.start ?? '2024-01-01'}T00:00:00Z`);
  const days = o.days ?? 730;
  const perArticle = o.perArticle ?? 4;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  let article = 0;
  let left = 0;
  let date = '';
  let outlet = '';
  for (let i = 0; i < n; i++) {
    if (left <= 0) {
      article += 1;
      left = 1 + Math.floor(r() * (2 * perArticle - 1));
      let day = Math.floor(r() * days);
      // Fewer events at weekends, as in news flow.
      const weekday = new Date(start + day * DAY_MS).getUTCDay();
      if ((weekday === 0 || weekday === 6) && r() < 0.4) day = Math.max(0, day - 2);
      date = new Date(start + day * DAY_MS).toISOString().slice(0, 10);
      outlet = OUTLETS[Math.min(OUTLETS.length - 1, Math.floor(Math.pow(r(), 2.2) * OUTLETS.length))]!;
    }
    left -= 1;
    let [source, target] = r() < 0.7 ? pick(d.pairs) : [pick(d.countries), pick(d.countries)];
    if (source === target) target = pick(d.countries) === source ? 'USA' : pick(d.countries);
    if (source === target) target = source === 'USA' ? 'CHN' : 'USA';
    if (r() < 0.5) [source, target] = [target, source];
    let x = r();
    let modality: Modality = 'asserted';
    for (const [m, p] of MODALITIES) {
      if (x < p) {
        modality = m;
        break;
      }
      x -= p;
    }
    yield { article, outlet, date, source, target, code: pick(d.codes), modality, negated: r() < 0.03, confidence: Math.round((0.3 + r() * 0.6) * 100) / 100 };
  }
}

/** The relation rows of `n` generated events (what the relations module reads). */
export function generateRelationRows(n: number, o: GenerateOptions = {}): RelationRow[] {
  const out: RelationRow[] = new Array(n);
  let i = 0;
  for (const e of generateEvents(n, o)) {
    out[i] = { eventId: `g${i}`, articleId: e.article, outlet: e.outlet, date: e.date, source: e.source, target: e.target, quadClass: e.code.quad, goldstein: e.code.goldstein, modality: e.modality, negated: e.negated, confidence: e.confidence, cameoCode: e.code.code };
    i++;
  }
  return out;
}

function record(e: GeneratedEvent, id: string, articleId: number): EventRecord {
  const sentence = `${e.source} and ${e.target}: synthetic event ${id}.`;
  return {
    id, article_id: articleId, sentence: { text: sentence, start: 0, end: sentence.length },
    sources: [{ code: `${e.source}GOV`, country: e.source, sector: 'GOV', text: e.source }],
    targets: [{ code: e.target, country: e.target, sector: '', text: e.target }],
    plover: { type: PLOVER_TYPES[Math.min(15, Math.floor(Number(e.code.code.slice(0, 2)) * 0.8))]!, mode: '', context: [] },
    cameo: { code: e.code.code, root: e.code.code.slice(0, 2), quad_class: e.code.quad, goldstein: Math.max(-10, Math.min(10, e.code.goldstein)) },
    modality: e.modality, negated: e.negated, date: e.date, date_basis: 'article',
    trigger: { text: 'synthetic', start: 0, end: 9 }, rule_id: 'bench', confidence: e.confidence, dictionary_version: 'bench',
  };
}

/** Store `n` generated events as articles and annotations, `batch` articles per transaction. */
export async function fillStore(store: Store, n: number, o: GenerateOptions & { batch?: number; onProgress?: (events: number) => void; onBatch?: (t: { insertMs: number; annotateMs: number }) => void } = {}): Promise<{ articles: number; events: number }> {
  const batchSize = o.batch ?? 2000;
  let pending: Array<{ article: Article; events: GeneratedEvent[] }> = [];
  let articles = 0;
  let events = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const t0 = performance.now();
    const ids = await store.insertArticles(pending.map((p) => p.article));
    const t1 = performance.now();
    await store.saveAnnotations(pending.map((p, i) => ({
      articleId: ids[i]!,
      annotations: { version: 'bench', mentions: [], events: p.events.map((e, j): StoredEvent => ({ field: 'body', fieldIndex: 0, record: record(e, `b${ids[i]}-${j}`, ids[i]!) })) },
    })));
    o.onBatch?.({ insertMs: t1 - t0, annotateMs: performance.now() - t1 });
    articles += pending.length;
    o.onProgress?.(events);
    pending = [];
  };
  let current: { article: Article; events: GeneratedEvent[] } | undefined;
  let currentIndex = -1;
  for (const e of generateEvents(n, o)) {
    if (e.article !== currentIndex) {
      if (current) pending.push(current);
      if (pending.length >= batchSize) await flush();
      currentIndex = e.article;
      const body = `Synthetic article ${e.article} for benchmarks.`;
      current = {
        article: { origin: `bench#${e.article}`, format: 'text', title: `Bench ${e.article}`, body, related: [], outlet: e.outlet, published: e.date, dateBasis: 'text', language: 'eng', removed: [], messages: [], textHash: `bench-${o.seed ?? 1}-${e.article}`, simhash: '0000000000000000' },
        events: [],
      };
    }
    current!.events.push(e);
    events += 1;
  }
  if (current) pending.push(current);
  await flush();
  return { articles, events };
}
