import { EXPORT_BATCH, EXPORT_MAX_ROWS, FEED_ENTRIES } from '../archive-index/index.ts';
import type { SearchRequest } from '../search/search.ts';
import type { SearchService } from '../search/service.ts';
import type { BenchQuery } from './bench-queries.ts';

/** Engine requests of one query's results page (its search), its feed and its whole export. */
export interface DeskCost {
  page: number;
  feed: number;
  export: number;
  exportRows: number;
}

/**
 * What the feed and the export of each bench query cost the engine beside its results page (issue
 * 15: a search with its feed and export links costs no more than its results page; the links
 * themselves cost nothing). `counted` runs its argument and returns the engine requests it made.
 */
export async function deskCosts(
  service: Pick<SearchService, 'search' | 'list'>,
  queries: readonly BenchQuery[],
  counted: (run: () => Promise<unknown>) => Promise<number>,
): Promise<Record<string, DeskCost>> {
  const byKind: Record<string, DeskCost> = {};
  for (const query of queries) {
    const params = new URLSearchParams(Object.entries(query.params).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => [name, one])));
    const request: SearchRequest = { q: params.get('q') ?? '', regions: params.getAll('region'), actors: params.getAll('actor'), page: 1, limit: 10 };
    const page = await counted(() => service.search(request));
    const feed = await counted(async () => (await service.list({ ...request, sort: 'newest' }, { max: FEED_ENTRIES, batchSize: FEED_ENTRIES })).batches().next());
    let exportRows = 0;
    const exported = await counted(async () => {
      const listing = await service.list(request, { max: EXPORT_MAX_ROWS, batchSize: EXPORT_BATCH });
      for await (const batch of listing.batches()) exportRows += batch.length;
    });
    const worst = byKind[query.kind];
    byKind[query.kind] = {
      page: Math.max(worst?.page ?? 0, page),
      feed: Math.max(worst?.feed ?? 0, feed),
      export: Math.max(worst?.export ?? 0, exported),
      exportRows: Math.max(worst?.exportRows ?? 0, exportRows),
    };
  }
  return byKind;
}
