import { MAX_QUERY_LENGTH } from '../archive-index/index.ts';
import { createArchiveReader, type EngineRequest } from '../engine/archive-reader.ts';
import type { ShardEndpoint } from '../engine/network-nodes.ts';
import { createNetworkReader } from '../engine/network-reader.ts';
import { createEntityCatalog } from '../entities/catalog.ts';
import type { Gazetteer } from '../entities/index.ts';
import { createArchive } from './archive.ts';
import { createDossier } from './dossier.ts';
import { createLiveStats } from './live-stats.ts';
import type { MatchSpec } from './matching.ts';
import { matchForms, parseQuery } from './query-syntax.ts';
import { createListing } from './listing.ts';
import { createSearch } from './search.ts';
import { createSimilar } from './similar.ts';
import { withSpellings } from './spellings.ts';

export interface SearchServiceOptions {
  engineUrl: string;
  /** A search-only key is enough. */
  apiKey: string;
  index: string;
  /** The nodes of a sharded archive, searched through their network (`engineUrl` and `apiKey` are then not used). */
  shards?: readonly ShardEndpoint[];
  gazetteer: Gazetteer;
  /** Bound of every engine call. */
  engineTimeoutMs?: number;
  /** Sees every request sent to the engine (the benchmark replays them). */
  trace?: (request: EngineRequest) => void;
}

/** Everything that reads the archive, wired once: the site, the tools and the tests use this. */
export async function createSearchService(options: SearchServiceOptions) {
  const { index, engineTimeoutMs: timeoutMs, trace } = options;
  const reader = options.shards
    ? createNetworkReader({ nodes: options.shards, index, timeoutMs, trace })
    : createArchiveReader({ url: options.engineUrl, apiKey: options.apiKey, index, timeoutMs, trace });
  const stats = await createLiveStats(reader);
  const entities = createEntityCatalog(options.gazetteer);
  const evidence = (stem: string) => stats.current().df.get(stem) ?? 0;
  return {
    search: createSearch({ reader, entities, stats: stats.current }),
    /** A search's articles past any results page, a batch at a time: feeds and exports. */
    list: createListing({ reader, entities, stats: stats.current }),
    ...createArchive({ reader, stats: stats.current }),
    /** An entity's dossier: its coverage, its latest stories and who is named with it. */
    entity: createDossier({ reader, stats: stats.current }),
    /** The articles most like one whose sections were read (one engine request). */
    similar: createSimilar({ reader, stats: stats.current }),
    entities,
    stats,
    /** The words of a query as the article page marks them: read as the search read them. */
    matchSpecFor: (q: string): MatchSpec => {
      const text = q.slice(0, MAX_QUERY_LENGTH);
      return matchForms(withSpellings(parseQuery(text, evidence), entities.spellings(text), stats.current()).parsed);
    },
    healthy: () => reader.healthy(),
    stop: stats.stop,
  };
}

export type SearchService = Awaited<ReturnType<typeof createSearchService>>;
