/**
 * HTML page → RawDoc: metadata from <meta>/JSON-LD, article body from
 * Mozilla Readability followed by our own boilerplate filter.
 *
 * Pure and synchronous. Scraped HTML is hostile: nothing is executed (linkedom
 * builds an inert DOM and scripts are dropped before parsing) and only text
 * leaves this module. Bad input never throws; problems become messages.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { message } from '../messages.js';
import type { Message, RawDoc, Removed } from '../types.js';
import { readMeta } from './html-meta.js';
import { looksTruncated, prepareHtml, type Prepared } from './html-prepare.js';
import { htmlRules, type HtmlRules } from './html-rules.js';
import { toLines, wordCount, type Line, type TextResult } from './html-text.js';

export interface ExtractHtmlOptions {
  /** The URL the page was fetched from; used when the page names no canonical URL. */
  url?: string;
}

/** Below this many characters a Readability result is treated as a miss (Readability's own threshold). */
const MIN_ARTICLE_CHARS = 500;
/** Paragraph text a lenient pass must add before Readability is run again. */
const MIN_PARAGRAPH_GAIN = 200;
/**
 * Crop the page to the smallest content container holding this share of its
 * paragraph text before Readability sees it: faster, and it keeps sidebars
 * and teaser lists out of Readability's choice.
 */
const CROP_SHARE = 0.85;

function parse(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** Readability.js 0.6 flag bits (private API; the version is pinned in package.json). */
const FLAG_WEIGHT_CLASSES = 0x2;
const FLAG_CLEAN_CONDITIONALLY = 0x4;

interface ReadabilityInternals {
  _flags?: number;
  _isProbablyVisible?: (node: Element) => boolean;
}

/**
 * Readability on a document from prepareHtml. Its unlikely-candidate pass and
 * visibility test already happened in prepareHtml (hidden elements left in the
 * DOM carry a plain `hidden` attribute), so both are switched off here: the
 * results are the same and Readability's first pass is cheaper, and when it
 * retries for want of text it no longer repeats an identical pass.
 */
function runReadability(document: Document): Element | null {
  try {
    const reader = new Readability<Element>(document, { keepClasses: true, serializer: (n) => n as Element });
    const internals = reader as unknown as ReadabilityInternals;
    if (typeof internals._flags === 'number') internals._flags = FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY;
    if (typeof internals._isProbablyVisible === 'function') internals._isProbablyVisible = (node) => !node.hasAttribute('hidden');
    const article = reader.parse();
    return article?.content ?? null;
  } catch {
    // Readability throws on some degenerate documents; treat as "no article".
    return null;
  }
}

function joinLines(lines: Line[]): string {
  return lines.map((l) => l.text).join('\n');
}

/** Paragraph-like: a sentence's worth of words (or of CJK characters), mostly not link text. */
function isParagraph(line: Line): boolean {
  if (line.linkChars > line.text.length / 2) return false;
  return wordCount(line.text) >= 8 || (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u.test(line.text) && line.text.length >= 25);
}

/** Fallback when Readability finds nothing: keep the page's paragraph-like lines. */
function paragraphLines(r: TextResult): TextResult {
  const lines: Line[] = [];
  for (const line of r.lines) {
    if (isParagraph(line)) lines.push(line);
    else r.removed.push({ text: line.text, ruleId: 'html-short', stage: 'html' });
  }
  return { lines, removed: r.removed };
}

const titleKey = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The headline repeated at the top of the body (Readability only catches it in <h1>/<h2>). */
function dropRepeatedTitle(lines: Line[], titles: Array<string | undefined>, removed: Removed[]): Line[] {
  const keys = new Set(titles.filter((t): t is string => !!t).map(titleKey).filter((k) => k.length >= 8));
  if (!keys.size) return lines;
  const head = Math.min(3, lines.length);
  for (let i = 0; i < head; i++) {
    const line = lines[i]!;
    if (keys.has(titleKey(line.text))) {
      removed.push({ text: line.text, ruleId: 'html-title', stage: 'html' });
      return [...lines.slice(0, i), ...lines.slice(i + 1)];
    }
  }
  return lines;
}

/** Prepare the page for Readability, relaxing the early drops when they took the article with them. */
function prepareForReadability(html: string, rules: HtmlRules): Prepared {
  let prepared = prepareHtml(html, { stripUnlikely: true, cropShare: CROP_SHARE, rules });
  // A wrapper named like boilerplate ("header-wrap", "promo-story"…) can hold the whole article.
  for (const relaxed of [{ rules }, {}]) {
    if (prepared.prose >= MIN_ARTICLE_CHARS) break;
    const lenient = prepareHtml(html, { stripUnlikely: false, cropShare: CROP_SHARE, ...relaxed });
    if (lenient.prose > prepared.prose) prepared = lenient;
  }
  return prepared;
}

interface Found {
  result?: TextResult;
  /** What prepareHtml dropped and recorded for the pass the result came from. */
  removedEarly: Removed[];
}

/**
 * The article body: Readability on the prepared document, then, when that
 * finds too little, Readability on the whole page without early drops, and
 * when even that finds nothing, the page's paragraph-like blocks.
 */
function findArticle(html: string, prepared: Prepared, document: Document, rules: HtmlRules, origin: string, messages: Message[]): Found {
  const content = runReadability(document);
  const found: Found = { removedEarly: prepared.removed };
  if (content) found.result = toLines(content, { rules, filter: true });
  const have = found.result ? joinLines(found.result.lines).length : 0;
  if (have >= MIN_ARTICLE_CHARS) return found;

  const lenient = prepareHtml(html, { stripUnlikely: false });
  // Only worth a second Readability run when the page holds clearly more paragraph text than we got.
  const again = lenient.prose > have + MIN_PARAGRAPH_GAIN ? runReadability(parse(lenient.html)) : null;
  if (again) {
    const r = toLines(again, { rules, filter: true });
    if (!found.result || joinLines(r.lines).length > have) return { result: r, removedEarly: lenient.removed };
  }
  if (found.result?.lines.length) return found;

  const body = parse(lenient.html).body as Element | null;
  const r = body ? paragraphLines(toLines(body, { rules, filter: true })) : undefined;
  if (!r?.lines.length) return found;
  messages.push(message('ingest', 'html-no-article', `Readability found no article in ${origin}; kept ${r.lines.length} paragraph-like block(s) of the page`, 'info'));
  return { result: r, removedEarly: lenient.removed };
}

export function extractHtml(html: string, origin: string, opts: ExtractHtmlOptions = {}): RawDoc {
  const messages: Message[] = [];
  if (!html.trim()) {
    messages.push(message('ingest', 'html-empty', `HTML document ${origin} is empty`, 'warning'));
    return { origin, format: 'html', text: '', hints: opts.url ? { url: opts.url } : {}, removed: [], messages };
  }
  if (looksTruncated(html)) {
    messages.push(
      message('ingest', 'html-truncated', `HTML document ${origin} ends early (cut mid-tag or without </html>); the text may be incomplete`, 'warning', {
        offset: html.length,
      }),
    );
  }

  const rules = htmlRules();
  const prepared = prepareForReadability(html, rules);
  const meta = readMeta(prepared, opts.url);
  const document = parse(prepared.html);
  const { result, removedEarly } = findArticle(html, prepared, document, rules, origin, messages);

  const removed = [...removedEarly, ...(result?.removed ?? [])];
  const lines = result ? dropRepeatedTitle(result.lines, [meta.title, prepared.title, prepared.meta.get('og:title')], removed) : [];
  let text = joinLines(lines);
  if (!/[\p{L}\p{N}]/u.test(text)) text = '';
  if (!text) messages.push(message('ingest', 'html-no-article', `no article text found in ${origin}`, 'warning'));
  return { origin, format: 'html', ...(meta.title ? { title: meta.title } : {}), text, hints: meta.hints, removed, messages };
}
