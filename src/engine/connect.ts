import type { Config } from '../config.ts';
import { acquireEmbeddedEngine, isHealthy, type EngineHandle } from './embedded.ts';

/** The configured external engine, or the embedded one (shared with other processes of the app). */
export async function connectEngine(config: Config): Promise<EngineHandle> {
  if (config.meiliUrl !== null && config.meiliMasterKey !== null) {
    if (!(await isHealthy(config.meiliUrl, 3000))) console.warn(`Meilisearch at ${config.meiliUrl} does not answer yet; pages will say so until it does.`);
    return { url: config.meiliUrl, masterKey: config.meiliMasterKey, owned: false, pid: null, stop: async () => {} };
  }
  return acquireEmbeddedEngine(config.engineHome);
}
