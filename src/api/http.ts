import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { ApiError } from './errors.js';

const gzip = promisify(gzipCb);
/** Bodies smaller than this are sent as they are: gzip would not pay for itself. */
const GZIP_MIN_BYTES = 1024;

/**
 * Headers on every response. The dashboard needs no inline script or style,
 * so the policy allows only same-origin resources; scraped text is never HTML.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface SendOptions {
  status?: number;
  type: string;
  /** Cache-Control value; an ETag is added whenever this is set. */
  cacheControl?: string;
  /** Content-Security-Policy for this response instead of the default. */
  csp?: string;
  /** Already computed for this body (a cached response). */
  etag?: string;
  gzipped?: Buffer;
}

/** Gzip as `send` does (for caches that keep the compressed bytes). */
export function gzipBody(body: Buffer): Promise<Buffer> {
  return gzip(body, { level: 6 });
}

/** Weak ETag from the body bytes. */
export function etagOf(body: Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const h = req.headers['accept-encoding'];
  return typeof h === 'string' && /\bgzip\b/.test(h) && !/\bgzip;\s*q=0(?:\.0*)?\b/.test(h);
}

/** Send a body with security headers, ETag/304, and gzip when the client takes it. */
export async function send(req: IncomingMessage, res: ServerResponse, body: Buffer, o: SendOptions): Promise<void> {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': o.type, Vary: 'Accept-Encoding' };
  if (o.csp) headers['Content-Security-Policy'] = o.csp;
  const status = o.status ?? 200;
  if (o.cacheControl !== undefined) {
    headers['Cache-Control'] = o.cacheControl;
    if (status === 200) {
      const tag = o.etag ?? etagOf(body);
      headers['ETag'] = tag;
      const match = req.headers['if-none-match'];
      if (typeof match === 'string' && match.split(/\s*,\s*/).includes(tag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
  } else headers['Cache-Control'] = 'no-store';
  let out = body;
  if (body.length >= GZIP_MIN_BYTES && acceptsGzip(req) && !/^image\/(png|jpeg|webp)/.test(o.type)) {
    out = o.gzipped ?? (await gzip(body, { level: 6 }));
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(out.length);
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : out);
}

export function sendJson(req: IncomingMessage, res: ServerResponse, value: unknown, o: { status?: number; cacheControl?: string } = {}): Promise<void> {
  return send(req, res, Buffer.from(JSON.stringify(value)), { type: 'application/json; charset=utf-8', ...o });
}

export function sendError(req: IncomingMessage, res: ServerResponse, e: ApiError): Promise<void> {
  return sendJson(req, res, { error: { code: e.code, message: e.message } }, { status: e.status });
}

/** Read a request body, refusing more than `limit` bytes with a 413 (without buffering the excess). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new ApiError(413, 'body_too_large', `api: request body of ${declared} bytes is over the limit of ${limit}`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new ApiError(413, 'body_too_large', `api: request body is over the limit of ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
