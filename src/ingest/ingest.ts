import type { Config } from '../config.js';
import type { Article, InputFormat, ItemResult, Message, RawDoc } from '../types.js';
import type { Store } from '../store/store.js';
import { cleanDoc } from '../clean/clean.js';
import { defaultBoilerplate } from '../clean/rules.js';
import { NearDuplicateIndex } from '../dedup/near-index.js';
import { message } from '../messages.js';
import { parseInput, type ParseOptions } from './parse.js';
import { expandInputs, readSource, sourceName, type Source } from './sources.js';
import { fetchUrl } from './fetch.js';
import { extractHtml } from './html.js';
import { decodeText } from './detect.js';
import type { ColumnMap } from './tabular.js';

export interface IngestOptions {
  /** Publication date (YYYY-MM-DD) for articles that carry none. */
  date?: string;
  outlet?: string;
  format?: InputFormat;
  columns?: ColumnMap;
  /** Fetch the page each feed item links to and use its text when richer. */
  follow?: boolean;
}

export interface IngestHooks {
  /** After each source: how many sources are done, of how many. */
  onProgress?: (done: number, total: number, current: string) => void;
  /** Each item's outcome, reported only after it is committed. */
  onResult?: (r: ItemResult) => void;
  /** Notes about a whole input that did not stop it. */
  onNote?: (origin: string, m: Message) => void;
}

export interface IngestSummary {
  ingested: number;
  duplicate: number;
  skipped: number;
  flagged: number;
  failed: number;
  sources: number;
  seconds: number;
}

type Classified = { kind: 'new' } | { kind: 'same'; id: number } | { kind: 'exact'; of: number } | { kind: 'near'; of: number; distance: number };

interface Pending {
  article: Article;
  cls: Classified;
}

/**
 * Deduplication against the store and the current run: exact by text hash,
 * near by SimHash. Articles waiting in the open batch have provisional ids,
 * so a match against one flushes the batch first.
 */
class Deduplicator {
  private readonly pendingHashes = new Map<string, Pending>();
  private nextProvisional = -1;
  private readonly provisional = new Map<number, Pending>();

  private constructor(
    private readonly store: Store,
    private readonly near: NearDuplicateIndex,
    private readonly minWords: number,
  ) {}

  static async open(store: Store, config: Config): Promise<Deduplicator> {
    const near = new NearDuplicateIndex(config.ingest.nearThreshold);
    for (const { id, simhash } of await store.listSimhashes()) near.add(id, simhash);
    return new Deduplicator(store, near, config.ingest.nearMinWords);
  }

  /** Does this article match something pending (so the batch must be flushed before classifying)? */
  matchesPending(a: Article): boolean {
    if (this.pendingHashes.has(a.textHash)) return true;
    if (!this.nearEligible(a)) return false;
    const hit = this.near.nearest(a.simhash);
    return !!hit && hit.id < 0;
  }

  private nearEligible(a: Article): boolean {
    // Counting spaces is enough to tell a headline from an article.
    let words = 1;
    for (let i = a.body.indexOf(' '); i >= 0 && words < this.minWords; i = a.body.indexOf(' ', i + 1)) words++;
    return words >= this.minWords;
  }

  async classify(a: Article): Promise<Classified> {
    const known = await this.store.findByTextHash(a.textHash);
    if (known.length) {
      const same = known.find((k) => k.origin === a.origin);
      return same ? { kind: 'same', id: same.id } : { kind: 'exact', of: known[0]!.id };
    }
    if (this.nearEligible(a)) {
      const hit = this.near.nearest(a.simhash);
      if (hit) return { kind: 'near', of: hit.id, distance: hit.distance };
    }
    return { kind: 'new' };
  }

  hold(p: Pending): void {
    this.pendingHashes.set(p.article.textHash, p);
    if (p.cls.kind === 'new' && this.nearEligible(p.article)) {
      const id = this.nextProvisional--;
      this.provisional.set(id, p);
      this.near.add(id, p.article.simhash);
    }
  }

  /** After a commit: provisional ids become real ones. */
  committed(batch: Pending[], ids: number[]): void {
    for (const [prov, p] of this.provisional) {
      const i = batch.indexOf(p);
      if (i >= 0) this.near.replace(prov, ids[i]!);
    }
    this.provisional.clear();
    this.pendingHashes.clear();
  }
}

function isFlagged(a: Article): boolean {
  return a.messages.some((m) => m.severity !== 'info');
}

/** Replace a feed item's text with its linked page's when the page says more. */
async function follow(doc: RawDoc, config: Config): Promise<RawDoc> {
  const url = doc.hints.url;
  if (!url) return doc;
  const r = await fetchUrl(url, config.fetch);
  if (!r.ok) return { ...doc, messages: [...doc.messages, message('ingest', 'follow-failed', r.error, 'warning')] };
  const page = extractHtml(decodeText(r.bytes).text, url, { url: r.finalUrl });
  if (page.text.length <= doc.text.length) return doc;
  return {
    ...doc,
    text: page.text,
    title: doc.title ?? page.title,
    hints: { ...page.hints, ...Object.fromEntries(Object.entries(doc.hints).filter(([, v]) => v !== undefined)) },
    removed: [...doc.removed, ...page.removed],
    messages: [...doc.messages, ...page.messages],
  };
}

/**
 * Ingest inputs into the store: read → detect → parse → clean → deduplicate →
 * insert in batches, one transaction each. A result per item, reported only
 * once committed; a bad item never stops the batch.
 */
export async function ingest(inputs: string[], store: Store, config: Config, opts: IngestOptions = {}, hooks: IngestHooks = {}): Promise<IngestSummary> {
  const started = performance.now();
  const summary: IngestSummary = { ingested: 0, duplicate: 0, skipped: 0, flagged: 0, failed: 0, sources: 0, seconds: 0 };
  const report = (r: ItemResult): void => {
    if (r.status === 'ingested') {
      summary.ingested++;
      if (r.flagged) summary.flagged++;
    } else if (r.status === 'duplicate') summary.duplicate++;
    else if (r.status === 'skipped') summary.skipped++;
    else summary.failed++;
    hooks.onResult?.(r);
  };

  const { sources, failures } = await expandInputs(inputs);
  for (const f of failures) report({ status: 'failed', origin: f.origin, error: f.error, messages: [] });
  summary.sources = sources.length;

  const rules = defaultBoilerplate();
  const dedup = await Deduplicator.open(store, config);
  let batch: Pending[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const ids = await store.insertArticles(current.map((p) => (p.cls.kind === 'exact' || p.cls.kind === 'near' ? { ...p.article, duplicateOf: p.cls.of } : p.article)));
    dedup.committed(current, ids);
    current.forEach((p, i) => {
      const a = p.article;
      const id = ids[i]!;
      if (p.cls.kind === 'exact' || p.cls.kind === 'near') {
        report({ status: 'duplicate', origin: a.origin, id, duplicateOf: p.cls.of, kind: p.cls.kind, title: a.title, messages: a.messages });
      } else report({ status: 'ingested', origin: a.origin, id, title: a.title, flagged: isFlagged(a), messages: a.messages });
    });
  };

  const cleanOpts = { rules, ...(opts.date ? { date: opts.date } : {}), ...(opts.outlet ? { outlet: opts.outlet } : {}) };
  let done = 0;
  for (const source of sources) {
    const name = sourceName(source);
    await ingestSource(source, name);
    hooks.onProgress?.(++done, sources.length, name);
  }
  await flush();
  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return summary;

  async function ingestSource(source: Source, name: string): Promise<void> {
    const read = await readSource(source, config);
    if (!read.ok) {
      report({ status: 'failed', origin: name, error: read.error, messages: [] });
      return;
    }
    const parseOpts: ParseOptions = { maxBytes: config.ingest.maxBytes };
    if (opts.format) parseOpts.format = opts.format;
    if (opts.columns) parseOpts.columns = opts.columns;
    if (read.url) parseOpts.url = read.url;
    const parsed = parseInput(read.bytes, name, parseOpts);
    for (const n of parsed.notes) hooks.onNote?.(name, n);
    for (const f of parsed.failures) report({ status: 'failed', origin: f.origin, error: f.error, messages: [] });
    for (let doc of parsed.docs) {
      if (opts.follow && (doc.format === 'rss' || doc.format === 'atom')) doc = await follow(doc, config);
      const article = cleanDoc(doc, cleanOpts);
      const fatal = article.messages.find((m) => m.severity === 'error');
      if (fatal) {
        report({ status: 'failed', origin: article.origin, error: `${fatal.source}: ${article.origin}: ${fatal.reason}`, messages: article.messages });
        continue;
      }
      if (dedup.matchesPending(article)) await flush();
      const cls = await dedup.classify(article);
      if (cls.kind === 'same') {
        report({ status: 'skipped', origin: article.origin, id: cls.id, reason: `already ingested as #${cls.id}`, messages: article.messages });
        continue;
      }
      if (cls.kind === 'near') article.messages.push(message('dedup', 'near-duplicate', `near-duplicate of #${cls.of} (SimHash distance ${cls.distance})`, 'info'));
      if (cls.kind === 'exact') article.messages.push(message('dedup', 'exact-duplicate', `same text as #${cls.of}`, 'info'));
      const p = { article, cls };
      dedup.hold(p);
      batch.push(p);
      if (batch.length >= config.ingest.batchSize) await flush();
    }
  }
}
