import { articleUrl, type EntityFacet } from '../archive-index/index.ts';
import type { Entity } from '../entities/index.ts';
import type { DossierArticle, EntityDossier } from '../search/dossier.ts';
import type { SourceCatalog, SourceName } from '../sources/source-catalog.ts';
import { coverageView, type CoverageView } from './coverage-view.ts';

type EntityNames = (id: string) => { id: string; name_ar: string } | undefined;

/** An article of a dossier, linked to its first section that mentions the entity. */
export interface StoryArticleView {
  url: string;
  title: string;
  heading: string | null;
  date: string | null;
  sourceName: SourceName | null;
}

export interface EntityView {
  id: string;
  type: EntityFacet;
  name_ar: string;
  name_en: string;
  aliases_ar: string[];
  aliases_en: string[];
  parent: { id: string; name_ar: string } | null;
  articles: number;
  coverage: CoverageView | null;
  /** The latest articles, one per story, with the others telling the same story. */
  stories: { lead: StoryArticleView; others: StoryArticleView[] }[];
  /** Entities named in the same sections, with the number of articles naming both. */
  related: { id: string; type: EntityFacet; count: number }[];
}

export function entityView(entity: Entity, dossier: EntityDossier, names: EntityNames, sources: SourceCatalog): EntityView {
  const parent = entity.parent ? names(entity.parent) : undefined;
  const article = ({ articleId, n, title, heading, date, source }: DossierArticle): StoryArticleView => ({
    url: articleUrl(articleId, { section: n }),
    title,
    heading,
    date,
    sourceName: source ? sources.name(source) : null,
  });
  return {
    ...entity,
    parent: parent ? { id: parent.id, name_ar: parent.name_ar } : null,
    articles: dossier.articles,
    coverage: coverageView(dossier.coverage, dossier.articles),
    stories: dossier.stories.map(({ lead, others }) => ({ lead: article(lead), others: others.map(article) })),
    related: dossier.related.map((other) => ({ id: other.id, type: other.facet, count: other.count })),
  };
}
