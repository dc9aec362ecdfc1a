import type { KnowledgeBase } from '../../actors/kb.js';
import { listActors } from '../../actors/list.js';
import { notFound } from '../errors.js';
import { route, type AnyRoute } from '../route.js';
import { actorParams, actorsQuery } from '../schemas.js';

/** What other modules add to one actor's view (its dyads, from relations). */
export interface ActorExtras {
  dyads?: (actor: { id: string; code: string; country: string }) => Promise<unknown[]>;
}

interface Role {
  person: string;
  personId: string;
  office: string;
  title?: string;
  country: string;
  sector: string;
  start: string;
  end: string | null;
}

/** Offices held over time: a person's own terms, or every term held in a state. */
function rolesOf(kb: KnowledgeBase, id: string, kind: string): Role[] {
  const roles: Role[] = [];
  for (const p of kb.people.values()) {
    if (kind === 'person' && p.id !== id) continue;
    for (const t of p.terms) {
      if (kind === 'state' && t.country !== id) continue;
      roles.push({ person: p.name, personId: p.id, office: t.office, ...(t.title ? { title: t.title } : {}), country: t.country, sector: t.sector, start: t.start, end: t.end });
    }
  }
  return roles.sort((a, b) => (a.start === b.start ? a.person.localeCompare(b.person) : a.start < b.start ? -1 : 1));
}

export function actorRoutes(kb: KnowledgeBase, extras: ActorExtras = {}): AnyRoute[] {
  const all = listActors(kb);
  return [
    route({
      method: 'GET',
      path: '/api/actors',
      operationId: 'listActors',
      summary: 'Actors of the knowledge base: states, people (latest term), organisations, groups',
      tag: 'actors',
      query: actorsQuery,
      returns: '{ total, items: Actor[] }',
      handler: async ({ query: q }) => {
        const needle = q.q?.toLowerCase();
        const matches = listActors(kb, { ...(q.country ? { country: q.country } : {}), ...(q.type ? { type: q.type } : {}) }).filter(
          (a) => needle === undefined || a.name.toLowerCase().includes(needle) || a.id.toLowerCase() === needle || a.code.toLowerCase() === needle,
        );
        return { total: matches.length, items: matches.slice(0, q.limit) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/actors/:id',
      operationId: 'getActor',
      summary: 'One actor: what the knowledge base knows, its roles over time, its dyads',
      tag: 'actors',
      params: actorParams,
      returns: '{ actor, roles, members?, dyads }',
      handler: async ({ params }) => {
        const actor = all.find((a) => a.id === params.id) ?? all.find((a) => a.type === 'state' && a.code === params.id.toUpperCase());
        if (!actor) throw notFound(`actor "${params.id}"`);
        const members = actor.type === 'group' ? kb.group(actor.id)?.membersOn(null) ?? null : undefined;
        const dyads = extras.dyads ? await extras.dyads({ id: actor.id, code: actor.code, country: actor.country }) : [];
        return { actor, roles: actor.type === 'person' || actor.type === 'state' ? rolesOf(kb, actor.id, actor.type) : [], ...(members !== undefined ? { members } : {}), dyads };
      },
    }),
  ];
}
