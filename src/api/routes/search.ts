import type { Store } from '../../store/store.js';
import { route, type AnyRoute } from '../route.js';
import { searchQuery } from '../schemas.js';

export function searchRoutes(store: Store): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/api/search',
      operationId: 'search',
      summary: 'Full-text search over articles (SQLite FTS5 / PostgreSQL tsvector), best first; highlights are offsets into the snippet',
      tag: 'search',
      query: searchQuery,
      returns: '{ total, limit, offset, items: [{ id, title, outlet, published, snippet, highlights: [start, end][] }] }',
      handler: async ({ query: q }) => {
        const r = await store.searchArticles({ text: q.q, limit: q.limit, offset: q.offset });
        return { total: r.total, limit: q.limit, offset: q.offset, items: r.items };
      },
    }),
  ];
}
