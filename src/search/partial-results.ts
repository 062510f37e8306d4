import type { ArchiveReader } from '../engine/archive-reader.ts';

type Reader = Pick<ArchiveReader, 'search' | 'fetch'>;

/**
 * A reader for one request that notes the nodes of a sharded archive missing from any answer it got:
 * the results are then partial, and the search says so.
 */
export function noticingMissing(reader: Reader): { reader: Reader; missing: Set<string> } {
  const missing = new Set<string>();
  return {
    missing,
    reader: {
      fetch: (ids, fields) => reader.fetch(ids, fields),
      async search<T>(asks: Parameters<Reader['search']>[0]) {
        const answers = await reader.search<T>(asks);
        for (const answer of answers) for (const node of answer.missing ?? []) missing.add(node);
        return answers;
      },
    },
  };
}
