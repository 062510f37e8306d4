import { createHash } from 'node:crypto';
import { analyze } from '../arabic/index.ts';
import type { Article } from '../articles/article.ts';
import { sectionAnchor } from '../articles/article.ts';
import { safeArticleId, sectionDocumentId } from '../articles/ids.ts';
import type { Gazetteer } from '../entities/index.ts';
import { tagArticle } from '../entities/index.ts';

/**
 * One Meilisearch document per section. The original text is kept for display and highlighting;
 * the `*_terms` fields hold its analysis (stems, stop words left out) and are the only ones the
 * engine searches, so it never sees a bare `ال` or a diacritic.
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
  /** Days since 1970 (0 when undated), for "newest first". */
  day: number;
  source: string | null;
  url: string | null;
  regions: string[];
  actors: string[];
  title_terms: string;
  heading_terms: string;
  text_terms: string;
  /** The remainders of words that start with an ambiguous one-letter proclitic (بمصر → مصر). */
  alt_terms: string;
  /** Number of text terms, for BM25's length normalization. */
  length: number;
  /** Fingerprint of the article this section came from: unchanged articles are not sent again. */
  hash: string;
  /** The file the article was read from: articles that leave it are deleted. */
  origin: string;
}

/** What a search needs to re-rank and to show a hit; the display text is fetched only for the page. */
export type SectionFields = keyof SectionDocument;

export interface AnalyzedText {
  terms: string;
  alt: string;
  length: number;
}

/** Longer "words" are URLs, base64 or junk: nobody searches them, and they bloat the engine's index. */
const MAX_TERM_LENGTH = 40;

export function analyzeForIndex(text: string): AnalyzedText {
  const terms: string[] = [];
  const alts: string[] = [];
  for (const term of analyze(text)) {
    if (term.stop || term.stem.length > MAX_TERM_LENGTH) continue;
    terms.push(term.stem);
    if (term.alt !== undefined) alts.push(term.alt);
  }
  return { terms: terms.join(' '), alt: alts.join(' '), length: terms.length };
}

/** Changes when anything stored for the article would change: its text, its file, or the analysis. */
export function articleFingerprint(article: Article, analysisVersion: string): string {
  const { title, date, source, url, sections, origin } = article;
  return createHash('sha1').update(analysisVersion).update(JSON.stringify({ title, date, source, url, sections, file: origin.file })).digest('hex').slice(0, 16);
}

const dayOf = (date: string | null): number => {
  const time = date ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(time) ? 0 : Math.floor(time / 86_400_000);
};

export function sectionDocuments(article: Article, gazetteer: Gazetteer, analysisVersion: string): SectionDocument[] {
  const articleId = safeArticleId(article.id);
  const hash = articleFingerprint(article, analysisVersion);
  const tags = tagArticle(
    gazetteer,
    article.sections.map((section) => [section.heading ?? '', ...section.paragraphs].join('\n')),
  );
  const title = analyzeForIndex(article.title);
  let paragraphNumber = 1;
  return article.sections.map((section, i) => {
    const text = section.paragraphs.join('\n\n');
    const body = analyzeForIndex(text);
    const heading = analyzeForIndex(section.heading ?? '');
    const sectionTags = tags.sections[i] ?? { regions: [], actors: [] };
    const firstParagraph = paragraphNumber;
    paragraphNumber += section.paragraphs.length;
    return {
      id: sectionDocumentId(article.id, section.n),
      articleId,
      n: section.n,
      anchor: sectionAnchor(section.n),
      firstParagraph,
      title: article.title,
      heading: section.heading,
      text,
      date: article.date,
      day: dayOf(article.date),
      source: article.source,
      url: article.url,
      regions: sectionTags.regions,
      actors: sectionTags.actors,
      title_terms: title.terms,
      heading_terms: heading.terms,
      text_terms: body.terms,
      alt_terms: [heading.alt, body.alt].filter(Boolean).join(' '),
      length: body.length + heading.length,
      hash,
      origin: article.origin.file,
    };
  });
}
