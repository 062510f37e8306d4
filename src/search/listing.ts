import { HIT_FIELDS, type SectionDocument, type SectionField } from '../archive-index/index.ts';
import type { EngineAsk, EngineSearch } from '../engine/archive-reader.ts';
import { EngineDownError } from '../engine/errors.ts';
import { snippetWindow, type MatchSpec, type SnippetWindow } from './matching.ts';
import { planSearch, searchesOf, type PlanInput } from './plan.ts';
import { matchForms } from './query-syntax.ts';
import { mentionsOf, readRequest, withoutUnknownWords, type SearchDependencies, type SearchNotice, type SearchRequest } from './search.ts';

/** What a feed entry or an export row shows of an article: the section that stands for it, and the article's link at its source. */
export const LISTED_FIELDS = [...HIT_FIELDS, 'url'] as const satisfies readonly SectionField[];
export type ListedSection = Pick<SectionDocument, (typeof LISTED_FIELDS)[number]>;

export interface ListedArticle {
  section: ListedSection;
  /** The section's text around the matches. */
  snippet: SnippetWindow;
}

/** The matching articles of a search, one section each, read from the engine a batch at a time. */
export interface Listing {
  /** Articles the search matches (the engine's count; a question's or an OR's is its estimate). */
  total: number;
  /** Articles the batches will hold in all: the total, capped (for an OR, whose total is an estimate, at most about that). */
  rows: number;
  notices: SearchNotice[];
  /** Each batch is asked of the engine once the previous one has been taken, so no more than a batch is held. */
  batches(): AsyncGenerator<ListedArticle[]>;
  /** Engine searches asked so far. */
  searches(): number;
}

export interface ListingWindow {
  /** At most this many articles in all. */
  max: number;
  /** Articles per engine request. */
  batchSize: number;
}

/**
 * Lists a search's articles in the order it asks for, past any results page: for feeds and exports.
 * The engine orders them (by date, or by its own relevance: the ranking of a results page is not
 * run over thousands of articles; docs/decisions.md#export-order), one section per article, with
 * the search's filters, range and query as the results page reads them.
 */
export function createListing({ reader, entities, stats }: SearchDependencies) {
  return async function openListing(request: SearchRequest, { max, batchSize }: ListingWindow): Promise<Listing> {
    const termStats = stats();
    const { result, parsed: typed } = readRequest(request, entities, termStats);
    let searches = 0;
    const ask = async (main: EngineAsk) => {
      searches += searchesOf([main]);
      const [answer] = await reader.search<ListedSection>([main]);
      // A file or a feed that leaves out what a node of a sharded archive holds would look whole: it fails instead.
      if (answer?.missing) throw new EngineDownError(`nodes of the archive did not answer: ${answer.missing.join(', ')}`);
      return answer ?? { hits: [], total: 0, facets: {} };
    };
    if (result.nothingSearchable) return { total: 0, rows: 0, notices: result.notices, batches: async function* () {}, searches: () => searches };
    const parsed = withoutUnknownWords(typed, termStats, result);
    const input: PlanInput = {
      parsed,
      filters: result.filters,
      entityFilters: result.recognized,
      mentions: mentionsOf(result.with, entities),
      range: result.range,
      sort: result.sort,
      rareTerms: [],
      page: 1,
      pageSize: batchSize,
    };
    const plan = planSearch(input);
    let main = plan.main;
    let first = await ask(windowed(main, 0, Math.min(batchSize, max)));
    if (first.total === 0 && plan.kind === 'keyword' && parsed.words.length >= 2) {
      // As on the results page: no article holds every word, so the articles holding most of them.
      main = planSearch({ ...input, loose: true }).main;
      first = await ask(windowed(main, 0, Math.min(batchSize, max)));
      if (first.total > 0) result.notices.push({ code: 'not-all-words', words: parsed.words.map((word) => word.surface) });
    }
    const forms = matchForms(parsed);
    const recognizedIds = result.recognized.map((mention) => mention.id);
    const specFor = (text: string): MatchSpec => (recognizedIds.length === 0 ? forms : { ...forms, spans: entities.mentionSpans(text, recognizedIds) });
    const windowAt = (offset: number, limit: number) => ask(windowed(main, offset, limit)).then((answer) => answer.hits);
    async function* batches(): AsyncGenerator<ListedArticle[]> {
      for await (const batch of sectionBatches(first, windowAt, { max, batchSize, exact: !('union' in main) }))
        yield batch.map((section) => ({ section, snippet: snippetWindow(section.text, specFor(section.text)) }));
    }
    return { total: first.total, rows: Math.min(first.total, max), notices: result.notices, batches, searches: () => searches };
  };
}

/**
 * The sections of the first window and of the windows after it, one per article, `max` at most. An
 * OR's branches may each bring a section of the same article (the engine merges documents, not
 * articles): it is listed once. An OR's total is the engine's estimate (not `exact`): its listing
 * ends at the first short window instead.
 */
async function* sectionBatches(
  first: { hits: ListedSection[]; total: number },
  windowAt: (offset: number, limit: number) => Promise<ListedSection[]>,
  { max, batchSize, exact }: ListingWindow & { exact: boolean },
): AsyncGenerator<ListedSection[]> {
  const seen = new Set<string>();
  let hits = first.hits;
  let asked = Math.min(batchSize, max);
  let offset = 0;
  for (let listed = 0; ; ) {
    offset += hits.length;
    const fresh = hits.filter((section) => !seen.has(section.articleId) && seen.add(section.articleId)).slice(0, max - listed);
    listed += fresh.length;
    if (fresh.length > 0) yield fresh;
    if (listed >= max || hits.length < asked || (exact && offset >= first.total)) return;
    asked = batchSize;
    hits = await windowAt(offset, asked);
  }
}

/**
 * The search's main ask for a window of articles, with the fields a listing shows and no facets. The
 * first window is a numbered page, which makes the engine count the articles exactly.
 */
function windowed(main: EngineAsk, offset: number, limit: number): EngineAsk {
  if ('union' in main) return { union: main.union.map((search) => ({ ...search, attributesToRetrieve: LISTED_FIELDS })), offset, limit };
  const { page: _page, hitsPerPage: _hitsPerPage, facets: _facets, limit: _limit, offset: _offset, ...search }: EngineSearch = main;
  const window = offset === 0 ? { page: 1, hitsPerPage: limit } : { offset, limit };
  return { ...search, ...window, attributesToRetrieve: LISTED_FIELDS };
}

export type OpenListing = ReturnType<typeof createListing>;
