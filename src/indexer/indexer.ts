import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { EnqueuedTaskPromise, Index, Meilisearch, Settings } from 'meilisearch';
import type { Article, ReadProblem, ReadResult } from '../articles/article.ts';
import { addSection, emptyTermStats, nextIndexName, safeArticleId, sectionDocumentId, statsIndexName, type SectionDocument, type TermStats } from '../archive-index/index.ts';
import { readArticles } from '../articles/read.ts';
import { ensureIndex, isIndexNotFound, settle, settlePending } from '../engine/client.ts';
import { settingsHold } from '../engine/settings.ts';
import type { Gazetteer } from '../entities/index.ts';
import { markTermStatsStale, saveTermStats, termStatsCurrent } from '../engine/term-stats-store.ts';
import { articleFingerprint, sectionDocuments } from './section-documents.ts';

export interface IndexOptions {
  client: Meilisearch;
  index: string;
  paths: string[];
  /** Articles from elsewhere than files (evaluation, benchmarks); `paths` then only scope deletions. */
  articles?: AsyncIterable<ReadResult>;
  /** Build a fresh index and swap it in, so searchers never see a half-built one. */
  rebuild?: boolean;
  gazetteer: Gazetteer;
  settings: Settings;
  analysisVersion: string;
  onProgress?: (progress: IndexProgress) => void;
  /** Documents per engine request. */
  batchSize?: number;
}

export interface IndexProgress {
  bytesRead: number;
  articles: number;
  sections: number;
  problems: number;
}

export interface IndexSummary {
  /** Articles read without problems. */
  articles: number;
  /** Articles new or changed, whose sections were sent. */
  changed: number;
  unchanged: number;
  /** Articles removed because they left their file. */
  deleted: number;
  /** Sections of all the articles read. */
  sections: number;
  sectionsSent: number;
  /** Files and lines that could not be read, with their place. */
  problems: ReadProblem[];
  /** Engine tasks that failed, with the engine's reason. */
  failures: string[];
  seconds: number;
}

interface IndexedArticle {
  /** The fingerprint all its sections carry; null when they differ (a change was cut off half way). */
  hash: string | null;
  origins: Set<string>;
  sectionIds: string[];
}

/**
 * Engine tasks enqueued and not yet done before the reader waits: back-pressure on the engine's
 * queue (the payloads wait on its disk, not in our memory). A deep queue lets the engine take many
 * tasks into one batch, and each batch costs more as the index grows: the corpus cost it 81 s of
 * CPU with every task queued at once, 101 s with 3; five times the corpus took 1.8× the plain
 * push with 24.
 */
const MAX_TASKS_IN_FLIGHT = 64;

export async function indexArticles(options: IndexOptions): Promise<IndexSummary> {
  const started = Date.now();
  const { client, rebuild = false } = options;
  const next = nextIndexName(options.index);
  const target = rebuild ? next : options.index;
  // A killed run leaves tasks that the engine still carries out: the index is read once they are done.
  await settlePending(client, [options.index, statsIndexName(options.index), next, statsIndexName(next)]);
  // What an interrupted rebuild left is never swapped in: it is dropped, and a rebuild starts afresh.
  await dropIndexes(client, [next, statsIndexName(next)]);
  const index = await ensureIndex<SectionDocument>(client, target);
  const currentSettings = await index.getSettings();
  if (!settingsHold(options.settings, currentSettings)) await settle(index.updateSettings(options.settings));

  const indexed = rebuild ? new Map<string, IndexedArticle>() : await readIndexedArticles(index);
  const statsWereCurrent = !rebuild && (await termStatsCurrent(client, target));
  let statsMarkedStale = false;
  const summary: IndexSummary = { articles: 0, changed: 0, unchanged: 0, deleted: 0, sections: 0, sectionsSent: 0, problems: [], failures: [], seconds: 0 };
  // A fresh index gets its statistics counted on the way in; an updated one is recounted at the end.
  const streamedStats: TermStats | null = indexed.size === 0 ? emptyTermStats() : null;
  const seenArticles = new Map<string, string>();
  const filesRead = new Set<string>();
  const inFlight: Promise<void>[] = [];
  let batch: SectionDocument[] = [];
  let staleIds: string[] = [];

  const track = (enqueued: EnqueuedTaskPromise, what: string) => {
    // The engine does an index's tasks in order: each is waited for once the one before is done, so
    // one task is polled at a time, not every task in flight. Its refusal is seen when it is awaited.
    enqueued.catch(() => undefined);
    const previous = inFlight.at(-1) ?? Promise.resolve();
    inFlight.push(
      previous.then(() => settle(enqueued)).then(
        () => undefined,
        (error: unknown) => {
          summary.failures.push(`${what}: ${(error as Error).message}`);
        },
      ),
    );
  };
  const flush = async () => {
    if (!rebuild && !statsMarkedStale && (batch.length > 0 || staleIds.length > 0)) {
      // Acknowledged by the engine before any section changes; done by it even if this run dies.
      const marked = markTermStatsStale(client, target);
      await marked;
      track(marked, 'marking the term statistics stale');
      statsMarkedStale = true;
    }
    if (batch.length > 0) {
      summary.sectionsSent += batch.length;
      const added = index.addDocuments(batch, { primaryKey: 'id' });
      track(added, `${batch.length} sections`);
      batch = [];
      // Its payload (megabytes of JSON) is let go once the engine has it: a busy engine accepts
      // slowly, and not waiting here let payloads pile up (peak RSS 338 MB at five times the corpus).
      await added.catch(() => undefined);
    }
    if (staleIds.length > 0) {
      track(index.deleteDocuments(staleIds), `deleting ${staleIds.length} sections`);
      staleIds = [];
    }
    while (inFlight.length >= MAX_TASKS_IN_FLIGHT) await inFlight.shift();
  };

  let bytesRead = 0;
  for await (const result of options.articles ?? readArticles(options.paths, (bytes) => (bytesRead += bytes))) {
    if ('problem' in result) {
      summary.problems.push(result.problem);
    } else {
      const { article } = result;
      const origin = relative(process.cwd(), resolve(article.origin.file)) || article.origin.file;
      filesRead.add(origin);
      const id = safeArticleId(article.id);
      const firstSeen = seenArticles.get(id);
      if (firstSeen !== undefined) {
        summary.problems.push({ file: article.origin.file, line: article.origin.line, message: `article id "${article.id}" was already read from ${firstSeen}; this copy is skipped` });
      } else {
        seenArticles.set(id, `${article.origin.file}:${article.origin.line}`);
        summary.articles++;
        summary.sections += article.sections.length;
        const previous = indexed.get(id);
        // The fingerprint comes first: an unchanged article costs no analysis and no request.
        const located = { ...article, origin: { ...article.origin, file: origin } };
        if (previous !== undefined && isUnchanged(previous, located, articleFingerprint(located, options.analysisVersion))) {
          summary.unchanged++;
        } else {
          const documents = sectionDocuments(located, options.gazetteer, options.analysisVersion);
          summary.changed++;
          batch.push(...documents);
          if (streamedStats) for (const document of documents) addSection(streamedStats, document);
          const kept = new Set(documents.map((document) => document.id));
          staleIds.push(...(previous?.sectionIds.filter((sectionId) => !kept.has(sectionId)) ?? []));
        }
      }
    }
    if (batch.length >= (options.batchSize ?? 2000)) await flush();
    options.onProgress?.({ bytesRead, articles: summary.articles, sections: summary.sections, problems: summary.problems.length });
  }

  const roots = await readableRoots(options.paths);
  for (const [id, article] of indexed) {
    if (seenArticles.has(id)) continue;
    const leftItsFile = [...article.origins].some((origin) => filesRead.has(origin) || (roots.some((root) => isUnder(origin, root)) && !existsSync(origin)));
    if (!leftItsFile) continue;
    summary.deleted++;
    staleIds.push(...article.sectionIds);
  }
  await flush();
  await Promise.all(inFlight);

  if (summary.failures.length === 0 && (rebuild || statsMarkedStale || !statsWereCurrent)) {
    await saveTermStats(client, target, streamedStats ?? (await countTermStats(index)));
  }
  if (rebuild) {
    // The last guard before searchers see it: the fresh index holds every section sent, or it is not swapped in.
    const { numberOfDocuments } = await index.getStats();
    if (summary.failures.length === 0 && numberOfDocuments !== summary.sectionsSent) {
      summary.failures.push(`the rebuilt index holds ${numberOfDocuments} sections where ${summary.sectionsSent} were sent; it was not swapped in`);
    }
    if (summary.failures.length === 0) await swapIn(client, options.index, target);
    await dropIndexes(client, [target, statsIndexName(target)]);
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/** Unchanged only when every section carries the current fingerprint and the sections are exactly the article's. */
function isUnchanged(indexed: IndexedArticle, article: Article, fingerprint: string): boolean {
  if (indexed.hash !== fingerprint || indexed.sectionIds.length !== article.sections.length) return false;
  const ids = new Set(indexed.sectionIds);
  return article.sections.every((section) => ids.has(sectionDocumentId(article.id, section.n)));
}

/** What the index holds now, by article: its fingerprint, origin files and section ids. */
async function readIndexedArticles(index: Index<SectionDocument>): Promise<Map<string, IndexedArticle>> {
  const articles = new Map<string, IndexedArticle>();
  const limit = 10_000;
  for (let offset = 0; ; offset += limit) {
    const page = await index.getDocuments({ fields: ['id', 'articleId', 'hash', 'origin'], limit, offset });
    for (const document of page.results) {
      const article = articles.get(document.articleId);
      if (article) {
        article.sectionIds.push(document.id);
        article.origins.add(document.origin);
        if (article.hash !== document.hash) article.hash = null;
      } else {
        articles.set(document.articleId, { hash: document.hash, origins: new Set([document.origin]), sectionIds: [document.id] });
      }
    }
    if (page.results.length < limit) return articles;
  }
}

async function countTermStats(index: Index<SectionDocument>): Promise<TermStats> {
  const stats = emptyTermStats();
  const limit = 5_000;
  for (let offset = 0; ; offset += limit) {
    const page = await index.getDocuments({ fields: ['n', 'title_terms', 'heading_terms', 'text_terms', 'length'], limit, offset });
    for (const document of page.results) addSection(stats, document);
    if (page.results.length < limit) return stats;
  }
}

/** Folders among the inputs, relative like the stored origins: a file deleted from one of them takes its articles along. */
async function readableRoots(paths: string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) roots.push(relative(process.cwd(), resolve(path)));
  }
  return roots;
}

const isUnder = (file: string, root: string): boolean => root === '' || file === root || file.startsWith(root + sep);

async function swapIn(client: Meilisearch, live: string, fresh: string): Promise<void> {
  // Swapping needs both sides to exist; on a first rebuild the live ones do not yet.
  await ensureIndex(client, live);
  await ensureIndex(client, statsIndexName(live));
  await settle(client.swapIndexes([
    { indexes: [live, fresh], rename: false },
    { indexes: [statsIndexName(live), statsIndexName(fresh)], rename: false },
  ]));
}

/** Drops the indexes that exist (asking first keeps failed deletions out of the engine's task list). */
async function dropIndexes(client: Meilisearch, uids: string[]): Promise<void> {
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
