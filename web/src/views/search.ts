import { api } from '../api.js';
import { h, marked } from '../dom.js';
import { errorBox } from './common.js';

interface Hit {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
  snippet: string;
  highlights: Array<[number, number]>;
}

export async function searchView(params: URLSearchParams): Promise<HTMLElement> {
  const q = params.get('q') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const root = h('section', { 'aria-labelledby': 'search-title' }, h('h1', { id: 'search-title' }, q ? `Search: ${q}` : 'Search'));
  if (!q.trim()) {
    root.append(h('p', { class: 'muted' }, 'Type words in the search box: articles that contain all of them are listed, best first.'));
    return root;
  }
  try {
    const r = await api<{ total: number; items: Hit[]; limit: number }>('/search', { q, offset, limit: 20 });
    root.append(h('p', { id: 'search-count' }, `${r.total} article${r.total === 1 ? '' : 's'} found`));
    root.append(
      h(
        'ol',
        { class: 'hits', start: offset + 1 },
        r.items.map((hit) =>
          h(
            'li',
            { class: 'hit' },
            h('h2', {}, h('a', { href: `#/article/${hit.id}` }, hit.title || `Untitled article #${hit.id}`)),
            h('p', { class: 'muted' }, [hit.outlet, hit.published].filter(Boolean).join(' · ')),
            h('p', { class: 'snippet' }, marked(hit.snippet, hit.highlights)),
          ),
        ),
      ),
    );
    const nav = h('p', { class: 'pager' });
    if (offset > 0) nav.append(h('a', { href: `#/search?q=${encodeURIComponent(q)}&offset=${Math.max(0, offset - 20)}` }, '← Previous'), ' ');
    if (offset + r.items.length < r.total) nav.append(h('a', { href: `#/search?q=${encodeURIComponent(q)}&offset=${offset + 20}` }, 'Next →'));
    root.append(nav);
  } catch (e) {
    root.append(errorBox(e));
  }
  return root;
}
