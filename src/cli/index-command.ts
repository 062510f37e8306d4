/**
 * Node flags of the index command (also in package.json's "index" script). Its live data is small
 * and streamed, but V8 let the heap grow with the garbage of each batch: --optimize-for-size keeps
 * its peak RSS much lower in the same time. The server does not take it: there it cut RSS after load
 * but cost throughput (docs/decisions.md#indexer-optimize-for-size); it bounds its heap's growth
 * instead (start.ts).
 */
export const INDEXER_NODE_FLAGS: readonly string[] = ['--optimize-for-size'];

/** Exit code of the index command when --no-wait found another run writing the index (EX_TEMPFAIL: try again later). */
export const INDEX_BUSY_EXIT = 75;
