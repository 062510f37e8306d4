import type { Index } from 'meilisearch';
import {
  addSection,
  emptyTermStats,
  FINGERPRINT_FIELDS,
  nextIndexName,
  ownedIndexNames,
  STATS_FIELDS,
  statsIndexName,
  type FingerprintSection,
  type SectionDocument,
  type SectionField,
  type TermStats,
} from '../archive-index/index.ts';
import { engineTask, ensureIndex, isIndexNotFound, settle, settlePending, type EngineClient, type EngineTask } from './client.ts';
import { settingsHold, type EngineSettings } from './settings.ts';

/** What the indexer does to the index of sections it writes: read it page by page, add, delete, count. */
export interface SectionIndex {
  readonly uid: string;
  /** What an incremental run compares with the articles it reads. */
  fingerprintPages(): AsyncGenerator<FingerprintSection[]>;
  /** Term statistics counted over the sections, per engine holding them (each engine stores those of its own). */
  countTermStats(): Promise<Map<string, TermStats>>;
  /** Sections replace those with the same id. */
  addSections(sections: SectionDocument[]): EngineTask;
  deleteSections(ids: string[]): EngineTask;
  countSections(): Promise<number>;
  /** Whole sections of these articles, page by page (a rebuild carries over what it could not read again). */
  articleSections(articleIds: readonly string[]): AsyncGenerator<SectionDocument[]>;
  /** True when the index holds `settings` now (asked of the engine, not remembered). */
  holdsSettings(settings: EngineSettings): Promise<boolean>;
}

/** Page sizes of the reads: fingerprints are small, the term fields of a section are not. */
const FINGERPRINT_PAGE = 10_000;
const STATS_PAGE = 5_000;

/** Names the one engine of an archive that is not sharded, where statistics are kept per engine. */
export const SINGLE_ENGINE = 'engine';

/**
 * The index of sections `uid` on one engine (named `engine`), created when missing, with `settings`
 * applied when it does not hold them yet.
 */
export async function openSectionIndex(client: EngineClient, uid: string, settings: EngineSettings, engine = SINGLE_ENGINE): Promise<SectionIndex> {
  const index = await ensureIndex<SectionDocument>(client, uid);
  if (!settingsHold(settings, await index.getSettings())) await settle(index.updateSettings(settings));
  return {
    uid,
    fingerprintPages: () => pages(index, FINGERPRINT_FIELDS, FINGERPRINT_PAGE),
    countTermStats: async () => new Map([[engine, await countTermStats(index)]]),
    addSections: (sections) => engineTask(index.addDocuments(sections, { primaryKey: 'id' })),
    deleteSections: (ids) => engineTask(index.deleteDocuments(ids)),
    countSections: async () => (await index.getStats()).numberOfDocuments,
    articleSections: (articleIds) => articlePages(index, articleIds),
    holdsSettings: async (wanted) => settingsHold(wanted, await index.getSettings()),
  };
}

async function* pages<F extends SectionField>(index: Index<SectionDocument>, fields: readonly F[], limit: number): AsyncGenerator<Pick<SectionDocument, F>[]> {
  for (let offset = 0; ; offset += limit) {
    // Typed as whole sections by the client; only `fields` come back, which is what the pages promise.
    const page = await index.getDocuments({ fields: [...fields], limit, offset });
    yield page.results;
    if (page.results.length < limit) return;
  }
}

async function countTermStats(index: Index<SectionDocument>): Promise<TermStats> {
  const stats = emptyTermStats();
  for await (const page of pages(index, STATS_FIELDS, STATS_PAGE)) for (const section of page) addSection(stats, section);
  return stats;
}

/** Article ids per filter: a filter of thousands of ids is slow for the engine to parse. */
const ARTICLES_PER_FILTER = 100;

async function* articlePages(index: Index<SectionDocument>, articleIds: readonly string[]): AsyncGenerator<SectionDocument[]> {
  for (let i = 0; i < articleIds.length; i += ARTICLES_PER_FILTER) {
    // Ids in the index are safe ids (letters, digits, - and _): quoting them needs no escaping.
    const ids = articleIds.slice(i, i + ARTICLES_PER_FILTER).map((id) => `"${id}"`);
    for (let offset = 0; ; offset += STATS_PAGE) {
      const page = await index.getDocuments({ filter: `articleId IN [${ids.join(', ')}]`, limit: STATS_PAGE, offset });
      yield page.results;
      if (page.results.length < STATS_PAGE) break;
    }
  }
}

/** Waits until the engine has done what is queued for the archive index `index`, its rebuild and their statistics. */
export async function settleArchiveTasks(client: EngineClient, index: string): Promise<void> {
  await settlePending(client, ownedIndexNames(index));
}

/** Drops `<index>-next` and its statistics, where they exist. */
export async function dropNextIndexes(client: EngineClient, index: string): Promise<void> {
  await dropIndexes(client, [nextIndexName(index), statsIndexName(nextIndexName(index))]);
}

/** Swaps `<index>-next` and its statistics with `index` and its statistics, in one task: searchers see one or the other. */
export async function swapInNextIndex(client: EngineClient, index: string): Promise<void> {
  const next = nextIndexName(index);
  // Swapping needs both sides to exist; on a first rebuild the live ones do not yet.
  await ensureIndex(client, index);
  await ensureIndex(client, statsIndexName(index));
  await settle(
    client.swapIndexes([
      { indexes: [index, next], rename: false },
      { indexes: [statsIndexName(index), statsIndexName(next)], rename: false },
    ]),
  );
}

/** Drops the indexes that exist (asking first keeps failed deletions out of the engine's task list). */
async function dropIndexes(client: EngineClient, uids: string[]): Promise<void> {
  for (const uid of uids) {
    try {
      await client.getIndex(uid);
    } catch (error) {
      if (isIndexNotFound(error)) continue;
      throw error;
    }
    await settle(client.deleteIndex(uid));
  }
}

/**
 * A stream of documents pushed to an index as it is, in batches all enqueued before any is waited
 * for: the plain push the tools compare the product with, and their baselines' indexes.
 */
export async function pushDocuments<T extends Record<string, unknown>>(client: EngineClient, uid: string, documents: AsyncIterable<T>, batchSize: number, timeoutMs?: number): Promise<void> {
  const index = client.index<T>(uid);
  const tasks = [];
  let batch: T[] = [];
  for await (const document of documents) {
    batch.push(document);
    if (batch.length < batchSize) continue;
    tasks.push(index.addDocuments(batch, { primaryKey: 'id' }));
    batch = [];
  }
  tasks.push(index.addDocuments(batch, { primaryKey: 'id' }));
  for (const task of tasks) await settle(task, timeoutMs);
}
