import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { addressClass, fetchUrl, type FetchOptions } from './fetch.js';

let server: http.Server;
let base = '';
let port = 0;

before(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const redirect = /^\/redirect\/(\d+)$/.exec(path);
    if (redirect) {
      const n = Number(redirect[1]);
      res.writeHead(302, { location: n > 0 ? `/redirect/${n - 1}` : '/ok' }).end();
    } else if (path === '/ok') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>hello</p>');
    } else if (path === '/ua') {
      res.writeHead(200).end(req.headers['user-agent'] ?? '');
    } else if (path === '/big') {
      res.writeHead(200, { 'content-length': '2000' }).end('x'.repeat(2000));
    } else if (path === '/big-chunked') {
      res.writeHead(200);
      for (let i = 0; i < 20; i++) res.write('y'.repeat(100));
      res.end();
    } else if (path === '/gzip') {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('compressed body'));
    } else if (path === '/gzip-bomb') {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(100_000)));
    } else if (path === '/hang') {
      // Never answers.
    } else if (path === '/slow-body') {
      res.writeHead(200);
      res.write('start');
    } else if (path === '/to-file') {
      res.writeHead(301, { location: 'file:///etc/passwd' }).end();
    } else if (path === '/to-b') {
      res.writeHead(302, { location: `http://b.test:${port}/ok` }).end();
    } else {
      res.writeHead(404).end('missing');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const opts = (over: Partial<FetchOptions> = {}): FetchOptions => ({ timeoutMs: 2000, maxBytes: 1000, maxRedirects: 3, allowPrivate: true, ...over });

test('a plain fetch returns bytes, content type, final URL and status', async () => {
  const r = await fetchUrl(`${base}/ok`, opts());
  assert.deepEqual(r, { ok: true, bytes: Buffer.from('<p>hello</p>'), contentType: 'text/html; charset=utf-8', finalUrl: `${base}/ok`, status: 200 });
  // localhost may resolve to ::1 first; the server listens on 127.0.0.1 only.
  const local = await fetchUrl(`http://localhost:${port}/ok`, opts());
  assert.ok(local.ok);
  const ua = await fetchUrl(`${base}/ua`, opts({ userAgent: 'test-agent/1' }));
  assert.ok(ua.ok);
  assert.equal(ua.bytes.toString(), 'test-agent/1');
});

test('private addresses are refused unless allowed', async () => {
  assert.deepEqual(await fetchUrl(`${base}/ok`, opts({ allowPrivate: false })), {
    ok: false,
    error: `ingest: cannot fetch ${base}/ok: refused private address 127.0.0.1 (use --allow-private)`,
    ruleId: 'fetch-private-address',
  });
  const local = await fetchUrl(`http://localhost:${port}/ok`, opts({ allowPrivate: false }));
  assert.ok(!local.ok);
  assert.match(local.error, new RegExp(`^ingest: cannot fetch http://localhost:${port}/ok: refused private address (127\\.0\\.0\\.1|::1) \\(use --allow-private\\)$`));
  const v6 = await fetchUrl('http://[::ffff:127.0.0.1]/', opts({ allowPrivate: false }));
  assert.deepEqual(v6, {
    ok: false,
    error: 'ingest: cannot fetch http://[::ffff:127.0.0.1]/: refused private address ::ffff:7f00:1 (use --allow-private)',
    ruleId: 'fetch-private-address',
  });
});

test('redirects are followed up to the cap', async () => {
  // /redirect/2 → /redirect/1 → /redirect/0 → /ok: three redirects.
  const r = await fetchUrl(`${base}/redirect/2`, opts());
  assert.ok(r.ok);
  assert.equal(r.finalUrl, `${base}/ok`);
  assert.deepEqual(await fetchUrl(`${base}/redirect/3`, opts({ maxRedirects: 2 })), {
    ok: false,
    error: `ingest: cannot fetch ${base}/redirect/3: too many redirects (more than 2) (after redirect to ${base}/redirect/1)`,
    ruleId: 'fetch-too-many-redirects',
  });
  assert.deepEqual(await fetchUrl(`${base}/to-file`, opts()), {
    ok: false,
    error: `ingest: cannot fetch ${base}/to-file: unsupported scheme file: (only http and https) (after redirect to file:///etc/passwd)`,
    ruleId: 'fetch-scheme',
  });
});

test('bodies over the size cap are refused, by header, while streaming, and after decompression', async () => {
  assert.deepEqual(await fetchUrl(`${base}/big`, opts()), {
    ok: false,
    error: `ingest: cannot fetch ${base}/big: body of 2000 bytes is over the size cap of 1000`,
    ruleId: 'fetch-too-large',
  });
  assert.deepEqual(await fetchUrl(`${base}/big-chunked`, opts()), {
    ok: false,
    error: `ingest: cannot fetch ${base}/big-chunked: body is over the size cap of 1000 bytes`,
    ruleId: 'fetch-too-large',
  });
  assert.deepEqual(await fetchUrl(`${base}/gzip-bomb`, opts()), {
    ok: false,
    error: `ingest: cannot fetch ${base}/gzip-bomb: body is over the size cap of 1000 bytes`,
    ruleId: 'fetch-too-large',
  });
  const gz = await fetchUrl(`${base}/gzip`, opts());
  assert.ok(gz.ok);
  assert.equal(gz.bytes.toString(), 'compressed body');
});

test('one deadline covers the whole request', async () => {
  const t0 = Date.now();
  assert.deepEqual(await fetchUrl(`${base}/hang`, opts({ timeoutMs: 150 })), {
    ok: false,
    error: `ingest: cannot fetch ${base}/hang: timed out after 150 ms`,
    ruleId: 'fetch-timeout',
  });
  assert.deepEqual(await fetchUrl(`${base}/slow-body`, opts({ timeoutMs: 150 })), {
    ok: false,
    error: `ingest: cannot fetch ${base}/slow-body: timed out after 150 ms`,
    ruleId: 'fetch-timeout',
  });
  assert.ok(Date.now() - t0 < 1500);
});

test('HTTP errors, refused connections, bad URLs and schemes', async () => {
  assert.deepEqual(await fetchUrl(`${base}/nope`, opts()), {
    ok: false,
    error: `ingest: cannot fetch ${base}/nope: HTTP 404 Not Found`,
    ruleId: 'fetch-http-status',
  });
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  assert.deepEqual(await fetchUrl(`http://127.0.0.1:${deadPort}/`, opts()), {
    ok: false,
    error: `ingest: cannot fetch http://127.0.0.1:${deadPort}/: connection refused (127.0.0.1:${deadPort})`,
    ruleId: 'fetch-network',
  });
  assert.deepEqual(await fetchUrl('not a url', opts()), { ok: false, error: 'ingest: cannot fetch not a url: not a valid URL', ruleId: 'fetch-bad-url' });
  assert.deepEqual(await fetchUrl('ftp://example.com/x', opts()), {
    ok: false,
    error: 'ingest: cannot fetch ftp://example.com/x: unsupported scheme ftp: (only http and https)',
    ruleId: 'fetch-scheme',
  });
});

test('every hop is resolved once, checked, and connected to the checked address', async () => {
  const calls: string[] = [];
  const table: Record<string, string[]> = { 'a.test': ['127.0.0.1', '127.0.0.3'], 'b.test': ['127.0.0.2'] };
  const deps = {
    resolve: async (host: string): Promise<LookupAddress[]> => {
      calls.push(host);
      const answers = table[host];
      if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      // A rebinding resolver: the next answer for a.test would be a private address.
      if (host === 'a.test') table[host] = ['127.0.0.2'];
      return answers.map((address) => ({ address, family: 4 }));
    },
    // For this test only 127.0.0.1 counts as public.
    classify: (ip: string) => (ip === '127.0.0.1' ? undefined : 'loopback'),
  };
  // a.test is unknown to the system resolver: success proves the checked address was used.
  const r = await fetchUrl(`http://a.test:${port}/ok`, opts({ allowPrivate: false }), deps);
  assert.ok(r.ok);
  assert.equal(r.bytes.toString(), '<p>hello</p>');
  assert.deepEqual(calls, ['a.test']);

  table['a.test'] = ['127.0.0.1'];
  assert.deepEqual(await fetchUrl(`http://a.test:${port}/to-b`, opts({ allowPrivate: false }), deps), {
    ok: false,
    error: `ingest: cannot fetch http://a.test:${port}/to-b: refused private address 127.0.0.2 (use --allow-private) (after redirect to http://b.test:${port}/ok)`,
    ruleId: 'fetch-private-address',
  });
  // Several checked addresses: the connection falls back from ::1 (nothing listens) to 127.0.0.1.
  const dual = await fetchUrl(`http://dual.test:${port}/ok`, opts(), {
    resolve: async () => [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ],
  });
  assert.ok(dual.ok);
  assert.deepEqual(await fetchUrl('http://nowhere.test/', opts(), deps), {
    ok: false,
    error: 'ingest: cannot fetch http://nowhere.test/: cannot resolve host nowhere.test (ENOTFOUND)',
    ruleId: 'fetch-dns',
  });
});

test('addressClass covers IPv4 and IPv6 special ranges', () => {
  const cases: Array<[string, string | undefined]> = [
    ['8.8.8.8', undefined],
    ['93.184.216.34', undefined],
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.32.0.1', undefined],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'CGNAT'],
    ['100.128.0.1', undefined],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:8.8.8.8', undefined],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2606:4700:4700::1111', undefined],
    ['::127.0.0.1', 'reserved'],
    ['not-an-ip', 'invalid'],
    ['1.2.3', 'invalid'],
    ['1:2:3:4:5:6:7:8:9', 'invalid'],
  ];
  for (const [ip, cls] of cases) assert.equal(addressClass(ip), cls, ip);
});
