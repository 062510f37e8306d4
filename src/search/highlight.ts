import { isStopWord, stemWord } from '../arabic/index.ts';
import { forEachWord } from '../arabic/tokenize.ts';
import { escapeHtml } from './escape-html.ts';

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
  forEachWord(text, (start, end, _surface, norm) => {
    words.push({ start, end });
    if (!needles.some((needle) => norm.includes(needle)) || isStopWord(norm)) return;
    const { stem, alt } = stemWord(norm);
    if (spec.exact.has(stem) || (alt !== undefined && spec.exact.has(alt)) || (prefix !== null && stem.startsWith(prefix))) matches.push({ start, end });
  });
  for (const span of spec.spans ?? []) matches.push({ start: span.start, end: span.end });
  matches.sort((a, b) => a.start - b.start);
  return { words, matches };
}

/**
 * Escaped text of [from, to) with the spans in it wrapped in `<mark>`. Spans are clipped to the
 * range and merged when they overlap or only spaces separate them; the text between marks is
 * written exactly once, so removing the marks gives the escaped source.
 */
export function markRange(text: string, spans: readonly Span[], from = 0, to = text.length): string {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (end <= start) continue;
    const last = merged.at(-1);
    if (last && (start <= last.end || /^\s+$/u.test(text.slice(last.end, start)))) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  let html = '';
  let cursor = from;
  for (const { start, end } of merged) {
    html += `${escapeHtml(text.slice(cursor, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    cursor = end;
  }
  return html + escapeHtml(text.slice(cursor, to));
}

/** The whole text, escaped and marked: the article page. */
export function highlight(text: string, spec: MatchSpec): string {
  return markRange(text, matchWords(text, spec).matches);
}

export interface Snippet {
  html: string;
  matches: number;
}

/**
 * A window of about `words` words around the densest run of matches, cut at word boundaries,
 * with an ellipsis where text was left out; the start of the text when nothing matched.
 */
export function snippet(text: string, spec: MatchSpec, words = 36): Snippet {
  const { words: terms, matches: spans } = matchWords(text, spec);
  if (terms.length <= words) return { html: markRange(text, spans), matches: spans.length };

  const matchStarts = new Set(spans.map((span) => span.start));
  const matchIndex = terms.map((term) => (matchStarts.has(term.start) ? 1 : 0));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < terms.length; i++) {
    count += matchIndex[i] ?? 0;
    if (i >= words) count -= matchIndex[i - words] ?? 0;
    const start = Math.max(0, i - words + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Some words of context before the first match read better than starting on it.
  const firstMatch = matchIndex.indexOf(1, best);
  if (firstMatch >= 0 && firstMatch - best < 4) best = Math.max(0, firstMatch - 4);
  const last = Math.min(terms.length - 1, best + words - 1);
  const from = best === 0 ? 0 : (terms[best]?.start ?? 0);
  const to = last === terms.length - 1 ? text.length : (terms[last]?.end ?? text.length);
  const html = markRange(text, spans, from, to).trim();
  return { html: `${from > 0 ? '… ' : ''}${html}${to < text.length ? ' …' : ''}`, matches: spans.length };
}
