import type { EngineAsk, EngineHits, EngineSearch } from './archive-reader.ts';
import { askEveryNode, coordinator, type NodeClient } from './network-nodes.ts';

type Facets = Record<string, Record<string, number>>;

/** A federated answer of the engines' network (Meilisearch 1.21). */
interface NetworkAnswer {
  hits: unknown[];
  estimatedTotalHits?: number;
  facetDistribution?: Facets;
  /** Nodes whose part is not in the answer, with the reason. */
  remoteErrors?: Record<string, { message: string; code?: string }>;
}

interface Count {
  total: number;
  facets: Facets;
}

const isUnion = (ask: EngineAsk): boolean => 'union' in ask;

/**
 * A search in numbered pages: the engine counts its hits (with `distinct`, its articles) exactly.
 * A federated search takes no pages and only estimates them, section by section past its window
 * (docs/decisions.md#sharded-counts), so these are counted on every node and added up.
 */
const countsExactly = (ask: EngineAsk): ask is EngineSearch & { page: number; hitsPerPage: number } => !isUnion(ask) && 'page' in ask && ask.page !== undefined && ask.hitsPerPage !== undefined;

function windowOf(ask: EngineAsk): { limit: number; offset: number } {
  if ('union' in ask) return { limit: ask.limit, offset: ask.offset ?? 0 };
  if (ask.page !== undefined && ask.hitsPerPage !== undefined) return { limit: ask.hitsPerPage, offset: (ask.page - 1) * ask.hitsPerPage };
  return { limit: ask.limit ?? 20, offset: ask.offset ?? 0 };
}

/** A search without its window and facets, which a federated search takes once for all its queries. */
function queryOf(search: EngineSearch): Omit<EngineSearch, 'limit' | 'offset' | 'page' | 'hitsPerPage' | 'facets'> {
  const { limit: _l, offset: _o, page: _p, hitsPerPage: _h, facets: _f, ...query } = search;
  return query;
}

function addFacets(into: Facets, more: Facets): void {
  for (const [attribute, values] of Object.entries(more)) {
    const counts = (into[attribute] ??= {});
    for (const [value, count] of Object.entries(values)) counts[value] = (counts[value] ?? 0) + count;
  }
}

/**
 * Searches of a sharded archive through Meilisearch's own network: each search (each search of a
 * union) is asked of every node in one federated search, and the node that receives it merges the
 * hits by ranking score. An article lives on one node, so one result per article (`distinct`)
 * holds across nodes, and counts add up.
 */
export function networkSearch(nodes: readonly NodeClient[], index: string) {
  const coordinate = coordinator(nodes);
  const federated = (ask: EngineAsk, withFacets: boolean): Promise<NetworkAnswer> => {
    const searches = 'union' in ask ? ask.union : [ask];
    const facets = ask.facets ?? [];
    const federation = { ...windowOf(ask), ...(withFacets && facets.length > 0 ? { facetsByIndex: { [index]: facets }, mergeFacets: {} } : {}) };
    const queries = searches.flatMap((search) => nodes.map((node) => ({ indexUid: index, ...queryOf(search), federationOptions: { remote: node.name } })));
    return coordinate<NetworkAnswer>({ federation, queries }, queries.length);
  };
  const countEverywhere = async (asks: readonly EngineSearch[]): Promise<{ counts: Count[]; missing: string[] }> => {
    if (asks.length === 0) return { counts: [], missing: [] };
    const queries = asks.map((ask) => ({ indexUid: index, ...queryOf(ask), page: 1, hitsPerPage: 0, ...(ask.facets ? { facets: ask.facets } : {}) }));
    const { answers, missing } = await askEveryNode(nodes, (node) => node.post<{ results: { totalHits?: number; facetDistribution?: Facets }[] }>('multi-search', { queries }, queries.length));
    const counts = asks.map((_ask, i) => {
      const count: Count = { total: 0, facets: {} };
      for (const { answer } of answers) {
        count.total += answer.results[i]?.totalHits ?? 0;
        addFacets(count.facets, answer.results[i]?.facetDistribution ?? {});
      }
      return count;
    });
    return { counts, missing };
  };
  return async function search<T>(asks: readonly EngineAsk[]): Promise<EngineHits<T>[]> {
    const wantsHits = (ask: EngineAsk) => !countsExactly(ask) || windowOf(ask).limit > 0;
    const [answers, counted] = await Promise.all([Promise.all(asks.map((ask) => (wantsHits(ask) ? federated(ask, !countsExactly(ask)) : null))), countEverywhere(asks.filter(countsExactly))]);
    let nextCount = 0;
    return asks.map((ask, i): EngineHits<T> => {
      const answer = answers[i] ?? null;
      const missing = new Set(Object.keys(answer?.remoteErrors ?? {}));
      const count: Count = countsExactly(ask) ? (counted.counts[nextCount++] ?? { total: 0, facets: {} }) : { total: answer?.estimatedTotalHits ?? 0, facets: answer?.facetDistribution ?? {} };
      if (countsExactly(ask)) for (const node of counted.missing) missing.add(node);
      return { hits: (answer?.hits ?? []) as T[], ...count, ...(missing.size > 0 ? { missing: [...missing].sort() } : {}) };
    });
  };
}
