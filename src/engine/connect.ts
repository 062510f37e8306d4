import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config.ts';
import { shardedStore, type ArchiveStore } from './archive-store.ts';
import { createRetryingEngineClient, type EngineClient } from './client.ts';
import { isHealthy, type EngineHandle } from './embedded.ts';
import { acquireEmbeddedEngine, type EngineEvents } from './engine-lease.ts';
import type { RetryOptions } from './retry.ts';

/**
 * The configured external engine, or the embedded one (shared with other processes of the app).
 * An external engine that does not answer yet is no error here: `npm start` serves 503 pages until
 * it does, the index command retries. For a network of engines (MEILI_NETWORK) the handle names
 * its first node; `engineAnswers` and `archiveStore` reach them all.
 */
export async function connectEngine(config: Config, onEvent?: EngineEvents): Promise<EngineHandle> {
  const first = config.network?.[0];
  if (first) return { url: first.url, masterKey: first.masterKey, owned: false, pid: null, stop: async () => {} };
  if (config.meiliUrl !== null && config.meiliMasterKey !== null) {
    return { url: config.meiliUrl, masterKey: config.meiliMasterKey, owned: false, pid: null, stop: async () => {} };
  }
  return acquireEmbeddedEngine(config.engineHome, onEvent);
}

/** True when the engine answers; for a network, when every node does (the site is set up on all of them). */
export async function engineAnswers(config: Config, engine: EngineHandle, timeoutMs: number): Promise<boolean> {
  const urls = config.network?.map((node) => node.url) ?? [engine.url];
  return (await Promise.all(urls.map((url) => isHealthy(url, timeoutMs)))).every(Boolean);
}

/** Where the index command writes: the one engine's client, or the nodes of the network (the articles placed by id). */
export function indexTarget(config: Config, engine: EngineHandle, retry: RetryOptions): { client: EngineClient } | { store: ArchiveStore } {
  if (config.network === null) return { client: createRetryingEngineClient(engine.url, engine.masterKey, retry) };
  return { store: shardedStore(config.network.map((node) => ({ name: node.name, client: createRetryingEngineClient(node.url, node.masterKey, retry) }))) };
}

/** How the configured engines are named to people: one URL, or each node of the network with its URL. */
export function describeEngines(config: Config, engine: EngineHandle): string {
  return config.network ? `the Meilisearch network ${config.network.map((node) => `${node.name} (${node.url})`).join(', ')}` : `Meilisearch at ${engine.url}`;
}

/**
 * The name of the lock every writer of the archive index takes (index runs, npm start's sync): one
 * per engine and index. An external engine is known by its URL (a network by its nodes' URLs), so
 * the lock holds among the processes of one machine (or container) that reach it by the same URL.
 */
export function indexWriterLockName(config: Config): string {
  const engine = config.network
    ? `network ${config.network
        .map((node) => node.url)
        .sort()
        .join(' ')}`
    : (config.meiliUrl ?? (existsSync(config.engineHome) ? realpathSync(config.engineHome) : resolve(config.engineHome)));
  return `index-writer ${engine} ${config.index}`;
}
