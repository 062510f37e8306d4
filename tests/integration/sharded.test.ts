// A sharded archive is the same archive: three engines on loopback, joined by Meilisearch's own
// network, hold the fixture articles placed by article id, and every search, count, page and
// statistic equals what one engine holding them all gives. A node that stops leaves partial
// results that say so (never a 500), and its return is picked up without restarting anything.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionDocument } from '../../src/archive-index/index.ts';
import { shardedStore, type ArchiveStore } from '../../src/engine/archive-store.ts';
import { createEngineClient, settle } from '../../src/engine/client.ts';
import { freePort } from '../../src/engine/embedded.ts';
import { engineAnswer } from '../../src/engine/errors.ts';
import type { SectionIndex } from '../../src/engine/index-store.ts';
import { startLocalNetwork, type LocalNetwork } from '../../src/engine/local-network.ts';
import { prepareNetwork } from '../../src/engine/network-setup.ts';
import { ensureReadKey } from '../../src/engine/read-key.ts';
import { loadEngineSettings } from '../../src/engine/settings.ts';
import { loadGazetteer } from '../../src/entities/index.ts';
import { indexArticles, type IndexSummary } from '../../src/indexer/indexer.ts';
import { MESSAGES } from '../../views/messages.ts';
import { createSite } from '../../src/web/site.ts';
import { command } from '../commands.ts';
import { fixture, testEngine, type TestEngine, type Site } from '../helpers.ts';

const FOLDERS = ['articles', 'keywords', 'dated'];
const INDEX = 'sections';
const gazetteer = loadGazetteer();
const settings = loadEngineSettings();
const enc = encodeURIComponent;

let home: string;
/** Copies of the fixture folders, so that a test can change an article where it was indexed from. */
let paths: string[];
let engine: TestEngine;
let network: LocalNetwork;
let store: ArchiveStore;
let single: Site;
let sharded: Site;
let firstRun: IndexSummary;

const nodeClient = (i: number) => {
  const node = network.nodes[i];
  if (!node) throw new Error(`no node ${i}`);
  return createEngineClient(node.url, node.masterKey, 30_000);
};
const indexSharded = (options: { rebuild?: boolean; store?: ArchiveStore } = {}) =>
  indexArticles({ store: options.store ?? store, index: INDEX, paths, rebuild: options.rebuild, gazetteer, settings, analysisVersion: 'test' });
const indexSingle = () => indexArticles({ client: engine.client, index: engine.index, paths, gazetteer, settings, analysisVersion: 'test' });

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'sharded-'));
  paths = FOLDERS.map((folder) => join(home, 'input', folder));
  for (const [i, folder] of FOLDERS.entries()) cpSync(fixture(folder), paths[i] ?? '', { recursive: true });
  engine = testEngine('unsharded');
  await indexSingle();
  single = await createSite({ engineUrl: engine.url, apiKey: await ensureReadKey(engine.client, engine.index), index: engine.index, gazetteer });
  network = await startLocalNetwork(join(home, 'engines'), 3);
  store = shardedStore(network.nodes.map((node, i) => ({ name: node.name, client: nodeClient(i) })));
  firstRun = await indexSharded();
  const shards = await prepareNetwork(network.nodes, INDEX);
  sharded = await createSite({ engineUrl: '', apiKey: '', shards, index: INDEX, gazetteer });
});

afterAll(async () => {
  single?.stop();
  sharded?.stop();
  await network?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

interface Answer {
  total: number;
  hits: { articleId: string; date: string | null }[];
  facets: Record<string, Record<string, number>>;
  notices: string[];
}

async function api(site: Site, query: string): Promise<Answer> {
  const response = await site.app.request(`/api/search?${query}`);
  expect(response.status, query).toBe(200);
  return (await response.json()) as Answer;
}

/** Hits in date order: the runs of one date, each as a set (articles of the same day may come in either order). */
const byDate = (answer: Answer) => {
  const runs: { date: string | null; ids: string[] }[] = [];
  for (const hit of answer.hits) {
    const last = runs.at(-1);
    if (last && last.date === hit.date) last.ids = [...last.ids, hit.articleId].sort();
    else runs.push({ date: hit.date, ids: [hit.articleId] });
  }
  return runs;
};

// Keywords, phrases, OR, exclusions, filters (region, actor, source, dates), questions, browsing, pages.
const RANKED = [
  `q=${enc('الميناء')}`,
  `q=${enc('مصر')}`,
  `q=${enc('الكهرباء')}`,
  `q=${enc('مجلس الأمن')}`,
  `q=${enc('"مجلس الأمن الدولي"')}`,
  `q=${enc('بركان OR زلزال')}`,
  `q=${enc('الميناء -جدة')}`,
  `q=${enc('الرياضة المدرسية')}`,
  `q=${enc('الميناء')}&source=aawsat`,
  `q=${enc('الميناء')}&source=aawsat&source=okaz`,
  `q=${enc('جدة')}&region=SA`,
  `q=${enc('الميناء')}&from=2025-02-10`,
  `q=${enc('الميناء')}&page=2&limit=3`,
];
// A question's first search matches by the engine's `frequency` strategy, which each node reads from
// its own words: its facet counts (the coverage chart's too) may count a few more articles
// (docs/decisions.md#sharded-counts).
const QUESTIONS = [`q=${enc('ما سبب انقطاع الكهرباء في الأحياء؟')}`, `q=${enc('أين ضرب الزلزال اليابان؟')}`, `q=${enc('من التقى حفتر في بنغازي؟')}&region=LY`];
const DATED = ['limit=50', 'page=2&limit=5', 'sort=oldest&limit=50', 'region=EG', 'actor=khalifa-haftar', 'from=2025-03-01&to=2025-03-10', `q=${enc('الميناء')}&sort=newest&limit=50`];

async function expectSameArchive(): Promise<void> {
  for (const query of [...RANKED, ...QUESTIONS, ...DATED]) expect((await api(single, query)).total, `${query} finds something`).toBeGreaterThan(0);
  for (const query of RANKED) expect(await api(sharded, query), query).toEqual(await api(single, query));
  // The coverage chart is a facet count of the same first search (docs/decisions.md#coverage-in-main).
  for (const query of QUESTIONS) expect({ ...(await api(sharded, query)), facets: {}, coverage: null }, query).toEqual({ ...(await api(single, query)), facets: {}, coverage: null });
  for (const query of DATED) {
    const [one, many] = [await api(single, query), await api(sharded, query)];
    expect(byDate(many), query).toEqual(byDate(one));
    expect({ ...many, hits: [] }, query).toEqual({ ...one, hits: [] });
  }
}

async function placement(): Promise<Map<string, Set<string>>> {
  const nodesOf = new Map<string, Set<string>>();
  for (const [i, node] of network.nodes.entries()) {
    const { results } = await nodeClient(i)
      .index<SectionDocument>(INDEX)
      .getDocuments({ fields: ['articleId'], limit: 10_000 });
    for (const { articleId } of results) nodesOf.set(articleId, (nodesOf.get(articleId) ?? new Set()).add(node.name));
  }
  return nodesOf;
}

describe('the archive on three engines', () => {
  it('keeps each article whole on one node, and spreads the articles over all three', async () => {
    const nodesOf = await placement();
    expect(nodesOf.size).toBe(firstRun.articles);
    expect([...nodesOf].filter(([, nodes]) => nodes.size > 1)).toEqual([]);
    expect(new Set([...nodesOf.values()].flatMap((nodes) => [...nodes])).size).toBe(3);
  });

  it('searches each node with a read-only key of that node, never a master key', async () => {
    const shards = await prepareNetwork(network.nodes, INDEX);
    for (const [i, shard] of shards.entries()) {
      expect(network.nodes.map((node) => node.masterKey)).not.toContain(shard.apiKey);
      const reader = createEngineClient(shard.url, shard.apiKey);
      const refusal = (attempt: Promise<unknown>) =>
        attempt.then(
          () => 'allowed',
          (error: unknown) => engineAnswer(error)?.cause?.code,
        );
      expect(await refusal(reader.index(INDEX).addDocuments([{ id: 'x', articleId: 'x' }])), `node ${i}`).toBe('invalid_api_key');
      expect(await refusal(reader.httpRequest.get({ path: 'network' })), `node ${i}`).toBe('invalid_api_key');
    }
  });

  it('has the term statistics of one engine: the sum of each node’s own', () => {
    expect(sharded.service.stats.current()).toEqual(single.service.stats.current());
  });

  it('answers every search of the battery as one engine does: totals, facet counts, hits, notices', async () => {
    await expectSameArchive();
  });

  it('serves the same article pages, entity pages and overview', async () => {
    for (const id of ['seed', 'sudan-talks-2025', 'power-cuts', 'port-undated', 'no-such-article']) expect(await sharded.service.article(id), id).toEqual(await single.service.article(id));
    expect(await sharded.service.entity('EG', 'region')).toEqual(await single.service.entity('EG', 'region'));
    expect(await sharded.service.overview()).toEqual(await single.service.overview());
  });
});

describe('feeds and exports', () => {
  it('list the same articles as one engine', async () => {
    const text = async (site: Site, path: string) => {
      const response = await site.app.request(path);
      expect(response.status, path).toBe(200);
      return await response.text();
    };
    for (const path of [`/feed?q=${enc('الميناء')}`, '/feed', `/api/export?format=ndjson&q=${enc('الميناء')}&sort=newest`, `/api/export?format=csv&q=${enc('الميناء OR السوق')}&sort=oldest`]) {
      expect(await text(sharded, path), path).toBe(await text(single, path));
    }
    // The whole archive, newest first: undated articles tie, and the nodes may break the tie otherwise.
    const lines = async (site: Site) => (await text(site, '/api/export?format=ndjson')).split('\n').sort();
    expect(await lines(sharded)).toEqual(await lines(single));
  });
});

describe('a node that stops', () => {
  it('leaves partial results that say so, never a 500, and is picked up again once it is back', async () => {
    const down = network.nodes[0]?.name ?? '';
    const nodesOf = await placement();
    const away = [...nodesOf].filter(([, nodes]) => nodes.has(down)).map(([id]) => id);
    const kept = [...nodesOf].filter(([, nodes]) => !nodes.has(down)).map(([id]) => id);
    const whole = await api(single, 'limit=50');
    await network.stopNode(0);
    try {
      const partial = await api(sharded, 'limit=50');
      expect(partial.notices).toEqual([MESSAGES.partialResults]);
      expect(partial.total).toBe(whole.total - away.length);
      expect(partial.hits.map((hit) => hit.articleId).sort()).toEqual(
        whole.hits
          .map((hit) => hit.articleId)
          .filter((id) => !away.includes(id))
          .sort(),
      );
      for (const query of [...RANKED, ...QUESTIONS, ...DATED]) expect((await api(sharded, query)).notices, query).toContain(MESSAGES.partialResults);
      // The search says which nodes (the API and the page word it for people).
      expect((await sharded.service.search({ q: 'الميناء', regions: [], actors: [], page: 1, limit: 10 })).notices).toEqual([{ code: 'partial-results', missing: [down] }]);
      const page = await sharded.app.request(`/search?q=${enc('الميناء')}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(MESSAGES.partialResults);
      const health = await sharded.app.request('/healthz');
      expect([health.status, await health.json()]).toEqual([200, { status: 'partial', missing: [down] }]);
      // A feed or a file without what the node holds would look whole.
      for (const path of [`/feed?q=${enc('الميناء')}`, `/api/export?format=csv&q=${enc('الميناء')}`]) expect((await sharded.app.request(path)).status, path).toBe(503);
      // An article of the stopped node may exist: "not found" would not be true.
      expect((await sharded.app.request(`/articles/${away[0]}`)).status).toBe(503);
      expect((await sharded.app.request(`/articles/${kept[0]}`)).status).toBe(200);
    } finally {
      await network.startNode(0);
    }
    await expectSameArchive();
    expect(await (await sharded.app.request('/healthz')).json()).toEqual({ status: 'ok' });
  });
});

describe('nodes that are all away, or that hang', () => {
  it('answers 503 with the engine-down page and health, never a 500, and serves again once they are back', async () => {
    await Promise.all(network.nodes.map((_node, i) => network.stopNode(i)));
    try {
      for (const path of [`/api/search?q=${enc('الميناء')}`, `/search?q=${enc('الميناء')}`, '/articles/seed', '/']) expect((await sharded.app.request(path)).status, path).toBe(503);
      expect(await (await sharded.app.request('/healthz')).json()).toEqual({ status: 'unavailable', engine: 'down' });
    } finally {
      for (const [i] of network.nodes.entries()) await network.startNode(i);
    }
    await expectSameArchive();
  });

  it('answers 503 within the engine timeout when a node hangs (stopped by SIGSTOP), then serves again', async () => {
    const shards = await prepareNetwork(network.nodes, INDEX);
    const impatient = await createSite({ engineUrl: '', apiKey: '', shards, index: INDEX, gazetteer, engineTimeoutMs: 1000 });
    const pid = network.engines[2]?.pid ?? 0;
    process.kill(pid, 'SIGSTOP');
    try {
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        const response = await impatient.app.request(`/api/search?q=${enc('الميناء')}`);
        expect(response.status).toBe(503);
        // One engine timeout: a search is not handed to the next node when the first is slow.
        expect(Date.now() - started).toBeLessThan(2500);
      }
    } finally {
      process.kill(pid, 'SIGCONT');
      impatient.stop();
    }
    expect(await api(sharded, `q=${enc('الميناء')}`)).toEqual(await api(single, `q=${enc('الميناء')}`));
  });
});

describe('indexing a sharded archive', () => {
  it('sends nothing again when nothing changed', async () => {
    expect(await indexSharded()).toMatchObject({ changed: 0, unchanged: firstRun.articles, sectionsSent: 0, deleted: 0, problems: [], failures: [] });
  });

  it('replaces a changed article on its node and deletes one that left its file; statistics and searches follow', async () => {
    appendFileSync(join(paths[1] ?? '', 'power-cuts.md'), '\n## محطات جديدة\n\nتعلن وزارة الطاقة عن محطات جديدة لتوليد الكهرباء قبل الصيف المقبل.\n');
    rmSync(join(paths[1] ?? '', 'riyadh-rain.md'));
    await indexSingle();
    const run = await indexSharded();
    expect(run).toMatchObject({ changed: 1, deleted: 1, problems: [], failures: [] });
    const nodesOf = await placement();
    expect(nodesOf.has('riyadh-rain')).toBe(false);
    expect([...nodesOf].filter(([, nodes]) => nodes.size > 1)).toEqual([]);
    await Promise.all([single.service.stats.refresh(), sharded.service.stats.refresh()]);
    expect(sharded.service.stats.current()).toEqual(single.service.stats.current());
    await expectSameArchive();
  });

  it('rebuilds every node and swaps the new indexes in', async () => {
    const rebuilt = await indexSharded({ rebuild: true });
    expect(rebuilt).toMatchObject({ changed: rebuilt.articles, deleted: 0, failures: [] });
    await sharded.service.stats.refresh();
    expect(sharded.service.stats.current()).toEqual(single.service.stats.current());
    await expectSameArchive();
  });

  it('swaps in no node when the rebuilt index of one of them lost its settings, checked right before the swap', async () => {
    const before = await placement();
    const sabotaged: ArchiveStore = {
      ...store,
      async openSections(uid, wanted) {
        const sections = await store.openSections(uid, wanted);
        if (uid !== `${INDEX}-next`) return sections;
        // What anyone with the master key can do to one node while the rebuild fills it.
        const countSections = async () => {
          await settle(nodeClient(1).index(uid).resetSettings());
          return await sections.countSections();
        };
        return { ...sections, countSections } satisfies SectionIndex;
      },
    };
    const refused = await indexSharded({ store: sabotaged, rebuild: true });
    expect(refused.failures).toEqual([expect.stringMatching(/the rebuilt index does not hold the settings of index-config\/ .*; it was not swapped in/u)]);
    expect(await placement()).toEqual(before);
    for (const [i] of network.nodes.entries()) expect((await nodeClient(i).getIndexes({ limit: 100 })).results.map((index) => index.uid).sort(), `node ${i}`).toEqual([INDEX, `${INDEX}-stats`]);
    await expectSameArchive();
  });
});

describe('the commands on a network', () => {
  const networkEnv = () => ({ MEILI_NETWORK: JSON.stringify({ nodes: Object.fromEntries(network.nodes.map(({ name, url, masterKey }) => [name, { url, masterKey }])) }), MEILI_INDEX: INDEX });

  it('npm run index places articles on the nodes of MEILI_NETWORK, incrementally', async () => {
    const run = command('index-archive.ts', paths, networkEnv());
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/0 new or changed, \d+ unchanged/u);
  });

  it('npm start serves the sharded archive', async () => {
    const port = await freePort();
    // PUBLIC_URL: the citations' links are those of the site compared with (app.request's origin).
    const server = command('start.ts', [], { ...networkEnv(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: paths[0] ?? '', PUBLIC_URL: 'http://localhost' });
    try {
      await server.waitFor('Archive search ready', 90_000);
      expect(server.output()).toContain(`Using the Meilisearch network ${network.nodes[0]?.name} (`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const answer = (await (await fetch(`http://127.0.0.1:${port}/api/search?q=${enc('الميناء')}`)).json()) as Answer;
      expect(answer).toEqual(await api(single, `q=${enc('الميناء')}`));
    } finally {
      await server.stop('SIGTERM');
    }
  });
});
