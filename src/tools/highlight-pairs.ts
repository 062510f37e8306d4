import { PARAGRAPH_BREAK, type ArticleSection } from '../archive-index/index.ts';
import type { SearchService } from '../search/service.ts';
import { sourceCatalog } from '../sources/source-catalog.ts';
import { articleView, resultsView } from '../web/view-models.ts';
import { checkMarked, type HighlightViolation } from './highlight-check.ts';

/** Marks do not depend on how sources are named. */
const NO_SOURCE_NAMES = sourceCatalog({});

export interface HighlightFigures {
  queries: number;
  /** (query, hit) pairs checked: each hit's title and snippet, and its article page's paragraphs. */
  pairs: number;
  /** Marked texts checked (titles, snippets, headings, paragraphs). */
  texts: number;
  violations: HighlightViolation[];
}

/**
 * Searches each query as the site does and checks every marked text it would show: the results'
 * titles and snippets, and the article pages their links open, with the query's words marked.
 */
export async function checkHighlights(service: Pick<SearchService, 'search' | 'article' | 'matchSpecFor'>, queries: readonly string[], hitsPerQuery = 10): Promise<HighlightFigures> {
  const figures: HighlightFigures = { queries: queries.length, pairs: 0, texts: 0, violations: [] };
  const articles = new Map<string, ArticleSection[] | null>();
  const check = (html: string, source: string, where: string, snippet = false) => {
    figures.texts++;
    figures.violations.push(...checkMarked(html, source, where, snippet));
  };
  for (const q of queries) {
    const results = resultsView(await service.search({ q, regions: [], actors: [], page: 1, limit: hitsPerQuery }), NO_SOURCE_NAMES);
    const spec = service.matchSpecFor(q);
    for (const hit of results.hits) {
      figures.pairs++;
      const where = `${q} → ${hit.id}`;
      if (!articles.has(hit.articleId)) articles.set(hit.articleId, await service.article(hit.articleId));
      const sections = articles.get(hit.articleId) ?? [];
      const section = sections.find((candidate) => candidate.n === hit.n);
      check(hit.titleHtml, hit.title, `${where} title`);
      if (section) check(hit.snippet, section.text, `${where} snippet`, true);
      const page = articleView(sections, spec, NO_SOURCE_NAMES);
      page.sections.forEach((view, i) => {
        const source = sections[i];
        if (!source) return;
        if (view.heading !== null && source.heading !== null) check(view.heading, source.heading, `${where} heading ${view.n}`);
        source.text.split(PARAGRAPH_BREAK).forEach((paragraph, p) => check(view.paragraphs[p] ?? '', paragraph, `${where} paragraph ${view.n}.${p + 1}`));
      });
    }
  }
  return figures;
}
