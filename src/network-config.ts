import { readFileSync } from 'node:fs';
import { checkEngineUrl, checkMasterKey, ConfigError } from './config-rules.ts';

/** One Meilisearch of a sharded archive: its name in the engines' network, where it answers, its keys. */
export interface NetworkNode {
  name: string;
  /** Where the app reaches it, and where the other nodes do (one URL for both). */
  url: string;
  masterKey: string;
  /** A search-only key of this node for the site; when null, one is created with the master key. */
  searchKey: string | null;
}

const NODE_NAME = /^[A-Za-z0-9_-]{1,64}$/u;
const SHAPE = '{"nodes": {"NAME": {"url": "http://…", "masterKey": "…", "searchKey": "…"}, …}} (the keys may be left to MEILI_MASTER_KEY and MEILI_SEARCH_KEY)';

type Defaults = { masterKey: string | null; searchKey: string | null };

/**
 * The nodes named by MEILI_NETWORK: the JSON itself, or the path of a file holding it. A node
 * without its own keys takes MEILI_MASTER_KEY and MEILI_SEARCH_KEY.
 */
export function readNetworkConfig(value: string, defaults: Defaults, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): NetworkNode[] {
  const text = value.startsWith('{') ? value : readNetworkFile(value, readFile);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`MEILI_NETWORK is not valid JSON (${(error as Error).message}); expected ${SHAPE}`);
  }
  const nodes = isRecord(parsed) ? parsed.nodes : undefined;
  if (!isRecord(nodes) || Object.keys(nodes).length === 0) throw new ConfigError(`MEILI_NETWORK must be ${SHAPE}, with one node or more`);
  const read = Object.entries(nodes).map(([name, node]) => readNode(name, node, defaults));
  const urls = read.map((node) => node.url);
  const twice = urls.find((url, i) => urls.indexOf(url) !== i);
  if (twice !== undefined) throw new ConfigError(`MEILI_NETWORK names ${twice} twice: each node is its own Meilisearch`);
  return read;
}

function readNetworkFile(path: string, readFile: (path: string) => string): string {
  try {
    return readFile(path);
  } catch (error) {
    throw new ConfigError(`MEILI_NETWORK is neither JSON nor a readable file: ${(error as Error).message}`);
  }
}

function readNode(name: string, node: unknown, defaults: Defaults): NetworkNode {
  if (!NODE_NAME.test(name)) throw new ConfigError(`MEILI_NETWORK: a node name may hold only letters, digits, - and _ (at most 64), not "${name}"`);
  if (!isRecord(node) || typeof node.url !== 'string') throw new ConfigError(`MEILI_NETWORK: node "${name}" needs a "url"`);
  const masterKey = optionalString(node.masterKey, `node "${name}"'s masterKey`) ?? defaults.masterKey;
  if (masterKey === null) throw new ConfigError(`MEILI_NETWORK: node "${name}" has no "masterKey" and MEILI_MASTER_KEY is not set`);
  return {
    name,
    url: checkEngineUrl(`MEILI_NETWORK: node "${name}"'s url`, node.url.trim()),
    masterKey: checkMasterKey(`MEILI_NETWORK: node "${name}"'s master key`, masterKey),
    searchKey: optionalString(node.searchKey, `node "${name}"'s searchKey`) ?? defaults.searchKey,
  };
}

function optionalString(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`MEILI_NETWORK: ${what} must be a non-empty string`);
  return value.trim();
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
