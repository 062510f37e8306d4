import type { Section } from './article.ts';

/** Sections of an article without headings hold consecutive paragraphs up to about this size. */
const SECTION_TARGET_WORDS = 120;

const wordCount = (text: string): number => text.split(/\s+/u).filter(Boolean).length;

/**
 * Splits paragraphs without headings into sections of consecutive paragraphs: small enough that a
 * result lands near the words it matched, large enough to read as a passage.
 */
export function sectionsFromParagraphs(paragraphs: string[], firstNumber = 1): Section[] {
  const sections: Section[] = [];
  let current: string[] = [];
  let words = 0;
  for (const paragraph of paragraphs) {
    current.push(paragraph);
    words += wordCount(paragraph);
    if (words >= SECTION_TARGET_WORDS) {
      sections.push({ n: firstNumber + sections.length, heading: null, paragraphs: current });
      current = [];
      words = 0;
    }
  }
  if (current.length > 0) {
    // A short tail joins the previous section rather than standing alone.
    const last = sections.at(-1);
    if (last && words < SECTION_TARGET_WORDS / 3) last.paragraphs.push(...current);
    else sections.push({ n: firstNumber + sections.length, heading: null, paragraphs: current });
  }
  return sections;
}

/** Paragraphs of a text body: blocks separated by blank lines, inner whitespace collapsed. */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\n[^\S\n]*\n/u)
    .map((block) => block.replace(/\s+/gu, ' ').trim())
    .filter((block) => block.length > 0);
}
