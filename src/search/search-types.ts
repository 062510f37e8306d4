import type { DateRange, EntityFacet, FacetName, SortOrder } from '../archive-index/index.ts';
import type { Coverage } from './coverage.ts';
import type { SnippetWindow, Span } from './matching.ts';
import type { OtherSection } from './page-articles.ts';

// What a search is asked and what it answers: plain data the web layer presents.

export interface SearchRequest {
  q: string;
  regions: string[];
  actors: string[];
  /** Source ids (any value: sources are not a closed list). */
  sources?: string[];
  /** Entities every result must mention too, whatever their kind (`with=SA&with=YE`: sections naming both). */
  with?: string[];
  /** Inclusive, as YYYY-MM-DD; null or absent leaves a side open. */
  from?: string | null;
  to?: string | null;
  /** `relevance` by default; an empty query lists newest first unless `oldest` is asked. */
  sort?: SortOrder;
  page: number;
  limit: number;
  /** The user is still typing: the last word matches as a prefix. */
  typing?: boolean;
}

/** Why input was changed or ignored, or what was searched instead; the web layer words it. */
export type SearchNotice =
  | { code: 'query-truncated'; limit: number }
  | { code: 'unknown-filters'; values: string[] }
  /** Words the archive never uses, left out of the search. */
  | { code: 'unknown-words'; words: string[]; searched: string }
  /** No article holds every word: articles holding most of them are shown. */
  | { code: 'not-all-words'; words: string[] }
  | { code: 'spellings'; word: string; spellings: string[] }
  /** Nodes of a sharded archive did not answer: the hits, total and counts leave out what they hold. */
  | { code: 'partial-results'; missing: string[] };

export interface SearchHit {
  id: string;
  articleId: string;
  n: number;
  title: string;
  /** The query's words in the title. */
  titleSpans: Span[];
  heading: string | null;
  /** The section's text around the matches. */
  snippet: SnippetWindow;
  date: string | null;
  source: string | null;
  regions: string[];
  actors: string[];
  /** The article's other sections that match too (a result stands for its article). */
  otherSections: OtherSection[];
}

export interface RecognizedEntity {
  id: string;
  facet: EntityFacet;
  surface: string;
}

export interface SearchResult {
  /** The query as typed, capped like the searched one. */
  query: string;
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: Record<FacetName, Record<string, number>>;
  /** Filters that were applied (unknown entity ids removed). */
  filters: Record<FacetName, string[]>;
  /** Entities every result mentions too (unknown ids removed). */
  with: string[];
  range: DateRange;
  sort: SortOrder;
  /** The query as the engine saw it: stems, phrases, exclusions. */
  analyzed: string;
  /** Entities recognized in a Latin-script query, searched as tags. */
  recognized: RecognizedEntity[];
  notices: SearchNotice[];
  /** Something was typed, but no word of it can be searched. */
  nothingSearchable: boolean;
  /** When nothing was found: the query with unknown words replaced by close spellings from the archive. */
  suggestion: string | null;
  /** Matching articles per day, week, month or year over the range shown; null when none is dated. */
  coverage: Coverage | null;
  /** Searches this request asked of the engine. */
  engineRequests: number;
}
