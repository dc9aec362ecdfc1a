import { api, type EventItem } from '../api.js';
import { h } from '../dom.js';
import { errorBox, eventList, field } from './common.js';

const TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
const MODALITIES = ['asserted', 'planned', 'threatened', 'hypothetical', 'reported', 'historical'];
const FILTERS = ['actor', 'dyad', 'since', 'until', 'type', 'root', 'modality'] as const;

function select(name: string, options: string[], value: string): HTMLSelectElement {
  return h('select', { name }, h('option', { value: '' }, 'any'), options.map((o) => h('option', { value: o, selected: o === value }, o)));
}

export async function eventsView(params: URLSearchParams): Promise<HTMLElement> {
  const get = (k: string) => params.get(k) ?? '';
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Event filters' },
    field('Actor', h('input', { name: 'actor', value: get('actor'), placeholder: 'USA or USAGOV', pattern: '[A-Za-z]{3}[A-Za-z0-9]*', size: 13 })),
    field('Dyad', h('input', { name: 'dyad', value: get('dyad'), placeholder: 'USA:CHN', pattern: '[A-Za-z]{3}[A-Za-z0-9]*:[A-Za-z]{3}[A-Za-z0-9]*', size: 12 })),
    field('Since', h('input', { name: 'since', type: 'date', value: get('since') })),
    field('Until', h('input', { name: 'until', type: 'date', value: get('until') })),
    field('PLOVER type', select('type', TYPES, get('type'))),
    field('CAMEO root', h('input', { name: 'root', value: get('root'), placeholder: '04', pattern: '[0-9]{2}', size: 3 })),
    field('Modality', select('modality', MODALITIES, get('modality'))),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) q.set(k, k === 'actor' || k === 'dyad' ? v.trim().toUpperCase() : v.trim());
    location.hash = `#/events${q.size ? `?${q}` : ''}`;
  });
  const root = h('section', { 'aria-labelledby': 'events-title' }, h('h1', { id: 'events-title' }, 'Event feed'), form);
  const list = h('div', { id: 'event-feed' });
  root.append(list);
  const query: Record<string, string> = {};
  for (const k of FILTERS) if (get(k)) query[k] = get(k);
  const load = async (after?: string): Promise<void> => {
    try {
      const page = await api<{ items: EventItem[]; next?: string }>('/events', { ...query, limit: 50, after });
      list.append(eventList(page.items, after ? 'No more events.' : 'No events match these filters.'));
      if (page.next) {
        const more = h('button', { type: 'button', class: 'more' }, 'Load more events');
        more.addEventListener('click', () => {
          more.remove();
          void load(page.next);
        });
        list.append(more);
      }
    } catch (e) {
      list.append(errorBox(e));
    }
  };
  await load();
  return root;
}
