import './style.css';
import { getHealth } from './api.js';
import { announce, clear, h } from './dom.js';
import { articleView } from './views/article.js';
import { articlesView } from './views/articles.js';
import { actorView } from './views/actor.js';
import { dyadView } from './views/dyad.js';
import { eventsView } from './views/events.js';
import { networkView } from './views/network.js';
import { outletsView } from './views/outlets.js';
import { searchView } from './views/search.js';
import { shiftsView } from './views/shifts.js';
import { storiesView } from './views/stories.js';

interface Route {
  path: string[];
  params: URLSearchParams;
}

function parseHash(): Route {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

async function relationsMissing(title: string): Promise<HTMLElement | undefined> {
  const health = await getHealth().catch(() => undefined);
  if (health?.features.relations) return undefined;
  return h('section', {}, h('h1', {}, title), h('p', { class: 'muted' }, 'Relations are not available on this server yet. The event feed, articles and search work.'), h('p', {}, h('a', { href: '#/events' }, 'Open the event feed')));
}

async function render(r: Route): Promise<{ view: HTMLElement; title: string }> {
  const [head, ...rest] = r.path;
  switch (head) {
    case undefined:
    case 'network':
      return { view: (await relationsMissing('Alliance network')) ?? (await networkView(r.params)), title: 'Alliance network' };
    case 'dyad':
      return { view: (await relationsMissing('Dyad')) ?? (await dyadView(rest[0] ?? '', rest[1] ?? '', r.params)), title: `Dyad ${rest[0] ?? ''}–${rest[1] ?? ''}` };
    case 'shifts':
      return { view: (await relationsMissing('Shifts and hedging')) ?? (await shiftsView(r.params)), title: 'Shifts and hedging' };
    case 'events':
      return { view: await eventsView(r.params), title: 'Event feed' };
    case 'articles':
      return { view: await articlesView(r.params), title: 'Articles' };
    case 'article':
      return { view: await articleView(rest[0] ?? ''), title: `Article ${rest[0] ?? ''}` };
    case 'actor':
      return { view: await actorView(rest[0] ?? ''), title: `Actor ${rest[0] ?? ''}` };
    case 'outlets':
      return { view: await outletsView(), title: 'Outlets' };
    case 'stories':
      return { view: await storiesView(), title: 'Stories' };
    case 'search':
      return { view: await searchView(r.params), title: 'Search' };
    default:
      return { view: h('section', {}, h('h1', {}, 'Not found'), h('p', {}, 'No such page. '), h('a', { href: '#/network' }, 'Go to the network')), title: 'Not found' };
  }
}

let generation = 0;

async function route(): Promise<void> {
  const mine = ++generation;
  const r = parseHash();
  const main = document.getElementById('view')!;
  main.setAttribute('aria-busy', 'true');
  const { view, title } = await render(r);
  if (mine !== generation) return;
  clear(main);
  main.append(view);
  main.removeAttribute('aria-busy');
  document.title = `${title} · Entente`;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
    if (a.getAttribute('href') === `#/${r.path[0] ?? 'network'}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const input = document.getElementById('search-input') as HTMLInputElement;
  if (r.path[0] === 'search') input.value = r.params.get('q') ?? '';
  // Move focus to the new content on navigation (not on first load, where the skip link comes first).
  if (mine > 1) main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  announce(`${title} loaded`);
}

document.getElementById('search-form')!.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = (document.getElementById('search-input') as HTMLInputElement).value.trim();
  if (q) location.hash = `#/search?q=${encodeURIComponent(q)}`;
});
// The skip link must not change the hash: the hash is the router's.
document.querySelector('.skip')?.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('view')!.focus();
});
window.addEventListener('hashchange', () => void route());
void route();
