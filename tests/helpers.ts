import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { createEngineClient } from '../src/engine/client.ts';
import { ensureReadKey } from '../src/engine/read-key.ts';
import { loadEngineSettings } from '../src/engine/settings.ts';
import { type Gazetteer, loadGazetteer } from '../src/entities/index.ts';
import { indexArticles, type IndexSummary } from '../src/indexer/indexer.ts';
import { projectPath } from '../src/project-root.ts';
import { createSite } from '../src/web/site.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

export interface TestEngine {
  url: string;
  /** The master key. */
  key: string;
  client: ReturnType<typeof createEngineClient>;
  index: string;
}

/** The test engine, and an index name no other test file uses. */
export function testEngine(prefix: string): TestEngine {
  const url = inject('meiliUrl');
  const key = inject('meiliKey');
  return { url, key, client: createEngineClient(url, key, 30_000), index: `${prefix}-${randomBytes(4).toString('hex')}` };
}

export const fixture = (path: string): string => projectPath(`tests/fixtures/${path}`);

export type Site = Awaited<ReturnType<typeof createSite>>;

export interface SeedOptions {
  /** What to index (default: the fixture articles). */
  paths?: string[];
  /** The indexing summary may list problems (by default there must be none). */
  problemsExpected?: boolean;
}

export interface SiteOptions extends SeedOptions {
  /** The site reaches the engine through a fault proxy the test steers. */
  throughProxy?: boolean;
  engineTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface SeededIndex {
  engine: TestEngine;
  gazetteer: Gazetteer;
  summary: IndexSummary;
}

export interface SeededSite extends SeededIndex {
  site: Site;
  /** The site's read-only key, made as `npm start` makes it. */
  readKey: string;
  proxy: FaultProxy | undefined;
  stop(): Promise<void>;
}

/** Fills the engine's index through the product's indexer. */
export async function seedIndex(engine: TestEngine, options: SeedOptions = {}): Promise<SeededIndex> {
  const gazetteer = loadGazetteer();
  const { client, index } = engine;
  const summary = await indexArticles({ client, index, paths: options.paths ?? [fixture('articles')], gazetteer, settings: loadEngineSettings(), analysisVersion: 'test' });
  if (!options.problemsExpected) expect(summary.problems).toEqual([]);
  return { engine, gazetteer, summary };
}

/** A seeded index and the site over it, searching with a read-only key as in production. */
export async function seedSite(engine: TestEngine, options: SiteOptions = {}): Promise<SeededSite> {
  const seeded = await seedIndex(engine, options);
  const readKey = await ensureReadKey(engine.client, engine.index);
  const proxy = options.throughProxy ? await startFaultProxy(engine.url) : undefined;
  const { engineTimeoutMs, requestTimeoutMs } = options;
  let site: Site;
  try {
    site = await createSite({ engineUrl: proxy?.url ?? engine.url, apiKey: readKey, index: engine.index, gazetteer: seeded.gazetteer, engineTimeoutMs, requestTimeoutMs });
  } catch (error) {
    await proxy?.close();
    throw error;
  }
  const stop = async () => {
    site.stop();
    await proxy?.close();
  };
  return { ...seeded, site, readKey, proxy, stop };
}

/**
 * Seeds before the tests of the enclosing file or describe block and stops after them. The object
 * returned is filled by its beforeAll: read it inside tests and hooks only.
 */
function useSeeded<T extends SeededIndex>(seed: () => Promise<T>, stop?: (seeded: T) => Promise<void>): T {
  const seeded = {} as T;
  beforeAll(async () => {
    Object.assign(seeded, await seed());
  });
  afterAll(async () => {
    // Also when seeding failed half way.
    if ('engine' in seeded) await stop?.(seeded);
  });
  return seeded;
}

export const useSeededIndex = (prefix: string, options?: SeedOptions): SeededIndex => useSeeded(() => seedIndex(testEngine(prefix), options));

export function useSeededSite(prefix: string, options: SiteOptions & { throughProxy: true }): SeededSite & { proxy: FaultProxy };
export function useSeededSite(prefix: string, options?: SiteOptions): SeededSite;
export function useSeededSite(prefix: string, options?: SiteOptions): SeededSite {
  return useSeeded(
    () => seedSite(testEngine(prefix), options),
    (seeded) => seeded.stop(),
  );
}
