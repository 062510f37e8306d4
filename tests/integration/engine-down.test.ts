import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineHandle } from '../../src/engine/embedded.ts';
import { loadGazetteer } from '../../src/entities/index.ts';
import { createSite } from '../../src/web/site.ts';

let engine: EngineHandle;
let home: string;
let site: Awaited<ReturnType<typeof createSite>>;

beforeAll(async () => {
  const gazetteer = loadGazetteer();
  home = mkdtempSync(join(tmpdir(), 'engine-down-'));
  engine = await startEngine({ home });
  site = await createSite({ engineUrl: engine.url, apiKey: engine.masterKey, index: 'sections', gazetteer });
  await engine.stop();
});
afterAll(async () => {
  site?.stop();
  // Also when the set-up failed half way: no engine may outlive the tests.
  await engine?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('with the engine stopped', () => {
  it('reports 503 on /healthz', async () => {
    const response = await site.app.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable' });
  });

  it.each(['/', '/search?q=%D8%AD%D9%81%D8%AA%D8%B1', '/articles/seed'])('answers %s with a readable 503 page, not a stack trace', async (path) => {
    const response = await site.app.request(path);
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    const html = await response.text();
    expect(html).toContain('البحث غير متاح مؤقتًا');
    expect(html).not.toMatch(/at .+\.ts:\d+/u);
  });

  it('answers the API with a JSON 503', async () => {
    const response = await site.app.request('/api/search?q=x');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'search engine unavailable' });
  });
});
