/** A value quoted for a Meilisearch filter: backslashes and double quotes escaped, so input cannot end the string. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/gu, (char) => `\\${char}`)}"`;
}

/** `attribute IN ["a", "b"]`, or null for no values. */
export function anyOf(attribute: 'regions' | 'actors' | 'source' | 'articleId', values: readonly string[]): string | null {
  return values.length === 0 ? null : `${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

/** Clauses joined with AND; null when there are none. */
export function allOf(clauses: readonly (string | null)[]): string | null {
  const present = clauses.filter((clause): clause is string => clause !== null);
  return present.length === 0 ? null : present.map((clause) => `(${clause})`).join(' AND ');
}
