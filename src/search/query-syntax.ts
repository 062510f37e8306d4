import { analyze, wordForms, type Term } from '../arabic/index.ts';

/** One query word after analysis: the form sent to the engine and every form that counts as a match. */
export interface QueryTerm {
  surface: string;
  /** The form the engine is asked for. */
  term: string;
  /** Forms a document word may have (its stem or its alternative analysis) to match this term. */
  forms: string[];
  /** The word as written, clitics off, suffixes kept: what a quoted phrase must match. */
  plain: string;
}

/** One side of an `OR`: a word (or the terms a word analyzes into) or a quoted phrase. */
export interface Alternative {
  terms: QueryTerm[];
  phrase: boolean;
}

export interface ParsedQuery {
  /** Free words, in the order typed: every one is required. */
  words: QueryTerm[];
  /** Quoted phrases, each a run of terms that must stand together. */
  phrases: QueryTerm[][];
  /** `a OR b`: each clause is satisfied by any one of its alternatives. */
  either: Alternative[][];
  /** Terms prefixed with `-`: sections holding them are left out. */
  excluded: QueryTerm[];
  /** The last free word is still being typed: it matches as a prefix. */
  prefix: boolean;
  /** The user typed something, but no word of it is searchable (only stop words or punctuation). */
  nothingSearchable: boolean;
  /** Asked as a question (a question word or mark): worth more candidates than a keyword search. */
  question: boolean;
}

/** How many sections hold a stem: the evidence that decides whether `بـ`/`لـ`/`كـ`/`فـ` is a clitic. */
export type TermEvidence = (stem: string) => number;

/** Normalized question words that open a question, and the question marks. */
const QUESTION_WORDS = new Set(['من', 'ما', 'ماذا', 'متي', 'اين', 'كيف', 'كم', 'هل', 'لماذا', 'لم', 'اي', 'ماهو', 'ماهي', 'بماذا', 'بكم', 'لمن', 'مما', 'ممن']);
const QUESTION_MARK = /[؟?]\s*$/u;

const QUOTED = /["“”«»]([^"“”«»]*)["“”«»]?/gu;
const EXCLUDED = /(?:^|\s)[-−]([^\s"“”«»]+)/gu;

function queryTerms(text: string, evidence: TermEvidence): QueryTerm[] {
  return analyze(text)
    .filter((term) => !term.stop)
    .map((term) => {
      // A proclitic comes off only when the archive uses the remainder alone more often than the
      // whole word: بمصر → مصر, while لبنان stays (بنان barely occurs) and so does an unknown word.
      let chosen: Reading = { stem: term.stem, plain: term.plain };
      for (const reading of readings(term)) if (evidence(reading.stem) > evidence(chosen.stem)) chosen = reading;
      return { surface: term.surface, term: chosen.stem, forms: [chosen.stem], plain: chosen.plain };
    });
}

interface Reading {
  stem: string;
  plain: string;
}

/**
 * The other ways to read a query word: its alternative analysis, and, after a conjunction و/ف,
 * the rest of the word as a word of its own (فليبيا is ف + ليبيا, not ف + ل + يبيا).
 */
function readings(term: Term): Reading[] {
  const found: Reading[] = term.alt === undefined ? [] : [{ stem: term.alt, plain: term.altPlain ?? term.alt }];
  if (/^[وف]/u.test(term.norm) && term.norm.length > 3) {
    const rest = wordForms(term.norm.slice(1));
    found.push({ stem: rest.stem, plain: rest.plain }, ...(rest.alt === undefined ? [] : [{ stem: rest.alt, plain: rest.altPlain ?? rest.alt }]));
  }
  return found;
}

/** `OR` in capitals between two words or phrases (the Arabic أو is a stop word and means the same in prose). */
const OR = 'OR';
const PHRASE_MARK = '\u0000';

export function parseQuery(raw: string, evidence: TermEvidence, typing = false): ParsedQuery {
  const quoted: string[] = [];
  let rest = raw.replace(QUOTED, (_, inner: string) => ` ${PHRASE_MARK}${quoted.push(inner) - 1} `);
  const excluded: QueryTerm[] = [];
  rest = rest.replace(EXCLUDED, (_, word: string) => {
    excluded.push(...queryTerms(word, evidence));
    return ' ';
  });
  const operands = rest.split(/\s+/u).filter(Boolean);
  const alternative = (token: string): Alternative => {
    const phrase = token.startsWith(PHRASE_MARK);
    return { terms: queryTerms(phrase ? (quoted[Number(token.slice(1))] ?? '') : token, evidence), phrase };
  };
  const either: Alternative[][] = [];
  const loose: Alternative[] = [];
  for (let i = 0; i < operands.length; i++) {
    const token = operands[i] ?? '';
    if (operands[i + 1] === OR && operands[i + 2] !== undefined && token !== OR) {
      const clause = [alternative(token)];
      while (operands[i + 1] === OR && operands[i + 2] !== undefined) {
        clause.push(alternative(operands[i + 2] ?? ''));
        i += 2;
      }
      const searchable = clause.filter((side) => side.terms.length > 0);
      if (searchable.length > 1) either.push(searchable);
      else loose.push(...searchable);
    } else if (token !== OR || operands.length === 1) {
      loose.push(alternative(token));
    }
  }
  const words = loose.filter((side) => !side.phrase).flatMap((side) => side.terms);
  const phrases = loose.filter((side) => side.phrase && side.terms.length > 0).map((side) => side.terms);
  // Only a trailing free word can be a prefix: Meilisearch treats the last word of the string so.
  const prefix = typing && words.length > 0 && phrases.length === 0 && excluded.length === 0 && either.length === 0 && /[\p{L}\p{M}\p{N}]$/u.test(raw);
  const first = analyze(raw)[0];
  const question = QUESTION_MARK.test(raw) || (first !== undefined && QUESTION_WORDS.has(first.norm));
  const nothingSearchable = raw.trim() !== '' && words.length === 0 && phrases.length === 0 && either.length === 0;
  return { words, phrases, either, excluded, prefix, nothingSearchable, question };
}

/** True when there is something to search for (excluded words alone do not make a search). */
export const hasSearchTerms = (query: ParsedQuery): boolean => query.words.length > 0 || query.phrases.length > 0 || query.either.length > 0;

/** The most engine searches one query's `OR`s may expand into. */
export const MAX_BRANCHES = 8;

/**
 * The engine matches a phrase on stems, adjacent and in order; the ranking then keeps only the
 * sections that hold it as written (plain forms). People are shown the words as written.
 */
const quotedTerms = (terms: readonly QueryTerm[], form: 'term' | 'plain' = 'term') => `"${terms.map((word) => word[form]).join(' ')}"`;
const alternativeString = (side: Alternative, form: 'term' | 'plain' = 'term') => (side.phrase ? quotedTerms(side.terms, form) : side.terms.map((word) => word.term).join(' '));

/**
 * The engine's query strings: one, or one per combination of the `OR` alternatives (Meilisearch
 * has no OR; the searches go out together and their hits are merged). A trailing space tells
 * Meilisearch the last word is complete, which keeps `مصر` from matching `مصرف` once the user has
 * stopped typing.
 */
export function engineQueryStrings(query: ParsedQuery, words: readonly QueryTerm[] = query.words): string[] {
  const common = [...words.map((word) => word.term), ...query.phrases.map((phrase) => quotedTerms(phrase)), ...query.excluded.map((word) => `-${word.term}`)];
  let branches: string[][] = [[]];
  for (const clause of query.either) branches = branches.flatMap((branch) => clause.map((side) => [...branch, alternativeString(side)])).slice(0, MAX_BRANCHES);
  return branches.map((branch) => [...branch, ...common].join(' ') + (query.prefix ? '' : ' '));
}

/** The query as the engine sees it, for people: stems, quoted phrases, OR and exclusions. */
export function analyzedQuery(query: ParsedQuery): string {
  return [
    ...query.words.map((word) => word.term),
    ...query.phrases.map((phrase) => quotedTerms(phrase, 'plain')),
    ...query.either.map((clause) => clause.map((side) => alternativeString(side, 'plain')).join(' OR ')),
    ...query.excluded.map((word) => `-${word.term}`),
  ].join(' ');
}

/** Every form that counts as a match, for highlighting; the last word's as a prefix when typing. */
export function matchForms(query: ParsedQuery): { exact: Set<string>; prefix: string | null } {
  const exact = new Set<string>();
  const alternatives = query.either.flat().flatMap((side) => side.terms);
  for (const word of [...query.words, ...query.phrases.flat(), ...alternatives]) for (const form of word.forms) exact.add(form);
  return { exact, prefix: query.prefix ? (query.words.at(-1)?.term ?? null) : null };
}
