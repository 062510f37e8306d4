import type { Config } from '../config.ts';
import { acquireEmbeddedEngine, type EngineHandle } from './embedded.ts';

/**
 * The configured external engine, or the embedded one (shared with other processes of the app).
 * An external engine that does not answer yet is no error here: `npm start` serves 503 pages until
 * it does, the index command retries.
 */
export async function connectEngine(config: Config): Promise<EngineHandle> {
  if (config.meiliUrl !== null && config.meiliMasterKey !== null) {
    return { url: config.meiliUrl, masterKey: config.meiliMasterKey, owned: false, pid: null, stop: async () => {} };
  }
  return acquireEmbeddedEngine(config.engineHome);
}
