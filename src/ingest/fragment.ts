import { DOMParser } from 'linkedom';

/** Elements whose content is never text a reader sees. */
const DROPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'IFRAME', 'TEMPLATE', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'HEAD', 'LINK', 'META',
  'BUTTON', 'SELECT', 'TEXTAREA',
]);

/** Elements that start and end a line of their own. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LEGEND',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL', 'BODY',
]);

/** Table cells are separated by a space so that neighbouring cells do not run together. */
const CELL = new Set(['TD', 'TH']);

const BREAK = '\n';
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

type Step = { node: DomNode; inPre: boolean } | { close: string };

/**
 * Plain text of an HTML fragment (feed item content, a CSV cell holding markup):
 * one paragraph per line, block elements and <br> become line breaks, scripts and
 * styles are dropped, entities are decoded by the parser, whitespace is collapsed.
 * The markup is only parsed (linkedom), never rendered or executed.
 */
export function htmlFragmentToText(html: string): string {
  // Without markup, keep the text's own line breaks (HTML would collapse them).
  if (!/[<&]/.test(html)) return normaliseLines(html.replace(/\r\n?/g, '\n'));
  const doc = new DOMParser().parseFromString(`<!doctype html><html><head></head><body>${html}</body></html>`, 'text/html');
  const body = (doc as unknown as { body: DomNode | null }).body;
  if (!body) return '';
  const out: string[] = [];
  // Iterative walk: hostile input may nest thousands of elements deep.
  const stack: Step[] = [{ node: body, inPre: false }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('close' in step) {
      out.push(step.close);
      continue;
    }
    const { node, inPre } = step;
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? '';
      out.push(inPre ? t.replace(/\r\n?/g, '\n') : t.replace(/\s+/g, ' '));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const name = node.nodeName.toUpperCase();
    if (DROPPED.has(name)) continue;
    if (name === 'BR') {
      out.push(BREAK);
      continue;
    }
    const block = BLOCK.has(name);
    const cell = CELL.has(name);
    if (block) out.push(BREAK);
    if (cell) out.push(' ');
    stack.push({ close: block ? BREAK : cell ? ' ' : '' });
    const children = node.childNodes;
    const pre = inPre || name === 'PRE';
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, inPre: pre });
  }
  return normaliseLines(out.join(''));
}

/** Collapse spaces within each line, trim, drop empty lines. */
function normaliseLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u200b]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
