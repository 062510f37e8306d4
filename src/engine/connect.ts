import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config.ts';
import type { EngineHandle } from './embedded.ts';
import { acquireEmbeddedEngine, type EngineEvents } from './engine-lease.ts';

/**
 * The configured external engine, or the embedded one (shared with other processes of the app).
 * An external engine that does not answer yet is no error here: `npm start` serves 503 pages until
 * it does, the index command retries.
 */
export async function connectEngine(config: Config, onEvent?: EngineEvents): Promise<EngineHandle> {
  if (config.meiliUrl !== null && config.meiliMasterKey !== null) {
    return { url: config.meiliUrl, masterKey: config.meiliMasterKey, owned: false, pid: null, stop: async () => {} };
  }
  return acquireEmbeddedEngine(config.engineHome, onEvent);
}

/**
 * The name of the lock every writer of the archive index takes (index runs, npm start's sync): one
 * per engine and index. An external engine is known by its URL, so the lock holds among the
 * processes of one machine (or container) that reach it by the same URL.
 */
export function indexWriterLockName(config: Config): string {
  const engine = config.meiliUrl ?? (existsSync(config.engineHome) ? realpathSync(config.engineHome) : resolve(config.engineHome));
  return `index-writer ${engine} ${config.index}`;
}
