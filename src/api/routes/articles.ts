import type { Store } from '../../store/store.js';
import type { CompiledBoilerplate } from '../../clean/rules.js';
import { notFound } from '../errors.js';
import { route, type AnyRoute } from '../route.js';
import { articlesQuery, idParam } from '../schemas.js';
import { eventView, withArticleHeads } from './events.js';

/** Extra parts of the article view other modules provide (quotes from voices). */
export interface ArticleExtras {
  quotes?: (articleId: number) => Promise<unknown[]>;
}

export function articleRoutes(store: Store, rules: CompiledBoilerplate, extras: ArticleExtras = {}): AnyRoute[] {
  const reasons = new Map(rules.lineRules.map((r) => [r.id, r.reason]));
  return [
    route({
      method: 'GET',
      path: '/api/articles',
      operationId: 'listArticles',
      summary: 'Stored articles by ascending id, filtered, one page; `total` counts all matches',
      tag: 'articles',
      query: articlesQuery,
      returns: '{ total, limit, offset, items: ArticleSummary[] }',
      handler: async ({ query: q }) => {
        const page = await store.listArticles({
          limit: q.limit,
          offset: q.offset,
          includeDuplicates: q.duplicates === 'true',
          ...(q.outlet ? { outlet: q.outlet } : {}),
          ...(q.language ? { language: q.language } : {}),
          ...(q.since ? { since: q.since } : {}),
          ...(q.until ? { until: q.until } : {}),
        });
        return { total: page.total, limit: q.limit, offset: q.offset, items: page.items };
      },
    }),
    route({
      method: 'GET',
      path: '/api/articles/:id',
      operationId: 'getArticle',
      summary: 'One article: cleaned text, removed boilerplate with the reason, related headlines, mentions, events and quotes with offsets',
      tag: 'articles',
      params: idParam,
      returns: '{ article, removed, mentions, events, quotes }; offsets index the text of the field they name (title, dek, body, related[i])',
      handler: async ({ params }) => {
        const a = await store.getArticle(params.id);
        if (!a) throw notFound(`article #${params.id}`);
        const [mentions, events, quotes] = await Promise.all([
          store.getMentions(a.id),
          store.listEvents({ articleId: a.id, limit: 5000 }),
          extras.quotes ? extras.quotes(a.id) : Promise.resolve([]),
        ]);
        const { removed, textHash: _t, simhash: _s, ...article } = a;
        const viewed = await withArticleHeads(store, events.items);
        return {
          article,
          removed: removed.map((r) => ({ ...r, why: reasons.get(r.ruleId) ?? r.ruleId })),
          mentions,
          events: viewed.map(eventView),
          quotes,
        };
      },
    }),
  ];
}
