/** Anchor of a section within its article page. */
export const sectionAnchor = (n: number): string => `s-${n}`;

/** Anchor of paragraph `p` (1-based, counted over the whole article). */
export const paragraphAnchor = (p: number): string => `p-${p}`;

/** The article page, optionally carrying a query (its words get marked) and landing on a section. */
export function articleUrl(articleId: string, options: { q?: string; section?: number } = {}): string {
  const q = options.q?.trim() ?? '';
  const query = q === '' ? '' : `?q=${encodeURIComponent(q)}`;
  const anchor = options.section === undefined ? '' : `#${sectionAnchor(options.section)}`;
  return `/articles/${encodeURIComponent(articleId)}${query}${anchor}`;
}
