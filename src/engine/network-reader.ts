import { addTermStats, emptyTermStats, statsIndexName } from '../archive-index/index.ts';
import { SERVING_PROBE, type ArchiveReader, type EngineHealth, type EngineRequest } from './archive-reader.ts';
import { EngineDownError, engineAnswer, isEngineUnreachable } from './errors.ts';
import { askEveryNode, coordinator, nodeClients, type NodeClient, type ShardEndpoint } from './network-nodes.ts';
import { networkSearch } from './network-search.ts';
import { loadTermStats } from './term-stats-store.ts';

export interface NetworkReaderOptions {
  /** Every node of the archive, each with a search-only key of its own. */
  nodes: readonly ShardEndpoint[];
  index: string;
  timeoutMs?: number;
  trace?: (request: EngineRequest) => void;
}

/**
 * What the site reads of a sharded archive. Searches go through the engines' network (see
 * network-search.ts); documents are read from every node (an article is on one of them); the term
 * statistics are the sum of every node's own. A node that cannot be reached leaves its part out and
 * is named in `missing`; one that can is picked up again at the next request.
 */
export function createNetworkReader({ nodes: endpoints, index, timeoutMs, trace }: NetworkReaderOptions): ArchiveReader {
  const nodes = nodeClients(endpoints, timeoutMs, trace);
  const fetchDocuments = <T>(body: object) => askEveryNode(nodes, (node) => node.post<{ results: T[] }>(`indexes/${index}/documents/fetch`, body, 1));
  return {
    search: networkSearch(nodes, index),
    async fetch<T extends { id: string }>(ids: readonly string[], fields: readonly string[]) {
      if (ids.length === 0) return [];
      const { answers } = await fetchDocuments<T>({ ids, fields, limit: ids.length });
      const byId = new Map(answers.flatMap(({ answer }) => answer.results).map((document) => [document.id, document]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async documents<T>(filter: string, fields: readonly string[], limit: number, offset = 0) {
      const { answers, missing } = await fetchDocuments<T>({ filter, fields, limit, offset });
      const documents = answers.flatMap(({ answer }) => answer.results);
      // What was asked may be on the nodes that did not answer: "none" would not be true.
      if (documents.length === 0 && missing.length > 0) throw new EngineDownError(`the archive's nodes ${missing.join(', ')} did not answer`);
      return documents;
    },
    healthy: () => networkHealth(nodes, index),
    async statsVersion() {
      const { answers, missing } = await askEveryNode(nodes, async (node) => String((await node.client.getRawIndex(statsIndexName(index))).updatedAt));
      // A node that comes back changes the version, so its statistics are added then.
      return [...answers.map(({ node, answer }) => `${node}:${answer}`), ...missing.map((node) => `${node}:?`)].sort().join(' ');
    },
    async termStats() {
      const { answers } = await askEveryNode(nodes, (node) => loadTermStats(node.client, index));
      const stats = emptyTermStats();
      for (const { answer } of answers) addTermStats(stats, answer);
      return stats;
    },
  };
}

/** Codes of a node the network could not reach in time, as opposed to one that answered with an error. */
const UNREACHED = new Set(['remote_could_not_send_request', 'remote_timeout']);

/**
 * Up when some node answers and the network can serve the site's searches on every node that does;
 * the nodes that do not answer are named in `missing`.
 */
async function networkHealth(nodes: readonly NodeClient[], index: string): Promise<EngineHealth> {
  const up = await Promise.all(nodes.map((node) => node.client.isHealthy()));
  const missing = nodes.filter((_node, i) => !up[i]).map((node) => node.name);
  if (missing.length === nodes.length) return { ok: false, engine: 'down' };
  const { facets, filter, sort } = SERVING_PROBE;
  const queries = nodes.map((node) => ({ indexUid: index, q: '', filter, sort, federationOptions: { remote: node.name } }));
  const body = { federation: { limit: 0, facetsByIndex: { [index]: facets }, mergeFacets: {} }, queries };
  try {
    const answer = await coordinator(nodes)<{ remoteErrors?: Record<string, { message: string; code?: string }> }>(body, queries.length);
    for (const [node, error] of Object.entries(answer.remoteErrors ?? {})) {
      if (UNREACHED.has(error.code ?? '')) missing.push(node);
      else return { ok: false, index: `the node "${node}" cannot serve the site's searches through the network: ${error.message}` };
    }
  } catch (error) {
    if (isEngineUnreachable(error)) return { ok: false, engine: 'down' };
    return { ok: false, index: `the index "${index}" cannot serve the site's searches through the network: ${engineAnswer(error)?.message ?? String(error)}` };
  }
  return missing.length > 0 ? { ok: true, missing: [...new Set(missing)].sort() } : { ok: true };
}
