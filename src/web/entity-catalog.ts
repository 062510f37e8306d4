import type { EntityName } from '../../views/results.tsx';
import { resolveQueryEntities, tagText, type Gazetteer } from '../entities/index.ts';
import type { EntityCatalog, FacetName } from '../search/search.ts';

const LATIN = /\p{Script=Latin}/u;
const FACET_OF = { region: 'region', actor: 'actor' } as const;

/** The gazetteer as the search and the pages use it: ids that exist, names, and Latin-script mentions. */
export function createEntityCatalog(gazetteer: Gazetteer): EntityCatalog & { name: (id: string) => EntityName | undefined } {
  // Two places with one name (طرابلس in Libya and in Lebanon) are told apart by their parent.
  const seen = new Map<string, number>();
  for (const entity of gazetteer.entities.values()) seen.set(entity.name_ar, (seen.get(entity.name_ar) ?? 0) + 1);
  const displayName = (id: string): string | undefined => {
    const entity = gazetteer.entities.get(id);
    if (!entity) return undefined;
    const parent = entity.parent ? gazetteer.entities.get(entity.parent) : undefined;
    return (seen.get(entity.name_ar) ?? 0) > 1 && parent ? `${entity.name_ar} (${parent.name_ar})` : entity.name_ar;
  };
  return {
    exists: (id, facet) => gazetteer.entities.get(id)?.type === FACET_OF[facet],
    // Arabic names are found by the text search itself; a Latin name has no Arabic text to match.
    latinMentions: (query) =>
      resolveQueryEntities(gazetteer, query)
        .filter((mention) => LATIN.test(mention.surface))
        .map((mention) => ({ id: mention.id, facet: mention.type as FacetName, surface: mention.surface })),
    mentionSpans: (text, ids) => tagText(gazetteer, text).mentions.filter((mention) => ids.includes(mention.entityId)),
    name: (id) => {
      const entity = gazetteer.entities.get(id);
      return entity ? { id, name_ar: displayName(id) ?? entity.name_ar, name_en: entity.name_en } : undefined;
    },
  };
}
