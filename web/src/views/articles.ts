import { api } from '../api.js';
import { h } from '../dom.js';
import { errorBox } from './common.js';

export interface ArticleSummary {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
  related: number;
  removed: number;
  flagged: boolean;
}

export async function articlesView(params: URLSearchParams): Promise<HTMLElement> {
  const offset = Number(params.get('offset') ?? 0) || 0;
  const outlet = params.get('outlet') ?? undefined;
  const root = h('section', { 'aria-labelledby': 'articles-title' }, h('h1', { id: 'articles-title' }, outlet ? `Articles from ${outlet}` : 'Articles'));
  try {
    const r = await api<{ total: number; items: ArticleSummary[] }>('/articles', { limit: 50, offset, outlet });
    root.append(
      h('p', {}, `${r.total} article${r.total === 1 ? '' : 's'}`),
      h(
        'table',
        { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'Published'))),
        h(
          'tbody',
          {},
          r.items.map((a) => h('tr', {}, h('td', {}, String(a.id)), h('td', {}, h('a', { href: `#/article/${a.id}` }, a.title || `Untitled article #${a.id}`)), h('td', {}, a.outlet ?? '—'), h('td', {}, a.published ?? '—'))),
        ),
      ),
    );
    const nav = h('p', { class: 'pager' });
    const base = `#/articles?${outlet ? `outlet=${encodeURIComponent(outlet)}&` : ''}offset=`;
    if (offset > 0) nav.append(h('a', { href: `${base}${Math.max(0, offset - 50)}` }, '← Previous'), ' ');
    if (offset + r.items.length < r.total) nav.append(h('a', { href: `${base}${offset + 50}` }, 'Next →'));
    root.append(nav);
  } catch (e) {
    root.append(errorBox(e));
  }
  return root;
}
