import type { Article, Section } from './article.ts';
import { sectionsFromParagraphs } from './sections.ts';

const URL_LINE = /^https?:\/\/\S+$/u;
/** Sentence or clause punctuation at the end of a line marks a paragraph, not a heading. */
const END_PUNCTUATION = /[.!?؟:;،؛…"”»)\]]$/u;
const HEADING_MAX_WORDS = 10;
const TITLE_MAX_WORDS = 14;

const isHeadingLine = (line: string): boolean => !END_PUNCTUATION.test(line) && !URL_LINE.test(line) && line.split(/\s+/u).length <= HEADING_MAX_WORDS;

/**
 * An article in the seed's shape: lead paragraphs, short heading lines without end punctuation
 * each followed by paragraphs, and the source URL alone on the last line. A heading-like first
 * line is the title; otherwise the title is the start of the lead.
 */
export function parsePlainText(text: string, id: string, file: string): Article {
  const lines = text
    .split(/\r?\n/u)
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter(Boolean);
  let url: string | null = null;
  if (lines.length > 0 && URL_LINE.test(lines.at(-1) ?? '')) url = lines.pop() ?? null;

  let title: string | null = null;
  if (lines.length > 1 && isHeadingLine(lines[0] ?? '') && !isHeadingLine(lines[1] ?? '')) title = lines.shift() ?? null;

  const sections: Section[] = [];
  let heading: string | null = null;
  let paragraphs: string[] = [];
  const close = () => {
    if (paragraphs.length > 0 || heading !== null) sections.push({ n: sections.length + 1, heading, paragraphs });
  };
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (i > 0 && next !== undefined && isHeadingLine(line) && !isHeadingLine(next)) {
      close();
      heading = line;
      paragraphs = [];
    } else {
      paragraphs.push(line);
    }
  });
  close();

  const hasHeadings = sections.some((section) => section.heading !== null);
  const finalSections = hasHeadings ? sections : sectionsFromParagraphs(sections.flatMap((s) => s.paragraphs));
  return {
    id,
    title: title ?? titleFromLead(finalSections[0]?.paragraphs[0] ?? id),
    date: null,
    source: null,
    url,
    sections: finalSections,
    origin: { file, line: 1 },
  };
}

/** The lead's first clause, cut to a readable length at a word boundary. */
export function titleFromLead(lead: string): string {
  const clause = lead.split(/[.!?؟،,]/u)[0]?.trim() || lead;
  const words = clause.split(/\s+/u);
  return words.length <= TITLE_MAX_WORDS ? clause : `${words.slice(0, TITLE_MAX_WORDS).join(' ')}…`;
}
