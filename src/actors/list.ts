import type { KnowledgeBase } from './kb.js';

export type ActorType = 'state' | 'person' | 'org' | 'group';

export interface ActorListItem {
  type: ActorType;
  id: string;
  name: string;
  /** ISO3, IGO or '' (groups: '' — see members). */
  country: string;
  /** CAMEO-style code where one applies. */
  code: string;
  detail: string;
}

/** The knowledge base's actors, filtered; persons show their latest term. Pure. */
export function listActors(kb: KnowledgeBase, q: { country?: string; type?: ActorType } = {}): ActorListItem[] {
  const out: ActorListItem[] = [];
  const want = (t: ActorType): boolean => q.type === undefined || q.type === t;
  if (want('state')) {
    for (const c of kb.countries.values()) out.push({ type: 'state', id: c.iso3, name: c.name, country: c.iso3, code: c.iso3, detail: c.capital ? `capital ${c.capital}` : '' });
  }
  if (want('person')) {
    for (const p of kb.people.values()) {
      const last = p.terms[p.terms.length - 1];
      const country = last?.country ?? p.home;
      out.push({
        type: 'person',
        id: p.id,
        name: p.name,
        country,
        code: last ? kb.actorCode(last.country, last.sector) : kb.actorCode(p.home, p.sector),
        detail: last ? `${last.title ?? last.office} ${last.start}…${last.end ?? ''}` : '',
      });
    }
  }
  if (want('org')) {
    for (const o of kb.organisations.values()) out.push({ type: 'org', id: o.id, name: o.name, country: o.country, code: o.code, detail: `${o.type} ${o.sector}` });
  }
  if (want('group')) {
    for (const g of kb.groups.values()) {
      const members = g.membersOn(null);
      out.push({ type: 'group', id: g.id, name: g.name, country: '', code: g.code ?? '', detail: members ? `${members.length} members` : 'no fixed membership' });
    }
  }
  const filtered = q.country === undefined ? out : out.filter((a) => a.country === q.country || (a.type === 'group' && (kb.group(a.id)?.membersOn(null) ?? []).includes(q.country!)));
  return filtered.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type.localeCompare(b.type)));
}
