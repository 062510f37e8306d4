import type { EngineRequest } from './archive-reader.ts';
import { createEngineClient, type EngineClient } from './client.ts';
import { couldNotConnect, isEngineUnreachable } from './errors.ts';

/** A node of a sharded archive as the site reaches it: its name in the engines' network, its URL, a search-only key. */
export interface ShardEndpoint {
  name: string;
  url: string;
  apiKey: string;
}

export interface NodeClient {
  name: string;
  client: EngineClient;
  /** A POST of `body` to `path` on this node (traced like every engine request). */
  post<T>(path: string, body: object, searches: number): Promise<T>;
}

export function nodeClients(endpoints: readonly ShardEndpoint[], timeoutMs: number | undefined, trace?: (request: EngineRequest) => void): NodeClient[] {
  return endpoints.map(({ name, url, apiKey }) => {
    const client = createEngineClient(url, apiKey, timeoutMs);
    return {
      name,
      client,
      post: async <T>(path: string, body: object, searches: number) => {
        trace?.({ path, body, searches, node: name });
        return await client.httpRequest.post<T>({ path, body });
      },
    };
  });
}

export interface EveryNodeAnswer<T> {
  answers: { node: string; answer: T }[];
  /** Nodes that could not be reached. */
  missing: string[];
}

/**
 * The same question to every node at once: the answers of those that could be reached, and the
 * names of those that could not. Throws when none could be, or when a node answered with an error.
 */
export async function askEveryNode<T>(nodes: readonly NodeClient[], ask: (node: NodeClient) => Promise<T>): Promise<EveryNodeAnswer<T>> {
  const settled = await Promise.allSettled(nodes.map(ask));
  const answers: EveryNodeAnswer<T>['answers'] = [];
  const missing: string[] = [];
  let unreachable: unknown = null;
  settled.forEach((result, i) => {
    const node = nodes[i]?.name ?? '';
    if (result.status === 'fulfilled') answers.push({ node, answer: result.value });
    else if (isEngineUnreachable(result.reason)) {
      missing.push(node);
      unreachable = result.reason;
    } else throw result.reason;
  });
  if (answers.length === 0) throw unreachable;
  return { answers, missing };
}

/**
 * Sends a network search to one node, which asks the others and merges: the nodes take turns, and
 * one that cannot be connected to hands the search to the next (its part is then reported missing
 * by the node that merges). A node that is slow to answer does not: the next one would wait for it
 * as a remote, so the search ends with the timeout.
 */
export function coordinator(nodes: readonly NodeClient[]): <T>(body: object, searches: number) => Promise<T> {
  let turn = 0;
  return async <T>(body: object, searches: number): Promise<T> => {
    const first = turn++ % nodes.length;
    let lastError: unknown = new Error('no node in the network');
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[(first + i) % nodes.length];
      if (!node) continue;
      try {
        return await node.post<T>('multi-search', body, searches);
      } catch (error) {
        if (!couldNotConnect(error)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  };
}
