import { analyze } from '../arabic/index.ts';
import type { EntityFacet } from '../archive-index/index.ts';
import type { Entity, Gazetteer } from './gazetteer.ts';
import { resolveQueryEntities, tagText } from './tagger.ts';

const LATIN = /\p{Script=Latin}/u;

/** A word of a query that names an entity, and every spelling of that word. */
export interface NamedSpelling {
  /** The word as typed. */
  surface: string;
  entityId: string;
  /** Its spellings, the typed one among them, in a fixed order. */
  spellings: readonly string[];
}

export interface EntityName {
  id: string;
  name_ar: string;
  name_en: string;
}

/** The gazetteer as the search and the pages use it. */
export interface EntityCatalog {
  exists(id: string, facet: EntityFacet): boolean;
  /** Entities named in Latin script (`Haftar`, `Libya`): searched as tags, since the text is Arabic. */
  latinMentions(query: string): { id: string; facet: EntityFacet; surface: string }[];
  /** The words of an Arabic-script query that name an entity and have other spellings. */
  spellings(query: string): NamedSpelling[];
  /** Where a text mentions the given entities, to mark them when they were searched as tags. */
  mentionSpans(text: string, ids: readonly string[]): { start: number; end: number }[];
  /** Display name; two places with one name (طرابلس in Libya and in Lebanon) carry their parent's. */
  name(id: string): EntityName | undefined;
  entity(id: string): Entity | undefined;
}

export function createEntityCatalog(gazetteer: Gazetteer): EntityCatalog {
  const seen = new Map<string, number>();
  for (const entity of gazetteer.entities.values()) seen.set(entity.name_ar, (seen.get(entity.name_ar) ?? 0) + 1);
  const displayName = (entity: Entity): string => {
    const parent = entity.parent ? gazetteer.entities.get(entity.parent) : undefined;
    return (seen.get(entity.name_ar) ?? 0) > 1 && parent ? `${entity.name_ar} (${parent.name_ar})` : entity.name_ar;
  };
  return {
    exists: (id, facet) => gazetteer.entities.get(id)?.type === facet,
    // Arabic names are found by the text search itself; a Latin name has no Arabic text to match.
    latinMentions: (query) =>
      resolveQueryEntities(gazetteer, query)
        .filter((mention) => LATIN.test(mention.surface))
        .map((mention) => ({ id: mention.id, facet: mention.type, surface: mention.surface })),
    spellings: (query) =>
      resolveQueryEntities(gazetteer, query)
        .filter((mention) => !LATIN.test(mention.surface))
        .flatMap((mention) =>
          analyze(mention.surface).flatMap((term) => {
            const spellings = gazetteer.spellings.of(term.plain) ?? (term.altPlain === undefined ? undefined : gazetteer.spellings.of(term.altPlain));
            return spellings ? [{ surface: term.surface, entityId: mention.id, spellings }] : [];
          }),
        ),
    mentionSpans: (text, ids) => tagText(gazetteer, text).mentions.filter((mention) => ids.includes(mention.entityId)),
    name: (id) => {
      const entity = gazetteer.entities.get(id);
      return entity ? { id, name_ar: displayName(entity), name_en: entity.name_en } : undefined;
    },
    entity: (id) => gazetteer.entities.get(id),
  };
}
