import { escapeHtml } from '../web/marking.ts';

/** One way marked HTML misrepresents its source. */
export interface HighlightViolation {
  where: string;
  problem: 'text changed' | 'fragment marked';
  detail: string;
}

const MARK = /<\/?mark>/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const ELLIPSIS_BEFORE = '… ';
const ELLIPSIS_AFTER = ' …';

/**
 * Checks marked HTML against the text it was made from: without its marks it is the escaped source
 * (or, for a snippet, a part of it between ellipses), and every mark covers whole words.
 */
export function checkMarked(html: string, source: string, where: string, snippet = false): HighlightViolation[] {
  const violations: HighlightViolation[] = [];
  // A snippet's ellipses are not part of the source: only the window between them is.
  const body = snippet && html.startsWith(ELLIPSIS_BEFORE) ? html.slice(ELLIPSIS_BEFORE.length) : html;
  const window = body.replace(MARK, '');
  const plain = snippet && window.endsWith(ELLIPSIS_AFTER) ? window.slice(0, -ELLIPSIS_AFTER.length) : window;
  const escaped = escapeHtml(source);
  const offset = snippet ? escaped.indexOf(plain) : plain === escaped ? 0 : -1;
  if (offset < 0) return [{ where, problem: 'text changed', detail: plain.slice(0, 120) }];
  // Mark boundaries, as offsets into the escaped source.
  let position = offset;
  for (const part of body.split(/(<\/?mark>)/u)) {
    if (part === '<mark>' || part === '</mark>') {
      const before = escaped[position - 1] ?? '';
      const after = escaped[position] ?? '';
      // A mark that starts or ends between two letters splits a word.
      if (WORD_CHAR.test(before) && WORD_CHAR.test(after)) violations.push({ where, problem: 'fragment marked', detail: escaped.slice(Math.max(0, position - 20), position + 20) });
    } else {
      position += part.length;
    }
  }
  return violations;
}
