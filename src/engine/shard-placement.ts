import { createHash } from 'node:crypto';

/**
 * The node that holds an article, all its sections together: the node whose hash with the article
 * id is highest (rendezvous hashing, as Meilisearch's own sharding places a document). It depends
 * only on the id and the node names, and a node added to the network takes about 1/N of the
 * articles while the others stay where they are (docs/decisions.md#sharded-placement).
 */
export function nodeOfArticle(articleId: string, nodes: readonly string[]): string {
  let best = nodes[0] ?? '';
  let bestWeight = -1;
  for (const node of nodes) {
    const weight = createHash('sha1').update(node).update('\u0000').update(articleId).digest().readUIntBE(0, 6);
    if (weight > bestWeight || (weight === bestWeight && node < best)) {
      best = node;
      bestWeight = weight;
    }
  }
  return best;
}
