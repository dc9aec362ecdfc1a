import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { message } from '../messages.js';
import type { Message, RawDoc } from '../types.js';
import { htmlFragmentToText } from './fragment.js';

export type FeedFormat = 'rss' | 'atom';

export interface FeedResult {
  docs: RawDoc[];
  /**
   * Problems of the feed as a whole (reason starts with `cannot parse feed <origin>`,
   * place.line) and of single items (place.item, short reason).
   */
  messages: Message[];
}

type Node = Record<string, unknown>;

/** Elements holding text or markup are kept raw: feeds mix escaped HTML, CDATA and bare markup. */
const TEXT_NODES = ['title', 'description', 'content:encoded', 'content', 'summary'];
const ARRAY_TAGS = new Set(['item', 'entry', 'link', 'author', 'dc:creator', 'category']);

function makeParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    stopNodes: TEXT_NODES.map((n) => `*.${n}`),
    isArray: (name) => ARRAY_TAGS.has(name),
  });
}

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** Text content of a parsed element: the string itself or its `#text`. */
function rawText(v: unknown): string {
  const x = first(v);
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return String(x);
  if (isNode(x) && typeof x['#text'] === 'string') return x['#text'];
  if (isNode(x) && typeof x['#text'] === 'number') return String(x['#text']);
  return '';
}

function attr(v: unknown, name: string): string | undefined {
  const x = first(v);
  if (!isNode(x)) return undefined;
  const a = x[`@_${name}`];
  return typeof a === 'string' ? a : undefined;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return XML_ENTITIES[e.toLowerCase()] ?? all;
  });
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * Raw element content to plain text. `html`: escaped or CDATA-wrapped markup (RSS
 * fields, Atom type="html"); `text` and `xhtml`: the content is already text or markup.
 */
function contentText(raw: string, type: 'html' | 'text' | 'xhtml'): string {
  let html = '';
  let last = 0;
  for (const m of raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) {
    const before = raw.slice(last, m.index);
    html += type === 'html' ? decodeXmlEntities(before) : before;
    html += type === 'html' ? m[1]! : escapeHtml(m[1]!);
    last = m.index + m[0].length;
  }
  const rest = raw.slice(last);
  html += type === 'html' ? decodeXmlEntities(rest) : rest;
  return htmlFragmentToText(html);
}

function atomType(v: unknown): 'html' | 'text' | 'xhtml' {
  const t = (attr(v, 'type') ?? 'text').toLowerCase();
  if (t === 'html' || t === 'text/html') return 'html';
  if (t === 'xhtml' || t === 'application/xhtml+xml') return 'xhtml';
  return 'text';
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Titles: RSS titles are treated as HTML (feeds routinely escape them twice). */
function titleOf(v: unknown, format: FeedFormat): string {
  const raw = rawText(v);
  if (!raw) return '';
  return oneLine(contentText(raw, format === 'atom' ? atomType(v) : 'html'));
}

function resolveUrl(href: string, base: string | undefined): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

const isHttp = (s: string | undefined): s is string => !!s && /^https?:\/\//i.test(s);

/** Atom link: rel="alternate" (or no rel), HTML type preferred. */
function atomLink(links: unknown): string | undefined {
  const list = (Array.isArray(links) ? links : links === undefined ? [] : [links]).filter(isNode);
  const alternates = list.filter((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && attr(l, 'href'));
  const best = alternates.find((l) => /html/.test(attr(l, 'type') ?? 'text/html')) ?? alternates[0];
  return best ? attr(best, 'href') : undefined;
}

/** RSS link: the first text <link>; some feeds write <link href="…"/>. */
function rssLink(links: unknown): string | undefined {
  for (const l of Array.isArray(links) ? links : [links]) {
    const text = rawText(l).trim();
    if (text) return text;
    const href = attr(l, 'href');
    if (href) return href;
  }
  return undefined;
}

function personName(v: unknown): string | undefined {
  const x = first(v);
  if (isNode(x) && x['name'] !== undefined) return oneLine(rawText(x['name'])) || undefined;
  const s = oneLine(rawText(x));
  // RSS <author> is "email (Name)".
  const m = /^\S+@\S+\s*\(([^)]+)\)$/.exec(s);
  return (m ? m[1]!.trim() : s) || undefined;
}

interface FeedMeta {
  title?: string;
  link?: string;
  author?: string;
}

interface ItemOutcome {
  doc?: RawDoc;
  message?: Message;
}

function itemDoc(item: Node, n: number, origin: string, format: FeedFormat, meta: FeedMeta): ItemOutcome {
  const title = titleOf(item['title'], format);
  let text = '';
  let url: string | undefined;
  let date: string | undefined;
  let author: string | undefined;
  let outlet = meta.title;
  let outletBasis = 'feed';
  if (format === 'atom') {
    for (const key of ['content', 'summary']) {
      const v = item[key];
      if (v === undefined || attr(v, 'src')) continue;
      text = contentText(rawText(v), atomType(v));
      if (text) break;
    }
    url = atomLink(item['link']);
    date = ['published', 'updated', 'issued', 'modified'].map((k) => rawText(item[k]).trim()).find(Boolean);
    author = personName(item['author']) ?? meta.author;
  } else {
    for (const key of ['content:encoded', 'content', 'description', 'summary']) {
      const v = item[key];
      if (v === undefined) continue;
      text = contentText(rawText(v), 'html');
      if (text) break;
    }
    url = rssLink(item['link']);
    const guid = item['guid'];
    if (!url && guid !== undefined && attr(guid, 'isPermaLink') !== 'false' && isHttp(rawText(guid).trim())) url = rawText(guid).trim();
    date = ['pubDate', 'dc:date', 'published', 'updated'].map((k) => rawText(item[k]).trim()).find(Boolean);
    author = personName(item['dc:creator']) ?? personName(item['author']);
    // Aggregators (Google News…) name each item's outlet in <source>.
    const source = oneLine(rawText(item['source']));
    if (source) {
      outlet = source;
      outletBasis = 'feed-item';
    }
  }
  if (!title && !text) {
    return { message: message('ingest', 'feed-item-empty', 'no title and no text', 'warning', { item: n }) };
  }
  const base = isHttp(meta.link) ? meta.link : isHttp(origin) ? origin : undefined;
  const hints: RawDoc['hints'] = {};
  if (url) hints.url = resolveUrl(url.trim(), base);
  if (date) {
    hints.date = date;
    hints.dateBasis = 'feed';
  }
  if (outlet) {
    hints.outlet = outlet;
    hints.outletBasis = outletBasis;
  }
  if (author) hints.author = author;
  const messages: Message[] = [];
  if (!text) messages.push(message('ingest', 'text-from-title', 'item has no text; the title is the text', 'info', { item: n }));
  const doc: RawDoc = { origin: `${origin}#item-${n}`, format, text: text || title, hints, removed: [], messages };
  if (title) doc.title = title;
  return { doc };
}

function feedMeta(container: Node | undefined, format: FeedFormat): FeedMeta {
  if (!container) return {};
  const meta: FeedMeta = {};
  const title = titleOf(container['title'], format);
  if (title) meta.title = title;
  const link = format === 'atom' ? atomLink(container['link']) : rssLink(container['link']);
  if (link) meta.link = link.trim();
  if (format === 'atom') {
    const author = personName(container['author']);
    if (author) meta.author = author;
  }
  return meta;
}

/** The channel (or feed) element and its items from a parsed document. */
function locate(doc: Node, format: FeedFormat): { meta: FeedMeta; items: unknown[] } {
  if (format === 'atom') {
    const feed = isNode(doc['feed']) ? doc['feed'] : undefined;
    const entries = feed?.['entry'];
    return { meta: feedMeta(feed, format), items: Array.isArray(entries) ? entries : [] };
  }
  const rdf = isNode(doc['rdf:RDF']) ? doc['rdf:RDF'] : undefined;
  const rss = isNode(doc['rss']) ? doc['rss'] : undefined;
  const channel = first(rss?.['channel'] ?? rdf?.['channel']);
  const ch = isNode(channel) ? channel : undefined;
  // RSS 1.0 puts items beside the channel, not inside it.
  const items = ch?.['item'] ?? rdf?.['item'];
  return { meta: feedMeta(ch, format), items: Array.isArray(items) ? items : [] };
}

function parseError(xml: string, origin: string, err: { msg: string; line: number; col: number }, recovered: boolean): Message {
  let reason = err.msg.replace(/\.$/, '').replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
  let { line, col } = err;
  // The validator reports elements still open at the end as a list of their names.
  const open = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(err.msg);
  if (open) {
    let names: unknown;
    try {
      names = JSON.parse(open[1]!);
    } catch {
      names = undefined;
    }
    const lines = xml.split('\n');
    line = lines.length;
    col = lines[lines.length - 1]!.length + 1;
    const list = Array.isArray(names) ? names.map((n) => `<${String(n)}>`).join(' ') : '';
    reason = `unexpected end of input${list ? ` (unclosed ${list})` : ''}`;
  }
  return message('ingest', 'feed-malformed', `cannot parse feed ${origin}: ${reason} at line ${line}`, recovered ? 'warning' : 'error', {
    line,
    column: col,
  });
}

/**
 * Items of a malformed feed, each read on its own: the text from one item's opening
 * tag to the next's is one item, complete if it holds the closing tag.
 */
function recoverItems(xml: string, origin: string, format: FeedFormat): { meta: FeedMeta; docs: RawDoc[]; messages: Message[] } {
  const tag = format === 'atom' ? 'entry' : 'item';
  const opens = [...xml.matchAll(new RegExp(`<${tag}(?=[\\s>])[^>]*>`, 'g'))].map((m) => m.index);
  const parser = makeParser();
  const head = xml.slice(0, opens[0] ?? xml.length);
  let meta: FeedMeta = {};
  const headTitle = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/.exec(head);
  if (headTitle) {
    const title = oneLine(contentText(headTitle[1]!, 'html'));
    if (title) meta = { title };
  }
  const headLink = format === 'atom' ? /<link\b[^>]*\bhref="([^"]+)"[^>]*>/.exec(head) : /<link>([^<]+)<\/link>/.exec(head);
  if (headLink) meta.link = headLink[1]!.trim();
  const docs: RawDoc[] = [];
  const messages: Message[] = [];
  opens.forEach((start, i) => {
    const n = i + 1;
    const segment = xml.slice(start, opens[i + 1] ?? xml.length);
    const close = segment.indexOf(`</${tag}>`);
    if (close < 0) {
      messages.push(message('ingest', 'feed-item-malformed', `<${tag}> not closed`, 'error', { item: n }));
      return;
    }
    let parsed: unknown;
    try {
      parsed = parser.parse(segment.slice(0, close + tag.length + 3));
    } catch (e) {
      messages.push(message('ingest', 'feed-item-malformed', `cannot parse: ${(e as Error).message}`, 'error', { item: n }));
      return;
    }
    const item = isNode(parsed) ? first(parsed[tag]) : undefined;
    if (!isNode(item)) {
      messages.push(message('ingest', 'feed-item-malformed', 'cannot parse', 'error', { item: n }));
      return;
    }
    const out = itemDoc(item, n, origin, format, meta);
    if (out.doc) docs.push(out.doc);
    if (out.message) messages.push(out.message);
  });
  return { meta, docs, messages };
}

/**
 * RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 to one document per item (`news.xml#item-3`).
 * Item content is converted from HTML to text; dates, links, authors and the feed's
 * title travel as hints. A malformed feed is reported and its complete items read.
 */
export function parseFeed(xml: string, origin: string, format: FeedFormat): FeedResult {
  const text = xml.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const recovered = recoverItems(text, origin, format);
    return { docs: recovered.docs, messages: [parseError(text, origin, valid.err, recovered.docs.length > 0), ...recovered.messages] };
  }
  let parsed: unknown;
  try {
    parsed = makeParser().parse(text);
  } catch (e) {
    return { docs: [], messages: [message('ingest', 'feed-malformed', `cannot parse feed ${origin}: ${(e as Error).message}`, 'error')] };
  }
  const { meta, items } = locate(isNode(parsed) ? parsed : {}, format);
  const docs: RawDoc[] = [];
  const messages: Message[] = [];
  if (items.length === 0) {
    const what = format === 'atom' ? 'no <entry> elements' : 'no <item> elements';
    messages.push(message('ingest', 'feed-empty', `feed ${origin} has ${what}`, 'warning'));
  }
  items.forEach((item, i) => {
    // `<item/>` parses to an empty string.
    const out = isNode(item)
      ? itemDoc(item, i + 1, origin, format, meta)
      : { message: message('ingest', 'feed-item-empty', 'no title and no text', 'warning', { item: i + 1 }) };
    if (out.doc) docs.push(out.doc);
    if (out.message) messages.push(out.message);
  });
  return { docs, messages };
}

/** Distinct item links, in feed order: what `--follow` fetches. */
export function feedItemLinks(docs: RawDoc[]): string[] {
  const seen = new Set<string>();
  for (const d of docs) if (isHttp(d.hints.url)) seen.add(d.hints.url);
  return [...seen];
}
