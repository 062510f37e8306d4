import { createHash } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/u;

/** True for an id the engine accepts and URLs carry as it is; `__` is kept for section ids. */
export const isSafeArticleId = (id: string): boolean => SAFE_ID.test(id) && !id.includes('__');

/**
 * Meilisearch ids allow only `a-z A-Z 0-9 - _` (at most 511 bytes). Ids already in that form are
 * kept, so URLs stay readable; any other id maps to a stable hash of itself.
 */
export function safeArticleId(id: string): string {
  if (isSafeArticleId(id)) return id;
  return `h${createHash('sha1').update(id, 'utf8').digest('hex').slice(0, 20)}`;
}

/** `__` never occurs in a safe article id, so the section number can always be split back off. */
export function sectionDocumentId(articleId: string, n: number): string {
  return `${safeArticleId(articleId)}__${n}`;
}
