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
  | { kind: 'duplicate'; firstReadAt: string };

/** The folders read, and whether a file exists: an indexed file that is gone from a folder read takes its articles along. */
export interface InputScope {
  roots: string[];
  fileExists(file: string): boolean;
}

/** Indexed articles that left their file, and the sections to delete with them. */
export interface Departures {
  articles: number;
  sectionIds: string[];
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
  /** Once every article was planned: the indexed ones not read again whose file was read, or is gone from a folder read. */
  departures(scope: InputScope): Departures;
}

/**
 * Decides, article by article, what a run sends: nothing for an article whose sections all carry
 * its current fingerprint, every section of the others. No I/O: what the index holds and the
 * articles read come in, decisions go out.
 */
export function createChangePlanner(indexed: ReadonlyMap<string, IndexedArticle>, analysisVersion: string): ChangePlanner {
  const firstReads = new Map<string, string>();
  const filesRead = new Set<string>();
  return {
    plan(article: Article, readAt: string): ArticleChange {
      filesRead.add(article.origin.file);
      const id = safeArticleId(article.id);
      const firstReadAt = firstReads.get(id);
      if (firstReadAt !== undefined) return { kind: 'duplicate', firstReadAt };
      firstReads.set(id, readAt);
      const previous = indexed.get(id);
      if (previous === undefined) return { kind: 'send', staleSectionIds: [] };
      // The fingerprint comes first: an unchanged article costs no analysis and no request.
      if (isUnchanged(previous, article, articleFingerprint(article, analysisVersion))) return { kind: 'unchanged' };
      const kept = new Set(sectionIdsOf(article));
      return { kind: 'send', staleSectionIds: previous.sectionIds.filter((sectionId) => !kept.has(sectionId)) };
    },
    departures(scope: InputScope): Departures {
      const leftItsFile = (article: IndexedArticle) => [...article.origins].some((origin) => filesRead.has(origin) || isGone(origin, scope));
      const departures: Departures = { articles: 0, sectionIds: [] };
      for (const [id, article] of indexed) {
        if (firstReads.has(id) || !leftItsFile(article)) continue;
        departures.articles++;
        departures.sectionIds.push(...article.sectionIds);
      }
      return departures;
    },
  };
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
