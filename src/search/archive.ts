import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import type { SectionDocument, TermStats } from '../archive-index/index.ts';
import { quoteFilterValue } from './filter-expression.ts';

export type ArticleSections = Pick<SectionDocument, 'articleId' | 'n' | 'title' | 'heading' | 'text' | 'firstParagraph' | 'date' | 'source' | 'url' | 'regions' | 'actors'>[];

export interface EntityActivity {
  sections: number;
  latest: Pick<SectionDocument, 'articleId' | 'n' | 'title' | 'heading' | 'date'>[];
  /** Entities mentioned in the same sections, with how often. */
  related: { id: string; facet: 'regions' | 'actors'; count: number }[];
}

export interface Overview {
  articles: number;
  sections: number;
  latest: { articleId: string; title: string; date: string | null; source: string | null }[];
  regions: [string, number][];
  actors: [string, number][];
}

const SAFE_ARTICLE_ID = /^[A-Za-z0-9_-]{1,200}$/u;
const TOP_ENTITIES = 12;

/** Reads whole articles and the archive's overview from the engine. */
export function createArchive({ client, index, stats }: { client: Meilisearch; index: string; stats: () => TermStats }) {
  return {
    /** All sections of an article in order, or null when there is no such article. */
    async article(articleId: string): Promise<ArticleSections | null> {
      if (!SAFE_ARTICLE_ID.test(articleId)) return null;
      const page = await client.index<SectionDocument>(index).getDocuments({
        filter: `articleId = ${quoteFilterValue(articleId)}`,
        fields: ['articleId', 'n', 'title', 'heading', 'text', 'firstParagraph', 'date', 'source', 'url', 'regions', 'actors'],
        limit: 1000,
      });
      if (page.results.length === 0) return null;
      return page.results.sort((a, b) => a.n - b.n);
    },

    /** How often an entity is mentioned, its latest sections, and what is mentioned with it. */
    async entity(id: string, facet: 'regions' | 'actors', related = 16): Promise<EntityActivity> {
      const response = await client.index<SectionDocument>(index).search('', {
        filter: `${facet} = ${quoteFilterValue(id)}`,
        sort: ['day:desc', 'n:asc'],
        facets: ['regions', 'actors'],
        limit: 10,
        attributesToRetrieve: ['articleId', 'n', 'title', 'heading', 'date'],
      });
      const counts = (['regions', 'actors'] as const).flatMap((name) =>
        Object.entries(response.facetDistribution?.[name] ?? {}).map(([other, count]) => ({ id: other, facet: name, count })),
      );
      return {
        sections: response.estimatedTotalHits ?? 0,
        latest: response.hits,
        related: counts.filter((other) => other.id !== id).sort((a, b) => b.count - a.count).slice(0, related),
      };
    },

    async overview(): Promise<Overview> {
      const { results } = await client.multiSearch<{ queries: MultiSearchQuery[] }, SectionDocument>({
        queries: [
          { indexUid: index, q: '', filter: 'n = 1', sort: ['day:desc'], limit: 8, attributesToRetrieve: ['articleId', 'title', 'date', 'source'] },
          { indexUid: index, q: '', facets: ['regions', 'actors'], limit: 0 },
        ],
      });
      const [latest, counts] = results;
      const top = (facet: 'regions' | 'actors'): [string, number][] =>
        Object.entries(counts?.facetDistribution?.[facet] ?? {})
          .sort((a, b) => b[1] - a[1])
          .slice(0, TOP_ENTITIES);
      const { articles, documents } = stats();
      return {
        articles,
        sections: documents,
        latest: (latest?.hits ?? []).map(({ articleId, title, date, source }) => ({ articleId, title, date, source })),
        regions: top('regions'),
        actors: top('actors'),
      };
    },
  };
}

export type Archive = ReturnType<typeof createArchive>;
