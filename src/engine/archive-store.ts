import { emptyTermStats, type TermStats } from '../archive-index/index.ts';
import { allTasks, type EngineClient, type EngineTask } from './client.ts';
import { dropNextIndexes, openSectionIndex, settleArchiveTasks, SINGLE_ENGINE, swapInNextIndex, type SectionIndex } from './index-store.ts';
import type { EngineSettings } from './settings.ts';
import { shardedSections } from './sharded-sections.ts';
import { nodeOfArticle } from './shard-placement.ts';
import { markTermStatsStale, saveTermStats, termStatsCurrent } from './term-stats-store.ts';

/** Term statistics per engine of the archive, each over the sections that engine holds. */
export type StatsByEngine = Map<string, TermStats>;

/**
 * What the indexer does to the engines of an archive: one engine, or the nodes of a sharded one,
 * where every article lives wholly on one node (all its sections: one result per article and its
 * facet counts are then each node's own, and add up).
 */
export interface ArchiveStore {
  readonly engines: readonly string[];
  /** The engine that holds (or will hold) an article's sections. */
  engineOf(articleId: string): string;
  /** Waits until every engine has done what is queued for the archive index, its rebuild and their statistics. */
  settleTasks(index: string): Promise<void>;
  /** Drops `<index>-next` and its statistics on every engine. */
  dropNext(index: string): Promise<void>;
  openSections(uid: string, settings: EngineSettings): Promise<SectionIndex>;
  /** Swaps `<index>-next` in on every engine (one engine after the other: each swap is atomic on its engine). */
  swapInNext(index: string): Promise<void>;
  /** True when every engine's statistics were saved and no change of its sections began since. */
  statsCurrent(index: string): Promise<boolean>;
  markStatsStale(index: string): EngineTask;
  /** Each engine keeps the statistics of its own sections (an engine missing from `stats` gets empty ones). */
  saveStats(index: string, stats: StatsByEngine): Promise<void>;
}

/** The statistics of `engine` in `stats`, added when missing. */
export function statsOf(stats: StatsByEngine, engine: string): TermStats {
  let found = stats.get(engine);
  if (!found) stats.set(engine, (found = emptyTermStats()));
  return found;
}

export function singleEngineStore(client: EngineClient, engine = SINGLE_ENGINE): ArchiveStore {
  return {
    engines: [engine],
    engineOf: () => engine,
    settleTasks: (index) => settleArchiveTasks(client, index),
    dropNext: (index) => dropNextIndexes(client, index),
    openSections: (uid, settings) => openSectionIndex(client, uid, settings, engine),
    swapInNext: (index) => swapInNextIndex(client, index),
    statsCurrent: (index) => termStatsCurrent(client, index),
    markStatsStale: (index) => markTermStatsStale(client, index),
    saveStats: (index, stats) => saveTermStats(client, index, stats.get(engine) ?? emptyTermStats()),
  };
}

/** One engine of a sharded archive: its name in the network and a client with its master key. */
export interface ShardClient {
  name: string;
  client: EngineClient;
}

/** The nodes of a sharded archive: each article goes to the node `nodeOfArticle` names; reads and deletions ask every node. */
export function shardedStore(shards: readonly ShardClient[]): ArchiveStore {
  const names = shards.map((shard) => shard.name);
  const stores = shards.map((shard) => singleEngineStore(shard.client, shard.name));
  const each = async (step: (store: ArchiveStore) => Promise<unknown>): Promise<void> => {
    await Promise.all(stores.map(step));
  };
  const engineOf = (articleId: string) => nodeOfArticle(articleId, names);
  return {
    engines: names,
    engineOf,
    settleTasks: (index) => each((store) => store.settleTasks(index)),
    dropNext: (index) => each((store) => store.dropNext(index)),
    openSections: async (uid, settings) => shardedSections(uid, await Promise.all(stores.map((store) => store.openSections(uid, settings))), names, engineOf),
    async swapInNext(index) {
      for (const store of stores) await store.swapInNext(index);
    },
    statsCurrent: async (index) => (await Promise.all(stores.map((store) => store.statsCurrent(index)))).every(Boolean),
    markStatsStale: (index) => allTasks(stores.map((store) => store.markStatsStale(index))),
    saveStats: (index, stats) => each((store) => store.saveStats(index, stats)),
  };
}
