/**
 * One engine document per article section: the shape the indexer writes and the search reads.
 * The original text is kept for display and highlighting; the `*_terms` fields hold its analysis
 * (stems, stop words left out) and are the only ones the engine searches, so it never sees a bare
 * `ال` or a diacritic.
 */
export interface SectionDocument {
  id: string;
  articleId: string;
  n: number;
  anchor: string;
  /** Number (1-based, over the whole article) of this section's first paragraph, for `p-N` anchors. */
  firstParagraph: number;
  title: string;
  heading: string | null;
  /** Paragraphs joined by blank lines. */
  text: string;
  date: string | null;
  /** Days since 1970, for date ranges and sorts; absent when undated, so either sort lists undated articles last. */
  day?: number;
  /** Months since January 1970, for the coverage chart's month and year bars; absent when undated. */
  month?: number;
  source: string | null;
  url: string | null;
  regions: string[];
  actors: string[];
  title_terms: string;
  heading_terms: string;
  text_terms: string;
  /** The remainders of words that start with an ambiguous one-letter proclitic (بمصر → مصر). */
  alt_terms: string;
  /**
   * The plain form of each word of the `*_terms` field beside it, word for word: normalized, clitics
   * off, suffixes kept (الرياض → رياض, رياضة → رياضه, both of stem رياض). Not searched by the engine:
   * the ranking reads them to put a match on the word itself above a match through its stem only.
   */
  title_plain: string;
  heading_plain: string;
  text_plain: string;
  alt_plain: string;
  /** Number of text terms, for BM25's length normalization. */
  length: number;
  /** Fingerprint of the article this section came from: unchanged articles are not sent again. */
  hash: string;
  /** The file the article was read from: articles that leave it are deleted. */
  origin: string;
}

export type SectionField = keyof SectionDocument;

/** Paragraph separator inside `text`. */
export const PARAGRAPH_BREAK = '\n\n';

/** What a results page shows of a hit. */
export const HIT_FIELDS = ['id', 'articleId', 'n', 'title', 'heading', 'text', 'date', 'source', 'regions', 'actors'] as const satisfies readonly SectionField[];
export type HitSection = Pick<SectionDocument, (typeof HIT_FIELDS)[number]>;

/** What BM25 needs of a candidate; the display fields of the few that make the page are fetched afterwards. */
export const RERANK_FIELDS = ['id', 'articleId', 'n', 'heading', 'title_terms', 'heading_terms', 'text_terms', 'alt_terms', 'length'] as const satisfies readonly SectionField[];
export type RerankSection = Pick<SectionDocument, (typeof RERANK_FIELDS)[number]>;

/** What the article page shows of each section. */
export const ARTICLE_FIELDS = ['articleId', 'n', 'title', 'heading', 'text', 'firstParagraph', 'date', 'source', 'url', 'regions', 'actors'] as const satisfies readonly SectionField[];
export type ArticleSection = Pick<SectionDocument, (typeof ARTICLE_FIELDS)[number]>;

/** What an incremental run reads of the index to decide what changed. */
export const FINGERPRINT_FIELDS = ['id', 'articleId', 'hash', 'origin'] as const satisfies readonly SectionField[];
export type FingerprintSection = Pick<SectionDocument, (typeof FINGERPRINT_FIELDS)[number]>;

/** What a keyword search ranks its candidates by. */
export const KEYWORD_RANK_FIELDS = [
  'id',
  'articleId',
  'n',
  'heading',
  'title_terms',
  'heading_terms',
  'text_terms',
  'alt_terms',
  'title_plain',
  'heading_plain',
  'text_plain',
  'alt_plain',
  'length',
  // The chart of a phrase counts the articles that hold it as written, by their day.
  'day',
] as const satisfies readonly SectionField[];
export type KeywordRankSection = Pick<SectionDocument, (typeof KEYWORD_RANK_FIELDS)[number]>;

/** What term statistics are counted from. */
export const STATS_FIELDS = ['n', 'title_terms', 'heading_terms', 'text_terms', 'title_plain', 'heading_plain', 'text_plain', 'length'] as const satisfies readonly SectionField[];
export type StatsSection = Pick<SectionDocument, (typeof STATS_FIELDS)[number]>;

/** Days since 1970 of an ISO date, 0 when undated or unreadable. */
export function dayOf(date: string | null): number {
  const time = date ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(time) ? 0 : Math.floor(time / 86_400_000);
}
