import type { Meilisearch } from 'meilisearch';
import { statsIndexName } from '../archive-index/index.ts';

/** What the web app may do: search, read an article's sections, see when statistics changed. Nothing that writes. */
export const READ_ACTIONS = ['search', 'documents.get', 'indexes.get'];

const keyName = (index: string) => `archive-read-${index}`;

/**
 * The key the web app searches with, created once with the admin key and found again by name
 * afterwards, so the master key stays with the indexer and never reaches a page or a log.
 */
export async function ensureReadKey(admin: Meilisearch, index: string): Promise<string> {
  const indexes = [index, statsIndexName(index)];
  const existing = (await admin.getKeys({ limit: 1000 })).results.find(
    (key) => key.name === keyName(index) && key.expiresAt === null && READ_ACTIONS.every((action) => key.actions.includes(action)) && key.actions.length === READ_ACTIONS.length,
  );
  if (existing) return existing.key;
  const created = await admin.createKey({
    name: keyName(index),
    description: 'Read-only key of the archive search site',
    actions: READ_ACTIONS,
    indexes,
    expiresAt: null,
  });
  return created.key;
}
