import type { NetworkNode } from '../network-config.ts';
import { createEngineClient, type EngineClient } from './client.ts';
import type { ShardEndpoint } from './network-nodes.ts';
import { ensureReadKey } from './read-key.ts';

/** The network object of Meilisearch 1.21 (`GET`/`PATCH /network`). */
interface EngineNetwork {
  self: string | null;
  remotes: Record<string, { url: string; searchApiKey: string | null; writeApiKey: string | null }>;
  sharding: boolean;
}

/**
 * Makes the nodes one network for the archive: the experimental `network` feature on each, a
 * search-only key of each for the site, and on every node the same remotes (each reached with its
 * search key). The engine's own sharding stays off: it places documents by their id, which would
 * spread an article's sections over the nodes (docs/decisions.md#sharded-placement), and it is an
 * Enterprise Edition feature. Done at every start; a node already so configured is left alone.
 */
export async function prepareNetwork(nodes: readonly NetworkNode[], index: string): Promise<ShardEndpoint[]> {
  const admins = nodes.map((node) => createEngineClient(node.url, node.masterKey, 60_000));
  await Promise.all(admins.map((admin) => admin.httpRequest.patch({ path: 'experimental-features', body: { network: true } })));
  const keys = await Promise.all(nodes.map((node, i) => node.searchKey ?? ensureReadKey(admins[i] as EngineClient, index)));
  const remotes = Object.fromEntries(nodes.map((node, i) => [node.name, { url: node.url, searchApiKey: keys[i] ?? null, writeApiKey: null }]));
  await Promise.all(nodes.map((node, i) => registerNetwork(admins[i] as EngineClient, { self: node.name, remotes, sharding: false })));
  return nodes.map((node, i) => ({ name: node.name, url: node.url, apiKey: keys[i] ?? '' }));
}

/** Sets the node's network to `wanted`, remotes it no longer has removed; nothing is sent when it holds it already. */
async function registerNetwork(admin: EngineClient, wanted: EngineNetwork): Promise<void> {
  const current = await admin.httpRequest.get<EngineNetwork>({ path: 'network' });
  const same = current.self === wanted.self && current.sharding === wanted.sharding && JSON.stringify(sorted(current.remotes)) === JSON.stringify(sorted(wanted.remotes));
  if (same) return;
  const removed = Object.fromEntries(Object.keys(current.remotes).flatMap((name) => (name in wanted.remotes ? [] : [[name, null]])));
  await admin.httpRequest.patch({ path: 'network', body: { ...wanted, remotes: { ...removed, ...wanted.remotes } } });
}

const sorted = <T>(record: Record<string, T>): [string, T][] => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
