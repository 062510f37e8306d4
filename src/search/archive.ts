import {
  ARTICLE_FIELDS,
  ARTICLE_SECTIONS_PER_REQUEST,
  FACET_ATTRIBUTE,
  ENTITY_FACETS,
  isSafeArticleId,
  MAX_ARTICLE_SECTIONS,
  type ArticleSection,
  type EntityFacet,
  type SectionDocument,
  type TermStats,
} from '../archive-index/index.ts';
import type { ArchiveReader } from '../engine/archive-reader.ts';
import { quoteFilterValue } from './filter-expression.ts';

export interface Overview {
  articles: number;
  sections: number;
  latest: Pick<SectionDocument, 'articleId' | 'title' | 'date' | 'source'>[];
  regions: [string, number][];
  actors: [string, number][];
}

const TOP_ENTITIES = 12;
/** Ties in counts go by id: the engine's order of equal counts is its own (and differs between the nodes of a sharded archive). */
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const NEWEST_FIRST = ['day:desc', 'n:asc'];
const facetAttributes = ENTITY_FACETS.map((facet) => FACET_ATTRIBUTE[facet]);

/** Reads whole articles and the archive's overview from the engine. */
export function createArchive({ reader, stats }: { reader: Pick<ArchiveReader, 'search' | 'documents'>; stats: () => TermStats }) {
  return {
    /** Where the quick date ranges end. */
    newestDate: newestDateOf(reader, stats),
    /** All sections of an article in order, or null when there is no such article. */
    async article(articleId: string): Promise<ArticleSection[] | null> {
      if (!isSafeArticleId(articleId)) return null;
      const filter = `articleId = ${quoteFilterValue(articleId)}`;
      const sections: ArticleSection[] = [];
      for (let offset = 0; offset < MAX_ARTICLE_SECTIONS; offset += ARTICLE_SECTIONS_PER_REQUEST) {
        const page = await reader.documents<ArticleSection>(filter, ARTICLE_FIELDS, ARTICLE_SECTIONS_PER_REQUEST, offset);
        sections.push(...page);
        if (page.length < ARTICLE_SECTIONS_PER_REQUEST) break;
      }
      return sections.length === 0 ? null : sections.sort((a, b) => a.n - b.n);
    },

    async overview(): Promise<Overview> {
      const [latest, counts] = await reader.search<Overview['latest'][number]>([
        { q: '', filter: 'n = 1', sort: ['day:desc'], limit: 8, attributesToRetrieve: ['articleId', 'title', 'date', 'source'] },
        { q: '', facets: facetAttributes, limit: 0 },
      ]);
      const top = (facet: EntityFacet): [string, number][] =>
        Object.entries(counts?.facets[FACET_ATTRIBUTE[facet]] ?? {})
          .sort((a, b) => b[1] - a[1] || byId(a[0], b[0]))
          .slice(0, TOP_ENTITIES);
      const { articles, documents } = stats();
      return {
        articles,
        sections: documents,
        latest: (latest?.hits ?? []).map(({ articleId, title, date, source }) => ({ articleId, title, date, source })),
        regions: top('region'),
        actors: top('actor'),
      };
    },
  };
}

/** The newest article's date, read once per version of the statistics (a new object each time the indexer saves them). */
function newestDateOf(reader: Pick<ArchiveReader, 'search'>, stats: () => TermStats): () => Promise<string | null> {
  const byVersion = new WeakMap<TermStats, Promise<string | null>>();
  return () => {
    const version = stats();
    const known = byVersion.get(version);
    if (known) return known;
    const asked = reader
      .search<{ date: string | null }>([{ q: '', filter: 'day > 0', sort: NEWEST_FIRST, limit: 1, attributesToRetrieve: ['date'] }])
      .then(([newest]) => newest?.hits[0]?.date ?? null);
    byVersion.set(version, asked);
    asked.catch(() => byVersion.delete(version));
    return asked;
  };
}

export type Archive = ReturnType<typeof createArchive>;
