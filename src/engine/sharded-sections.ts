import type { SectionDocument } from '../archive-index/index.ts';
import { allTasks } from './client.ts';
import type { SectionIndex } from './index-store.ts';

/**
 * The index of sections `uid` over the nodes of a sharded archive. Sections go to the node of their
 * article; deletions go to every node, so a section is found wherever an earlier placement left it
 * (a node added to the network moves articles at their next change, or at a rebuild).
 */
export function shardedSections(uid: string, shards: readonly SectionIndex[], names: readonly string[], engineOf: (articleId: string) => string): SectionIndex {
  const byName = new Map(shards.map((shard, i) => [names[i] ?? '', shard]));
  return {
    uid,
    async *fingerprintPages() {
      for (const shard of shards) yield* shard.fingerprintPages();
    },
    async countTermStats() {
      const counted = await Promise.all(shards.map((shard) => shard.countTermStats()));
      return new Map(counted.flatMap((stats) => [...stats]));
    },
    addSections(sections) {
      const groups = new Map<SectionIndex, SectionDocument[]>();
      for (const section of sections) {
        const shard = byName.get(engineOf(section.articleId));
        if (!shard) throw new Error(`no node "${engineOf(section.articleId)}" in the network`);
        const group = groups.get(shard);
        if (group) group.push(section);
        else groups.set(shard, [section]);
      }
      return allTasks([...groups].map(([shard, group]) => shard.addSections(group)));
    },
    deleteSections: (ids) => allTasks(shards.map((shard) => shard.deleteSections(ids))),
    countSections: async () => (await Promise.all(shards.map((shard) => shard.countSections()))).reduce((sum, count) => sum + count, 0),
    async *articleSections(articleIds) {
      for (const shard of shards) yield* shard.articleSections(articleIds);
    },
    holdsSettings: async (settings) => (await Promise.all(shards.map((shard) => shard.holdsSettings(settings)))).every(Boolean),
  };
}
