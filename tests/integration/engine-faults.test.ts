import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src/engine/client.ts';
import { freePort, startEngine, type EngineHandle } from '../../src/engine/embedded.ts';
import { readOrCreateMasterKey } from '../../src/engine/engine-home.ts';
import { rawRequest, startArchiveServer } from '../harness.ts';
import { fixture, seedSite, type SeededSite, type Site, useSeededSite } from '../helpers.ts';

const HAFTAR = encodeURIComponent('حفتر');
const ENGINE_TIMEOUT_MS = 400;
const PAGES = ['/', `/search?q=${HAFTAR}`, `/search?q=${HAFTAR}&region=LY`, '/articles/seed', '/entities/khalifa-haftar'];

async function timed(site: Site, path: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await site.app.request(path, { headers });
  const body = await response.text();
  return { response, body, ms: performance.now() - started };
}

/** The engine is unreachable in some way: every page and the API say so with 503 and Retry-After, quickly. */
async function expectUnavailable(site: Site, withinMs: number) {
  const answers = await Promise.all([...PAGES.map((path) => timed(site, path)), timed(site, `/search?q=${HAFTAR}`, { 'HX-Request': 'true' }), timed(site, `/api/search?q=${HAFTAR}`)]);
  for (const { response, body, ms } of answers) {
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(ms).toBeLessThan(withinMs);
    if (response.headers.get('Content-Type')?.startsWith('application/json')) expect(JSON.parse(body)).toEqual({ error: 'search engine unavailable' });
    else expect(body).toContain('محرك البحث لا يستجيب الآن');
    expect(body).not.toMatch(/at .+\.ts:\d+|Meilisearch(Request|Api)Error|ECONNRESET/u);
  }
  const health = await timed(site, '/healthz');
  expect(health.response.status).toBe(503);
  expect(health.ms).toBeLessThan(withinMs);
}

async function expectServing(site: Site) {
  for (const path of PAGES) expect((await site.app.request(path)).status, path).toBe(200);
  const result = (await (await site.app.request(`/api/search?q=${HAFTAR}`)).json()) as { total: number };
  expect(result.total).toBe(1);
  expect((await site.app.request('/healthz')).status).toBe(200);
}

describe('an engine behind a faulty network', () => {
  const seeded = useSeededSite('faults', { throughProxy: true, engineTimeoutMs: ENGINE_TIMEOUT_MS });

  it('answers 503 with the clear message and Retry-After when the engine is slower than the engine timeout, and never hangs', async () => {
    seeded.proxy.fault = { kind: 'delay', ms: 10_000 };
    // The engine timeout plus rendering, far below the delay: nobody waits for the slow engine.
    await expectUnavailable(seeded.site, ENGINE_TIMEOUT_MS + 1500);
    seeded.proxy.fault = { kind: 'pass' };
    await expectServing(seeded.site);
  });

  it('answers 503, not 500, when the engine accepts the request and then drops the connection', async () => {
    seeded.proxy.fault = { kind: 'drop' };
    await expectUnavailable(seeded.site, 2000);
    seeded.proxy.fault = { kind: 'pass' };
    await expectServing(seeded.site);
  });

  it('answers 503, not 500, when the connection breaks half way through the engine answer', async () => {
    seeded.proxy.fault = { kind: 'cut' };
    await expectUnavailable(seeded.site, 2000);
    seeded.proxy.fault = { kind: 'pass' };
    await expectServing(seeded.site);
  });

  it('answers 503 when something in front of the engine answers 503 or a page that is not JSON', async () => {
    for (const fault of [{ kind: 'refuse', status: 503 }, { kind: 'garbage' }] as const) {
      seeded.proxy.fault = fault;
      await expectUnavailable(seeded.site, 2000);
    }
    seeded.proxy.fault = { kind: 'pass' };
    await expectServing(seeded.site);
  });
});

describe('an engine that is stopped and started again', () => {
  let home: string;
  let engine: EngineHandle | undefined;
  let seeded: SeededSite | undefined;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'engine-restart-'));
    engine = await startEngine({ home });
    const client = createEngineClient(engine.url, engine.masterKey, 30_000);
    seeded = await seedSite({ url: engine.url, key: engine.masterKey, client, index: 'sections' }, { engineTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await seeded?.stop();
    // Also when a test failed half way: no engine may outlive the file.
    await engine?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('serves, says 503 while the engine is away, and recovers by itself on the same port and data without restarting the app', async () => {
    if (!engine || !seeded) throw new Error('no engine');
    const { site } = seeded;
    await expectServing(site);
    const port = Number(new URL(engine.url).port);

    await engine.stop();
    await expectUnavailable(site, 2500);

    engine = await startEngine({ home, port });
    expect(engine.url).toBe(`http://127.0.0.1:${port}`);
    // The app keeps its kept-alive sockets to the old process; the first answers may still be 503.
    const deadline = Date.now() + 10_000;
    while ((await site.app.request('/healthz')).status !== 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    let searchOk = false;
    while (!searchOk && Date.now() < deadline) {
      searchOk = (await site.app.request(`/api/search?q=${HAFTAR}`)).status === 200;
      if (!searchOk) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await expectServing(site);
  });
});

describe('npm start before its external engine is up', () => {
  it('serves 503 pages and /healthz 503 while the engine is down, then indexes data/ and searches by itself once it answers', async () => {
    const home = mkdtempSync(join(tmpdir(), 'engine-late-'));
    const masterKey = readOrCreateMasterKey(home);
    const port = await freePort();
    let engine: EngineHandle | undefined;
    const server = await startArchiveServer({ MEILI_URL: `http://127.0.0.1:${port}`, MEILI_MASTER_KEY: masterKey, MEILI_INDEX: 'late', DATA_DIR: fixture('articles') });
    try {
      expect(server.output()).toContain('does not answer: pages say so (503) until it does');
      for (const path of ['/', `/search?q=${encodeURIComponent('حفتر')}`, '/articles/seed']) {
        const page = await rawRequest(server.origin, path);
        expect(page.status).toBe(503);
        expect(page.headers).toMatch(/^retry-after\n5$/imu);
        expect(page.body).toContain('البحث غير متاح مؤقتًا');
      }
      expect((await rawRequest(server.origin, '/api/search?q=x')).status).toBe(503);
      expect((await rawRequest(server.origin, '/healthz')).status).toBe(503);

      engine = await startEngine({ home, port });
      const deadline = Date.now() + 60_000;
      while (!server.output().includes('searching is available') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(server.output()).toContain('Indexed 6 articles');
      expect((await rawRequest(server.origin, '/healthz')).status).toBe(200);
      const answer = await rawRequest(server.origin, `/api/search?q=${encodeURIComponent('حفتر')}`);
      expect(answer.status).toBe(200);
      expect((JSON.parse(answer.body) as { total: number }).total).toBeGreaterThan(0);
    } finally {
      await server.stop();
      await engine?.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
