import { analyze, type Term } from '../arabic/index.ts';
import { CLUB_OR_PAPER_WORDS, LANGUAGE_WORDS, NAMED_AFTER_WORDS, PATRONYMIC_WORDS } from './context-rules.ts';
import type { Alias, Gazetteer } from './gazetteer.ts';
import { alternativeStem, cueStems, wordReadings, type WordReading } from './words.ts';

/** An alias found in a text, before ambiguous and weak aliases are resolved. */
export interface AliasMatch {
  alias: Alias;
  start: number;
  end: number;
}

const CLUB_OR_PAPER = cueStems(CLUB_OR_PAPER_WORDS);
const LANGUAGE = cueStems(LANGUAGE_WORDS);
const PATRONYMIC = cueStems(PATRONYMIC_WORDS);
const NAMED_AFTER = cueStems(NAMED_AFTER_WORDS);

// Words of one name are separated by spaces (or a hyphen), never by punctuation: "جنوب. السودان"
// is not South Sudan.
const JOINS_WORDS = /^[\s\u0640-]*$/u;

const OPENING_QUOTE = /^[«"“]$/u;
const CLOSING_QUOTE = /^[»"”]$/u;

const sameWord = (reading: WordReading, expected: WordReading): boolean => reading.base === expected.base && reading.definite === expected.definite;

/**
 * The analyzed words of a text. Most words start no alias, so their readings and the gap before
 * them are computed only when an alias lookup by stem makes them worth checking.
 */
class Words {
  private readonly readingsCache: (WordReading[] | undefined)[] = [];
  /** Each word's alternative stem, the other key it may be looked up by. */
  readonly alts: readonly (string | undefined)[];

  constructor(
    readonly text: string,
    readonly terms: readonly Term[],
    lamInitialStems: readonly string[],
  ) {
    this.alts = terms.map((term) => alternativeStem(term, lamInitialStems));
  }

  readings(at: number): WordReading[] {
    return (this.readingsCache[at] ??= wordReadings(this.terms[at]!, this.alts[at]));
  }

  /** Whether the word at `at` follows the previous one across spaces only. */
  joined(at: number): boolean {
    return at > 0 && at < this.terms.length && JOINS_WORDS.test(this.text.slice(this.terms[at - 1]!.end, this.terms[at]!.start));
  }

  /** The word's stem and alternative stem, what context cues are compared with. */
  stems(at: number): string[] {
    const term = this.terms[at];
    if (!term) return [];
    const alt = this.alts[at];
    return alt === undefined ? [term.stem] : [term.stem, alt];
  }

  /** Whether the word at `at` has this stem or alternative stem: a cheap first test. */
  hasStem(at: number, stem: string): boolean {
    return this.terms[at]?.stem === stem || this.alts[at] === stem;
  }

  /** The reading of the word at `at` that is the expected word, if any. */
  reads(at: number, expected: WordReading): WordReading | undefined {
    if (!this.hasStem(at, expected.stem)) return undefined;
    return this.readings(at).find((reading) => sameWord(reading, expected));
  }
}

function matchesAt(alias: Alias, words: Words, at: number): WordReading | undefined {
  // Most candidates fail on a later word's stem: test those before computing any reading.
  for (let k = 1; k < alias.words.length; k++) if (!words.hasStem(at + k, alias.words[k]!.stem)) return undefined;
  const first = words.reads(at, alias.words[0]!);
  if (!first) return undefined;
  for (let k = 1; k < alias.words.length; k++) {
    if (!words.reads(at + k, alias.words[k]!) || !words.joined(at + k)) return undefined;
  }
  return first;
}

/** Whether the words around the match at [at, end) show the alias is used in another sense. */
function usedOtherwise(gaz: Gazetteer, alias: Alias, words: Words, at: number, end: number, first: WordReading): boolean {
  const joinedBefore = words.joined(at);
  const before = joinedBefore ? words.stems(at - 1) : [];
  const after = words.joined(end) ? words.stems(end) : [];
  const types = new Set(alias.entityIds.map((id) => gaz.entities.get(id)!.type));
  if (types.has('region')) {
    const construct = joinedBefore ? words.readings(at - 1).filter((reading) => !reading.definite) : [];
    if (construct.some((reading) => CLUB_OR_PAPER.has(reading.stem))) return true;
    if (before.some((stem) => LANGUAGE.has(stem))) return true;
  }
  if (types.has('actor') && before.some((stem) => PATRONYMIC.has(stem) || NAMED_AFTER.has(stem))) return true;
  const context = alias.context;
  if (!context) return false;
  if (before.some((stem) => context.notAfter.has(stem)) || after.some((stem) => context.notBefore.has(stem))) return true;
  const norm = words.terms[at]!.norm;
  const prefix = norm.slice(0, norm.length - first.base.length);
  // An adjective takes the article of its noun and nothing more: المياه البيضاء, not والبيضاء.
  if (context.notAfterDefinite && prefix === 'ال' && joinedBefore && words.readings(at - 1).some((reading) => reading.definite)) return true;
  // The prefix the reading stripped ends with the proclitic: بحماس, وبحماس.
  return context.notWithProclitic !== undefined && prefix.endsWith(context.notWithProclitic);
}

interface Found {
  alias: Alias;
  first: WordReading;
}

/** The longest of `aliases` (sorted longest first) found at `at` if longer than `found`. */
function longestAt(aliases: readonly Alias[] | undefined, words: Words, at: number, found: Found | undefined): Found | undefined {
  if (aliases === undefined) return found;
  for (const alias of aliases) {
    if (found && alias.words.length <= found.alias.words.length) break;
    const first = matchesAt(alias, words, at);
    if (first) return { alias, first };
  }
  return found;
}

/**
 * Finds gazetteer aliases in a text: leftmost longest, so a phrase hides the names inside it.
 * `terms` is the text's analysis when the caller already has it.
 */
export function findAliases(gaz: Gazetteer, text: string, terms: readonly Term[] = analyze(text)): AliasMatch[] {
  const words = new Words(text, terms, gaz.lamInitialStems);
  const matches: AliasMatch[] = [];
  for (let at = 0; at < terms.length; ) {
    const term = terms[at]!;
    let found = longestAt(gaz.aliasesByFirstStem.get(term.stem), words, at, undefined);
    const alt = words.alts[at];
    if (alt !== undefined) found = longestAt(gaz.aliasesByFirstStem.get(alt), words, at, found);
    if (!found) {
      at++;
      continue;
    }
    const end = at + found.alias.words.length;
    if (!usedOtherwise(gaz, found.alias, words, at, end, found.first)) {
      const start = term.start;
      const stop = terms[end - 1]!.end;
      const quoted = found.alias.quoted !== undefined && OPENING_QUOTE.test(text.slice(start - 1, start)) && CLOSING_QUOTE.test(text.slice(stop, stop + 1));
      matches.push({ alias: (quoted && found.alias.quoted) || found.alias, start, end: stop });
    }
    at = end;
  }
  return matches;
}
