import type { SnippetWindow, Span } from '../search/matching.ts';
import { escapeHtml } from '../../views/escape-html.ts';

/** The escaping the marks are written with, for checks that compare marked HTML with its source. */
export { escapeHtml };

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

/** A snippet as escaped HTML, matches marked, an ellipsis where text was left out. */
export function snippetHtml(window: SnippetWindow): string {
  const html = markRange(window.text, window.spans).trim();
  return `${window.cutBefore ? '… ' : ''}${html}${window.cutAfter ? ' …' : ''}`;
}

/** A snippet as plain text, for feeds and exports: one line without control characters, an ellipsis where text was left out. */
export function plainSnippet(window: SnippetWindow): string {
  const text = window.text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  return `${window.cutBefore ? '… ' : ''}${text}${window.cutAfter ? ' …' : ''}`;
}
