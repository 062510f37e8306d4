import { readFileSync } from 'node:fs';
import { analyze } from '../arabic/index.ts';
import { projectPath } from '../project-root.ts';
import { ALIAS_RULES, WEAK_ALIASES, type AliasRule } from './context-rules.ts';
import { DEFAULT_SPELLINGS_PATH, type NameSpellings, nameSpellings, readSpellingGroups } from './spellings.ts';
import { cueStems, wordReadings, type WordReading } from './words.ts';

export type EntityType = 'region' | 'actor';

/**
 * An entry of index-config/gazetteer.json. Regions are countries (ISO 3166-1 alpha-2 ids),
 * provinces, cities and wider regions; actors are people, armies and armed groups, state bodies,
 * parties, international organizations and news outlets (the seed article credits one as its
 * source; only distinctive outlet names are listed, never a newspaper called الوطن or اليوم).
 * Aliases include nisba adjectives (ليبي, الليبية, الليبيين) and are matched as whole words.
 */
export interface Entity {
  id: string;
  type: EntityType;
  name_ar: string;
  name_en: string;
  aliases_ar: string[];
  aliases_en: string[];
  /**
   * A city or province names its country, and a sub-national region (eastern-libya) too. A state
   * institution names its state, whose name it usually carries (المخابرات العامة المصرية tags
   * Egypt); people, armed groups, parties and outlets have none, since a person is not a place.
   * A wider region (gulf, sahel) has none and does not expand into its countries.
   */
  parent?: string;
}

/** One way of writing a name, as a sequence of word readings; several entities may share it. */
export interface Alias {
  words: readonly WordReading[];
  entityIds: string[];
  /** Counts only when the article also names the entity (or its country) firmly. */
  weak: boolean;
  /** Neighbouring words (their stems) that show the alias is used in another sense. */
  context?: AliasContext;
  /** What the alias names in quotation marks (see AliasRule.whenQuoted). */
  quoted?: Alias;
}

export interface AliasContext {
  notAfter: ReadonlySet<string>;
  notBefore: ReadonlySet<string>;
  notWithProclitic?: string;
  notAfterDefinite: boolean;
}

export interface Gazetteer {
  entities: ReadonlyMap<string, Entity>;
  /** Aliases by the stem of their first word, longest first, so the first match is the longest. */
  aliasesByFirstStem: ReadonlyMap<string, readonly Alias[]>;
  /** The first stems that start with ل, for words written ل + a name in ل (لليبيا). */
  lamInitialStems: readonly string[];
  /** The entity and its parents up the chain (benghazi → [benghazi, LY]). */
  lineage: ReadonlyMap<string, readonly string[]>;
  /** The spellings of the words of its names. */
  spellings: NameSpellings;
}

export class GazetteerError extends Error {
  override name = 'GazetteerError';
}

export const DEFAULT_GAZETTEER_PATH = projectPath('index-config/gazetteer.json');

// Countries use their ISO 3166-1 alpha-2 code, everything else kebab-case English.
const ID_FORMAT = /^(?:[A-Z]{2}|[a-z0-9]+(?:-[a-z0-9]+)*)$/;

const isString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function validateEntry(raw: unknown, index: number): Entity {
  const where = `gazetteer entry #${index}`;
  if (typeof raw !== 'object' || raw === null) throw new GazetteerError(`${where} is not an object`);
  const entry = raw as Record<string, unknown>;
  if (!isString(entry.id)) throw new GazetteerError(`${where} has no id`);
  const named = `${where} (${entry.id})`;
  if (!ID_FORMAT.test(entry.id)) {
    throw new GazetteerError(`${named}: id must be an ISO country code or kebab-case`);
  }
  if (entry.type !== 'region' && entry.type !== 'actor') {
    throw new GazetteerError(`${named}: type must be "region" or "actor"`);
  }
  for (const field of ['name_ar', 'name_en'] as const) {
    if (!isString(entry[field])) throw new GazetteerError(`${named}: missing ${field}`);
  }
  for (const field of ['aliases_ar', 'aliases_en'] as const) {
    if (!isStringList(entry[field])) throw new GazetteerError(`${named}: ${field} must be a list of strings`);
  }
  if (entry.parent !== undefined && !isString(entry.parent)) {
    throw new GazetteerError(`${named}: parent must be an id`);
  }
  return entry as unknown as Entity;
}

function lineageOf(entities: ReadonlyMap<string, Entity>, id: string): string[] {
  const chain = [id];
  for (let parent = entities.get(id)?.parent; parent !== undefined; parent = entities.get(parent)?.parent) {
    if (chain.includes(parent)) throw new GazetteerError(`gazetteer entry ${id}: parent chain loops`);
    chain.push(parent);
  }
  return chain;
}

const contextOf = (rule: AliasRule): AliasContext => ({
  notAfter: cueStems(rule.notAfter ?? []),
  notBefore: cueStems(rule.notBefore ?? []),
  ...(rule.notWithProclitic === undefined ? {} : { notWithProclitic: rule.notWithProclitic }),
  notAfterDefinite: rule.notAfterDefinite ?? false,
});

const aliasKey = (words: readonly WordReading[]): string => words.map((word) => `${word.definite ? 'ال' : ''}${word.base}`).join(' ');

// Aliases are written in their dictionary form, so each word's stem reading is the one to index.
const aliasWords = (text: string): WordReading[] => analyze(text).map((term) => wordReadings(term, undefined)[0]!);

function buildAliases(entities: ReadonlyMap<string, Entity>, spellings: NameSpellings): Map<string, Alias[]> {
  const byKey = new Map<string, Alias>();
  const aliasOf = (text: string): Alias | undefined => byKey.get(aliasKey(aliasWords(text)));
  const add = (entity: Entity, words: WordReading[]) => {
    const key = aliasKey(words);
    const alias = byKey.get(key) ?? { words, entityIds: [], weak: false };
    if (!alias.entityIds.includes(entity.id)) alias.entityIds.push(entity.id);
    byKey.set(key, alias);
  };
  for (const entity of entities.values()) {
    for (const text of [entity.name_ar, ...entity.aliases_ar, entity.name_en, ...entity.aliases_en]) {
      const words = aliasWords(text);
      if (words.length === 0) throw new GazetteerError(`gazetteer entry ${entity.id}: alias "${text}" has no words`);
      add(entity, words);
    }
  }
  // Names written with their words' other spellings, where no name of the gazetteer is written so already.
  const listed = new Set(byKey.keys());
  const spelt = (text: string): Alias[] => spellings.variantsOf(text).flatMap((variant) => (listed.has(aliasKey(aliasWords(variant))) ? [] : (aliasOf(variant) ?? [])));
  for (const entity of entities.values()) {
    for (const text of [entity.name_ar, ...entity.aliases_ar]) {
      for (const variant of spellings.variantsOf(text)) if (!listed.has(aliasKey(aliasWords(variant)))) add(entity, aliasWords(variant));
    }
  }
  // Rules name aliases by their text: one that matches nothing is a typo or a stale rule. They hold for the text's other spellings too.
  for (const text of WEAK_ALIASES) {
    const alias = aliasOf(text);
    if (!alias) throw new GazetteerError(`weak alias "${text}" is not in the gazetteer`);
    for (const each of [alias, ...spelt(text)]) each.weak = true;
  }
  for (const rule of ALIAS_RULES) {
    for (const text of rule.aliases) {
      const alias = aliasOf(text);
      if (!alias) throw new GazetteerError(`context rule alias "${text}" is not in the gazetteer`);
      for (const each of [alias, ...spelt(text)]) {
        each.context = contextOf(rule);
        if (rule.whenQuoted !== undefined) {
          if (!entities.has(rule.whenQuoted)) throw new GazetteerError(`context rule for "${text}": unknown entity ${rule.whenQuoted}`);
          each.quoted = { ...each, entityIds: [rule.whenQuoted], weak: false };
        }
      }
    }
  }
  const byFirstStem = new Map<string, Alias[]>();
  for (const alias of byKey.values()) {
    const first = alias.words[0]!.stem;
    byFirstStem.set(first, [...(byFirstStem.get(first) ?? []), alias]);
  }
  for (const aliases of byFirstStem.values()) aliases.sort((a, b) => b.words.length - a.words.length);
  return byFirstStem;
}

/** Reads, validates and indexes the gazetteer; errors name the offending entry. */
export function loadGazetteer(path: string = DEFAULT_GAZETTEER_PATH, spellingsPath: string = DEFAULT_SPELLINGS_PATH): Gazetteer {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GazetteerError(`cannot read gazetteer ${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new GazetteerError(`gazetteer ${path} must be a JSON array`);
  const entities = new Map<string, Entity>();
  raw.forEach((item, index) => {
    const entity = validateEntry(item, index);
    if (entities.has(entity.id)) throw new GazetteerError(`gazetteer entry #${index}: duplicate id ${entity.id}`);
    entities.set(entity.id, entity);
  });
  for (const entity of entities.values()) {
    if (entity.parent !== undefined && !entities.has(entity.parent)) {
      throw new GazetteerError(`gazetteer entry ${entity.id}: unknown parent ${entity.parent}`);
    }
  }
  const lineage = new Map([...entities.keys()].map((id) => [id, lineageOf(entities, id)] as const));
  const spellings = nameSpellings(
    [...entities.values()].map((entity) => [entity.name_ar, ...entity.aliases_ar]),
    readSpellingGroups(spellingsPath),
  );
  const aliasesByFirstStem = buildAliases(entities, spellings);
  const lamInitialStems = [...aliasesByFirstStem.keys()].filter((stem) => stem.startsWith('ل'));
  return { entities, aliasesByFirstStem, lamInitialStems, lineage, spellings };
}
