/**
 * Reading what the voices reports need from the Store (the I/O edge of
 * stories and outlets): article texts, actor mentions and events.
 */
import type { Store } from '../store/store.js';
import type { StoryInput } from './stories.js';

export async function loadStoryInputs(store: Store, q: { since?: string; until?: string; outlet?: string } = {}): Promise<StoryInput[]> {
  const out: StoryInput[] = [];
  const page = 500;
  for (let offset = 0; ; offset += page) {
    const list = await store.listArticles({ limit: page, offset, ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}), ...(q.outlet ? { outlet: q.outlet } : {}) });
    for (const s of list.items) {
      if (s.language !== 'eng') continue;
      const a = await store.getArticle(s.id);
      if (!a) continue;
      const mentions = await store.getMentions(s.id);
      const events = [];
      let after: string | undefined;
      for (;;) {
        const r = await store.listEvents({ articleId: s.id, limit: 1000, ...(after ? { after } : {}) });
        events.push(...r.items);
        if (!r.next) break;
        after = r.next;
      }
      const input: StoryInput = {
        id: a.id,
        title: a.title,
        text: [a.dek ?? '', a.body].join('\n'),
        actors: mentions.filter((m) => m.code && m.kind !== 'handle').flatMap((m) => (m.country && m.country !== m.code ? [m.country, m.code] : [m.code])),
        events: events.map((e) => ({
          key: `${e.record.plover.type}:${[...new Set(e.record.sources.map((x) => x.country))].sort().join('+')}>${[...new Set(e.record.targets.map((x) => x.country))].sort().join('+')}`,
          root: e.record.cameo.root,
        })),
      };
      if (a.published) input.published = a.published;
      if (a.outlet) input.outlet = a.outlet;
      out.push(input);
    }
    if (offset + page >= list.total) break;
  }
  return out;
}
