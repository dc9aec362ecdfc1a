/**
 * A single regex pass over raw HTML, before any DOM is built. It drops what
 * can never be article text (scripts, styles, SVG, comments, navigation,
 * hidden elements, whitespace between blocks, attributes nobody reads) and
 * collects the page metadata found in tags (<meta>, <link rel=canonical>,
 * JSON-LD, <html lang>, <title>).
 *
 * Building the DOM is the expensive part of extraction (linkedom allocates
 * several objects per node, attributes included), so every node left out here
 * is time saved twice: in parsing and in Readability.
 */
import type { Removed } from '../types.js';
import { decodeEntities } from './html-entities.js';
import { attrKey, matchElement, type ElementRule, type HtmlRules } from './html-rules.js';

/** Whole subtrees dropped wherever they appear in the body. */
const DROP_TAGS = new Set([
  'script', 'style', 'svg', 'math', 'noscript', 'template', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'select', 'textarea', 'button', 'nav', 'aside', 'footer', 'dialog', 'map', 'link', 'meta', 'base',
  // Never text, but Readability counts them when judging blocks; without them it judges on text alone.
  'img', 'picture', 'source', 'figure', 'header',
]);

/**
 * Dropped subtrees whose text is kept in `removed` when they sit inside an
 * <article> or <main>: there they may be mistaken for article text, while the
 * site chrome outside is of no interest to an audit.
 */
const RECORDED: Record<string, string> = {
  nav: 'html-nav',
  aside: 'html-aside',
  footer: 'html-footer',
  header: 'html-header',
  figure: 'html-caption',
};

/** Elements whose content is raw text: their end tag is found by a plain search. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'template', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes']);

/**
 * Elements that always have an explicit end tag in practice, so a subtree can
 * be skipped by counting same-name open and close tags. Elements with optional
 * end tags (p, li, td…) and void elements are never dropped by attribute rules.
 */
const CLOSED = new Set([
  'div', 'section', 'article', 'main', 'header', 'aside', 'nav', 'footer', 'ul', 'ol', 'dl', 'form', 'span', 'figure',
  'table', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption', 'label', 'strong', 'em', 'b', 'i',
  'small', 'time', 'fieldset', 'details', 'svg', 'math', 'video', 'audio', 'object', 'canvas', 'select', 'button',
  'dialog', 'map', 'iframe', 'embed',
]);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Tags at whose boundary whitespace-only text can go: a block edge separates words anyway. */
const BLOCKISH = new Set([
  'html', 'head', 'body', 'title', 'div', 'p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'section', 'article', 'main', 'header',
  'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'caption', 'colgroup', 'col', 'figure', 'figcaption', 'blockquote', 'pre', 'form', 'fieldset', 'legend', 'hr', 'br',
  'address', 'details', 'summary', 'hgroup', 'center', 'img', 'picture', 'source', 'meta', 'link', 'input',
]);

/** Attributes kept in the DOM: what Readability and our filter read. Everything else is dropped. */
const KEEP_ATTRS = new Set(['class', 'id', 'role', 'itemprop', 'lang', 'dir', 'datetime', 'data-component', 'colspan', 'rowspan']);

/** Readability's own first-pass "unlikely candidate" test (Readability.js 0.6 REGEXPS). */
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const OK_MAYBE = /and|article|body|column|content|main|shadow/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

/**
 * A tag, comment, doctype or processing instruction. Unquoted attribute text
 * stops at '<' so that a stray '<' can never make one match attempt scan the
 * rest of the document (which made `<a<a<a…` quadratic).
 */
const TAG_RE = /<!--[\s\S]*?(?:-->|$)|<![^<>]*>|<\?[^<>]*>|<(\/?)([a-zA-Z][^\s/<>]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR_RE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

interface Attr {
  name: string;
  value: string;
  raw: string;
}

function parseAttrs(s: string): Attr[] {
  const attrs: Attr[] = [];
  ATTR_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR_RE.exec(s))) attrs.push({ name: m[1]!.toLowerCase(), value: m[2] ?? m[3] ?? m[4] ?? '', raw: m[0] });
  return attrs;
}

function attr(attrs: Attr[], name: string): string | undefined {
  for (const a of attrs) if (a.name === name) return a.value;
  return undefined;
}

/** An element matched by a boilerplate rule is dropped early only up to this much text. */
const MAX_EARLY_DROP_CHARS = 1500;
/** …and only when its end tag is found within this much markup. */
const MAX_EARLY_DROP_MARKUP = 30000;

const SUBTREE_TAG_RE = new Map<string, RegExp>();
const RAW_TEXT_NAMES = [...RAW_TEXT].join('|');

/**
 * End offset of the element `name` whose start tag ends at `from`, counting
 * same-name nesting and jumping over comments and raw-text elements (a script
 * may well contain "</div>"); -1 when it does not end within `limit`
 * characters. Much faster than looking at every tag of a large dropped block.
 */
function subtreeEnd(html: string, name: string, from: number, limit = Infinity): number {
  let re = SUBTREE_TAG_RE.get(name);
  if (!re) {
    re = new RegExp(`<!--[\\s\\S]*?(?:-->|$)|<(/?)(${name}|${RAW_TEXT_NAMES})(?=[\\s/>])[^<>]*>`, 'gi');
    SUBTREE_TAG_RE.set(name, re);
  }
  const stop = Math.min(html.length, from + limit);
  re.lastIndex = from;
  let depth = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) && m.index < stop) {
    const tag = m[2]?.toLowerCase();
    if (tag === undefined) continue; // comment
    if (tag !== name) {
      if (!m[1] && !m[0].endsWith('/>')) re.lastIndex = rawTextEnd(html, tag, re.lastIndex).end;
      continue;
    }
    if (m[1]) {
      if (--depth === 0) return re.lastIndex <= stop ? re.lastIndex : -1;
    } else if (!m[0].endsWith('/>')) depth++;
  }
  return -1;
}

export interface PrepareOptions {
  /** Also drop subtrees Readability's first pass would treat as unlikely candidates. */
  stripUnlikely: boolean;
  /**
   * Keep only the smallest content container (article, main, or an element
   * whose class/id says content) that holds at least this share of the page's
   * paragraph text; 0 or absent: no cropping.
   */
  cropShare?: number;
  /**
   * Boilerplate element rules applied early to small elements (share bars,
   * related links…), which are recorded in `removed`. Readability would
   * otherwise merge or unwrap some of them and their class names with them.
   */
  rules?: HtmlRules;
}

export interface Prepared {
  /** The reduced document. */
  html: string;
  /** <meta> content by lower-cased property / name / itemprop (first wins), entities decoded. */
  meta: Map<string, string>;
  jsonLd: string[];
  canonical?: string;
  lang?: string;
  /** The <title> text, entities decoded. */
  title?: string;
  /** Text of the first <h1> in the body, dropped parts included. */
  h1?: string;
  /** The first <time datetime> value in the body, dropped parts included. */
  time?: string;
  /** Whether the body was cropped to a content container. */
  cropped: boolean;
  /** Characters of paragraph-like text kept (before cropping). */
  prose: number;
  /**
   * Text dropped here that could have passed for article text: small blocks
   * matched by a boilerplate element rule, and structural blocks (see
   * RECORDED) or unlikely candidates inside <article>/<main>.
   */
  removed: Removed[];
}

/** More stray '<' than this in one text run is garbage, not prose: they become spaces. */
const MAX_STRAY_LT = 64;

/**
 * Text between tags, re-encoded for linkedom. Character references are
 * decoded here: htmlparser2 splits a text node at every reference (and at
 * every '<'), and typographic references are everywhere in news text. Only
 * what could be misread is escaped again: '&' before a name or '#', and '<'
 * before a letter, '/', '!' or '?' (htmlparser2 would read `a<<b` as a tag).
 */
function escapeText(text: string): string {
  let t = text.includes('&') ? decodeEntities(text) : text;
  if (t.includes('&')) t = t.replace(/&(?=[A-Za-z0-9#])/g, '&amp;');
  if (t.includes('<')) {
    let stray = 0;
    for (let i = t.indexOf('<'); i >= 0 && stray <= MAX_STRAY_LT; i = t.indexOf('<', i + 1)) stray++;
    t = stray > MAX_STRAY_LT ? t.replace(/</g, ' ') : t.replace(/<(?=[A-Za-z/!?])/g, '&lt;');
  }
  return t;
}

/** Metadata carried by <meta>, <link rel=canonical> and <html lang>. */
function collectTagMeta(name: string, attrs: Attr[], into: Prepared): void {
  if (name === 'meta') {
    const key = (attr(attrs, 'property') ?? attr(attrs, 'name') ?? attr(attrs, 'itemprop'))?.trim().toLowerCase();
    const content = attr(attrs, 'content');
    if (key && content !== undefined && !into.meta.has(key)) {
      const value = decodeEntities(content).replace(/\s+/g, ' ').trim();
      if (value) into.meta.set(key, value);
    }
  } else if (name === 'link') {
    if (into.canonical === undefined && /(?:^|\s)canonical(?:\s|$)/i.test(attr(attrs, 'rel') ?? '')) {
      const href = attr(attrs, 'href');
      if (href) into.canonical = decodeEntities(href).trim();
    }
  } else if (name === 'html' && into.lang === undefined) {
    const lang = (attr(attrs, 'lang') ?? attr(attrs, 'xml:lang'))?.trim();
    if (lang) into.lang = lang;
  }
}

/** The first <h1> text and <time datetime> of a dropped fragment, where the page has not given them yet. */
function headlineFacts(fragment: string, into: Prepared): void {
  if (into.time === undefined) {
    const t = /<time\b[^<>]*?\sdatetime\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i.exec(fragment);
    const datetime = (t?.[1] ?? t?.[2] ?? t?.[3])?.trim();
    if (datetime) into.time = decodeEntities(datetime);
  }
  if (into.h1 === undefined) {
    const h = /<h1\b[^<>]*>([\s\S]*?)<\/h1\s*>/i.exec(fragment);
    if (h) into.h1 = fragmentText(h[1]!) || undefined;
  }
}

/** Plain text of an HTML fragment, for the audit trail only. */
function fragmentText(fragment: string): string {
  const text = fragment.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** Candidate containers for cropping. */
const CONTAINER_TAGS = new Set(['div', 'section', 'article', 'main']);
const CONTAINER_HINT = /article|story|entry|post|content|main|body|text/i;
const PARA_BREAK_TAGS = new Set(['p', 'div', 'li', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'br', 'section', 'article', 'ul', 'ol', 'dd', 'dt', 'tr', 'pre', 'figure', 'header']);
/** A text run between block boundaries counts as paragraph text from this length on. */
const MIN_PARA_CHARS = 80;

interface OpenElement {
  name: string;
  /** Index in the output parts of its start tag. */
  part: number;
  /** Paragraph text seen before it opened. */
  prose: number;
  candidate: boolean;
  /** Beyond MAX_DEPTH: its tags are left out. */
  flattened: boolean;
}

function isHidden(attrs: Attr[]): boolean {
  for (const a of attrs) {
    if (a.name === 'hidden') return true;
    if (a.name === 'aria-hidden' && a.value === 'true' && !(attr(attrs, 'class') ?? '').includes('fallback-image')) return true;
    if (a.name === 'style' && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.value)) return true;
    if (a.name === 'role' && UNLIKELY_ROLES.has(a.value.toLowerCase())) return true;
  }
  return false;
}

function ruleFor(name: string, attrs: Attr[], rules: HtmlRules | undefined): ElementRule | undefined {
  if (!rules) return undefined;
  const key = attrKey([attr(attrs, 'class'), attr(attrs, 'id'), attr(attrs, 'role'), attr(attrs, 'itemprop'), attr(attrs, 'data-component')]);
  return matchElement(name, key, rules);
}

const END_TAG_RE = new Map<string, RegExp>();

/** Where the content of a raw-text element starting at `from` ends, and just past its end tag (or the end of input). */
function rawTextEnd(html: string, name: string, from: number): { contentEnd: number; end: number } {
  let re = END_TAG_RE.get(name);
  if (!re) END_TAG_RE.set(name, (re = new RegExp(`</${name}\\s*>`, 'ig')));
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? { contentEnd: m.index, end: re.lastIndex } : { contentEnd: html.length, end: html.length };
}

/** The start tag with only the attributes in KEEP_ATTRS; every way of hiding an element becomes `hidden`. */
function rebuildTag(name: string, attrs: Attr[], selfClosing: boolean, hidden: boolean): string {
  let s = `<${name}`;
  for (const a of attrs) {
    if (KEEP_ATTRS.has(a.name)) s += ` ${a.raw}`;
    // Readability only asks whether a link points inside the page (and would resolve every other URL).
    else if (a.name === 'href' && a.value.startsWith('#')) s += ' href="#"';
  }
  if (hidden) s += ' hidden';
  return s + (selfClosing ? '/>' : '>');
}

/** At most this many rescans to cope with dropped elements that are never closed. */
const MAX_RESCANS = 3;

export function prepareHtml(html: string, opts: PrepareOptions): Prepared {
  const keep = new Set<number>();
  for (let attempt = 0; ; attempt++) {
    const r = scan(html, opts, keep, attempt >= MAX_RESCANS);
    if (r.unclosedAt === undefined) return r.prepared;
    keep.add(r.unclosedAt);
  }
}

/** Elements whose end tag may be omitted (or that cannot nest): not counted in the nesting depth. */
const OPTIONAL_END = new Set(['html', 'head', 'body', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'colgroup', 'caption', 'rb', 'rt', 'rp']);

/**
 * Deeper element nesting is flattened (tags dropped, text kept): real pages
 * stay far below it, while Readability's cost grows with depth × size.
 */
const MAX_DEPTH = 200;

/**
 * One pass. `keep` holds start offsets of elements that must not be dropped
 * (an earlier pass found them unclosed); with `noSubtreeDrops` only raw-text
 * elements are dropped, which always terminates.
 */
function scan(html: string, opts: PrepareOptions, keep: Set<number>, noSubtreeDrops: boolean): { prepared: Prepared; unclosedAt?: number } {
  const parts: string[] = [];
  const meta = new Map<string, string>();
  const jsonLd: string[] = [];
  const prepared: Prepared = { html: '', meta, jsonLd, cropped: false, prose: 0, removed: [] };
  const cropShare = opts.cropShare ?? 0;
  /** Open elements with a required end tag, innermost last. */
  const open: OpenElement[] = [];
  const containers: Array<{ start: number; end: number; prose: number }> = [];
  let titlePart = '';
  /** Where the content of the first open <h1> starts, while it is open. */
  let h1From = -1;
  let inBody = false;
  let tableDepth = 0;
  let articleDepth = 0;
  let linkDepth = 0;

  // Paragraph text, to judge which container holds the article.
  let prose = 0;
  let paraChars = 0;
  let paraLinkChars = 0;
  const endPara = (): void => {
    if (paraChars >= MIN_PARA_CHARS && paraLinkChars < paraChars / 2) prose += paraChars;
    paraChars = 0;
    paraLinkChars = 0;
  };

  /** Input offset up to which everything has been emitted or dropped. */
  let last = 0;
  /** Whether the last emitted tag was block-level, for dropping whitespace-only text after it. */
  let prevBlock = true;
  const emitText = (end: number, nextBlock: boolean): void => {
    if (end <= last) return;
    const text = html.slice(last, end);
    if (/^\s*$/.test(text)) {
      if (!(prevBlock || nextBlock)) parts.push(' ');
      return;
    }
    parts.push(escapeText(text));
    prevBlock = false;
    if (inBody) {
      const n = text.trim().length;
      paraChars += n;
      if (linkDepth) paraLinkChars += n;
    }
  };

  const re = new RegExp(TAG_RE.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const name = m[2]?.toLowerCase();
    const closing = m[1] === '/';
    const selfClosing = m[0].endsWith('/>');
    if (name === undefined) {
      // comment, doctype, CDATA, processing instruction
      emitText(m.index, false);
      last = re.lastIndex;
      continue;
    }
    const block = BLOCKISH.has(name);
    emitText(m.index, block);
    last = re.lastIndex;
    if (PARA_BREAK_TAGS.has(name)) endPara();

    if (closing) {
      if (name === 'a' && linkDepth > 0) linkDepth--;
      else if (name === 'h1' && h1From >= 0) {
        if (prepared.h1 === undefined) prepared.h1 = fragmentText(html.slice(h1From, m.index)) || undefined;
        h1From = -1;
      }
      if (name === 'html' || name === 'head' || name === 'body') continue;
      if (OPTIONAL_END.has(name) || VOID.has(name)) {
        parts.push(`</${name}>`);
        prevBlock = block;
        continue;
      }
      let i = open.length - 1;
      while (i >= 0 && open[i]!.name !== name) i--;
      if (i < 0) continue; // stray end tag
      const el = open[i]!;
      open.length = i;
      if (el.flattened) continue;
      parts.push(`</${name}>`);
      prevBlock = block;
      if (name === 'table' && tableDepth > 0) tableDepth--;
      else if ((name === 'article' || name === 'main') && articleDepth > 0) articleDepth--;
      if (el.candidate) containers.push({ start: el.part, end: parts.length, prose: prose - el.prose });
      continue;
    }

    const rawAttrs = m[3] ?? '';
    const attrs = rawAttrs.length > 1 ? parseAttrs(rawAttrs) : [];

    if (RAW_TEXT.has(name) && !selfClosing) {
      const { contentEnd, end } = rawTextEnd(html, name, re.lastIndex);
      const content = html.slice(re.lastIndex, contentEnd);
      re.lastIndex = end;
      last = end;
      if (name === 'title') {
        if (prepared.title === undefined && !inBody) {
          const t = decodeEntities(content).replace(/\s+/g, ' ').trim();
          if (t) prepared.title = t;
          titlePart = `<title>${content.replace(/</g, '&lt;')}</title>`;
        }
      } else if (name === 'script' && /ld\+json/i.test(attr(attrs, 'type') ?? '')) {
        jsonLd.push(content);
      }
      continue;
    }
    if (name === 'meta' || name === 'link' || name === 'html' || name === 'head' || name === 'body') {
      // Metadata is collected; the skeleton is rebuilt at the end (linkedom needs a well-formed html > head + body).
      collectTagMeta(name, attrs, prepared);
      if (name === 'body') inBody = true;
      continue;
    }
    inBody = true;

    const hidden = attrs.length > 0 && isHidden(attrs);
    const droppable = !noSubtreeDrops && !keep.has(m.index);
    let drop = droppable && DROP_TAGS.has(name);
    let ruleId = articleDepth > 0 ? RECORDED[name] : undefined;
    if (!drop && droppable && CLOSED.has(name) && attrs.length) {
      drop = hidden;
      if (!drop && opts.stripUnlikely && tableDepth === 0 && name !== 'a') {
        const match = `${attr(attrs, 'class') ?? ''} ${attr(attrs, 'id') ?? ''}`;
        drop = UNLIKELY.test(match) && !OK_MAYBE.test(match);
        if (drop && articleDepth > 0) ruleId = ruleFor(name, attrs, opts.rules)?.ruleId ?? 'html-unlikely';
      }
      if (!drop && opts.rules && !selfClosing) {
        const rule = ruleFor(name, attrs, opts.rules);
        const end = rule ? subtreeEnd(html, name, re.lastIndex, MAX_EARLY_DROP_MARKUP) : -1;
        if (rule && end >= 0) {
          const text = fragmentText(html.slice(m.index, end));
          if (text.length <= MAX_EARLY_DROP_CHARS) {
            if (text) prepared.removed.push({ text, ruleId: rule.ruleId, stage: 'html' });
            re.lastIndex = end;
            last = end;
            prevBlock = block;
            continue;
          }
        }
      }
    }
    if (drop) {
      if (selfClosing || VOID.has(name)) continue;
      const end = subtreeEnd(html, name, re.lastIndex);
      // A dropped element that is never closed would swallow the rest of the page: rescan keeping it.
      if (end < 0) return { prepared, unclosedAt: m.index };
      const fragment = html.slice(m.index, end);
      if (ruleId) {
        const text = fragmentText(fragment);
        if (text) prepared.removed.push({ text, ruleId, stage: 'html' });
      }
      // The headline and its date often sit in a dropped <header>; a sidebar's dates are not the article's.
      if ((name === 'header' || articleDepth > 0) && (prepared.h1 === undefined || prepared.time === undefined)) headlineFacts(fragment, prepared);
      re.lastIndex = end;
      last = end;
      prevBlock = block;
      continue;
    }

    if (name === 'time' && prepared.time === undefined) {
      const datetime = attr(attrs, 'datetime')?.trim();
      if (datetime) prepared.time = decodeEntities(datetime);
    } else if (name === 'h1' && prepared.h1 === undefined) h1From = re.lastIndex;
    if (selfClosing || VOID.has(name) || OPTIONAL_END.has(name)) {
      parts.push(rebuildTag(name, attrs, selfClosing, hidden));
      prevBlock = block;
      continue;
    }
    if (open.length >= MAX_DEPTH) {
      open.push({ name, part: parts.length, prose, candidate: false, flattened: true });
      continue;
    }
    const candidate =
      cropShare > 0 &&
      CONTAINER_TAGS.has(name) &&
      (name === 'article' || name === 'main' || attr(attrs, 'role') === 'main' || CONTAINER_HINT.test(`${attr(attrs, 'class') ?? ''} ${attr(attrs, 'id') ?? ''} ${attr(attrs, 'itemprop') ?? ''}`));
    open.push({ name, part: parts.length, prose, candidate, flattened: false });
    parts.push(rebuildTag(name, attrs, false, hidden));
    prevBlock = block;
    if (name === 'a') linkDepth++;
    else if (name === 'table') tableDepth++;
    else if (name === 'article' || name === 'main') articleDepth++;
  }
  // A document cut inside a tag: the partial tag is not text.
  const cut = /<[A-Za-z/!?][^<>]*$/.exec(html.slice(last));
  emitText(cut ? last + cut.index : html.length, true);
  endPara();
  prepared.prose = prose;
  let body = parts;
  if (cropShare > 0 && prose >= 2 * MIN_PARA_CHARS) {
    let best: { start: number; end: number } | undefined;
    for (const c of containers) {
      if (c.prose < cropShare * prose) continue;
      if (!best || c.end - c.start < best.end - best.start) best = c;
    }
    if (best) {
      body = parts.slice(best.start, best.end);
      prepared.cropped = true;
    }
  }
  const lang = prepared.lang ? ` lang="${prepared.lang.replace(/[^\w-]/g, '')}"` : '';
  prepared.html = `<html${lang}><head>${titlePart}</head><body>${body.join('')}</body></html>`;
  return { prepared };
}

/** Below this size a document without </body> or </html> is not called truncated. */
const MIN_TRUNCATED_CHARS = 256;

/**
 * True when the document clearly stops early: it ends inside a tag, or it
 * opened <html> or <body>, has some content, and closes neither.
 */
export function looksTruncated(html: string): boolean {
  const lastOpen = html.lastIndexOf('<');
  if (lastOpen > html.lastIndexOf('>') && /[A-Za-z/!?]/.test(html.charAt(lastOpen + 1))) return true;
  if (html.length < MIN_TRUNCATED_CHARS || !/<(?:html|body)[\s>]/i.test(html.slice(0, 65536))) return false;
  return !/<\/(?:html|body)\s*>/i.test(html.slice(-65536));
}
