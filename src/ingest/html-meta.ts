/**
 * Page metadata (title, outlet, date, url, author, language) from what the
 * prepare pass collected from tags: <meta>, JSON-LD, <link rel=canonical>,
 * <html lang>, <title>, the first <h1> and <time datetime>.
 */
import type { DocHints } from '../types.js';

const ARTICLE_TYPES = /article|posting|report|blog|review|webpage/i;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clean(s: string | null | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

/** Every JSON object in the JSON-LD blocks, with @graph and arrays flattened. */
export function jsonLdObjects(texts: string[]): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: Json | undefined, depth: number): void => {
    if (depth > 4 || v === undefined) return;
    if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (isObject(v)) {
      out.push(v);
      if (v['@graph'] !== undefined) visit(v['@graph'], depth + 1);
    }
  };
  for (const text of texts) {
    try {
      // Some sites wrap JSON-LD in (commented) CDATA markers.
      const json = text.replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[/, '').replace(/(?:\/\/\s*)?\]\]>\s*$/, '');
      visit(JSON.parse(json) as Json, 0);
    } catch {
      // malformed JSON-LD is common and not worth a message
    }
  }
  return out;
}

function typeOf(o: JsonObject): string {
  const t = o['@type'];
  return Array.isArray(t) ? t.filter((x) => typeof x === 'string').join(' ') : typeof t === 'string' ? t : '';
}

function nameOf(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) {
    const names = v.map((x) => nameOf(x)).filter((x): x is string => !!x);
    return names.length ? names.join(', ') : undefined;
  }
  if (isObject(v)) return typeof v['name'] === 'string' ? clean(v['name']) : undefined;
  return undefined;
}

function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? clean(v) : undefined;
}

interface JsonLdFacts {
  publisher?: string;
  datePublished?: string;
  author?: string;
  headline?: string;
  url?: string;
}

export function jsonLdFacts(objects: JsonObject[]): JsonLdFacts {
  const articles = objects.filter((o) => ARTICLE_TYPES.test(typeOf(o)));
  // Prefer real article types over WebPage.
  articles.sort((a, b) => Number(/webpage/i.test(typeOf(a))) - Number(/webpage/i.test(typeOf(b))));
  const facts: JsonLdFacts = {};
  for (const a of articles) {
    facts.publisher ??= nameOf(a['publisher']);
    facts.datePublished ??= str(a['datePublished']) ?? str(a['dateCreated']);
    facts.author ??= nameOf(a['author']) ?? nameOf(a['creator']);
    facts.headline ??= str(a['headline']) ?? str(a['name']);
    const main = a['mainEntityOfPage'];
    facts.url ??= str(a['url']) ?? (isObject(main) ? str(main['@id']) : str(main));
  }
  if (!facts.publisher) {
    const org = objects.find((o) => /organization|newsmediaorganization/i.test(typeOf(o)) && typeof o['name'] === 'string');
    if (org) facts.publisher = nameOf(org);
  }
  return facts;
}

const DATE_META = [
  'article:published_time',
  'og:article:published_time',
  'article.published',
  'datepublished',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'published_time',
  'dc.date',
  'dc.date.issued',
  'dc.date.created',
  'dcterms.date',
  'dcterms.created',
  'dcterms.issued',
  'sailthru.date',
  'parsely-pub-date',
  'article_date_original',
  'original-publish-date',
  'cxenseparse:recs:publishtime',
];

/**
 * Strip " | Site" style suffixes (and "Site | " prefixes) from a page title.
 * A trailing segment goes when it names the site, or when it is short and set
 * off by a separator that headlines themselves rarely use (| :: · • »).
 */
export function stripTitleSuffix(title: string, site?: string, host?: string): string {
  const pieces = title.split(/(\s+[|·•»]\s+|\s+::\s+|\s+[-–—]\s+)/);
  if (pieces.length < 3) return title;
  const key = (x: string): string => x.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const keys = [site, host?.replace(/^www\./, '').replace(/\.[a-z.]+$/, '')].filter((x): x is string => !!x).map(key).filter((k) => k.length > 1);
  const isSite = (p: string): boolean => {
    const k = key(p);
    if (/\.(?:com|org|net|co\.uk|news)$/i.test(p.trim())) return true;
    if (k.length < 2) return false;
    return keys.some((s) => k === s || (k.length > 3 && (k.includes(s) || s.includes(k))));
  };
  const words = (p: string): number => (p.trim() ? p.trim().split(/\s+/).length : 0);
  while (pieces.length >= 3) {
    const lastSeg = pieces[pieces.length - 1]!;
    const sep = pieces[pieces.length - 2]!.trim();
    const strongSep = /^(?:[|·•»]|::)$/.test(sep);
    const site = isSite(lastSeg);
    if (!(site || (strongSep && words(lastSeg) <= 5))) break;
    // What remains must still read as a headline.
    if (words(pieces.slice(0, -2).join('')) < (site ? 1 : 2)) break;
    pieces.splice(-2, 2);
  }
  while (pieces.length >= 3 && isSite(pieces[0]!) && words(pieces.slice(2).join('')) >= 2) pieces.splice(0, 2);
  return pieces.join('').trim() || title;
}

export interface PageMeta {
  title?: string;
  hints: DocHints;
}

/** What the prepare pass collected from tags (see html-prepare.ts). */
export interface TagMeta {
  meta: Map<string, string>;
  jsonLd: string[];
  canonical?: string;
  lang?: string;
  title?: string;
  h1?: string;
  time?: string;
}

/** Title and hints from the tag metadata. */
export function readMeta(tags: TagMeta, urlFallback?: string): PageMeta {
  const { meta } = tags;
  const ld = jsonLdFacts(jsonLdObjects(tags.jsonLd));
  const hints: DocHints = {};

  const siteName = meta.get('og:site_name');
  const appName = meta.get('application-name') ?? meta.get('publisher') ?? meta.get('dc.publisher');
  if (siteName) [hints.outlet, hints.outletBasis] = [siteName, 'og:site_name'];
  else if (ld.publisher) [hints.outlet, hints.outletBasis] = [ld.publisher, 'jsonld'];
  else if (appName) [hints.outlet, hints.outletBasis] = [appName, 'meta'];

  const published = meta.get('article:published_time');
  const otherMetaDate = DATE_META.map((k) => meta.get(k)).find((v) => v && /\d/.test(v));
  const timeDate = clean(tags.time);
  if (published) [hints.date, hints.dateBasis] = [published, 'meta'];
  else if (ld.datePublished) [hints.date, hints.dateBasis] = [ld.datePublished, 'jsonld'];
  else if (otherMetaDate) [hints.date, hints.dateBasis] = [otherMetaDate, 'meta'];
  else if (timeDate && /\d{4}/.test(timeDate)) [hints.date, hints.dateBasis] = [timeDate, 'meta'];

  const isHttp = (u: string | undefined): u is string => !!u && /^https?:\/\//i.test(u);
  const url = [tags.canonical, meta.get('og:url'), ld.url, urlFallback].find(isHttp) ?? urlFallback;
  if (url) hints.url = url;

  const metaAuthor = [meta.get('author'), meta.get('article:author'), meta.get('dc.creator'), meta.get('parsely-author'), meta.get('sailthru.author')].find(
    (a) => a && !/^https?:\/\//i.test(a),
  );
  const author = metaAuthor ?? ld.author;
  if (author) hints.author = author;

  const lang = tags.lang ?? meta.get('content-language') ?? meta.get('og:locale')?.replace(/_/g, '-');
  if (lang) hints.lang = lang;

  let host: string | undefined;
  try {
    host = url ? new URL(url).hostname : undefined;
  } catch {
    host = undefined;
  }
  const h1 = clean(tags.h1);
  const rawTitle = meta.get('og:title') ?? meta.get('twitter:title') ?? ld.headline ?? h1 ?? tags.title;
  const title = rawTitle ? stripTitleSuffix(rawTitle, hints.outlet, host) : undefined;
  return title ? { title, hints } : { hints };
}
