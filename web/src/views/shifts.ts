import { api } from '../api.js';
import { h } from '../dom.js';
import { errorBox, eventList, field, signed } from './common.js';
import { eventsOf, type ShiftsView } from '../relations.js';

export async function shiftsView(params: URLSearchParams): Promise<HTMLElement> {
  const since = params.get('since') ?? '';
  const form = h('form', { class: 'filters', 'aria-label': 'Window' }, field('Window starts', h('input', { name: 'since', type: 'date', value: since })), h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = new FormData(form).get('since');
    location.hash = `#/shifts${typeof v === 'string' && v ? `?since=${v}` : ''}`;
  });
  const root = h('section', { 'aria-labelledby': 'shifts-title' }, h('h1', { id: 'shifts-title' }, 'Shifts and hedging'), form);
  let v: ShiftsView;
  try {
    v = await api<ShiftsView>('/shifts', { since });
  } catch (e) {
    root.append(errorBox(e));
    return root;
  }
  const name = (k: string) => v.names[k] ?? k;
  root.append(h('p', { class: 'muted' }, `Recent window ${v.window.start} … ${v.window.end}.`));
  root.append(h('h2', {}, `Hedging (${v.hedging.length})`));
  if (v.hedging.length === 0) root.append(h('p', { class: 'muted' }, 'No hedging cases in this window.'));
  for (const c of v.hedging) {
    root.append(
      h(
        'article',
        { class: 'case' },
        h('h3', {}, `${name(c.a)} hedging: toward ${name(c.c)}, away from ${name(c.b)}`),
        h('p', {}, c.summary),
        h('p', {}, `${name(c.a)}–${name(c.c)}: index ${signed(c.ac.index)}, change ${signed(c.ac.change)} · ${name(c.a)}–${name(c.b)}: index ${signed(c.ab.index)}, change ${signed(c.ab.change)} · ${name(c.b)}–${name(c.c)}: ${signed(c.bc.index)} (${c.bc.rivalry})${c.alliance.length ? ` · allied through ${c.alliance.join(', ')}` : ''}`),
        h('h4', {}, `${name(c.a)} – ${name(c.c)}`),
        eventList(eventsOf(c.ac.evidence, v.evidence)),
        h('h4', {}, `${name(c.a)} – ${name(c.b)}`),
        eventList(eventsOf(c.ab.evidence, v.evidence)),
      ),
    );
  }
  root.append(h('h2', {}, `Shifts (${v.shifts.length})`));
  if (v.shifts.length === 0) root.append(h('p', { class: 'muted' }, 'No shifts in this window.'));
  for (const s of v.shifts) {
    root.append(
      h(
        'article',
        { class: 'case' },
        h('h3', {}, h('a', { href: `#/dyad/${s.a}/${s.b}` }, `${name(s.a)} – ${name(s.b)}`), `: ${s.direction} ${signed(s.change)}`),
        h('p', {}, `From ${signed(s.from)} to ${signed(s.to)} between ${s.window.start} and ${s.window.end} (confidence ${s.confidence.toFixed(2)}).`),
        eventList(eventsOf(s.drivers, v.evidence)),
      ),
    );
  }
  return root;
}
