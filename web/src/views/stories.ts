import { api } from '../api.js';
import { h } from '../dom.js';
import { errorBox } from './common.js';

interface Story {
  id: number;
  label: string;
  terms: string[];
  topics: Array<{ id: string; label: string; score: number }>;
  articles: number[];
  outlets: string[];
  actors: Array<{ key: string; mentions: number }>;
  first?: string;
  last?: string;
  heads: Array<{ id: number; title: string; outlet?: string; published?: string }>;
}

export async function storiesView(): Promise<HTMLElement> {
  const root = h('section', { 'aria-labelledby': 'stories-title' }, h('h1', { id: 'stories-title' }, 'Stories'));
  try {
    const v = await api<{ items: Story[] }>('/stories');
    root.append(h('p', { class: 'muted' }, `${v.items.length} stories: articles about the same happening, across outlets.`));
    root.append(
      h(
        'ol',
        { class: 'stories' },
        v.items.map((s) =>
          h(
            'li',
            { class: 'case' },
            h('h2', {}, s.label),
            h('p', { class: 'muted' }, [s.first && s.last ? (s.first === s.last ? s.first : `${s.first} … ${s.last}`) : '', s.topics.map((t) => t.label).join(', '), s.outlets.join(', ')].filter(Boolean).join(' · ')),
            h('p', {}, `Actors: ${s.actors.slice(0, 6).map((a) => a.key).join(', ') || '—'}`),
            h('ul', {}, s.heads.map((a) => h('li', {}, h('a', { href: `#/article/${a.id}` }, a.title || `Untitled article #${a.id}`), [a.outlet, a.published].filter(Boolean).length ? h('span', { class: 'muted' }, ` — ${[a.outlet, a.published].filter(Boolean).join(', ')}`) : null))),
          ),
        ),
      ),
    );
  } catch (e) {
    root.append(errorBox(e));
  }
  return root;
}
