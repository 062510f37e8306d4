import type { SectionDocument } from '../archive-index/index.ts';
import type { ArchiveStore } from '../engine/archive-store.ts';
import type { SectionIndex } from '../engine/index-store.ts';
import type { EngineSettings } from '../engine/settings.ts';
import type { Departures, KeptArticles } from './change-planner.ts';
import type { SectionWriter } from './section-writer.ts';

/** A rebuild that would drop more than this share of the live index's articles needs --force. */
export const MAX_DROPPED_SHARE = 0.5;

/**
 * Copies into the fresh index the sections of live articles whose file was not read whole, so a
 * rebuild deletes no more from such a file than an incremental run does.
 */
export async function carryOver(live: SectionIndex, writer: SectionWriter, count: ((section: SectionDocument) => void) | null, kept: readonly KeptArticles[]): Promise<void> {
  for await (const page of live.articleSections(kept.flatMap((entry) => entry.articleIds))) {
    if (count) for (const section of page) count(section);
    await writer.write(page, []);
  }
}

export interface SwapGuards {
  store: ArchiveStore;
  live: string;
  next: SectionIndex;
  settings: EngineSettings;
  sectionsSent: number;
  /** What the swap drops of the live index, and how many articles it holds. */
  dropped: Departures;
  liveArticles: number;
  force: boolean;
}

/**
 * The last guards before searchers see it, checked right before the swap: the fresh index holds
 * every section sent and the settings of index-config/ (a `-next` dropped and re-created by the
 * engine while it was filled has the engine's defaults), and it does not drop most of the archive
 * unasked. Returns why it was not swapped in, or null once it was.
 */
export async function swapInRebuild(guards: SwapGuards): Promise<string | null> {
  const { store, live, next, dropped, liveArticles } = guards;
  const held = await next.countSections();
  let refusal: string | null = null;
  if (held !== guards.sectionsSent) refusal = `the rebuilt index holds ${held} sections where ${guards.sectionsSent} were sent`;
  else if (!(await next.holdsSettings(guards.settings))) refusal = 'the rebuilt index does not hold the settings of index-config/ (it was dropped and made again while it was filled?)';
  else if (!guards.force && dropped.articles > MAX_DROPPED_SHARE * liveArticles) {
    refusal = `the swap would drop ${dropped.articles} of the ${liveArticles} articles of the live index (not in the inputs); run again with --force to drop them`;
  }
  if (refusal === null) await store.swapInNext(live);
  await store.dropNext(live);
  return refusal === null ? null : `${refusal}; it was not swapped in`;
}
