import type { Article, ReadProblem, ReadResult } from '../articles/article.ts';
import { addSection, nextIndexName, type SectionDocument } from '../archive-index/index.ts';
import { readArticles } from '../articles/read.ts';
import { singleEngineStore, statsOf, type ArchiveStore, type StatsByEngine } from '../engine/archive-store.ts';
import type { EngineClient } from '../engine/client.ts';
import type { SectionIndex } from '../engine/index-store.ts';
import type { EngineSettings } from '../engine/settings.ts';
import type { Gazetteer } from '../entities/index.ts';
import { addIndexedSections, createChangePlanner, type ChangePlanner, type Departures, type IndexedArticle, type KeptArticles } from './change-planner.ts';
import { fileExists, readableRoots, storedOrigin } from './origins.ts';
import { carryOver, swapInRebuild } from './rebuild.ts';
import { sectionDocuments } from './section-documents.ts';
import { createSectionWriter, type SectionWriter } from './section-writer.ts';
import { createTaskPipeline, type TaskPipeline } from './task-pipeline.ts';

/** One engine (its client), or the engines of a sharded archive (see src/engine/archive-store.ts). */
export type IndexTarget = { client: EngineClient; store?: never } | { store: ArchiveStore; client?: never };

export type IndexOptions = IndexTarget & {
  index: string;
  paths: string[];
  /** Articles from elsewhere than files (evaluation, benchmarks); `paths` then only scope deletions. */
  articles?: AsyncIterable<ReadResult>;
  /** Build a fresh index and swap it in, so searchers never see a half-built one. */
  rebuild?: boolean;
  /** Let a rebuild's swap drop most of the live index's articles. */
  force?: boolean;
  gazetteer: Gazetteer;
  settings: EngineSettings;
  analysisVersion: string;
  onProgress?: (progress: IndexProgress) => void;
  /** What the run does once every input is read: the engine's work can take minutes on a large archive. */
  onPhase?: (phase: string) => void;
  /** Documents per engine request. */
  batchSize?: number;
};

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
  /** Articles removed because they left their file, or dropped by a rebuild's swap. */
  deleted: number;
  /** Indexed articles not read again and still kept, because their file was not read whole. */
  kept: KeptArticles[];
  /** Sections of all the articles read. */
  sections: number;
  sectionsSent: number;
  /** Files and lines that could not be read, with their place. */
  problems: ReadProblem[];
  /** Engine tasks that failed, with the engine's reason. */
  failures: string[];
  seconds: number;
}

type ReadCounts = Pick<IndexSummary, 'articles' | 'changed' | 'unchanged' | 'sections' | 'problems'>;

/** What the reading of the articles works with. */
interface Run {
  options: IndexOptions;
  store: ArchiveStore;
  planner: ChangePlanner;
  writer: SectionWriter;
  pipeline: TaskPipeline;
  /** Counted on the way in (per engine) when the index starts empty; null when it is recounted at the end. */
  streamedStats: StatsByEngine | null;
  counts: ReadCounts;
}

const DEFAULT_BATCH_SIZE = 2000;

/**
 * Brings the index up to date with the articles: unchanged ones are skipped, changed ones replace
 * all their sections, articles that left their file are deleted. Safe to kill at any point: the
 * next run settles what this one left queued and sends again every article not wholly current.
 */
export async function indexArticles(options: IndexOptions): Promise<IndexSummary> {
  const started = Date.now();
  const { index: live, rebuild = false } = options;
  const store = options.store ?? singleEngineStore(options.client);
  const target = rebuild ? nextIndexName(live) : live;
  // A killed run leaves tasks that the engine still carries out: the index is read once they are done.
  await store.settleTasks(live);
  // What an interrupted rebuild left is never swapped in: it is dropped, and a rebuild starts afresh.
  // Only one index run writes an archive index at a time (see src/engine/index-lock.ts), so no
  // rebuild is filling it now.
  await store.dropNext(live);
  const liveSections = await store.openSections(live, options.settings);
  const sections = rebuild ? await store.openSections(target, options.settings) : liveSections;
  const indexed = await readIndexedArticles(liveSections);
  const statsWereCurrent = !rebuild && (await store.statsCurrent(target));

  const pipeline = createTaskPipeline();
  const writer = createSectionWriter({
    sections,
    pipeline,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    // A rebuild's statistics are new with its index; the live ones must say they no longer hold.
    beforeFirstChange: rebuild ? async () => {} : () => markStatsStale(store, target, pipeline),
  });
  const scope = { roots: await readableRoots(options.paths), fileExists };
  const planner = createChangePlanner(rebuild ? new Map() : indexed, options.analysisVersion, scope);
  const run: Run = {
    options,
    store,
    planner,
    writer,
    pipeline,
    // A fresh index gets its statistics counted on the way in; an updated one is recounted at the end.
    streamedStats: rebuild || indexed.size === 0 ? new Map() : null,
    counts: { articles: 0, changed: 0, unchanged: 0, sections: 0, problems: [] },
  };
  await readAndSend(run);

  const departures = rebuild ? planner.dropped(indexed) : planner.departures();
  // An engine that refused a payload takes nothing more: what was read is not sent, nothing is deleted.
  if (!pipeline.broken) {
    if (rebuild) await carryOver(liveSections, writer, streamedCounter(run), departures.kept);
    else writer.remove(departures.sectionIds);
    await writer.flush();
  }
  await drainWithPhase(pipeline, options.onPhase);
  const failures = [...pipeline.failures];
  if (failures.length === 0 && (rebuild || writer.changedSections || !statsWereCurrent)) {
    options.onPhase?.(run.streamedStats ? 'saving the term statistics' : 'counting the term statistics over the index');
    await store.saveStats(target, run.streamedStats ?? (await sections.countTermStats()));
  }
  if (rebuild && failures.length === 0) options.onPhase?.('checking the rebuilt index and swapping it in');
  const swapped = rebuild && (await finishRebuild(run, sections, departures, indexed.size, failures));
  const deleted = (rebuild && !swapped) || pipeline.broken ? 0 : departures.articles;
  return { ...run.counts, deleted, kept: departures.kept, sectionsSent: writer.sectionsSent, failures, seconds: (Date.now() - started) / 1000 };
}

const PHASE_EVERY_MS = 5000;

/** Waits for the engine's tasks, saying every few seconds how many are done. */
async function drainWithPhase(pipeline: TaskPipeline, onPhase: IndexOptions['onPhase']): Promise<void> {
  const say = () => onPhase?.(`the engine is taking what was sent: ${pipeline.settled} of ${pipeline.followed} tasks done`);
  say();
  const ticker = setInterval(say, PHASE_EVERY_MS);
  try {
    await pipeline.drain();
  } finally {
    clearInterval(ticker);
  }
}

/** Swaps the rebuilt index in when nothing failed and its guards hold; true once it is live. */
async function finishRebuild(run: Run, next: SectionIndex, dropped: Departures, liveArticles: number, failures: string[]): Promise<boolean> {
  const { index: live, settings, force = false } = run.options;
  const { store } = run;
  // Behind a refused payload the engine takes no task either: the next run drops what is left.
  if (run.pipeline.broken) return false;
  if (failures.length > 0) {
    await store.dropNext(live);
    return false;
  }
  const refusal = await swapInRebuild({ store, live, next, settings, sectionsSent: run.writer.sectionsSent, dropped, liveArticles, force });
  if (refusal !== null) failures.push(refusal);
  return refusal === null;
}

/** Acknowledged by the engine before any section changes; done by it even if this run dies. */
async function markStatsStale(store: ArchiveStore, index: string, pipeline: TaskPipeline): Promise<void> {
  const marked = store.markStatsStale(index);
  await marked.accepted();
  pipeline.follow(marked, 'marking the term statistics stale');
}

async function readAndSend(run: Run): Promise<void> {
  const { options, counts } = run;
  let bytesRead = 0;
  for await (const result of options.articles ?? readArticles(options.paths, (bytes) => (bytesRead += bytes))) {
    if (run.pipeline.broken) return;
    if ('problem' in result) problem(run, result.problem);
    else await sendArticle(run, result.article);
    options.onProgress?.({ bytesRead, articles: counts.articles, sections: counts.sections, problems: counts.problems.length });
  }
}

/** A file or line that could not be read: reported, and nothing indexed from that file is deleted by this run. */
function problem(run: Run, found: ReadProblem): void {
  run.counts.problems.push(found);
  run.planner.readFailed(storedOrigin(found.file), found.line === null ? found.message : `line ${found.line}: ${found.message}`);
}

async function sendArticle(run: Run, article: Article): Promise<void> {
  const { counts } = run;
  const { file, line } = article.origin;
  const located = { ...article, origin: { ...article.origin, file: storedOrigin(file) } };
  const change = run.planner.plan(located, `${file}:${line}`);
  if (change.kind === 'duplicate') {
    problem(run, { file, line, message: `article id "${article.id}" was already read from ${change.firstReadAt}; this copy is skipped` });
    return;
  }
  if (change.kind === 'collision') {
    problem(run, { file, line, message: `article id "${article.id}" is already indexed from ${change.indexedFrom}; ids must be unique across the archive, this copy is skipped` });
    return;
  }
  counts.articles++;
  counts.sections += article.sections.length;
  if (change.kind === 'unchanged') {
    counts.unchanged++;
    return;
  }
  counts.changed++;
  const documents = sectionDocuments(located, run.options.gazetteer, run.options.analysisVersion);
  const count = streamedCounter(run);
  if (count) for (const document of documents) count(document);
  await run.writer.write(documents, change.staleSectionIds);
}

/** What the index holds now, by article: its fingerprint, origin files and section ids. */
async function readIndexedArticles(sections: SectionIndex): Promise<Map<string, IndexedArticle>> {
  const articles = new Map<string, IndexedArticle>();
  for await (const page of sections.fingerprintPages()) addIndexedSections(articles, page);
  return articles;
}

/** Counts a section sent into the statistics of the engine that holds it, when they are counted on the way in. */
function streamedCounter({ streamedStats, store }: Run): ((section: SectionDocument) => void) | null {
  if (!streamedStats) return null;
  return (section) => addSection(statsOf(streamedStats, store.engineOf(section.articleId)), section);
}
