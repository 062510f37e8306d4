import { Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, rawRequest, startArchiveServer } from '../harness.ts';
import { fixture, useSeededSite } from '../helpers.ts';

const HAFTAR = encodeURIComponent('حفتر');
const REQUEST_TIMEOUT_MS = 500;
// The engine timeout is far longer than the request timeout: only the app's own bound can cut a slow request short.
const seeded = useSeededSite('hardening', { throughProxy: true, engineTimeoutMs: 30_000, requestTimeoutMs: REQUEST_TIMEOUT_MS });

/** The CSP of an answer as directive → sources. */
function policy(response: Response): Map<string, string[]> {
  const header = response.headers.get('Content-Security-Policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/u))
      .filter((parts) => parts[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

const PAGES: [string, number][] = [
  ['/', 200],
  [`/search?q=${HAFTAR}`, 200],
  ['/articles/seed', 200],
  ['/entities/khalifa-haftar', 200],
  ['/articles/no-such-article', 404],
  ['/no-such-page', 404],
  ['/search?page=abc', 400],
];

describe('security headers', () => {
  it.each(PAGES)('%s (%i) has a strict CSP with a nonce that every script carries, and the other security headers', async (path, status) => {
    const response = await seeded.site.app.request(path);
    expect(response.status).toBe(status);
    const csp = policy(response);
    const scriptSrc = csp.get('script-src') ?? [];
    const nonce = scriptSrc.find((source) => source.startsWith("'nonce-"))?.slice(7, -1) ?? '';
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc.some((source) => source === '*' || source.endsWith(':'))).toBe(false);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('style-src')).not.toContain("'unsafe-inline'");

    const html = await response.text();
    const scripts = html.match(/<script[^>]*>/giu) ?? [];
    expect(scripts.length).toBe(2);
    for (const script of scripts) expect(script).toContain(` nonce="${nonce}"`);
    // The CSP allows no inline style either: the pages must not need any.
    expect(html).not.toMatch(/<style|\sstyle="/iu);

    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('X-Frame-Options')).toMatch(/^(DENY|SAMEORIGIN)$/u);
    expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=UTF-8');
  });

  it('uses a fresh nonce for every response', async () => {
    const nonces = await Promise.all(Array.from({ length: 6 }, async () => (policy(await seeded.site.app.request('/')).get('script-src') ?? []).find((source) => source.startsWith("'nonce-"))));
    expect(nonces.every(Boolean)).toBe(true);
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it('sends nosniff and the CSP with JSON, the fragment, assets and 503 pages too', async () => {
    const html = await seeded.site.app.request('/');
    const css = /href="(\/assets\/app\.[0-9a-f]{12}\.css)"/u.exec(await html.text())?.[1] ?? '/assets/missing';
    seeded.proxy.fault = { kind: 'drop' };
    const down = await seeded.site.app.request('/');
    seeded.proxy.fault = { kind: 'pass' };
    for (const response of [
      await seeded.site.app.request(`/api/search?q=${HAFTAR}`),
      await seeded.site.app.request(`/search?q=${HAFTAR}`, { headers: { 'HX-Request': 'true' } }),
      await seeded.site.app.request(css),
      down,
    ]) {
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    }
    expect(down.status).toBe(503);
    const nonce = /'nonce-([^']+)'/u.exec(down.headers.get('Content-Security-Policy') ?? '')?.[1];
    for (const script of (await down.text()).match(/<script[^>]*>/giu) ?? []) expect(script).toContain(` nonce="${nonce}"`);
  });
});

describe('limits on a real socket', () => {
  let origin: string;
  let close: () => Promise<void>;
  beforeAll(async () => ({ origin, close } = await listen(seeded.site.app)));
  afterAll(() => close?.());

  it('answers a body over the limit with 413, whether its length is declared or not', async () => {
    const big = 'x'.repeat(64 * 1024);
    expect((await rawRequest(origin, '/api/search?q=x', { method: 'POST', body: big, headers: { 'Content-Type': 'text/plain' } })).status).toBe(413);
    expect((await rawRequest(origin, '/search', { method: 'POST', body: big, headers: { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' } })).status).toBe(413);
    // A small body to a route that only reads is simply not found: never a 500.
    expect((await rawRequest(origin, '/api/search', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })).status).toBe(404);
  });

  it('answers an oversized URL or header with 414/431/400, never 500, and keeps serving', async () => {
    for (const answer of [
      await rawRequest(origin, `/search?q=${'%D8%A7'.repeat(20_000)}`),
      await rawRequest(origin, '/', { headers: { 'X-Big': 'x'.repeat(64 * 1024) } }),
      await rawRequest(origin, '/', { headers: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`x-h${i}`, 'y'.repeat(10)])) }),
    ]) {
      expect([400, 414, 431]).toContain(answer.status);
    }
    // Just under Node's limit, the query reaches the app and is capped, not refused.
    const long = await rawRequest(origin, `/api/search?q=${'%D8%A7%20'.repeat(1500)}`);
    expect(long.status).toBe(200);
    expect((JSON.parse(long.body) as { notices: string[] }).notices.join(' ')).toContain('اقتُطع');
    expect((await rawRequest(origin, '/healthz')).status).toBe(200);
  });

  it('answers a malformed request with 400, not 500', async () => {
    for (const bytes of ['GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n', 'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n', 'BREW / HTTP/9.9\r\n\r\n']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(origin).port), '127.0.0.1', () => socket.end(bytes));
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 (400|505) /u);
    }
  });
});

describe('a slow engine', () => {
  it('does not keep a request beyond the app request timeout: 503 with Retry-After', async () => {
    seeded.proxy.fault = { kind: 'delay', ms: 10_000 };
    try {
      const started = performance.now();
      const answers = await Promise.all([`/api/search?q=${HAFTAR}`, `/search?q=${HAFTAR}`, '/articles/seed', '/'].map((path) => seeded.site.app.request(path)));
      const elapsed = performance.now() - started;
      for (const response of answers) {
        expect(response.status).toBe(503);
        expect(response.headers.get('Retry-After')).toBe('5');
      }
      expect(elapsed).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS + 1500);
    } finally {
      seeded.proxy.fault = { kind: 'pass' };
    }
  });
});

describe('graceful shutdown of npm start', () => {
  it('finishes the request in flight on SIGTERM, refuses new connections, and exits 0', async () => {
    const server = await startArchiveServer({ MEILI_URL: seeded.proxy.url, MEILI_MASTER_KEY: seeded.engine.key, MEILI_INDEX: seeded.engine.index, DATA_DIR: fixture('articles') });
    try {
      const port = Number(new URL(server.origin).port);
      seeded.proxy.fault = { kind: 'delay', ms: 2000 };
      const seenBefore = seeded.proxy.seen.length;
      // A kept-alive client, as a browser is: its idle connection must not hold the exit back.
      const agent = new Agent({ keepAlive: true });
      const inFlight = fetchWith(agent, `${server.origin}/api/search?q=${HAFTAR}`);
      // The search has reached the engine (and waits there) before the signal.
      while (!seeded.proxy.seen.slice(seenBefore).some((request) => request.path.includes('multi-search'))) await new Promise((resolve) => setTimeout(resolve, 20));
      const signalled = performance.now();
      server.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await connectionRefused(port)).toBe(true);

      const answer = await inFlight;
      const answeredAfter = performance.now() - signalled;
      expect(answer.status).toBe(200);
      expect((JSON.parse(answer.body) as { total: number }).total).toBe(1);
      expect(await server.exited).toBe(0);
      const exitedAfter = performance.now() - signalled;
      agent.destroy();
      expect(server.output()).toContain('SIGTERM: finishing requests and stopping');
      // The exit follows the last answer (two delayed engine requests); it does not wait out keep-alive or the fallback timer.
      expect(exitedAfter - answeredAfter).toBeLessThan(1500);
    } finally {
      seeded.proxy.fault = { kind: 'pass' };
      await server.stop();
    }
  });
});

function fetchWith(agent: Agent, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    import('node:http')
      .then(({ get }) => {
        get(url, { agent }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      })
      .catch(reject);
  });
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
