import type { z } from 'zod';
import type { IncomingMessage } from 'node:http';

/** Everything a route handler may read; built once per request by the app. */
export interface RouteContext<P, Q> {
  params: P;
  query: Q;
  req: IncomingMessage;
  /** The raw request body (only for routes that declare `body`). */
  body?: Buffer;
}

/**
 * One API operation. The zod schemas validate requests AND produce the
 * OpenAPI document, so the two cannot drift apart.
 */
export interface Route<P = unknown, Q = unknown> {
  method: 'GET' | 'POST';
  /** `/api/articles/:id` style; `:name` segments are path parameters. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** Request body media types accepted (POST only). */
  body?: { types: string[]; description: string };
  /** Description of the 200 response. */
  returns: string;
  /** Needs the bearer token (and --allow-ingest). */
  auth?: boolean;
  /** Response may be cached by the browser, validated with the ETag (default true for GET). */
  cache?: boolean;
  /** Costly to compute: the server keeps the response bytes per URL (ResponseCache) until a write or the TTL. */
  memo?: boolean;
  handler: (ctx: RouteContext<P, Q>) => Promise<unknown>;
}

/** A non-JSON response body (the HTML or Markdown report), with its own content policy when it needs one. */
export class RawBody {
  constructor(
    readonly type: string,
    readonly body: string,
    /** Replaces the default Content-Security-Policy (a self-contained report needs inline styles, and no script at all). */
    readonly csp?: string,
  ) {}
}

/** Helper that keeps the generic types of one route together. */
export function route<P, Q>(r: Route<P, Q>): Route<P, Q> {
  return r;
}

// The router stores heterogeneous routes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = Route<any, any>;
