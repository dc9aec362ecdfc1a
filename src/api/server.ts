import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import type { KnowledgeBase } from '../actors/kb.js';
import { defaultBoilerplate } from '../clean/rules.js';
import { ROOT } from '../paths.js';
import { createHandler, ResponseCache } from './app.js';
import { buildOpenApi } from './openapi.js';
import { route, type AnyRoute } from './route.js';
import { articleRoutes, type ArticleExtras } from './routes/articles.js';
import { eventRoutes } from './routes/events.js';
import { actorRoutes, type ActorExtras } from './routes/actors.js';
import { searchRoutes } from './routes/search.js';
import { ingestRoutes } from './routes/ingest.js';
import { extensionRoutes } from './extensions.js';
import { RELATIONS_TTL_MS } from './routes/relations.js';

export const API_VERSION = '1.0.0';
/** Where `npm run build` puts the dashboard. */
export const DEFAULT_WEB_DIR = join(ROOT, 'dist', 'web');

export interface ServeOptions {
  store: Store;
  kb: KnowledgeBase;
  config: Readonly<Config>;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Accept POST /api/ingest (with config api.token as bearer token). */
  allowIngest?: boolean;
  webDir?: string;
  /** Compute the relations picture in the background right away (serve does; tests need not). */
  warm?: boolean;
}

export interface RunningServer {
  server: Server;
  /** `http://host:port` */
  url: string;
  routes: AnyRoute[];
  close(): Promise<void>;
}

/** All API routes, in the order the OpenAPI document lists them. */
export async function apiRoutes(o: Pick<ServeOptions, 'store' | 'kb' | 'config'>, onWrite: () => void = () => {}): Promise<{ routes: AnyRoute[]; warm: () => void }> {
  const ext = await extensionRoutes(o.store, o.kb);
  const articleExtras: ArticleExtras = ext.quotes ? { quotes: ext.quotes } : {};
  const actorExtras: ActorExtras = ext.actorDyads ? { dyads: ext.actorDyads } : {};
  const health = route({
    method: 'GET',
    path: '/api/health',
    operationId: 'health',
    summary: 'Liveness and what the server runs on',
    tag: 'meta',
    returns: '{ status: "ok", store, version, articles, features }',
    cache: false,
    handler: async () => ({
      status: 'ok',
      version: API_VERSION,
      store: o.store.kind,
      articles: (await o.store.listArticles({ limit: 0 })).total,
      features: ext.features,
    }),
  });
  const routes = [
    health,
    ...articleRoutes(o.store, defaultBoilerplate(), articleExtras),
    ...eventRoutes(o.store),
    ...actorRoutes(o.kb, actorExtras),
    ...ext.routes,
    ...searchRoutes(o.store),
    ...ingestRoutes(o.store, o.kb, o.config, join(tmpdir(), 'entente-api-uploads'), () => {
      ext.invalidate();
      onWrite();
    }),
  ];
  return { routes, warm: ext.warm };
}

/** Start the API and dashboard server; resolves once it listens. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const cache = new ResponseCache(RELATIONS_TTL_MS, 512);
  const { routes, warm } = await apiRoutes(o, () => cache.clear());
  const token = o.allowIngest ? o.config.api.token : undefined;
  if (o.allowIngest && token === undefined) throw new Error('serve: --allow-ingest needs api.token in the config file (or ENTENTE_API_TOKEN), at least 16 characters');
  const handler = createHandler({
    routes,
    webDir: o.webDir ?? DEFAULT_WEB_DIR,
    ...(token !== undefined ? { token } : {}),
    maxBodyBytes: o.config.api.maxBodyBytes,
    documents: { '/api/openapi.json': buildOpenApi(routes, API_VERSION) },
    cache,
  });
  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000, maxHeaderSize: 16 * 1024 }, handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (o.warm) warm();
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `http://${host}:${addr.port}`,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
