/** Results per page by default, and at most. */
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 50;

/** The deepest results page anyone may ask for: deeper pages cost the engine and serve no reader. */
export const MAX_PAGE = 1000;

/**
 * A question's results are ranked from at most this many candidate articles: a deeper page of a
 * question is empty, not a fetch of thousands of candidates (docs/decisions.md#question-depth).
 */
export const MAX_QUESTION_DEPTH = 200;

/** The longest query searched (and echoed); longer input is cut with a notice. */
export const MAX_QUERY_LENGTH = 300;

/**
 * Sections of one article read per engine request: a longer article is read page by page, up to
 * MAX_ARTICLE_SECTIONS (more than the largest article a file or NDJSON line may hold).
 */
export const ARTICLE_SECTIONS_PER_REQUEST = 1000;
export const MAX_ARTICLE_SECTIONS = 20_000;

/** The last page a results list may link to: the one limit shared by the links and the parameter check. */
export const lastPage = (total: number, pageSize: number): number => Math.min(Math.ceil(total / pageSize), MAX_PAGE);

/** The engine's `faceting.maxValuesPerFacet` (index-config/settings.json): a facet count lists at most this many values. */
export const MAX_FACET_VALUES = 1000;

/** Rows an export holds at most (past it, the response and the page say how many articles matched). */
export const EXPORT_MAX_ROWS = 10_000;

/** Articles an export reads per engine request (docs/decisions.md#export-batch). */
export const EXPORT_BATCH = 250;

/** Entries of a feed: the newest matching articles. */
export const FEED_ENTRIES = 20;
