import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineRequest } from '../engine/archive-reader.ts';
import { createEngineClient, type EngineClient } from '../engine/client.ts';
import { dataPath } from '../engine/engine-home.ts';
import { startEngine, type StartedEngine } from '../engine/embedded.ts';
import { startLocalNetwork } from '../engine/local-network.ts';
import type { ShardEndpoint } from '../engine/network-nodes.ts';
import { anonRssMb, rssMb } from './processes.ts';

export const BENCH_INDEX = 'bench';

/** Where an engine request is replayed: its URL and the key it is sent with. */
export interface ReplayTarget {
  url: string;
  key: string;
}

/** The engines of one bench run: one embedded engine, or N of them joined as a sharded archive. */
export interface BenchArchive {
  /** The environment under which the index command and the server find the archive. */
  env: Record<string, string>;
  /** The search service of the tracing pass: one engine, or its nodes. */
  service: { engineUrl: string; apiKey: string; shards?: ShardEndpoint[] };
  /** A client of the first engine (the plain push goes there). */
  firstClient: EngineClient;
  /** Where a traced request was sent. */
  targetOf(request: EngineRequest): ReplayTarget;
  /** Bytes the engines' data folders take on disk (allocated blocks, as `du`). */
  diskBytes(): number;
  /** The engines' resident memory now, MB in all: `total`, and `anon` without the mapped pages of their files. */
  rss(): { total: number; anon: number };
  stop(): Promise<void>;
}

function allocatedBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.blocks * 512;
  return readdirSync(path).reduce((sum, name) => sum + allocatedBytes(join(path, name)), stat.blocks * 512);
}

function sumRss(engines: readonly (StartedEngine | null)[]): { total: number; anon: number } {
  const running = engines.flatMap((engine) => (engine ? [engine.pid] : []));
  return { total: running.reduce((sum, pid) => sum + rssMb(pid), 0), anon: running.reduce((sum, pid) => sum + anonRssMb(pid), 0) };
}

/** One engine (`shards` 0) or a local network of `shards` engines, in `home`; the caller stops it. */
export async function startBenchArchive(home: string, shards: number): Promise<BenchArchive> {
  if (shards === 0) {
    const engineHome = join(home, 'engine');
    const engine = await startEngine({ home: engineHome });
    return {
      env: { MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.masterKey, MEILI_INDEX: BENCH_INDEX },
      service: { engineUrl: engine.url, apiKey: engine.masterKey },
      firstClient: createEngineClient(engine.url, engine.masterKey, 120_000),
      targetOf: () => ({ url: engine.url, key: engine.masterKey }),
      diskBytes: () => allocatedBytes(dataPath(engineHome)),
      rss: () => sumRss([engine]),
      stop: () => engine.stop(),
    };
  }
  const engines = join(home, 'engines');
  const network = await startLocalNetwork(engines, shards);
  const file = join(home, 'network.json');
  const nodes = Object.fromEntries(network.nodes.map(({ name, url, masterKey }) => [name, { url, masterKey }]));
  writeFileSync(file, JSON.stringify({ nodes }), { mode: 0o600 });
  const byName = new Map(network.nodes.map((node) => [node.name, { url: node.url, key: node.masterKey }]));
  const first = network.nodes[0];
  if (!first) throw new Error('no node started');
  return {
    env: { MEILI_NETWORK: file, MEILI_INDEX: BENCH_INDEX },
    // The tracing pass reads with the master keys; the server sets the network up (its read keys) at its start.
    service: { engineUrl: '', apiKey: '', shards: network.nodes.map(({ name, url, masterKey }) => ({ name, url, apiKey: masterKey })) },
    firstClient: createEngineClient(first.url, first.masterKey, 120_000),
    targetOf: (request) => byName.get(request.node ?? '') ?? { url: first.url, key: first.masterKey },
    diskBytes: () => network.nodes.reduce((sum, _node, i) => sum + allocatedBytes(dataPath(join(engines, `node-${i}`))), 0),
    rss: () => sumRss(network.engines),
    stop: () => network.stop(),
  };
}
