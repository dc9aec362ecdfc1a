import { api } from '../api.js';
import { h } from '../dom.js';
import { errorBox, signed } from './common.js';

interface OutletProfile {
  outlet: string;
  articles: number;
  tone: number;
  opinion: number;
  actors: Array<{ code: string; articles: number; sentences: number; tone: number }>;
  speakers: Array<{ text: string; code: string; quotes: number }>;
  quotes: number;
  reactions: number;
  first?: string;
  last?: string;
}

export async function outletsView(): Promise<HTMLElement> {
  const root = h('section', { 'aria-labelledby': 'outlets-title' }, h('h1', { id: 'outlets-title' }, 'Outlets'));
  try {
    const v = await api<{ items: OutletProfile[] }>('/outlets');
    root.append(h('p', { class: 'muted' }, 'Tone is positive % − negative % of words (GDELT style); actor tone is the mean (−4…+4) of the sentences naming the actor; opinion is the share of sentences with opinion language.'));
    if (v.items.length === 0) root.append(h('p', { class: 'muted' }, 'No outlet profiles yet: ingest some articles.'));
    root.append(
      h(
        'table',
        { class: 'table' },
        h('thead', {}, h('tr', {}, ['Outlet', 'Articles', 'Tone', 'Opinion', 'Quotes (reactions)', 'Tone toward actors', 'Most quoted'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          {},
          v.items.map((o) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, o.outlet === '(unknown)' ? '(outlet unknown)' : h('a', { href: `#/articles?outlet=${encodeURIComponent(o.outlet)}` }, o.outlet)),
              h('td', {}, String(o.articles)),
              h('td', {}, signed(o.tone, 2)),
              h('td', {}, `${Math.round(o.opinion * 100)}%`),
              h('td', {}, `${o.quotes} (${o.reactions})`),
              h('td', {}, o.actors.slice(0, 5).map((a) => `${a.code} ${signed(a.tone, 2)}`).join(', ') || '—'),
              h('td', {}, o.speakers.slice(0, 3).map((s) => `${s.text} (${s.quotes})`).join(', ') || '—'),
            ),
          ),
        ),
      ),
    );
  } catch (e) {
    root.append(errorBox(e));
  }
  return root;
}
