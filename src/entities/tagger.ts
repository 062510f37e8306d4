import type { Term } from '../arabic/index.ts';
import type { EntityType, Gazetteer } from './gazetteer.ts';
import { findAliases, type AliasMatch } from './matcher.ts';

export interface Mention {
  entityId: string;
  start: number;
  end: number;
}

export interface Tags {
  regions: string[];
  actors: string[];
}

export interface TextTags extends Tags {
  mentions: Mention[];
}

export interface ArticleTags extends Tags {
  sections: Tags[];
}

export interface QueryEntity {
  id: string;
  type: EntityType;
  start: number;
  end: number;
  surface: string;
}

const root = (gaz: Gazetteer, id: string): string => gaz.lineage.get(id)!.at(-1)!;

/**
 * How strongly the article supports each country (or parentless entity): one vote per firm
 * mention, that is one whose alias names a single entity and is not weak.
 */
function evidence(gaz: Gazetteer, matches: readonly AliasMatch[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const { alias } of matches) {
    if (alias.weak || alias.entityIds.length !== 1) continue;
    const top = root(gaz, alias.entityIds[0]!);
    votes.set(top, (votes.get(top) ?? 0) + 1);
  }
  return votes;
}

/**
 * The entity a match names: a firm alias names its entity; a shared alias (طرابلس: Libya's or
 * Lebanon's; البيضاء: Libya's or Yemen's) the candidate whose country the article supports most;
 * a weak alias its entity if the article supports it. Undefined when the evidence is missing or
 * tied: a name the article does not place is better untagged than filed under the wrong country
 * (docs/decisions.md#ambiguous-places).
 */
function resolve(gaz: Gazetteer, match: AliasMatch, votes: ReadonlyMap<string, number>): string | undefined {
  const { entityIds, weak } = match.alias;
  if (entityIds.length === 1 && !weak) return entityIds[0];
  let best: string | undefined;
  let bestVotes = 0;
  let tied = false;
  for (const id of entityIds) {
    const count = votes.get(root(gaz, id)) ?? 0;
    if (count > bestVotes) [best, bestVotes, tied] = [id, count, false];
    else if (count === bestVotes && count > 0) tied = true;
  }
  return tied ? undefined : best;
}

/** Mentioned entities with their parents (a city tags its country), split by type and sorted. */
function tagsOf(gaz: Gazetteer, entityIds: Iterable<string>): Tags {
  const ids = new Set<string>();
  for (const id of entityIds) for (const ancestor of gaz.lineage.get(id)!) ids.add(ancestor);
  const sorted = [...ids].sort();
  return {
    regions: sorted.filter((id) => gaz.entities.get(id)!.type === 'region'),
    actors: sorted.filter((id) => gaz.entities.get(id)!.type === 'actor'),
  };
}

function resolvedMentions(gaz: Gazetteer, matches: readonly AliasMatch[], votes: ReadonlyMap<string, number>): Mention[] {
  const mentions: Mention[] = [];
  for (const match of matches) {
    const entityId = resolve(gaz, match, votes);
    if (entityId !== undefined) mentions.push({ entityId, start: match.start, end: match.end });
  }
  return mentions;
}

/**
 * Tags one self-contained text; ambiguous and weak aliases are resolved within it. `terms` is
 * analyze(text) when the caller already has it: the analysis costs more than the tagging.
 */
export function tagText(gaz: Gazetteer, text: string, terms?: readonly Term[]): TextTags {
  const matches = findAliases(gaz, text, terms);
  const mentions = resolvedMentions(gaz, matches, evidence(gaz, matches));
  return {
    ...tagsOf(
      gaz,
      mentions.map((mention) => mention.entityId),
    ),
    mentions,
  };
}

/**
 * Tags each section of an article; ambiguous and weak aliases are resolved from the whole
 * article, and the article's tags are the union of its sections'. `analyses[i]` is
 * analyze(sections[i]) when the caller (the indexer) already has it.
 */
export function tagArticle(gaz: Gazetteer, sections: readonly string[], analyses?: readonly (readonly Term[])[]): ArticleTags {
  const matchesBySection = sections.map((text, i) => findAliases(gaz, text, analyses?.[i]));
  const votes = evidence(gaz, matchesBySection.flat());
  const idsBySection = matchesBySection.map((matches) => resolvedMentions(gaz, matches, votes).map((mention) => mention.entityId));
  return {
    sections: idsBySection.map((ids) => tagsOf(gaz, ids)),
    ...tagsOf(gaz, idsBySection.flat()),
  };
}

/**
 * Entities a search query names, in Arabic or Latin script. A query is too short to carry
 * evidence, so a shared alias the query itself does not settle yields every candidate and a weak
 * alias counts: the user typed the name on purpose.
 */
export function resolveQueryEntities(gaz: Gazetteer, query: string): QueryEntity[] {
  const matches = findAliases(gaz, query);
  const votes = evidence(gaz, matches);
  return matches.flatMap((match) => {
    const resolved = match.alias.entityIds.length > 1 ? resolve(gaz, match, votes) : undefined;
    return (resolved !== undefined ? [resolved] : match.alias.entityIds).map((id) => ({
      id,
      type: gaz.entities.get(id)!.type,
      start: match.start,
      end: match.end,
      surface: query.slice(match.start, match.end),
    }));
  });
}
