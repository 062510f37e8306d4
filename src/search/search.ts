import type { Meilisearch, MultiSearchQuery, SearchResponse as EngineResponse } from 'meilisearch';
import type { SectionDocument, TermStats } from '../archive-index/index.ts';
import { candidateScorer, idf } from './bm25.ts';
import { allOf, anyOf, quoteFilterValue } from './filter-expression.ts';
import { highlight, snippet, type MatchSpec } from './highlight.ts';
import { closestKnownTerm } from './suggest.ts';
import { engineQueryString, hasSearchTerms, matchForms, parseQuery, type QueryTerm } from './query-syntax.ts';

export type FacetName = 'region' | 'actor';

/** What the search needs to know of the gazetteer: which ids exist, and which entities a query names. */
export interface EntityCatalog {
  exists(id: string, facet: FacetName): boolean;
  /** Entities named in Latin script (`Haftar`, `Libya`): searched as tags, since the text is Arabic. */
  latinMentions(query: string): { id: string; facet: FacetName; surface: string }[];
  /** Where a text mentions the given entities, to mark them when they were searched as tags. */
  mentionSpans(text: string, ids: readonly string[]): { start: number; end: number }[];
}

export interface SearchRequest {
  q: string;
  regions: string[];
  actors: string[];
  page: number;
  limit: number;
  /** The user is still typing: the last word matches as a prefix. */
  typing?: boolean;
}

export interface SearchHit {
  id: string;
  articleId: string;
  n: number;
  title: string;
  /** The title as escaped HTML with the query's words marked (pages only; the API sends `title`). */
  titleHtml: string;
  heading: string | null;
  /** Deep link to the section, carrying the query so the article page marks it. */
  url: string;
  /** Escaped HTML of the section's text around the matches, matched words in `<mark>`. */
  snippet: string;
  date: string | null;
  source: string | null;
  regions: string[];
  actors: string[];
}

export interface SearchResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: Record<FacetName, Record<string, number>>;
  /** Filters that were applied (unknown ids removed). */
  filters: { region: string[]; actor: string[] };
  /** The query as the engine saw it: stems, phrases, exclusions. */
  analyzed: string;
  /** Entities recognized in a Latin-script query, searched as tags. */
  recognized: { id: string; facet: FacetName; surface: string }[];
  /** Why the result is empty although something was typed, or why input was changed. */
  notices: string[];
  nothingSearchable: boolean;
  /** When nothing was found: the query with unknown words replaced by close spellings from the archive. */
  suggestion: string | null;
  /** Number of engine requests this search made (all in one multi-search round trip). */
  engineRequests: number;
}

export const MAX_QUERY_LENGTH = 300;
export const MAX_PAGE_SIZE = 50;
/**
 * Questions of two terms or more fan out (the analyzed query, each of its rarest terms alone, and
 * the titles) and are re-ranked with BM25: the words of a question are seldom all in the answer.
 * Keyword searches keep the engine's own order and cost one request.
 */
const FAN_OUT_FROM_TERMS = 2;
const RARE_TERMS_ALONE = 5;
const CANDIDATES_MAIN = 80;
const CANDIDATES_PER_TERM = 25;

const HIT_FIELDS: (keyof SectionDocument)[] = ['id', 'articleId', 'n', 'title', 'heading', 'text', 'date', 'source', 'regions', 'actors'];
/** What BM25 needs of a candidate. The display fields of the few that make the page come in a second request: a question's hundreds of candidates with their text were most of the bytes the engine sent and we parsed. */
const RERANK_FIELDS: (keyof SectionDocument)[] = ['id', 'title_terms', 'heading_terms', 'text_terms', 'alt_terms', 'length'];
const FACET_ATTRIBUTE: Record<FacetName, 'regions' | 'actors'> = { region: 'regions', actor: 'actors' };

export interface SearcherOptions {
  client: Meilisearch;
  index: string;
  entities: EntityCatalog;
  stats: () => TermStats;
  /** Sees every request body sent to the engine (the benchmark replays them). */
  trace?: (request: EngineRequest) => void;
}

/** An engine request as sent: a POST of `body` to `path`. */
export interface EngineRequest {
  path: string;
  body: object;
  /** Searches it holds (a multi-search holds several). */
  searches: number;
}

export function createSearcher({ client, index, entities, stats, trace }: SearcherOptions) {
  async function post<T>(request: EngineRequest): Promise<T> {
    trace?.(request);
    return await client.httpRequest.post<T>({ path: request.path, body: request.body });
  }

  /** The display fields of sections, in the order of `ids`. */
  async function fetchSections(ids: string[]): Promise<SectionDocument[]> {
    if (ids.length === 0) return [];
    const { results } = await post<{ results: SectionDocument[] }>({ path: `indexes/${index}/documents/fetch`, body: { ids, fields: HIT_FIELDS, limit: ids.length }, searches: 1 });
    const byId = new Map(results.map((document) => [document.id, document]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  return async function search(request: SearchRequest): Promise<SearchResult> {
    const notices: string[] = [];
    let q = request.q.replace(/[\p{Cc}\p{Cf}]/gu, ' ');
    if (q.length > MAX_QUERY_LENGTH) {
      q = q.slice(0, MAX_QUERY_LENGTH);
      notices.push(`اقتُطع الاستعلام إلى أول ${MAX_QUERY_LENGTH} حرفًا.`);
    }
    const filters = { region: known(request.regions, 'region'), actor: known(request.actors, 'actor') };
    const unknown = [...request.regions, ...request.actors].filter((id) => !filters.region.includes(id) && !filters.actor.includes(id));
    if (unknown.length > 0) notices.push(`تجاهلنا مرشحات غير معروفة: ${[...new Set(unknown)].join('، ')}`);
    const recognized = entities.latinMentions(q);
    let textQuery = q;
    for (const mention of recognized) textQuery = textQuery.replace(mention.surface, ' ');

    const termStats = stats();
    const parsed = parseQuery(textQuery, (term) => termStats.df.get(term) ?? 0, request.typing ?? false);
    const pageSize = Math.min(Math.max(1, request.limit), MAX_PAGE_SIZE);
    const page = Math.max(1, request.page);
    const result: SearchResult = {
      // Echoed capped too: a 10 KB query is not sent back into every link of the page.
      query: request.q.slice(0, MAX_QUERY_LENGTH),
      total: 0,
      page,
      pageSize,
      hits: [],
      facets: { region: {}, actor: {} },
      filters,
      analyzed: hasSearchTerms(parsed) ? engineQueryString(parsed).trim() : '',
      recognized,
      notices,
      nothingSearchable: parsed.nothingSearchable && recognized.length === 0,
      suggestion: null,
      engineRequests: 0,
    };
    if (result.nothingSearchable) return result;

    const entityClause = recognized.length === 0 ? null : recognized.map((m) => `${FACET_ATTRIBUTE[m.facet]} = ${quoteFilterValue(m.id)}`).join(' OR ');
    const filterWithout = (skip: FacetName | null) =>
      allOf([entityClause, skip === 'region' ? null : anyOf('regions', filters.region), skip === 'actor' ? null : anyOf('actors', filters.actor)]) ?? undefined;
    const browsing = !hasSearchTerms(parsed);
    const queryString = browsing && parsed.excluded.length === 0 ? '' : engineQueryString(parsed);
    const filter = filterWithout(null);
    const long = parsed.question && parsed.words.length >= FAN_OUT_FROM_TERMS;
    const offset = (page - 1) * pageSize;

    const disjunctive = (['region', 'actor'] as const).filter((facet) => filters[facet].length > 0);
    const queries: MultiSearchQuery[] = [
      {
        indexUid: index,
        q: queryString,
        filter,
        facets: (['region', 'actor'] as const).filter((facet) => !disjunctive.includes(facet)).map((facet) => FACET_ATTRIBUTE[facet]),
        attributesToRetrieve: long ? RERANK_FIELDS : HIT_FIELDS,
        matchingStrategy: 'frequency',
        ...(long ? { limit: Math.max(CANDIDATES_MAIN, offset + pageSize), offset: 0 } : { page, hitsPerPage: pageSize }),
        ...(browsing ? { sort: ['day:desc', 'n:asc'] } : {}),
      },
      // Counts for the options of a list the user already filters on come from a search without that list's own filter.
      ...disjunctive.map((facet) => ({ indexUid: index, q: queryString, filter: filterWithout(facet), facets: [FACET_ATTRIBUTE[facet]], limit: 0, matchingStrategy: 'frequency' as const })),
    ];
    const rareTerms = long ? rarestTerms(parsed.words, termStats) : [];
    for (const term of rareTerms) {
      queries.push({ indexUid: index, q: `${term.term} `, filter, attributesToRetrieve: RERANK_FIELDS, limit: CANDIDATES_PER_TERM, matchingStrategy: 'all' });
    }
    if (long) {
      queries.push({ indexUid: index, q: queryString, filter, attributesToSearchOn: ['title_terms'], attributesToRetrieve: RERANK_FIELDS, limit: CANDIDATES_PER_TERM, matchingStrategy: 'frequency' });
    }

    const { results } = await post<{ results: EngineResponse<SectionDocument>[] }>({ path: 'multi-search', body: { queries }, searches: queries.length });
    result.engineRequests = queries.length;
    const [main, ...rest] = results;
    if (!main) return result;
    result.total = main.totalHits ?? main.estimatedTotalHits ?? 0;
    for (const facet of ['region', 'actor'] as const) {
      const from = disjunctive.includes(facet) ? rest[disjunctive.indexOf(facet)] : main;
      result.facets[facet] = from?.facetDistribution?.[FACET_ATTRIBUTE[facet]] ?? {};
    }

    let documents = main.hits as SectionDocument[];
    if (long) {
      const candidates = new Map<string, SectionDocument>();
      for (const response of [main, ...rest.slice(disjunctive.length)]) for (const hit of response.hits) candidates.set(hit.id, hit as SectionDocument);
      const score = candidateScorer(parsed.words.map((word) => word.term), termStats);
      const ranked = [...candidates.values()]
        .map((document) => ({ id: document.id, score: score(document) }))
        .sort((a, b) => b.score - a.score)
        .slice(offset, offset + pageSize);
      documents = await fetchSections(ranked.map(({ id }) => id));
      result.engineRequests++;
      result.total = Math.max(result.total, candidates.size);
    }

    if (result.total === 0 && parsed.words.length > 0) result.suggestion = suggest(parsed.words, termStats);

    const forms = matchForms(parsed);
    const recognizedIds = recognized.map((mention) => mention.id);
    result.hits = documents.map((document) => {
      const spec: MatchSpec = recognizedIds.length === 0 ? forms : { ...forms, spans: entities.mentionSpans(document.text, recognizedIds) };
      return toHit(document, spec, result.query);
    });
    return result;
  };

  function known(ids: string[], facet: FacetName): string[] {
    return [...new Set(ids)].filter((id) => entities.exists(id, facet));
  }
}

function suggest(words: readonly QueryTerm[], stats: TermStats): string | null {
  let changed = false;
  const suggested = words.map((word) => {
    const close = closestKnownTerm(word.term, stats);
    if (close === null) return word.surface;
    changed = true;
    return close;
  });
  return changed ? suggested.join(' ') : null;
}

/** The terms that best separate relevant sections: highest idf first. */
function rarestTerms(words: readonly QueryTerm[], stats: TermStats): QueryTerm[] {
  const unique = [...new Map(words.map((word) => [word.term, word])).values()];
  return unique
    .filter((word) => (stats.df.get(word.term) ?? 0) > 0)
    .sort((a, b) => idf(stats, b.term) - idf(stats, a.term))
    .slice(0, RARE_TERMS_ALONE);
}

function toHit(document: SectionDocument, spec: MatchSpec, q: string): SearchHit {
  const query = q.trim() === '' ? '' : `?q=${encodeURIComponent(q.trim())}`;
  return {
    id: document.id,
    articleId: document.articleId,
    n: document.n,
    title: document.title,
    titleHtml: highlight(document.title, spec),
    heading: document.heading,
    url: `/articles/${document.articleId}${query}#s-${document.n}`,
    snippet: snippet(document.text, spec).html,
    date: document.date,
    source: document.source,
    regions: document.regions,
    actors: document.actors,
  };
}

export type Search = ReturnType<typeof createSearcher>;
