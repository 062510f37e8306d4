import { createEntityCatalog } from '../entities/catalog.ts';
import type { EngineHealth } from '../engine/archive-reader.ts';
import type { ShardEndpoint } from '../engine/network-nodes.ts';
import type { Gazetteer } from '../entities/index.ts';
import { createSearchService } from '../search/service.ts';
import { loadSourceCatalog } from '../sources/source-catalog.ts';
import { createApp } from './app.ts';
import { loadAssets } from './assets.ts';
import { standbyService } from './site-service.ts';

export interface SiteOptions {
  engineUrl: string;
  /** A read-only key (see ensureReadKey): the site never holds the master key. */
  apiKey: string;
  index: string;
  /** The nodes of a sharded archive, each with its read-only key (`engineUrl` and `apiKey` are then not used). */
  shards?: readonly ShardEndpoint[];
  gazetteer: Gazetteer;
  /** Bound of every engine call (default ENGINE_TIMEOUT_MS); tests shorten it to see a slow engine quickly. */
  engineTimeoutMs?: number;
  /** Bound of a whole request (default REQUEST_TIMEOUT_MS of the app). */
  requestTimeoutMs?: number;
  /** PUBLIC_URL (see Config). */
  publicUrl?: string | null;
  /** A fault of the engine seen by whoever watches it with more rights than the site (a full disk, a failed task), or null. */
  engineFault?: () => string | null;
}

/** Everything the web app needs, wired once at start: assets, the search service, the app. */
export async function createSite(options: SiteOptions) {
  const service = await createSearchService(options);
  const { engineFault } = options;
  const healthy = async (): Promise<EngineHealth> => {
    const reason = engineFault?.() ?? null;
    return reason === null ? service.healthy() : { ok: false, engine: 'fault', reason };
  };
  const app = createApp({ service: { ...service, healthy }, assets: loadAssets(), sources: loadSourceCatalog(), requestTimeoutMs: options.requestTimeoutMs, publicUrl: options.publicUrl });
  return { app, service, stop: service.stop };
}

/** The site while the engine cannot be reached at start: the same app, every page that needs the engine says 503. */
export function createStandbySite(options: { engineUrl: string; gazetteer: Gazetteer; publicUrl?: string | null }) {
  const app = createApp({ service: standbyService(options.engineUrl, createEntityCatalog(options.gazetteer)), assets: loadAssets(), sources: loadSourceCatalog(), publicUrl: options.publicUrl });
  return { app, stop: () => {} };
}
