/**
 * DOM → plain text, one paragraph per line, with the boilerplate filter
 * applied on the way: elements matching an element rule are skipped whole,
 * then lines matching a line rule are dropped. Everything dropped is returned
 * as `removed` so the decision can be audited.
 */
import type { Removed } from '../types.js';
import { attrKey, matchElement, type ElementRule, type HtmlRules, type LineRule } from './html-rules.js';

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'option', 'menu',
]);

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'title', 'iframe', 'object', 'embed', 'input', 'img', 'picture', 'video', 'audio', 'source']);

export interface Line {
  text: string;
  /** Characters of the line that sit inside links. */
  linkChars: number;
  /** Tag of the block element the line was gathered in (p, li, h2, div…). */
  block: string;
}

export interface TextOptions {
  rules: HtmlRules;
  /** Apply the element and line rules (false: plain conversion). */
  filter: boolean;
}

export interface TextResult {
  lines: Line[];
  removed: Removed[];
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/** Collapse whitespace (and zero-width characters) to single spaces; drop control characters. */
export function normalizeSpace(s: string): string {
  return s
    .replace(CONTROL, '')
    .replace(/(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)+/g, ' ')
    .trim();
}

/** The first element rule the element matches, ignoring the size limit. */
export function matchElementRule(el: Element, rules: HtmlRules): ElementRule | undefined {
  const key = attrKey([el.getAttribute('class'), el.getAttribute('id'), el.getAttribute('role'), el.getAttribute('itemprop'), el.getAttribute('data-component')]);
  return matchElement(el.localName, key, rules);
}

export function wordCount(s: string): number {
  const m = s.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
  return m ? m.length : 0;
}

export function toLines(root: Element, opts: TextOptions): TextResult {
  const lines: Line[] = [];
  const removed: Removed[] = [];
  const total = Math.max(1, (root.textContent ?? '').length);
  let buf = '';
  let linkChars = 0;
  let linkDepth = 0;
  let block = root.localName;
  let pre = 0;

  const flush = (): void => {
    const text = pre ? buf.replace(CONTROL, '').replace(/[ \t\f\r]+/g, ' ').replace(/ ?\n+ ?/g, '\n').trim() : normalizeSpace(buf);
    if (text) lines.push({ text, linkChars: Math.min(linkChars, text.length), block });
    buf = '';
    linkChars = 0;
  };

  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = (child as Text).data;
        buf += data;
        if (linkDepth) linkChars += normalizeSpace(data).length;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.localName;
      if (tag === 'br') {
        if (pre) buf += '\n';
        flush();
        continue;
      }
      if (SKIP_TAGS.has(tag)) continue;
      if (opts.filter) {
        const rule = matchElementRule(el, opts.rules);
        if (rule) {
          const raw = el.textContent ?? '';
          if (raw.length <= rule.maxShare * total) {
            const text = normalizeSpace(raw);
            if (text) removed.push({ text, ruleId: rule.ruleId, stage: 'html' });
            continue;
          }
        }
      }
      const isBlock = BLOCK_TAGS.has(tag);
      if (isBlock) {
        flush();
        const outer = block;
        block = tag;
        if (tag === 'pre') pre++;
        walk(el);
        if (tag === 'pre') pre--;
        flush();
        block = outer;
      } else if (tag === 'a') {
        linkDepth++;
        walk(el);
        linkDepth--;
      } else {
        walk(el);
      }
    }
  };

  walk(root);
  flush();
  if (!opts.filter) return { lines, removed };

  const kept: Line[] = [];
  /** Rule id of a heading whose list of links is being dropped. */
  let listOf: string | undefined;
  for (const line of lines) {
    if (listOf && isListLink(line)) {
      removed.push({ text: line.text, ruleId: listOf, stage: 'html' });
      continue;
    }
    listOf = undefined;
    const rule = matchLineRule(line, opts.rules);
    if (rule) {
      removed.push({ text: line.text, ruleId: rule.ruleId, stage: 'html' });
      if (rule.thenLinkLines) listOf = rule.ruleId;
    } else kept.push(line);
  }
  return { lines: kept, removed };
}

/** Lines of a list of links under a "Related" or "Tags" heading: mostly link text, headline-sized. */
const LIST_LINK_SHARE = 0.5;
const LIST_LINK_MAX_WORDS = 60;

function isListLink(line: Line): boolean {
  return line.linkChars >= LIST_LINK_SHARE * line.text.length && wordCount(line.text) <= LIST_LINK_MAX_WORDS;
}

export function matchLineRule(line: Pick<Line, 'text' | 'linkChars'>, rules: HtmlRules): LineRule | undefined {
  const { text } = line;
  // Lines are space-normalised: one with as many spaces as the largest maxWords is a paragraph no rule applies to.
  let spaces = 0;
  for (let i = text.indexOf(' '); i >= 0 && spaces <= rules.maxLineWords; i = text.indexOf(' ', i + 1)) spaces++;
  if (spaces >= rules.maxLineWords) return undefined;
  let words = -1;
  for (const r of rules.lineRules) {
    if (r.minLinkShare > 0 && line.linkChars < r.minLinkShare * text.length) continue;
    if (!r.pattern.test(text)) continue;
    if (words < 0) words = wordCount(text);
    if (words <= r.maxWords) return r;
  }
  return undefined;
}
