import { api } from '../api.js';
import { h } from '../dom.js';
import { errorBox, indexColour, signed } from './common.js';

interface ActorView {
  actor: { type: string; id: string; name: string; country: string; code: string; detail: string };
  roles: Array<{ person: string; personId: string; office: string; title?: string; country: string; start: string; end: string | null }>;
  members?: string[] | null;
  dyads: Array<{ a: string; b: string; aName?: string; bName?: string; index: number; evidence: number; change?: number }>;
}

export async function actorView(id: string): Promise<HTMLElement> {
  const root = h('section', { 'aria-labelledby': 'actor-title' });
  try {
    const v = await api<ActorView>(`/actors/${encodeURIComponent(id)}`);
    const a = v.actor;
    root.append(h('h1', { id: 'actor-title' }, a.name), h('p', { class: 'muted' }, [a.type, a.code, a.detail].filter(Boolean).join(' · ')));
    if (v.members) root.append(h('p', {}, `Members: ${v.members.join(', ')}`));
    root.append(h('h2', {}, `Dyads (${v.dyads.length})`));
    if (v.dyads.length) {
      root.append(
        h(
          'ul',
          { class: 'dyads' },
          v.dyads.map((d) =>
            h(
              'li',
              {},
              h('span', { class: 'swatch', 'aria-hidden': 'true', 'data-colour': indexColour(d.index) }),
              h('a', { href: `#/dyad/${d.a}/${d.b}` }, `${d.aName ?? d.a} – ${d.bName ?? d.b}`),
              ` index ${signed(d.index)} · ${d.evidence} events${d.change !== undefined ? ` · change ${signed(d.change)}` : ''}`,
            ),
          ),
        ),
      );
    } else root.append(h('p', { class: 'muted' }, 'No dyads with stored events.'));
    if (v.roles.length) {
      root.append(
        h('h2', {}, 'Roles over time'),
        h(
          'table',
          { class: 'table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'Office'), h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col' }, 'Until'))),
          h('tbody', {}, v.roles.map((r) => h('tr', {}, h('td', {}, h('a', { href: `#/actor/${r.personId}` }, r.person)), h('td', {}, `${r.title ?? r.office} (${r.country})`), h('td', {}, r.start), h('td', {}, r.end ?? 'in office')))),
        ),
      );
    }
  } catch (e) {
    root.append(h('h1', { id: 'actor-title' }, id), errorBox(e));
  }
  return root;
}
