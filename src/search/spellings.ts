import type { TermStats } from '../archive-index/index.ts';
import type { NamedSpelling } from '../entities/catalog.ts';
import { isQuestionSearch } from './plan.ts';
import { type Alternative, MAX_BRANCHES, type ParsedQuery, parseQuery, type QueryTerm } from './query-syntax.ts';

/** A word of the query searched in all its spellings. */
export interface SearchedSpellings {
  word: string;
  spellings: string[];
}

/**
 * A query whose words name an entity, with each such word searched as `OR` over its spellings
 * that the archive uses (the typed one always): نتنياهو and نتانياهو then find the same articles.
 * A word being typed, and a word whose spellings would take the query past MAX_BRANCHES engine
 * searches, are left as typed; so is a question, ranked on its free words (docs/decisions.md#name-variants).
 */
export function withSpellings(parsed: ParsedQuery, named: readonly NamedSpelling[], stats: TermStats): { parsed: ParsedQuery; searched: SearchedSpellings[] } {
  if (isQuestionSearch(parsed)) return { parsed, searched: [] };
  const typing = parsed.prefix ? parsed.words.at(-1) : undefined;
  const evidence = (stem: string) => stats.df.get(stem) ?? 0;
  let words = parsed.words;
  const either = [...parsed.either];
  const searched: SearchedSpellings[] = [];
  for (const word of parsed.words) {
    const name = named.find((each) => each.surface === word.surface);
    if (!name || word === typing) continue;
    const alternatives = spellingAlternatives(word, name.spellings, evidence);
    if (alternatives.length < 2 || branches(either) * alternatives.length > MAX_BRANCHES) continue;
    words = words.filter((other) => other !== word);
    either.push(alternatives.map((alternative) => alternative.side));
    searched.push({ word: word.surface, spellings: alternatives.map((alternative) => alternative.spelling) });
  }
  return searched.length === 0 ? { parsed, searched } : { parsed: { ...parsed, words, either }, searched };
}

/** The spellings as query words, in the group's order: the typed word itself and the others the archive uses, each once. */
function spellingAlternatives(word: QueryTerm, spellings: readonly string[], evidence: (stem: string) => number): { spelling: string; side: Alternative }[] {
  const seen = new Set<string>();
  return spellings.flatMap((spelling) => {
    const term = parseQuery(spelling, evidence).words[0];
    if (!term || seen.has(term.term) || (term.term !== word.term && evidence(term.term) === 0)) return [];
    seen.add(term.term);
    return [{ spelling, side: { terms: [term.term === word.term ? word : term], phrase: false } }];
  });
}

const branches = (either: readonly Alternative[][]): number => either.reduce((product, clause) => product * clause.length, 1);
