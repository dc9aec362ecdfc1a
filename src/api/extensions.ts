import type { Store } from '../store/store.js';
import type { KnowledgeBase } from '../actors/kb.js';
import type { AnyRoute } from './route.js';

/**
 * Endpoints over the relations and voices modules. Kept apart from the core
 * routes so the server runs whatever those modules provide.
 */
export interface Extensions {
  routes: AnyRoute[];
  quotes?: (articleId: number) => Promise<unknown[]>;
  actorDyads?: (actor: { id: string; code: string; country: string }) => Promise<unknown[]>;
  /** Which optional parts are served (the dashboard hides the rest). */
  features: { relations: boolean; voices: boolean };
}

export async function extensionRoutes(_store: Store, _kb: KnowledgeBase): Promise<Extensions> {
  return { routes: [], features: { relations: false, voices: false } };
}
