import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.js';
import { etagOf, gzipBody, readBody, send, sendError, sendJson } from './http.js';
import { RawBody, type AnyRoute } from './route.js';
import { loadStaticFiles, type StaticFile } from './static.js';
import { queryObject, validate } from './validate.js';

export interface AppOptions {
  routes: AnyRoute[];
  /** Built dashboard directory; when absent or empty, / answers 404 with a hint. */
  webDir?: string;
  /** Bearer token for routes marked `auth`; undefined = those routes answer 403. */
  token?: string;
  maxBodyBytes: number;
  /** Extra JSON documents served as they are (the OpenAPI document). */
  documents?: Record<string, unknown>;
  /** Where `memo` routes keep their responses. */
  cache?: ResponseCache;
}

interface Cached {
  at: number;
  body: Buffer;
  type: string;
  etag: string;
  gzipped: Buffer;
  csp?: string;
}

/** Responses of costly GET routes by URL, for `ttlMs`, at most `max` of them; cleared after a write through the API. */
export class ResponseCache {
  readonly #entries = new Map<string, Promise<Cached>>();
  readonly #at = new Map<string, number>();
  constructor(
    readonly ttlMs: number,
    readonly max: number,
  ) {}

  /** The cached response for `key`, or `make()`'s (concurrent requests share one computation). */
  get(key: string, make: () => Promise<Cached>): Promise<Cached> {
    const at = this.#at.get(key);
    const hit = this.#entries.get(key);
    if (hit && at !== undefined && Date.now() - at < this.ttlMs) return hit;
    if (this.#entries.size >= this.max) {
      const oldest = this.#entries.keys().next().value!;
      this.#entries.delete(oldest);
      this.#at.delete(oldest);
    }
    const value = make();
    value.catch(() => {
      this.#entries.delete(key);
      this.#at.delete(key);
    });
    this.#entries.set(key, value);
    this.#at.set(key, Date.now());
    return value;
  }

  clear(): void {
    this.#entries.clear();
    this.#at.clear();
  }
}

interface Compiled {
  route: AnyRoute;
  pattern: RegExp;
  names: string[];
}

const READ_CACHE = 'no-cache';

function compile(route: AnyRoute): Compiled {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const h = req.headers.authorization;
  if (typeof h !== 'string' || !h.startsWith('Bearer ')) return false;
  const given = Buffer.from(h.slice(7));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** The request handler: API routes, JSON documents, then the dashboard's static files. */
export function createHandler(o: AppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const compiled = o.routes.map(compile);
  const files: Map<string, StaticFile> = o.webDir ? loadStaticFiles(o.webDir) : new Map();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const path = url.pathname;

    if (path.startsWith('/api/') || path === '/api') {
      const doc = o.documents?.[path];
      if (doc !== undefined && method === 'GET') {
        if ([...url.searchParams.keys()].length) throw new ApiError(400, 'unknown_parameter', `api: unknown query parameter "${[...url.searchParams.keys()][0]}"`);
        return sendJson(req, res, doc, { cacheControl: READ_CACHE });
      }
      let pathMatched = false;
      for (const c of compiled) {
        const m = c.pattern.exec(path);
        if (!m) continue;
        pathMatched = true;
        if (c.route.method !== method) continue;
        return run(c, m, url, req, res);
      }
      if (pathMatched) throw new ApiError(405, 'method_not_allowed', `api: ${req.method} is not allowed on ${path}`);
      throw new ApiError(404, 'not_found', `api: no endpoint ${path}`);
    }

    if (method !== 'GET') throw new ApiError(405, 'method_not_allowed', `api: ${req.method} is not allowed on ${path}`);
    const file = files.get(path === '/' ? '/index.html' : path) ?? (extnameOf(path) === '' ? files.get('/index.html') : undefined);
    if (!file) {
      if (files.size === 0) throw new ApiError(404, 'not_found', 'api: the dashboard is not built (run npm run build)');
      throw new ApiError(404, 'not_found', `api: no file ${path}`);
    }
    return send(req, res, file.body, { type: file.type, cacheControl: file.immutable ? 'public, max-age=31536000, immutable' : READ_CACHE });
  }

  async function run(c: Compiled, m: RegExpExecArray, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const r = c.route;
    if (r.auth) {
      if (o.token === undefined) throw new ApiError(403, 'forbidden', `api: ${r.path} is disabled (start the server with --allow-ingest and an api.token in config)`);
      if (!bearerMatches(req, o.token)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        throw new ApiError(401, 'unauthorized', `api: ${r.path} needs a valid bearer token`);
      }
    }
    const rawParams: Record<string, string> = {};
    c.names.forEach((n, i) => {
      try {
        rawParams[n] = decodeURIComponent(m[i + 1]!);
      } catch {
        throw new ApiError(400, 'bad_parameter', `api: path parameter "${n}" is not valid percent-encoding`);
      }
    });
    const params = r.params ? validate(r.params, rawParams, 'path') : rawParams;
    const rawQuery = queryObject(url.searchParams);
    if (!r.query && Object.keys(rawQuery).length) throw new ApiError(400, 'unknown_parameter', `api: unknown query parameter "${Object.keys(rawQuery)[0]}"`);
    const query = r.query ? validate(r.query, rawQuery, 'query') : {};
    let body: Buffer | undefined;
    if (r.body) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!r.body.types.includes(type)) throw new ApiError(415, 'unsupported_media_type', `api: content type "${type || '(none)'}" is not one of ${r.body.types.join(', ')}`);
      body = await readBody(req, o.maxBodyBytes);
    }
    const cacheable = r.cache ?? r.method === 'GET';
    if (r.memo && o.cache && r.method === 'GET') {
      const c = await o.cache.get(url.pathname + url.search, async () => {
        const v = await r.handler({ params, query, req });
        const raw = v instanceof RawBody ? v : undefined;
        const bytes = Buffer.from(raw ? raw.body : JSON.stringify(v));
        return { at: Date.now(), body: bytes, type: raw ? raw.type : 'application/json; charset=utf-8', etag: etagOf(bytes), gzipped: await gzipBody(bytes), ...(raw?.csp ? { csp: raw.csp } : {}) };
      });
      return send(req, res, c.body, { type: c.type, cacheControl: READ_CACHE, etag: c.etag, gzipped: c.gzipped, ...(c.csp ? { csp: c.csp } : {}) });
    }
    const value = await r.handler({ params, query, req, ...(body ? { body } : {}) });
    if (value instanceof RawBody) {
      return send(req, res, Buffer.from(value.body), { type: value.type, ...(cacheable ? { cacheControl: READ_CACHE } : {}), ...(value.csp ? { csp: value.csp } : {}) });
    }
    return sendJson(req, res, value, cacheable ? { cacheControl: READ_CACHE } : {});
  }

  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      const err = e instanceof ApiError ? e : new ApiError(500, 'internal', `api: ${(e as Error).message ?? String(e)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(req, res, err).catch(() => res.destroy());
    });
  };
}

function extnameOf(path: string): string {
  const last = path.slice(path.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot <= 0 ? '' : last.slice(dot);
}
