// Findings 1 and 6 of issue 13: a rebuild never swaps in an index without the settings of
// index-config/, a plain run does not drop the index a rebuild is filling, a rebuild says what its
// swap drops and does not drop most of the archive unasked, and /healthz says when the live index
// cannot serve the product's queries. Index runs are child processes; the engine is the real one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionDocument } from '../../src/archive-index/index.ts';
import { settle } from '../../src/engine/client.ts';
import { ensureReadKey } from '../../src/engine/read-key.ts';
import { loadEngineSettings, settingsHold } from '../../src/engine/settings.ts';
import { loadGazetteer } from '../../src/entities/index.ts';
import { createSite } from '../../src/web/site.ts';
import { command, indexCommand } from '../commands.ts';
import { startGateProxy, type GateProxy, type GatedRequest } from '../gate-proxy.ts';
import { testEngine } from '../helpers.ts';

const { url, key, client, index: live } = testEngine('rebuild-safety');
let folder: string;
let proxy: GateProxy;

const article = (id: string) => JSON.stringify({ id, title: `مقال ${id}`, date: '2025-03-01', source: 'اختبار', url: null, body: `نص المقال ${id} عن المكتبات في طرابلس.` });
const env = () => ({ MEILI_URL: proxy.url, MEILI_MASTER_KEY: key, MEILI_INDEX: live });
const indexRun = (...args: string[]) => indexCommand(args, env());
const firstBatchOfNext = (request: GatedRequest) => request.method === 'POST' && request.path === `/indexes/${live}-next/documents`;

async function liveArticles(): Promise<number> {
  const page = await client.index<SectionDocument>(live).getDocuments({ fields: ['articleId'], limit: 10_000 });
  return new Set(page.results.map((section) => section.articleId)).size;
}
const liveHoldsSettings = async () => settingsHold(loadEngineSettings(), await client.index(live).getSettings());

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rebuild-safety-'));
  writeFileSync(join(folder, 'all.ndjson'), Array.from({ length: 60 }, (_, i) => article(`all${i}`)).join('\n'));
  mkdirSync(join(folder, 'sub'));
  writeFileSync(join(folder, 'sub', 'part.ndjson'), [article('part0'), article('part1')].join('\n'));
  proxy = await startGateProxy(url);
});
afterAll(async () => {
  await proxy?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('a rebuild of part of the archive', () => {
  it('refuses to drop most of the archive without --force, and says what the swap drops', async () => {
    expect(await indexRun(folder)).toMatchObject({ code: 0 });
    expect(await liveArticles()).toBe(62);
    const refused = await indexRun('--rebuild', join(folder, 'sub'));
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/failed: the swap would drop 60 of the 62 articles of the live index \(not in the inputs\); run again with --force to drop them; it was not swapped in/u);
    expect(await liveArticles()).toBe(62);

    const forced = await indexRun('--rebuild', '--force', join(folder, 'sub'));
    expect(forced.code).toBe(0);
    expect(forced.output).toMatch(/Indexed 2 articles \(2 sections\): 2 new or changed, 0 unchanged, 60 deleted;/u);
    expect(await liveArticles()).toBe(2);
    expect(await indexRun(folder)).toMatchObject({ code: 0 });
  });
});

describe('an index a rebuild is filling', () => {
  it('is never swapped in when it lost the settings of index-config/ while it was filled', async () => {
    const rebuild = command('index-archive.ts', ['--rebuild', folder], env());
    await proxy.hold(firstBatchOfNext);
    // What a plain run did to it before there was a lock, or what anyone with the master key can do.
    await settle(client.deleteIndex(`${live}-next`));
    proxy.open();
    expect(await rebuild.exited).toBe(1);
    expect(rebuild.output()).toMatch(/failed: the rebuilt index does not hold the settings of index-config\/ .*; it was not swapped in/u);
    expect(await liveHoldsSettings()).toBe(true);
    expect(await liveArticles()).toBe(62);
  });

  it('is not dropped by a plain run started meanwhile: that run waits for the rebuild, saying so in one line', async () => {
    const rebuild = command('index-archive.ts', ['--rebuild', folder], env());
    await proxy.hold(firstBatchOfNext);
    const plain = command('index-archive.ts', [folder], env());
    await plain.waitFor(/^waiting: .*another index run .*pid \d+/mu, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await client.getIndexes({ limit: 1000 })).results.map((i) => i.uid)).toContain(`${live}-next`);
    proxy.open();
    expect(await rebuild.exited).toBe(0);
    expect(await plain.exited).toBe(0);
    expect(plain.output()).toMatch(/0 new or changed, 62 unchanged, 0 deleted;/u);
    expect(await liveHoldsSettings()).toBe(true);
  });
});

describe('/healthz', () => {
  it("fails when the live index cannot serve the product's queries (its filterable and sortable settings are missing)", async () => {
    const bare = `${live}-bare`;
    await settle(client.index(bare).addDocuments([{ id: 'x__1', articleId: 'x', n: 1, title: 'مقال', text: 'نص' }], { primaryKey: 'id' }));
    const site = await createSite({ engineUrl: url, apiKey: await ensureReadKey(client, bare), index: bare, gazetteer: loadGazetteer() });
    try {
      const health = await site.app.request('/healthz');
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unavailable', index: expect.stringMatching(/cannot serve/u) });
      await settle(client.index(bare).updateSettings(loadEngineSettings()));
      expect((await site.app.request('/healthz')).status).toBe(200);
    } finally {
      site.stop();
    }
  });
});
