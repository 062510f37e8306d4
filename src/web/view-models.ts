import { articleUrl, EXPORT_MAX_ROWS, lastPage, PARAGRAPH_BREAK, shiftDate, type ArticleSection, type DateRange, type EntityFacet, type FacetName, type SortOrder } from '../archive-index/index.ts';
import type { EntityName } from '../entities/catalog.ts';
import type { Overview } from '../search/archive.ts';
import type { SimilarArticles } from '../search/similar.ts';
import { matchWords, type MatchSpec } from '../search/matching.ts';
import { coverageView, type CoverageView } from './coverage-view.ts';
import type { SearchNotice, SearchResult } from '../search/search.ts';
import { MESSAGES } from '../../views/messages.ts';
import type { SourceCatalog, SourceName } from '../sources/source-catalog.ts';
import { citationOf, isoDay, type Citation, type CitationContext } from './citation.ts';
import { markRange, snippetHtml } from './marking.ts';

// What the views render: plain data, HTML already escaped and marked where a field says so.

export type { Citation, DateRange, EntityFacet, EntityName, FacetName, Overview, SortOrder, SourceName };
export type { CoveragePeriod, CoverageUnit } from '../search/coverage.ts';
export type { EntityView, StoryArticleView } from './dossier-view.ts';

export type { CoverageView };
export type EntityNames = (id: string) => EntityName | undefined;

/** Fingerprinted URL of a static file by its logical name (`app.css`). */
export interface AssetUrls {
  url(name: string): string;
}

export interface HitView {
  id: string;
  articleId: string;
  n: number;
  title: string;
  /** The title as escaped HTML with the query's words marked. */
  titleHtml: string;
  heading: string | null;
  /** Deep link to the section, carrying the query so the article page marks it. */
  url: string;
  /** Escaped HTML of the section's text around the matches, matched words in `<mark>`. */
  snippet: string;
  date: string | null;
  /** The source's id as the article gives it… */
  source: string | null;
  /** …and how it is shown (the id itself when index-config/sources.json does not name it). */
  sourceName: SourceName | null;
  regions: string[];
  actors: string[];
  /** The article's other matching sections, each a deep link. */
  otherSections: { n: number; heading: string | null; url: string }[];
  /** How to cite the section the hit lands on. */
  citation: Citation;
}

export interface ResultsView {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  /** The last page the list may link to. */
  lastPage: number;
  /** Rows the export links give: the total, capped. */
  exportRows: number;
  hits: HitView[];
  facets: Record<FacetName, Record<string, number>>;
  filters: Record<FacetName, string[]>;
  /** Entities every result mentions too. */
  with: string[];
  range: DateRange;
  sort: SortOrder;
  coverage: CoverageView | null;
  /** Ranges ending at the archive's newest article, offered as quick choices. */
  dateChoices: DateChoice[];
  /** Names of the sources in the facet list and the filters. */
  sourceNames: Record<string, SourceName>;
  analyzed: string;
  recognized: { id: string; facet: EntityFacet; surface: string }[];
  notices: string[];
  /** Words naming an entity, each searched in all these spellings. */
  spellings: { word: string; spellings: string[] }[];
  nothingSearchable: boolean;
  suggestion: string | null;
}

export interface DateChoice {
  span: 'week' | 'month' | 'year';
  from: string;
  to: string;
}

export interface ArticleView {
  articleId: string;
  title: string;
  date: string | null;
  source: string | null;
  sourceName: SourceName | null;
  url: string | null;
  regions: string[];
  actors: string[];
  sections: { n: number; heading: string | null; firstParagraph: number; paragraphs: string[]; matches: number; citation: Citation }[];
}

/** An article like the one shown: a link to it, its title, source and date. */
export interface SimilarView {
  url: string;
  title: string;
  date: string | null;
  sourceName: SourceName | null;
}

export function noticeText(notice: SearchNotice): string {
  switch (notice.code) {
    case 'query-truncated':
      return MESSAGES.queryTruncated(notice.limit);
    case 'unknown-filters':
      return MESSAGES.unknownFilters(notice.values);
    case 'unknown-words':
      return MESSAGES.unknownWords(notice.words, notice.searched);
    case 'not-all-words':
      return MESSAGES.notAllWords(notice.words);
    case 'spellings':
      return MESSAGES.spellings(notice.word, notice.spellings);
    case 'partial-results':
      return MESSAGES.partialResults;
  }
}

const CHOICE_DAYS: Record<DateChoice['span'], number> = { week: 7, month: 30, year: 365 };

/** A week, a month and a year up to the newest article (both ends included). */
export function dateChoices(newest: string | null): DateChoice[] {
  if (!newest) return [];
  return (Object.keys(CHOICE_DAYS) as DateChoice['span'][]).map((span) => ({ span, from: shiftDate(newest, CHOICE_DAYS[span] - 1), to: newest }));
}

/** Citations without a site address (tools, unit tests): site-relative links, consulted today. */
const relativeCitations = (): CitationContext => ({ base: '', today: isoDay(new Date()) });

export function resultsView(result: SearchResult, sources: SourceCatalog, newestDate: string | null = null, cite: CitationContext = relativeCitations()): ResultsView {
  const sourceNames = Object.fromEntries([...Object.keys(result.facets.source), ...result.filters.source].map((id) => [id, sources.name(id)]));
  return {
    query: result.query,
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    lastPage: lastPage(result.total, result.pageSize),
    exportRows: Math.min(result.total, EXPORT_MAX_ROWS),
    hits: result.hits.map((hit) => ({
      id: hit.id,
      articleId: hit.articleId,
      n: hit.n,
      title: hit.title,
      titleHtml: markRange(hit.title, hit.titleSpans),
      heading: hit.heading,
      url: articleUrl(hit.articleId, { q: result.query, section: hit.n }),
      snippet: snippetHtml(hit.snippet),
      date: hit.date,
      source: hit.source,
      sourceName: hit.source ? sources.name(hit.source) : null,
      regions: hit.regions,
      actors: hit.actors,
      otherSections: hit.otherSections.map(({ n, heading }) => ({ n, heading, url: articleUrl(hit.articleId, { q: result.query, section: n }) })),
      citation: citationOf(hit, hit.source ? sources.name(hit.source) : null, cite),
    })),
    facets: result.facets,
    filters: result.filters,
    with: result.with,
    range: result.range,
    sort: result.sort,
    coverage: coverageView(result.coverage, result.total),
    dateChoices: dateChoices(newestDate),
    sourceNames,
    analyzed: result.analyzed,
    recognized: result.recognized,
    notices: result.notices.map(noticeText),
    spellings: result.notices.flatMap((notice) => (notice.code === 'spellings' ? [{ word: notice.word, spellings: notice.spellings }] : [])),
    nothingSearchable: result.nothingSearchable,
    suggestion: result.suggestion,
  };
}

/** An article's sections with the query's words marked in headings and paragraphs. */
export function articleView(sections: readonly ArticleSection[], spec: MatchSpec, sources: SourceCatalog, cite: CitationContext = relativeCitations()): ArticleView {
  const first = sections[0];
  const sourceName = first?.source ? sources.name(first.source) : null;
  const marked = (text: string) => markRange(text, matchWords(text, spec).matches);
  return {
    articleId: first?.articleId ?? '',
    title: first?.title ?? '',
    date: first?.date ?? null,
    source: first?.source ?? null,
    sourceName,
    url: webLink(first?.url),
    regions: [...new Set(sections.flatMap((section) => section.regions))],
    actors: [...new Set(sections.flatMap((section) => section.actors))],
    sections: sections.map((section) => {
      const paragraphs = section.text.split(PARAGRAPH_BREAK).map(marked);
      return {
        n: section.n,
        heading: section.heading ? marked(section.heading) : null,
        firstParagraph: section.firstParagraph,
        paragraphs,
        matches: paragraphs.reduce((sum, html) => sum + (html.match(/<mark>/gu)?.length ?? 0), 0),
        citation: citationOf(section, sourceName, cite),
      };
    }),
  };
}

export function similarView(similar: SimilarArticles, sources: SourceCatalog): SimilarView[] {
  return similar.articles.map((article) => ({
    url: articleUrl(article.articleId),
    title: article.title,
    date: article.date,
    sourceName: article.source ? sources.name(article.source) : null,
  }));
}

/** An article's source link only when it is http(s): a `javascript:` or `data:` URL from an archive file must not become a link. */
export function webLink(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}
