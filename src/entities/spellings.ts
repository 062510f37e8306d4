import { readFileSync } from 'node:fs';
import { analyze, type Term } from '../arabic/index.ts';
import { projectPath } from '../project-root.ts';
import { spellingRule } from './spelling-variants.ts';

/**
 * The spellings of the words of the gazetteer's names: the groups of index-config/name-variants.json
 * (checked against the news corpus, or listed by hand) joined with the words of one entity's own
 * names that one transliteration rule makes spellings of each other (نتنياهو and نتانياهو, both
 * listed for Netanyahu). See docs/decisions.md#name-variants.
 */
export interface NameSpellings {
  /** Every spelling of a word (by its plain form), as written, in a fixed order; undefined when it has no other. */
  of(plain: string): readonly string[] | undefined;
  /** A name written with each other spelling of its words (the name itself left out), in normalized form. */
  variantsOf(name: string): string[];
}

export const DEFAULT_SPELLINGS_PATH = projectPath('index-config/name-variants.json');

/** A name with many words of many spellings would multiply: the first ones are enough. */
const MAX_VARIANTS_PER_NAME = 32;

export class SpellingsError extends Error {
  override name = 'SpellingsError';
}

/** The listed groups of spellings, as written. */
export function readSpellingGroups(path: string = DEFAULT_SPELLINGS_PATH): string[][] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SpellingsError(`cannot read name spellings ${path}: ${(error as Error).message}`);
  }
  const groups = (raw as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(groups)) throw new SpellingsError(`name spellings ${path} must hold a "groups" list`);
  return groups.map((group: unknown, i) => {
    const spellings = (group as { spellings?: unknown } | null)?.spellings;
    if (!Array.isArray(spellings) || spellings.length < 2 || !spellings.every((word) => typeof word === 'string' && plainOf(word) !== undefined)) {
      throw new SpellingsError(`name spellings ${path}: group #${i} must list two or more single words`);
    }
    return spellings as string[];
  });
}

/** The plain form (clitics off, suffixes kept) of a single word, or undefined. */
function plainOf(word: string): string | undefined {
  const terms = analyze(word);
  return terms.length === 1 ? terms[0]?.plain : undefined;
}

/** The word as written without its proclitics, when that can be cut from its surface. */
const writtenPlain = (term: Term): string => (term.surface.length === term.norm.length && term.norm.endsWith(term.plain) ? term.surface.slice(term.norm.length - term.plain.length) : term.plain);

/** Joins the listed groups and the spellings each entity's own names show into one set of groups. */
export function nameSpellings(names: readonly (readonly string[])[], listed: readonly (readonly string[])[]): NameSpellings {
  const groupOf = new Map<string, string[]>();
  const written = new Map<string, string>();
  const join = (a: string, b: string) => {
    const first = groupOf.get(a) ?? [a];
    const second = groupOf.get(b) ?? [b];
    if (first === second) return;
    const merged = [...first, ...second.filter((word) => !first.includes(word))];
    for (const word of merged) groupOf.set(word, merged);
  };
  for (const group of listed) {
    const plains = group.map((word) => {
      const plain = plainOf(word) ?? word;
      if (!written.has(plain)) written.set(plain, word);
      return plain;
    });
    for (const plain of plains.slice(1)) join(plains[0] ?? plain, plain);
  }
  for (const entityNames of names) {
    const words = new Map<string, string>();
    for (const term of entityNames.flatMap((name) => analyze(name))) if (!term.stop && !words.has(term.plain)) words.set(term.plain, writtenPlain(term));
    const plains = [...words.keys()];
    plains.forEach((a, i) => {
      for (const b of plains.slice(i + 1)) {
        if (spellingRule(a, b) === null) continue;
        for (const plain of [a, b]) if (!written.has(plain)) written.set(plain, words.get(plain) ?? plain);
        join(a, b);
      }
    });
  }
  const of = (plain: string) => groupOf.get(plain)?.map((word) => written.get(word) ?? word);
  return { of, variantsOf: (name) => nameVariants(name, (plain) => groupOf.get(plain)) };
}

/** The name with each combination of its words' other spellings, in normalized form. */
function nameVariants(name: string, groupOf: (plain: string) => readonly string[] | undefined): string[] {
  let variants: string[][] = [[]];
  let changed = false;
  for (const term of analyze(name)) {
    const group = term.norm.endsWith(term.plain) ? groupOf(term.plain) : undefined;
    const prefix = term.norm.slice(0, term.norm.length - term.plain.length);
    const forms = group ? [term.plain, ...group.filter((plain) => plain !== term.plain)].map((plain) => prefix + plain) : [term.norm];
    if (forms.length > 1) changed = true;
    variants = variants.flatMap((words) => forms.map((form) => [...words, form])).slice(0, MAX_VARIANTS_PER_NAME + 1);
  }
  return changed ? variants.slice(1).map((words) => words.join(' ')) : [];
}
