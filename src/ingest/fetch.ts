import { promises as dns, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface FetchOptions {
  /** Over the whole fetch: DNS, connection, redirects, body. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Allow loopback, private, link-local… addresses (off by default: SSRF). */
  allowPrivate: boolean;
  userAgent?: string;
}

export type FetchResult =
  | { ok: true; bytes: Buffer; contentType?: string; finalUrl: string; status: number }
  | { ok: false; error: string; ruleId: string };

/** Seams for tests: name resolution and the address policy. */
export interface FetchDeps {
  resolve?: (host: string) => Promise<LookupAddress[]>;
  classify?: (ip: string) => string | undefined;
}

const DEFAULT_AGENT = 'entente/0.1 (+news ingestion)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

// ---------------------------------------------------------------------------
// Address policy

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : undefined;
}

/** 16 bytes of an IPv6 address (`::`, an embedded dotted quad and a `%zone` allowed). */
function parseIPv6(input: string): number[] | undefined {
  let s = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
      const v = parseInt(g, 16);
      out.push(v >> 8, v & 0xff);
    }
    return out;
  };
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const missing = 16 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const bytes = [...head, ...new Array<number>(missing).fill(0), ...rest];
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function classifyIPv4(b: number[]): string | undefined {
  const [a, c] = [b[0]!, b[1]!];
  if (a === 0) return 'unspecified';
  if (a === 10) return 'private';
  if (a === 100 && c >= 64 && c <= 127) return 'CGNAT';
  if (a === 127) return 'loopback';
  if (a === 169 && c === 254) return 'link-local';
  if (a === 172 && c >= 16 && c <= 31) return 'private';
  if (a === 192 && c === 168) return 'private';
  if (a === 192 && c === 0 && b[2] === 0) return 'reserved';
  if ((a === 192 && c === 0 && b[2] === 2) || (a === 198 && c === 51 && b[2] === 100) || (a === 203 && c === 0 && b[2] === 113)) {
    return 'documentation';
  }
  if (a === 198 && (c === 18 || c === 19)) return 'benchmarking';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return undefined;
}

function classifyIPv6(b: number[]): string | undefined {
  const zeroUpTo = (n: number): boolean => b.slice(0, n).every((x) => x === 0);
  const v4 = b.slice(12, 16);
  if (zeroUpTo(16)) return 'unspecified';
  if (zeroUpTo(15) && b[15] === 1) return 'loopback';
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return classifyIPv4(v4); // IPv4-mapped
  if (zeroUpTo(12)) return 'reserved'; // IPv4-compatible (deprecated)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    // NAT64: the well-known prefix embeds the IPv4 target; the local-use /48 is private.
    return b.slice(4, 12).every((x) => x === 0) ? classifyIPv4(v4) : b[4] === 0 && b[5] === 1 ? 'private' : undefined;
  }
  if (b[0] === 0x01 && b[1] === 0x00 && b.slice(2, 8).every((x) => x === 0)) return 'reserved'; // discard-only
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'documentation';
  if (b[0] === 0x20 && b[1] === 0x02) return classifyIPv4(b.slice(2, 6)); // 6to4
  if ((b[0]! & 0xfe) === 0xfc) return 'unique-local';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link-local';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'private'; // site-local (deprecated)
  if (b[0] === 0xff) return 'multicast';
  return undefined;
}

/**
 * Why an address must not be fetched from (`loopback`, `private`, `link-local`,
 * `CGNAT`, `unique-local`, `multicast`, `unspecified`, `reserved`…), or undefined
 * for a public address. IPv4-mapped, NAT64 and 6to4 IPv6 addresses are judged by
 * the IPv4 address inside. Unparseable input counts as `invalid`.
 */
export function addressClass(ip: string): string | undefined {
  const v4 = parseIPv4(ip);
  if (v4) return classifyIPv4(v4);
  const v6 = parseIPv6(ip);
  if (v6) return classifyIPv6(v6);
  return 'invalid';
}

// ---------------------------------------------------------------------------

class FetchError extends Error {
  constructor(
    readonly reason: string,
    readonly ruleId: string,
  ) {
    super(reason);
  }
}

type Hop =
  | { kind: 'redirect'; location: string; status: number }
  | { kind: 'body'; bytes: Buffer; status: number; contentType?: string };

/** The addresses of a host that may be connected to (all checked), best first. */
async function resolveTarget(host: string, opts: FetchOptions, deps: FetchDeps, signal: AbortSignal): Promise<LookupAddress[]> {
  const literal = host.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  if (isIP(literal)) addresses = [{ address: literal, family: isIP(literal) }];
  else {
    const lookup = deps.resolve ?? ((h: string) => dns.lookup(h, { all: true, verbatim: true }));
    try {
      addresses = await abortable(lookup(host), signal);
    } catch (e) {
      if (signal.aborted) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new FetchError(`cannot resolve host ${host}${code ? ` (${code})` : ''}`, 'fetch-dns');
    }
  }
  if (addresses.length === 0) throw new FetchError(`cannot resolve host ${host}`, 'fetch-dns');
  if (opts.allowPrivate) return addresses;
  const classify = deps.classify ?? addressClass;
  const allowed = addresses.filter((a) => classify(a.address) === undefined);
  if (allowed.length === 0) throw new FetchError(`refused private address ${addresses[0]!.address} (use --allow-private)`, 'fetch-private-address');
  return allowed;
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function decoded(res: IncomingMessage): Readable {
  const enc = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (enc === 'deflate') return res.pipe(zlib.createInflate());
  if (enc === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

/** One request to a checked address; redirects are returned, not followed. */
function requestOnce(url: URL, targets: LookupAddress[], opts: FetchOptions, signal: AbortSignal): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(
      url,
      {
        method: 'GET',
        signal,
        // No pooled sockets: each hop connects to its own checked address.
        agent: false,
        headers: {
          'user-agent': opts.userAgent ?? DEFAULT_AGENT,
          accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
        // Connect only to addresses that were checked: no second resolution (DNS rebinding).
        // With `all`, Node tries them in turn (IPv6 and IPv4 of one host).
        lookup: (_host, options, cb) => {
          if (options.all) (cb as (e: null, a: LookupAddress[]) => void)(null, targets);
          else (cb as (e: null, a: string, f: number) => void)(null, targets[0]!.address, targets[0]!.family);
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECTS.has(status) && location) {
          res.resume();
          resolve({ kind: 'redirect', location, status });
          return;
        }
        if (status < 200 || status > 299) {
          res.resume();
          reject(new FetchError(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, 'fetch-http-status'));
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > opts.maxBytes) {
          res.destroy();
          reject(new FetchError(`body of ${declared} bytes is over the size cap of ${opts.maxBytes}`, 'fetch-too-large'));
          return;
        }
        const body = decoded(res);
        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            res.destroy();
            body.destroy();
            reject(new FetchError(`body is over the size cap of ${opts.maxBytes} bytes`, 'fetch-too-large'));
            return;
          }
          chunks.push(chunk);
        });
        body.on('end', () => {
          const contentType = res.headers['content-type'];
          const hop: Hop = { kind: 'body', bytes: Buffer.concat(chunks), status };
          if (contentType) hop.contentType = contentType;
          resolve(hop);
        });
        body.on('error', (e) => reject(body === res ? e : new FetchError(`corrupt compressed body: ${e.message}`, 'fetch-bad-encoding')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function networkReason(e: NodeJS.ErrnoException, url: URL, targets: LookupAddress[] | undefined): string {
  const target = targets?.[0];
  const where = target ? ` (${target.address}:${url.port || (url.protocol === 'https:' ? 443 : 80)})` : '';
  switch (e.code) {
    case 'ECONNREFUSED':
      return `connection refused${where}`;
    case 'ECONNRESET':
      return `connection reset${where}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable${where}`;
    default:
      return `${e.code ? `${e.code}: ` : ''}${e.message}`;
  }
}

/**
 * GET a URL safely: http(s) only, every hop's address checked against private
 * ranges and pinned for the connection, redirects capped, one deadline over the
 * whole fetch, body size capped (also after decompression). Never throws for
 * network or data problems: they come back as `{ ok: false, error, ruleId }`.
 */
export async function fetchUrl(url: string, opts: FetchOptions, deps: FetchDeps = {}): Promise<FetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new FetchError(`timed out after ${opts.timeoutMs} ms`, 'fetch-timeout')), opts.timeoutMs);
  const fail = (reason: string, ruleId: string, hopUrl?: string): FetchResult => ({
    ok: false,
    error: `ingest: cannot fetch ${url}: ${reason}${hopUrl && hopUrl !== url ? ` (after redirect to ${hopUrl})` : ''}`,
    ruleId,
  });
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      let u: URL;
      try {
        u = new URL(current);
      } catch {
        return fail(hop === 0 ? 'not a valid URL' : `invalid redirect location ${current}`, 'fetch-bad-url');
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        return fail(`unsupported scheme ${u.protocol} (only http and https)`, 'fetch-scheme', current);
      }
      let targets: LookupAddress[] | undefined;
      try {
        targets = await resolveTarget(u.hostname, opts, deps, controller.signal);
        const res = await abortable(requestOnce(u, targets, opts, controller.signal), controller.signal);
        if (res.kind === 'body') {
          const out: FetchResult = { ok: true, bytes: res.bytes, finalUrl: u.href, status: res.status };
          if (res.contentType) out.contentType = res.contentType;
          return out;
        }
        if (hop >= opts.maxRedirects) return fail(`too many redirects (more than ${opts.maxRedirects})`, 'fetch-too-many-redirects', current);
        try {
          current = new URL(res.location, u).href;
        } catch {
          return fail(`invalid redirect location ${res.location}`, 'fetch-bad-url', current);
        }
      } catch (e) {
        if (controller.signal.aborted && controller.signal.reason instanceof FetchError) {
          return fail(controller.signal.reason.reason, controller.signal.reason.ruleId, current);
        }
        if (e instanceof FetchError) return fail(e.reason, e.ruleId, current);
        return fail(networkReason(e as NodeJS.ErrnoException, u, targets), 'fetch-network', current);
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
