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
    root.append(h('h2', {}, `Dyads (${v.dyads.length}), most evidence first`));
    if (v.dyads.length) {
      root.append(
        h(
          'ul',
          { class: 'dyads' },
          [...v.dyads].sort((x, y) => y.evidence - x.evidence).map((d) =>
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
      // Newest first; a state has hundreds of office holders, so the list opens with the latest 20.
      const roles = [...v.roles].reverse();
      const row = (r: ActorView['roles'][number]) => h('tr', {}, h('td', {}, h('a', { href: `#/actor/${r.personId}` }, r.person)), h('td', {}, `${r.title ?? r.office} (${r.country})`), h('td', {}, r.start), h('td', {}, r.end ?? 'in office'));
      const body = h('tbody', {}, roles.slice(0, 20).map(row));
      root.append(
        h('h2', {}, `Roles over time (${roles.length})`),
        h('div', { class: 'table-wrap' }, h('table', { class: 'table' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'Office'), h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col' }, 'Until'))), body)),
      );
      if (roles.length > 20) {
        const more = h('button', { type: 'button', class: 'more' }, `Show all ${roles.length} roles`);
        more.addEventListener('click', () => {
          body.replaceChildren(...roles.map(row));
          more.remove();
        });
        root.append(more);
      }
    }
  } catch (e) {
    root.append(h('h1', { id: 'actor-title' }, id), errorBox(e));
  }
  return root;
}
