import { api } from '../api.js';
import { h } from '../dom.js';
import { errorBox } from './common.js';

interface OutletsView {
  /** True when outlet profiles (tone, opinion, quoted voices) come from the voices module. */
  profiles: boolean;
  items: Array<{ outlet: string; articles: number; [k: string]: unknown }>;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.slice(0, 5).map((x) => (typeof x === 'object' && x ? Object.values(x as object).slice(0, 2).join(' ') : String(x))).join(', ');
  return Object.entries(v as object).slice(0, 5).map(([k, x]) => `${k}: ${cell(x)}`).join(', ');
}

export async function outletsView(): Promise<HTMLElement> {
  const root = h('section', { 'aria-labelledby': 'outlets-title' }, h('h1', { id: 'outlets-title' }, 'Outlets'));
  try {
    const v = await api<OutletsView>('/outlets');
    if (!v.profiles) root.append(h('p', { class: 'muted' }, 'Article counts per outlet. Profiles (tone toward actors, opinion language, whom each quotes) appear here when the voices module has analysed the articles.'));
    const keys = [...new Set(v.items.flatMap((i) => Object.keys(i)))].filter((k) => k !== 'outlet' && k !== 'articles').slice(0, 5);
    root.append(
      h(
        'table',
        { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'Articles'), keys.map((k) => h('th', { scope: 'col' }, k)))),
        h('tbody', {}, v.items.map((o) => h('tr', {}, h('th', { scope: 'row' }, h('a', { href: `#/articles?outlet=${encodeURIComponent(o.outlet)}` }, o.outlet)), h('td', {}, String(o.articles)), keys.map((k) => h('td', {}, cell(o[k])))))),
      ),
    );
  } catch (e) {
    root.append(errorBox(e));
  }
  return root;
}
