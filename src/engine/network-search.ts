import type { EngineAsk, EngineHits, EngineSearch } from './archive-reader.ts';
import { askEveryNode, coordinator, type NodeClient } from './network-nodes.ts';

type Facets = Record<string, Record<string, number>>;

/** A federated answer of the engines' network (Meilisearch 1.21). */
interface NetworkAnswer {
  hits: Record<string, unknown>[];
  estimatedTotalHits?: number;
  facetDistribution?: Facets;
  /** Nodes whose part is not in the answer, with the reason. */
  remoteErrors?: Record<string, { message: string; code?: string }>;
}

interface NodeCounts {
  results: { totalHits?: number; estimatedTotalHits?: number; facetDistribution?: Facets }[];
}

interface Count {
  total: number;
  facets: Facets;
}

/**
 * A search that counts articles (`distinct`): a federated search counts hits and facet values
 * section by section past the hits it merged, where one engine's search counts articles (exactly,
 * in numbered pages). Such a search is also asked of each node as one engine is asked, and the
 * counts are added up (docs/decisions.md#sharded-counts). A union is federated on one engine too.
 */
const countsOnNodes = (ask: EngineAsk): ask is EngineSearch => !('union' in ask) && ask.distinct !== undefined;

const isPaged = (search: EngineSearch): boolean => search.page !== undefined && search.hitsPerPage !== undefined;

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

/** How a node is asked for the counts of a search: in pages, no hit is needed; a window's estimate depends on the window, kept (ids only). */
function countQuery(index: string, search: EngineSearch): object {
  const window = isPaged(search) ? { page: 1, hitsPerPage: 0 } : { limit: search.limit ?? 20, offset: search.offset ?? 0, attributesToRetrieve: ['id'] };
  return { indexUid: index, ...queryOf(search), ...window, ...(search.facets ? { facets: search.facets } : {}) };
}

function addUp(answers: readonly { answer: NodeCounts }[], i: number): Count {
  const count: Count = { total: 0, facets: {} };
  for (const { answer } of answers) {
    const result = answer.results[i];
    count.total += result?.totalHits ?? result?.estimatedTotalHits ?? 0;
    for (const [attribute, values] of Object.entries(result?.facetDistribution ?? {})) {
      const counts = (count.facets[attribute] ??= {});
      for (const [value, n] of Object.entries(values)) counts[value] = (counts[value] ?? 0) + n;
    }
  }
  return count;
}

/**
 * Searches of a sharded archive through Meilisearch's own network: each search (each search of a
 * union) is asked of every node in one federated search, and the node that receives it merges the
 * hits by ranking score (and sort values). An article lives on one node, so one result per article
 * (`distinct`) holds across nodes, and the counts of the nodes add up.
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
  const countOnNodes = async (asks: readonly EngineSearch[]): Promise<{ counts: Count[]; missing: string[] }> => {
    if (asks.length === 0) return { counts: [], missing: [] };
    const queries = asks.map((ask) => countQuery(index, ask));
    const { answers, missing } = await askEveryNode(nodes, (node) => node.post<NodeCounts>('multi-search', { queries }, queries.length));
    return { counts: asks.map((_ask, i) => addUp(answers, i)), missing };
  };
  return async function search<T>(asks: readonly EngineAsk[]): Promise<EngineHits<T>[]> {
    const wantsHits = (ask: EngineAsk) => !countsOnNodes(ask) || windowOf(ask).limit > 0;
    const hitsAnswers = Promise.all(asks.map((ask) => (wantsHits(ask) ? federated(ask, !countsOnNodes(ask)) : null)));
    const [answers, counted] = await Promise.all([hitsAnswers, countOnNodes(asks.filter(countsOnNodes))]);
    let nextCount = 0;
    return asks.map((ask, i): EngineHits<T> => {
      const answer = answers[i] ?? null;
      const missing = new Set(Object.keys(answer?.remoteErrors ?? {}));
      const onNodes = countsOnNodes(ask);
      const count = onNodes ? (counted.counts[nextCount++] ?? { total: 0, facets: {} }) : { total: answer?.estimatedTotalHits ?? 0, facets: answer?.facetDistribution ?? {} };
      if (onNodes) for (const node of counted.missing) missing.add(node);
      // Each hit says where it came from (`_federation`): not part of the document.
      const hits = (answer?.hits ?? []).map(({ _federation: _where, ...document }) => document as T);
      return { hits, ...count, ...(missing.size > 0 ? { missing: [...missing].sort() } : {}) };
    });
  };
}
