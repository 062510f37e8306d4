import { createHash } from 'node:crypto';
import { analyze, type Term } from '../arabic/index.ts';
import type { Article } from '../articles/article.ts';
import { dayOf, monthOfDay, safeArticleId, sectionAnchor, sectionDocumentId, PARAGRAPH_BREAK, type SectionDocument } from '../archive-index/index.ts';
import type { Gazetteer } from '../entities/index.ts';
import { tagArticle } from '../entities/index.ts';

export interface AnalyzedText {
  terms: string;
  alt: string;
  /** The plain form of each stem of `terms` and `alt`, word for word. */
  plain: string;
  altPlain: string;
  length: number;
}

/** Longer "words" are URLs, base64 or junk: nobody searches them, and they bloat the engine's index. */
const MAX_TERM_LENGTH = 40;

/** The analyzed fields of some terms: stems of the words that are not stop words, their alternatives, and the plain forms of both. */
export function indexFields(terms: readonly Term[]): AnalyzedText {
  const stems: string[] = [];
  const alts: string[] = [];
  const plains: string[] = [];
  const altPlains: string[] = [];
  for (const term of terms) {
    if (term.stop || term.stem.length > MAX_TERM_LENGTH) continue;
    stems.push(term.stem);
    plains.push(term.plain);
    if (term.alt !== undefined) {
      alts.push(term.alt);
      altPlains.push(term.altPlain ?? term.alt);
    }
  }
  return { terms: stems.join(' '), alt: alts.join(' '), plain: plains.join(' '), altPlain: altPlains.join(' '), length: stems.length };
}

export function articleFingerprint(article: Article, analysisVersion: string): string {
  const { title, date, source, url, sections, origin } = article;
  return createHash('sha1')
    .update(analysisVersion)
    .update(JSON.stringify({ title, date, source, url, sections, file: origin.file }))
    .digest('hex')
    .slice(0, 16);
}

export function sectionDocuments(article: Article, gazetteer: Gazetteer, analysisVersion: string): SectionDocument[] {
  const articleId = safeArticleId(article.id);
  const hash = articleFingerprint(article, analysisVersion);
  // Each section is analyzed once, heading and text together, and the tagger reuses that analysis.
  const texts = article.sections.map((section) => ({ heading: section.heading ?? '', text: section.paragraphs.join(PARAGRAPH_BREAK) }));
  const analyses = texts.map(({ heading, text }) => analyze(`${heading}\n${text}`));
  const tags = tagArticle(
    gazetteer,
    texts.map(({ heading, text }) => `${heading}\n${text}`),
    analyses,
  );
  const title = indexFields(analyze(article.title));
  let paragraphNumber = 1;
  return article.sections.map((section, i) => {
    const { heading, text } = texts[i] ?? { heading: '', text: '' };
    const terms = analyses[i] ?? [];
    const headingFields = indexFields(terms.filter((term) => term.start < heading.length));
    const body = indexFields(terms.filter((term) => term.start > heading.length));
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
      ...(dayOf(article.date) > 0 ? { day: dayOf(article.date), month: monthOfDay(dayOf(article.date)) } : {}),
      source: article.source,
      url: article.url,
      regions: sectionTags.regions,
      actors: sectionTags.actors,
      title_terms: title.terms,
      heading_terms: headingFields.terms,
      text_terms: body.terms,
      alt_terms: [headingFields.alt, body.alt].filter(Boolean).join(' '),
      title_plain: title.plain,
      heading_plain: headingFields.plain,
      text_plain: body.plain,
      alt_plain: [headingFields.altPlain, body.altPlain].filter(Boolean).join(' '),
      length: body.length + headingFields.length,
      hash,
      origin: article.origin.file,
    };
  });
}
