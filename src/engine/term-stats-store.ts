import type { Meilisearch } from 'meilisearch';
import { emptyTermStats, statsIndexName, type TermStats } from '../archive-index/index.ts';
import { engineTask, ensureIndex, isIndexNotFound, settle, type EngineTask } from './client.ts';
import { engineAnswer } from './errors.ts';

/** The term statistics (src/archive-index/term-stats.ts) stored in an index of their own, `<index>-stats`. */
interface StatsDocument {
  id: string;
  articles?: number;
  documents?: number;
  totalLength?: number;
  data?: string;
  /** On `meta` while the sections may differ from what the statistics were counted over. */
  stale?: boolean;
}

const CHUNK_TERMS = 50_000;

/**
 * Replaces the stored statistics with `stats`. Chunks left over from a larger vocabulary go first;
 * then meta and chunks are written in one task, so the engine holds either the old statistics or
 * the new ones, and `meta` is no longer stale. Terms are sorted: equal statistics are equal documents.
 */
export async function saveTermStats(client: Meilisearch, index: string, stats: TermStats): Promise<void> {
  const documents: StatsDocument[] = [{ id: 'meta', articles: stats.articles, documents: stats.documents, totalLength: stats.totalLength }];
  documents.push(...chunks('df', stats.df), ...chunks('plain', stats.plainDf));
  const statsIndex = await ensureIndex<StatsDocument>(client, statsIndexName(index));
  const leftover = (await statsIndex.getDocuments({ fields: ['id'], limit: 10_000 })).results.map((document) => document.id).filter((id) => !documents.some((document) => document.id === id));
  // The chunks hold data, not text to search: only `id` is searchable, so the engine does not tokenize them.
  if ((await statsIndex.getSettings()).searchableAttributes?.join() !== 'id') await settle(statsIndex.updateSettings({ searchableAttributes: ['id'] }));
  if (leftover.length > 0) await settle(statsIndex.deleteDocuments(leftover));
  await settle(statsIndex.addDocuments(documents));
}

/** A frequency table as documents of at most CHUNK_TERMS lines `term\tdf`, ids `<kind>-N`. */
function chunks(kind: 'df' | 'plain', df: ReadonlyMap<string, number>): StatsDocument[] {
  const entries = [...df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const documents: StatsDocument[] = [];
  for (let i = 0; i < entries.length; i += CHUNK_TERMS) {
    const data = entries
      .slice(i, i + CHUNK_TERMS)
      .map(([term, count]) => `${term}\t${count}`)
      .join('\n');
    documents.push({ id: `${kind}-${i / CHUNK_TERMS}`, data });
  }
  return documents;
}

/**
 * Marks the statistics stale; the indexer has it enqueued before it changes any section. A run
 * killed before it saved new statistics leaves the mark, and the next run counts them again even
 * when it has nothing to send.
 */
export function markTermStatsStale(client: Meilisearch, index: string): EngineTask {
  return engineTask(client.index<StatsDocument>(statsIndexName(index)).updateDocuments([{ id: 'meta', stale: true }], { primaryKey: 'id' }));
}

/** True when statistics were saved and no change of the sections began since. */
export async function termStatsCurrent(client: Meilisearch, index: string): Promise<boolean> {
  try {
    const meta = await client.index<StatsDocument>(statsIndexName(index)).getDocument('meta');
    return meta.stale !== true;
  } catch (error) {
    const code = engineAnswer(error)?.cause?.code;
    if (code === 'index_not_found' || code === 'document_not_found') return false;
    throw error;
  }
}

export async function loadTermStats(client: Meilisearch, index: string): Promise<TermStats> {
  const stats = emptyTermStats();
  let result;
  try {
    result = await client.index<StatsDocument>(statsIndexName(index)).getDocuments({ limit: 10_000 });
  } catch (error) {
    if (isIndexNotFound(error)) return stats;
    throw error;
  }
  for (const document of result.results) {
    if (document.id === 'meta') {
      stats.articles = document.articles ?? 0;
      stats.documents = document.documents ?? 0;
      stats.totalLength = document.totalLength ?? 0;
    } else if (document.data) {
      const table = document.id.startsWith('plain-') ? stats.plainDf : stats.df;
      for (const line of document.data.split('\n')) {
        const tab = line.indexOf('\t');
        table.set(line.slice(0, tab), Number(line.slice(tab + 1)));
      }
    }
  }
  return stats;
}
