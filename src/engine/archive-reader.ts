import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import { COVERAGE_ATTRIBUTES, FACET_ATTRIBUTE, FACET_NAMES, statsIndexName, type TermStats } from '../archive-index/index.ts';
import { createEngineClient } from './client.ts';
import { engineAnswer, isEngineUnreachable } from './errors.ts';
import { loadTermStats } from './term-stats-store.ts';

/** One search as the archive asks it of the engine (a subset of Meilisearch's search parameters). */
export interface EngineSearch {
  q: string;
  filter?: string;
  facets?: readonly string[];
  attributesToRetrieve?: readonly string[];
  attributesToSearchOn?: readonly string[];
  matchingStrategy?: 'all' | 'last' | 'frequency';
  sort?: readonly string[];
  /** Keep the best document per value of this attribute: hits, totals and facet counts then count its values. */
  distinct?: string;
  /** Either a window of hits… */
  limit?: number;
  offset?: number;
  /** …or a numbered page, which makes the engine count every hit exactly. */
  page?: number;
  hitsPerPage?: number;
}

/**
 * Several searches whose hits are merged into one list, each document once, with one total and one
 * facet count over the union (Meilisearch's federated multi-search): how `a OR b` is asked.
 */
export interface EngineUnion {
  union: readonly EngineSearch[];
  limit: number;
  offset?: number;
  facets?: readonly string[];
}

export type EngineAsk = EngineSearch | EngineUnion;

export interface EngineHits<T> {
  hits: T[];
  total: number;
  facets: Record<string, Record<string, number>>;
  /** Nodes of a sharded archive that did not answer: hits, total and facets leave out their part. */
  missing?: string[];
}

/** An engine request as sent: a POST of `body` to `path`, holding `searches` searches (the benchmark replays them). */
export interface EngineRequest {
  path: string;
  body: object;
  searches: number;
  /** The node it was sent to, in a sharded archive. */
  node?: string;
}

/**
 * Whether the site can answer: the engine is down, in trouble (a full disk, a task it failed), or up
 * with an index that cannot serve the product's searches; with the reason.
 */
export type EngineHealth = { ok: true; missing?: string[] } | { ok: false; engine: 'down' } | { ok: false; engine: 'fault'; reason: string } | { ok: false; index: string };

/**
 * One search that needs every filter and sort the site uses: an index swapped in without its
 * settings answers it with an error, where the engine's own /health still says "available".
 */
export const SERVING_PROBE = {
  q: '',
  filter: [...FACET_NAMES.map((facet) => `${FACET_ATTRIBUTE[facet]} = "-"`), 'articleId = "-"', 'n = 1'].join(' OR '),
  sort: ['day:desc', 'n:asc'],
  facets: [...FACET_NAMES.map((facet) => FACET_ATTRIBUTE[facet]), ...COVERAGE_ATTRIBUTES],
  limit: 0,
};

/** What the site and the tools may ask of the engine: reads only, all bounded by the client's timeout. */
export interface ArchiveReader {
  /** Searches of the index: the plain ones in one round trip, each union in one of its own, all at once (a sharded archive: see network-reader.ts). */
  search<T>(asks: readonly EngineAsk[]): Promise<EngineHits<T>[]>;
  /** Documents by id, in the order of `ids` (missing ones left out). */
  fetch<T extends { id: string }>(ids: readonly string[], fields: readonly string[]): Promise<T[]>;
  /** Documents matching a filter, without ranking. */
  documents<T>(filter: string, fields: readonly string[], limit: number, offset?: number): Promise<T[]>;
  healthy(): Promise<EngineHealth>;
  /** When the index's term statistics last changed (throws when there are none yet). */
  statsVersion(): Promise<string>;
  termStats(): Promise<TermStats>;
}

export interface ArchiveReaderOptions {
  url: string;
  /** A search-only key is enough. */
  apiKey: string;
  index: string;
  timeoutMs?: number;
  /** Sees every request body sent to the engine. */
  trace?: (request: EngineRequest) => void;
}

type EngineResponse = SearchResponse<Record<string, unknown>>;

const isUnion = (ask: EngineAsk): ask is EngineUnion => 'union' in ask;

const hitsOf = <T>(response: EngineResponse | undefined): EngineHits<T> => ({
  hits: (response?.hits ?? []) as T[],
  total: response?.totalHits ?? response?.estimatedTotalHits ?? 0,
  facets: response?.facetDistribution ?? {},
});

export function createArchiveReader({ url, apiKey, index, timeoutMs, trace }: ArchiveReaderOptions): ArchiveReader {
  const client = createEngineClient(url, apiKey, timeoutMs);
  const post = async <T>(request: EngineRequest): Promise<T> => {
    trace?.(request);
    return await client.httpRequest.post<T>({ path: request.path, body: request.body });
  };
  const query = (search: EngineSearch) => ({ indexUid: index, ...search }) as MultiSearchQuery;
  const plain = async (searches: readonly EngineSearch[]): Promise<EngineResponse[]> => {
    if (searches.length === 0) return [];
    const { results } = await post<{ results: EngineResponse[] }>({ path: 'multi-search', body: { queries: searches.map(query) }, searches: searches.length });
    return results;
  };
  const union = async ({ union: searches, limit, offset = 0, facets = [] }: EngineUnion): Promise<EngineResponse> => {
    const federation = { limit, offset, ...(facets.length > 0 ? { facetsByIndex: { [index]: facets }, mergeFacets: {} } : {}) };
    return await post<EngineResponse>({ path: 'multi-search', body: { federation, queries: searches.map(query) }, searches: searches.length });
  };
  return {
    async search<T>(asks: readonly EngineAsk[]) {
      const plainAsks = asks.filter((ask): ask is EngineSearch => !isUnion(ask));
      const [plainResults, unionResults] = await Promise.all([plain(plainAsks), Promise.all(asks.filter(isUnion).map(union))]);
      let nextPlain = 0;
      let nextUnion = 0;
      return asks.map((ask) => hitsOf<T>(isUnion(ask) ? unionResults[nextUnion++] : plainResults[nextPlain++]));
    },
    async fetch<T extends { id: string }>(ids: readonly string[], fields: readonly string[]) {
      if (ids.length === 0) return [];
      const { results } = await post<{ results: T[] }>({ path: `indexes/${index}/documents/fetch`, body: { ids, fields, limit: ids.length }, searches: 1 });
      const byId = new Map(results.map((document) => [document.id, document]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async documents<T>(filter: string, fields: readonly string[], limit: number, offset = 0) {
      const { results } = await post<{ results: T[] }>({ path: `indexes/${index}/documents/fetch`, body: { filter, fields, limit, offset }, searches: 1 });
      return results;
    },
    async healthy(): Promise<EngineHealth> {
      if (!(await client.isHealthy())) return { ok: false, engine: 'down' };
      try {
        await client.httpRequest.post({ path: 'multi-search', body: { queries: [{ indexUid: index, ...SERVING_PROBE }] } });
        return { ok: true };
      } catch (error) {
        if (isEngineUnreachable(error)) return { ok: false, engine: 'down' };
        return { ok: false, index: `the index "${index}" cannot serve the site's searches: ${engineAnswer(error)?.message ?? String(error)}` };
      }
    },
    statsVersion: async () => String((await client.getRawIndex(statsIndexName(index))).updatedAt),
    termStats: () => loadTermStats(client, index),
  };
}
