import { emptyTermStats, type TermStats } from '../archive-index/index.ts';
import type { ArchiveReader } from '../engine/archive-reader.ts';

const CHECK_EVERY_MS = 30_000;

/**
 * The term statistics the search reads on every request, kept in memory and reloaded in the
 * background when the indexer has written new ones: never loaded on a request's path.
 */
export async function createLiveStats(reader: Pick<ArchiveReader, 'statsVersion' | 'termStats'>) {
  let stats: TermStats = emptyTermStats();
  let version: string | null = null;
  const refresh = async () => {
    try {
      const next = await reader.statsVersion();
      if (next === version) return;
      stats = await reader.termStats();
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

export type LiveStats = Awaited<ReturnType<typeof createLiveStats>>;
