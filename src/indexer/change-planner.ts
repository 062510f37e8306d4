import { sep } from 'node:path';
import type { Article } from '../articles/article.ts';
import { safeArticleId, sectionDocumentId, type FingerprintSection } from '../archive-index/index.ts';
import { articleFingerprint } from './section-documents.ts';

/** What the index holds of one article. */
export interface IndexedArticle {
  /** The fingerprint all its sections carry; null when they differ (a change was cut off half way). */
  hash: string | null;
  origins: Set<string>;
  sectionIds: string[];
}

/** What to do with an article just read. */
export type ArticleChange =
  | { kind: 'unchanged' }
  /** Send its sections, and delete those of its indexed version that it no longer has. */
  | { kind: 'send'; staleSectionIds: string[] }
  /** Another article with its id was read before, at `firstReadAt`: this copy is skipped. */
  | { kind: 'duplicate'; firstReadAt: string }
  /** The index holds its id from `indexedFrom`, a file that is still there and that this run does not read: this copy is skipped. */
  | { kind: 'collision'; indexedFrom: string };

/** The inputs of a run (folders and files, as origins are stored), and whether a file is still there. */
export interface InputScope {
  roots: string[];
  fileExists(file: string): boolean;
}

/** Indexed articles that would have left, kept because `file` (a file or folder) was not read whole. */
export interface KeptArticles {
  file: string;
  reason: string;
  articleIds: string[];
}

/** Indexed articles that leave (deleted, or dropped by a rebuild's swap), the sections that go with them, and those kept. */
export interface Departures {
  articles: number;
  sectionIds: string[];
  kept: KeptArticles[];
}

/** Adds indexed sections (their fingerprint fields) to what the index holds by article. */
export function addIndexedSections(articles: Map<string, IndexedArticle>, sections: Iterable<FingerprintSection>): void {
  for (const section of sections) {
    const article = articles.get(section.articleId);
    if (article) {
      article.sectionIds.push(section.id);
      article.origins.add(section.origin);
      if (article.hash !== section.hash) article.hash = null;
    } else {
      articles.set(section.articleId, { hash: section.hash, origins: new Set([section.origin]), sectionIds: [section.id] });
    }
  }
}

export interface ChangePlanner {
  /** `article` carries the origin the index stores; `readAt` is where it was read, for a duplicate's message. */
  plan(article: Article, readAt: string): ArticleChange;
  /** A file or folder (as stored) that was not read whole, and why: nothing indexed from it leaves. */
  readFailed(path: string, reason: string): void;
  /** Once every article was planned: the indexed ones not read again whose file was read, or is gone from an input. */
  departures(): Departures;
  /** For a rebuild, once every article was planned: the articles of the live index that the swap would drop. */
  dropped(live: ReadonlyMap<string, IndexedArticle>): Departures;
}

/**
 * Decides, article by article, what a run sends: nothing for an article whose sections all carry
 * its current fingerprint, every section of the others. No I/O: what the index holds, the inputs
 * and the articles read come in, decisions go out.
 */
export function createChangePlanner(indexed: ReadonlyMap<string, IndexedArticle>, analysisVersion: string, scope: InputScope): ChangePlanner {
  const firstReads = new Map<string, string>();
  const filesRead = new Set<string>();
  const failed = new Map<string, string>();
  const inScope = (file: string) => scope.roots.some((root) => isUnder(file, root));
  /** Another file still there, not read in this run and not to be: the id is taken by an article this run cannot see. */
  const takenElsewhere = (previous: IndexedArticle, file: string) => [...previous.origins].find((origin) => origin !== file && !filesRead.has(origin) && !inScope(origin) && scope.fileExists(origin));
  return {
    plan(article: Article, readAt: string): ArticleChange {
      filesRead.add(article.origin.file);
      const id = safeArticleId(article.id);
      const firstReadAt = firstReads.get(id);
      if (firstReadAt !== undefined) return { kind: 'duplicate', firstReadAt };
      const previous = indexed.get(id);
      const indexedFrom = previous && takenElsewhere(previous, article.origin.file);
      if (indexedFrom) return { kind: 'collision', indexedFrom };
      firstReads.set(id, readAt);
      if (previous === undefined) return { kind: 'send', staleSectionIds: [] };
      // The fingerprint comes first: an unchanged article costs no analysis and no request.
      if (isUnchanged(previous, article, articleFingerprint(article, analysisVersion))) return { kind: 'unchanged' };
      const kept = new Set(sectionIdsOf(article));
      return { kind: 'send', staleSectionIds: previous.sectionIds.filter((sectionId) => !kept.has(sectionId)) };
    },
    readFailed(path: string, reason: string): void {
      if (!failed.has(path)) failed.set(path, reason);
    },
    departures: () => leaving(indexed, firstReads, failed, (article) => [...article.origins].some((origin) => filesRead.has(origin) || isGone(origin, scope))),
    dropped: (live) => leaving(live, firstReads, failed, () => true),
  };
}

/** The articles not read again that `leaves` lets go, but those with an origin under a path not read whole. */
function leaving(articles: ReadonlyMap<string, IndexedArticle>, read: ReadonlyMap<string, string>, failed: ReadonlyMap<string, string>, leaves: (article: IndexedArticle) => boolean): Departures {
  const departures: Departures = { articles: 0, sectionIds: [], kept: [] };
  const kept = new Map<string, KeptArticles>();
  for (const [id, article] of articles) {
    if (read.has(id) || !leaves(article)) continue;
    const unread = [...failed.keys()].find((path) => [...article.origins].some((origin) => isUnder(origin, path)));
    if (unread === undefined) {
      departures.articles++;
      departures.sectionIds.push(...article.sectionIds);
    } else {
      const entry = kept.get(unread) ?? { file: unread, reason: failed.get(unread) ?? '', articleIds: [] };
      entry.articleIds.push(id);
      kept.set(unread, entry);
    }
  }
  departures.kept = [...kept.values()];
  return departures;
}

const sectionIdsOf = (article: Article): string[] => article.sections.map((section) => sectionDocumentId(article.id, section.n));

/** Unchanged only when every section carries the current fingerprint and the sections are exactly the article's. */
function isUnchanged(indexed: IndexedArticle, article: Article, fingerprint: string): boolean {
  if (indexed.hash !== fingerprint || indexed.sectionIds.length !== article.sections.length) return false;
  const ids = new Set(indexed.sectionIds);
  return sectionIdsOf(article).every((sectionId) => ids.has(sectionId));
}

const isGone = (file: string, scope: InputScope): boolean => scope.roots.some((root) => isUnder(file, root)) && !scope.fileExists(file);

const isUnder = (file: string, root: string): boolean => root === '' || file === root || file.startsWith(root + sep);
