import { checkEngineUrl, checkMasterKey, ConfigError } from './config-rules.ts';
import { readNetworkConfig, type NetworkNode } from './network-config.ts';

export { ConfigError } from './config-rules.ts';

/** Settings read from the environment, in one place, with the defaults a fresh machine needs. */
export interface Config {
  port: number;
  host: string;
  /** An external engine; when unset the embedded one under `engineHome` is used. */
  meiliUrl: string | null;
  meiliMasterKey: string | null;
  /** A read-only key for the site; when unset, one is created with the master key. */
  meiliSearchKey: string | null;
  /** Several engines holding the archive in shards (MEILI_NETWORK); null for one engine. */
  network: NetworkNode[] | null;
  index: string;
  engineHome: string;
  dataDir: string;
  /**
   * The site's public address (`https://archive.example.org`), for the absolute links of feeds,
   * exports and citations; null: the request's own origin, which its Host header sets.
   */
  publicUrl: string | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const meiliUrl = env.MEILI_URL?.trim() || null;
  const meiliMasterKey = env.MEILI_MASTER_KEY?.trim() || null;
  const meiliSearchKey = env.MEILI_SEARCH_KEY?.trim() || null;
  if (meiliUrl !== null) {
    checkEngineUrl('MEILI_URL', meiliUrl);
    if (meiliMasterKey === null) throw new ConfigError('MEILI_URL is set but MEILI_MASTER_KEY is not: give the master key of that engine.');
    checkMasterKey('MEILI_MASTER_KEY', meiliMasterKey);
  }
  const networkValue = env.MEILI_NETWORK?.trim() || null;
  if (networkValue !== null && meiliUrl !== null) throw new ConfigError('MEILI_URL and MEILI_NETWORK are both set: name one engine or a network of them, not both.');
  const index = env.MEILI_INDEX?.trim() || 'sections';
  if (!/^[A-Za-z0-9_-]{1,100}$/u.test(index)) throw new ConfigError(`MEILI_INDEX may hold only letters, digits, - and _, not "${index}"`);
  return {
    publicUrl: publicUrlOf(env.PUBLIC_URL),
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    meiliUrl: meiliUrl === null ? null : checkEngineUrl('MEILI_URL', meiliUrl),
    meiliMasterKey,
    meiliSearchKey,
    network: networkValue === null ? null : readNetworkConfig(networkValue, { masterKey: meiliMasterKey, searchKey: meiliSearchKey }),
    index,
    engineHome: env.MEILI_HOME?.trim() || '.meili',
    dataDir: env.DATA_DIR?.trim() || 'data',
  };
}

/** An http(s) address with no query, fragment or credentials; the trailing slash dropped. */
function publicUrlOf(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an http(s) address such as https://archive.example.org, not "${trimmed}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(`PUBLIC_URL must be an http(s) address without query, fragment or credentials, not "${trimmed}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/u, '');
}
