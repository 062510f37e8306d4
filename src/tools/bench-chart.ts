import { COVERAGE_ATTRIBUTES } from '../archive-index/index.ts';
import type { EngineRequest } from '../engine/archive-reader.ts';
import type { EngineClient } from '../engine/client.ts';

/** What the coverage chart costs the engine, measured on the requests the product made. */
export interface ChartCost {
  /** Searches that ask only for the chart's counts: 0 while they ride on the main search. */
  own_searches: number;
  /** The engine's time for each query's first request (the one carrying the main search), with the chart's counts and without. */
  first_request_ms_p50_with: number;
  first_request_ms_p50_without: number;
}

type Facets = string[] | undefined;
interface SearchBody {
  queries: { facets?: Facets }[];
  federation?: { facetsByIndex?: Record<string, Facets> };
}

const isCoverage = (facet: string) => (COVERAGE_ATTRIBUTES as readonly string[]).includes(facet);
const withoutCoverage = (facets: Facets) => facets?.filter((facet) => !isCoverage(facet));

/** The same request with the chart's counts taken out of every search. */
function withoutChart(body: SearchBody): SearchBody {
  const federation = body.federation && {
    ...body.federation,
    facetsByIndex: Object.fromEntries(Object.entries(body.federation.facetsByIndex ?? {}).map(([index, facets]) => [index, withoutCoverage(facets)])),
  };
  return { ...body, ...(federation ? { federation } : {}), queries: body.queries.map((query) => ({ ...query, ...(query.facets ? { facets: withoutCoverage(query.facets) } : {}) })) };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 100) / 100;
};

/** Replays each query's first request, with and without the chart's counts, in turns, `rounds` times. */
export async function chartCost(client: EngineClient, requestsPerQuery: readonly EngineRequest[][], rounds = 7): Promise<ChartCost> {
  const firsts = requestsPerQuery.flatMap((requests) => (requests[0]?.path === 'multi-search' ? [requests[0].body as SearchBody] : []));
  const own = requestsPerQuery.flat().flatMap((request) => {
    const body = request.body as Partial<SearchBody>;
    return (body.queries ?? []).filter((query) => (query.facets?.length ?? 0) > 0 && (query.facets ?? []).every(isCoverage));
  });
  const timed = async (body: SearchBody) => {
    const started = performance.now();
    await client.httpRequest.post({ path: 'multi-search', body });
    return performance.now() - started;
  };
  const withChart: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const body of firsts) {
      withChart.push(await timed(body));
      without.push(await timed(withoutChart(body)));
    }
  }
  return { own_searches: own.length, first_request_ms_p50_with: median(withChart), first_request_ms_p50_without: median(without) };
}
