/** Where a rebuild fills a fresh index before it is swapped in. */
export const nextIndexName = (index: string): string => `${index}-next`;

/** The index holding an index's term statistics. */
export const statsIndexName = (index: string): string => `${index}-stats`;

/** Every index an archive index `index` may own: itself, its rebuild, and their statistics. */
export const ownedIndexNames = (index: string): string[] => [index, statsIndexName(index), nextIndexName(index), statsIndexName(nextIndexName(index))];
