import type { Store } from '../store/store.js';
import type { KnowledgeBase } from '../actors/kb.js';
import type { AnyRoute } from './route.js';
import { relationRoutes } from './routes/relations.js';
import { voiceRoutes } from './routes/voices.js';

/** Endpoints over the relations (src/relations, src/report) and voices (src/voices) modules. */
export interface Extensions {
  routes: AnyRoute[];
  quotes?: (articleId: number) => Promise<unknown[]>;
  actorDyads?: (actor: { id: string; code: string; country: string }) => Promise<unknown[]>;
  /** Called after an ingest through the API: cached relations are stale. */
  invalidate: () => void;
  /** Start costly computations ahead of the first request. */
  warm: () => void;
  /** Which optional parts are served (the dashboard hides the rest). */
  features: { relations: boolean; voices: boolean };
}

export async function extensionRoutes(store: Store, kb: KnowledgeBase): Promise<Extensions> {
  const relations = relationRoutes(store, kb);
  return {
    routes: [...relations.routes, ...voiceRoutes(store)],
    quotes: async (articleId) => (await store.getVoices(articleId))?.quotes ?? [],
    actorDyads: relations.actorDyads,
    invalidate: relations.invalidate,
    warm: relations.warm,
    features: { relations: true, voices: true },
  };
}
