/**
 * The only way the dashboard makes DOM: text goes in as text nodes, never as
 * HTML, so scraped text cannot inject markup or script. Links accept only
 * in-app `#/…` targets and http(s) URLs.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (e: Event) => void;
export type Props = Record<string, string | number | boolean | Handler | undefined>;

export function safeHref(url: string): string | undefined {
  if (url.startsWith('#/')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function append(el: Node, c: Child): void {
  if (c === null || c === undefined || c === false) return;
  if (Array.isArray(c)) for (const x of c) append(el, x);
  else if (c instanceof Node) el.appendChild(c);
  else el.appendChild(document.createTextNode(String(c)));
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'href') {
      const href = safeHref(String(v));
      if (href !== undefined) el.setAttribute('href', href);
    } else if (k === 'class') el.className = String(v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' && 'checked' in el) (el as HTMLInputElement).checked = Boolean(v);
    else if (/^(on|style$|srcdoc$|src$|formaction$|action$)/i.test(k)) throw new Error(`dom: attribute ${k} is not allowed`);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Text with the given [start, end) ranges wrapped in <mark>. */
export function marked(text: string, ranges: Array<[number, number]>): Child[] {
  const out: Child[] = [];
  let at = 0;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    if (a < at || b > text.length || b <= a) continue;
    out.push(text.slice(at, a), h('mark', {}, text.slice(a, b)));
    at = b;
  }
  out.push(text.slice(at));
  return out;
}

export function announce(message: string): void {
  const s = document.getElementById('status');
  if (s) s.textContent = message;
}
