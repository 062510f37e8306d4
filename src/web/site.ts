import { createEngineClient } from '../engine/client.ts';
import { EngineDownError } from '../engine/errors.ts';
import type { Gazetteer } from '../entities/index.ts';
import { createArchive } from '../search/archive.ts';
import { createLiveStats } from '../search/live-stats.ts';
import { createSearcher } from '../search/search.ts';
import { createApp } from './app.tsx';
import { loadAssets } from './assets.ts';
import { createEntityCatalog } from './entity-catalog.ts';

export interface SiteOptions {
  engineUrl: string;
  /** A read-only key (see ensureReadKey): the site never holds the master key. */
  apiKey: string;
  index: string;
  gazetteer: Gazetteer;
  /** Bound of every engine call (default ENGINE_TIMEOUT_MS); tests shorten it to see a slow engine quickly. */
  engineTimeoutMs?: number;
  /** Bound of a whole request (default REQUEST_TIMEOUT_MS of the app). */
  requestTimeoutMs?: number;
}

/** Everything the web app needs, wired once at start: assets, statistics, search, archive. */
export async function createSite(options: SiteOptions) {
  const client = createEngineClient(options.engineUrl, options.apiKey, options.engineTimeoutMs);
  const stats = await createLiveStats(client, options.index);
  const entities = createEntityCatalog(options.gazetteer);
  const search = createSearcher({ client, index: options.index, entities, stats: stats.current });
  const archive = createArchive({ client, index: options.index, stats: stats.current });
  const app = createApp({
    search,
    archive,
    names: entities.name,
    entityInfo: (id) => options.gazetteer.entities.get(id),
    evidence: (stem) => stats.current().df.get(stem) ?? 0,
    engineHealthy: () => client.isHealthy(),
    assets: loadAssets(),
    requestTimeoutMs: options.requestTimeoutMs,
  });
  return { app, search, stats, stop: stats.stop };
}

/**
 * The site while the engine cannot be reached at start (an external engine that is not up yet):
 * the same app, whose every page that needs the engine says 503 with Retry-After, and /healthz too.
 */
export function createStandbySite(options: { engineUrl: string; gazetteer: Gazetteer }) {
  const entities = createEntityCatalog(options.gazetteer);
  const unreachable = (): Promise<never> => Promise.reject(new EngineDownError(`the engine at ${options.engineUrl} has not answered since the start`));
  const app = createApp({
    search: unreachable,
    archive: { article: unreachable, overview: unreachable, entity: unreachable },
    names: entities.name,
    entityInfo: (id) => options.gazetteer.entities.get(id),
    evidence: () => 0,
    engineHealthy: async () => false,
    assets: loadAssets(),
  });
  return { app, stop: () => {} };
}
