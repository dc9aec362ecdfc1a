import type { Store, StoredEvent } from '../../store/store.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../route.js';
import { eventsQuery } from '../schemas.js';

export interface ArticleHead {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
}

type Listed = StoredEvent & { articleId: number };

/** Attach to each event the head of its article (title, outlet, date): one query per page. */
export async function withArticleHeads(store: Store, events: Listed[]): Promise<Array<Listed & { article: ArticleHead }>> {
  const ids = [...new Set(events.map((e) => e.articleId))];
  const heads = new Map<number, ArticleHead>();
  if (ids.length) {
    const page = await store.listArticles({ ids, limit: ids.length, includeDuplicates: true });
    for (const a of page.items) heads.set(a.id, { id: a.id, title: a.title, ...(a.outlet ? { outlet: a.outlet } : {}), ...(a.published ? { published: a.published } : {}) });
  }
  return events.map((e) => ({ ...e, article: heads.get(e.articleId) ?? { id: e.articleId, title: '' } }));
}

/** The API's event: the record, where its sentence lies in the article, and the article head. */
export function eventView(e: Listed & { article: ArticleHead }) {
  return { ...e.record, field: e.field, fieldIndex: e.fieldIndex, article: e.article };
}

export function eventRoutes(store: Store): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/api/events',
      operationId: 'listEvents',
      summary: 'Coded events by date then id, with the CLI’s filters; follow `next` for the following page',
      tag: 'events',
      query: eventsQuery,
      returns: '{ items: Event[], next?: cursor }',
      handler: async ({ query: q }) => {
        let page;
        try {
          page = await store.listEvents({
            limit: q.limit,
            ...(q.actor ? { actor: q.actor } : {}),
            ...(q.dyad ? { dyad: q.dyad.split(':') as [string, string] } : {}),
            ...(q.since ? { since: q.since } : {}),
            ...(q.until ? { until: q.until } : {}),
            ...(q.type ? { type: q.type } : {}),
            ...(q.root ? { root: q.root } : {}),
            ...(q.modality ? { modality: q.modality } : {}),
            ...(q.article ? { articleId: q.article } : {}),
            ...(q.after ? { after: q.after } : {}),
          });
        } catch (e) {
          if (/invalid events cursor/.test((e as Error).message)) throw new ApiError(400, 'bad_parameter', `api: parameter "after": not a cursor this server issued (got "${q.after}")`);
          throw e;
        }
        const items = (await withArticleHeads(store, page.items)).map(eventView);
        return page.next ? { items, next: page.next } : { items };
      },
    }),
  ];
}
