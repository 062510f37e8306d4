import type { Meilisearch } from 'meilisearch';
import { emptyTermStats, statsIndexName, type TermStats } from '../archive-index/index.ts';
import { loadTermStats } from '../engine/term-stats-store.ts';

const CHECK_EVERY_MS = 30_000;

/**
 * The term statistics the search reads on every request, kept in memory and reloaded in the
 * background when the indexer has written new ones: never loaded on a request's path.
 */
export async function createLiveStats(client: Meilisearch, index: string) {
  let stats: TermStats = emptyTermStats();
  let version: string | null = null;
  const refresh = async () => {
    try {
      const { updatedAt } = await client.getRawIndex(statsIndexName(index));
      const next = String(updatedAt);
      if (next === version) return;
      stats = await loadTermStats(client, index);
      version = next;
    } catch {
      // No statistics yet, or the engine is away: keep what we have and look again later.
    }
  };
  await refresh();
  const timer = setInterval(() => void refresh(), CHECK_EVERY_MS);
  timer.unref();
  return {
    current: (): TermStats => stats,
    refresh,
    stop: () => clearInterval(timer),
  };
}
