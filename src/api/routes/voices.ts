import { z } from 'zod';
import type { Store } from '../../store/store.js';
import { outletProfiles } from '../../voices/outlets.js';
import { loadStoryInputs } from '../../voices/load.js';
import { clusterStories } from '../../voices/stories.js';
import { route, type AnyRoute } from '../route.js';
import { actorCode, bool, isoDate, limit, offset } from '../schemas.js';

export const quotesQuery = z
  .object({
    speaker: z.string().min(1).max(100).optional().describe('speaker: code or ISO3 (USAGOV, USA), a @handle, or words of the name'),
    about: actorCode.optional().describe('an actor the quotation is about'),
    article: z.coerce.number().int().positive().optional(),
    reactions: bool.optional().describe('only posts by handles (true) or only other quotations (false)'),
    since: isoDate.optional(),
    until: isoDate.optional(),
    limit: limit(500, 50),
    offset,
  })
  .strict();

export function voiceRoutes(store: Store): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/api/quotes',
      operationId: 'listQuotes',
      summary: 'Quotations with their speakers, what they are about and their stance; posts by handles are reactions',
      tag: 'voices',
      query: quotesQuery,
      returns: '{ total, items: Quote[] } (offsets index the field text of the article)',
      handler: async ({ query: q }) =>
        store.listQuotes({
          limit: q.limit,
          offset: q.offset,
          ...(q.speaker ? { speaker: q.speaker } : {}),
          ...(q.about ? { about: q.about } : {}),
          ...(q.article ? { articleId: q.article } : {}),
          ...(q.reactions ? { reactions: q.reactions === 'true' } : {}),
          ...(q.since ? { since: q.since } : {}),
          ...(q.until ? { until: q.until } : {}),
        }),
    }),
    route({
      method: 'GET',
      path: '/api/outlets',
      operationId: 'listOutlets',
      memo: true,
      summary: 'A profile per outlet: articles, tone, share of opinion language, actors covered with the tone toward each, whom it quotes',
      tag: 'voices',
      query: z.object({ since: isoDate.optional(), until: isoDate.optional() }).strict(),
      returns: '{ profiles: true, items: OutletProfile[] }',
      handler: async ({ query: q }) => {
        const range = { ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}) };
        const tones = [];
        for (let off = 0; ; off += 5000) {
          const page = await store.listArticleTones({ ...range, limit: 5000, offset: off });
          tones.push(...page);
          if (page.length < 5000) break;
        }
        const quotes = [];
        for (let off = 0; ; off += 5000) {
          const page = await store.listQuotes({ ...range, limit: 5000, offset: off });
          quotes.push(...page.items);
          if (page.items.length < 5000) break;
        }
        return { profiles: true, items: outletProfiles(tones, quotes) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/stories',
      operationId: 'listStories',
      memo: true,
      summary: 'Stories: articles about the same happening across outlets, clustered, labelled and given topics',
      tag: 'voices',
      query: z
        .object({
          since: isoDate.optional(),
          until: isoDate.optional(),
          outlet: z.string().min(1).max(200).optional(),
          min: z.coerce.number().int().min(1).max(1000).default(1).describe('least articles a story needs'),
        })
        .strict(),
      returns: '{ items: Story[] } (each with `heads`: its articles\' id, title, outlet, date)',
      handler: async ({ query: q }) => {
        const inputs = await loadStoryInputs(store, { ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}), ...(q.outlet ? { outlet: q.outlet } : {}) });
        const stories = clusterStories(inputs).filter((x) => x.articles.length >= q.min);
        const titles = new Map(inputs.map((a) => [a.id, { id: a.id, title: a.title, ...(a.outlet ? { outlet: a.outlet } : {}), ...(a.published ? { published: a.published } : {}) }]));
        return { items: stories.map((x) => ({ ...x, heads: x.articles.map((id) => titles.get(id) ?? { id, title: '' }) })) };
      },
    }),
  ];
}
