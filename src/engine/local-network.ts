import { join } from 'node:path';
import type { NetworkNode } from '../network-config.ts';
import { startEngine, type StartedEngine } from './embedded.ts';

/** Engines of a sharded archive on this machine, each in a folder of its own. */
export interface LocalNetwork {
  /** The nodes as MEILI_NETWORK names them (`node-0`, `node-1`, …). */
  nodes: NetworkNode[];
  /** The engine of each node now running (null while it is stopped). */
  engines: (StartedEngine | null)[];
  /** Stops one node's engine (as a node that goes away would). */
  stopNode(index: number): Promise<void>;
  /** Starts it again, on the same port and data. */
  startNode(index: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `count` Meilisearch on loopback, the embedded binary, with data in `home`/node-N (a master key
 * each): for the tests, the benchmark and a sharded archive on one machine. Ports are free ones,
 * or `firstPort` and the next ones. The caller stops them.
 */
export async function startLocalNetwork(home: string, count: number, firstPort?: number): Promise<LocalNetwork> {
  const homes = Array.from({ length: count }, (_unused, i) => join(home, `node-${i}`));
  const engines: (StartedEngine | null)[] = [];
  try {
    for (const [i, folder] of homes.entries()) engines.push(await startEngine({ home: folder, port: firstPort === undefined ? undefined : firstPort + i }));
  } catch (error) {
    await Promise.all(engines.map((engine) => engine?.stop()));
    throw error;
  }
  const nodes = engines.map((engine, i): NetworkNode => ({ name: `node-${i}`, url: engine?.url ?? '', masterKey: engine?.masterKey ?? '', searchKey: null }));
  const stopNode = async (i: number) => {
    await engines[i]?.stop();
    engines[i] = null;
  };
  return {
    nodes,
    engines,
    stopNode,
    async startNode(i) {
      const node = nodes[i];
      const folder = homes[i];
      if (!node || !folder || engines[i]) return;
      engines[i] = await startEngine({ home: folder, port: Number(new URL(node.url).port) });
    },
    stop: async () => {
      await Promise.all(engines.map((_engine, i) => stopNode(i)));
    },
  };
}
