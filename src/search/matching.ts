import { isStopWord, stemWord } from '../arabic/index.ts';
import { forEachWord } from '../arabic/tokenize.ts';

/** What counts as a match: analyzed forms, a prefix being typed, and spans already known (entity mentions). */
export interface MatchSpec {
  exact: ReadonlySet<string>;
  prefix: string | null;
  spans?: readonly { start: number; end: number }[];
}

export interface Span {
  start: number;
  end: number;
}

/**
 * The words of a text and the ones whose analysis matches the query: whole words, clitics and
 * diacritics included, so a mark never splits joined Arabic letters; stop words never match.
 * A light stem (and its alternative) is always part of its word's normalized form, so only words
 * that contain one of the query's forms are stemmed: most of a section's words are never stemmed.
 */
export function matchWords(text: string, spec: MatchSpec): { words: Span[]; matches: Span[] } {
  const prefix = spec.prefix === '' ? null : spec.prefix;
  const needles = prefix === null ? [...spec.exact] : [...spec.exact, prefix];
  const words: Span[] = [];
  const matches: Span[] = [];
  forEachWord(text, (start, end, surface, norm) => {
    words.push({ start, end });
    if (!needles.some((needle) => norm.includes(needle)) || isStopWord(norm, surface)) return;
    const { stem, alt } = stemWord(norm);
    if (spec.exact.has(stem) || (alt !== undefined && spec.exact.has(alt)) || (prefix !== null && stem.startsWith(prefix))) matches.push({ start, end });
  });
  for (const span of spec.spans ?? []) matches.push({ start: span.start, end: span.end });
  matches.sort((a, b) => a.start - b.start);
  return { words, matches };
}

/** A window of a text around its matches: the spans are offsets into `text`, which is the window alone. */
export interface SnippetWindow {
  text: string;
  spans: Span[];
  /** Text was left out before or after the window. */
  cutBefore: boolean;
  cutAfter: boolean;
}

/**
 * A window of about `size` words around the densest run of matches, cut at word boundaries; the
 * start of the text when nothing matched.
 */
export function snippetWindow(text: string, spec: MatchSpec, size = 36): SnippetWindow {
  const { words, matches } = matchWords(text, spec);
  if (words.length <= size) return { text, spans: matches, cutBefore: false, cutAfter: false };
  const best = densestRun(words, matches, size);
  const last = Math.min(words.length - 1, best + size - 1);
  let from = best === 0 ? 0 : (words[best]?.start ?? 0);
  let to = last === words.length - 1 ? text.length : (words[last]?.end ?? text.length);
  // A match the window's edge would cut (a name of several words) is kept whole.
  for (const span of matches) {
    if (span.start < from && span.end > from) from = span.start;
    if (span.start < to && span.end > to) to = span.end;
  }
  const spans = matches.filter((span) => span.end > from && span.start < to).map((span) => ({ start: span.start - from, end: span.end - from }));
  return { text: text.slice(from, to), spans, cutBefore: from > 0, cutAfter: to < text.length };
}

/** Index of the first word of the `size`-word window holding the most matches, with a few words of context before the first. */
function densestRun(words: readonly Span[], matches: readonly Span[], size: number): number {
  const matchStarts = new Set(matches.map((span) => span.start));
  const isMatch = words.map((word) => (matchStarts.has(word.start) ? 1 : 0));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    count += isMatch[i] ?? 0;
    if (i >= size) count -= isMatch[i - size] ?? 0;
    if (count > bestCount) {
      bestCount = count;
      best = Math.max(0, i - size + 1);
    }
  }
  // Some words of context before the first match read better than starting on it.
  const firstMatch = isMatch.indexOf(1, best);
  return firstMatch >= 0 && firstMatch - best < 4 ? Math.max(0, firstMatch - 4) : best;
}
