import { analyze, stemWord, type Term } from '../arabic/index.ts';

/** One query word after analysis: the form sent to the engine and every form that counts as a match. */
export interface QueryTerm {
  surface: string;
  /** The form the engine is asked for. */
  term: string;
  /** Forms a document word may have (its stem or its alternative analysis) to match this term. */
  forms: string[];
}

export interface ParsedQuery {
  /** Free words, in the order typed. */
  words: QueryTerm[];
  /** Quoted phrases, each a run of terms that must stand together. */
  phrases: QueryTerm[][];
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
      let chosen = term.stem;
      for (const reading of readings(term)) if (evidence(reading) > evidence(chosen)) chosen = reading;
      return { surface: term.surface, term: chosen, forms: [chosen] };
    });
}

/**
 * The other ways to read a query word: its alternative analysis, and, after a conjunction و/ف,
 * the rest of the word as a word of its own (فليبيا is ف + ليبيا, not ف + ل + يبيا).
 */
function readings(term: Term): string[] {
  const found = term.alt === undefined ? [] : [term.alt];
  if (/^[وف]/u.test(term.norm) && term.norm.length > 3) {
    const rest = stemWord(term.norm.slice(1));
    found.push(rest.stem, ...(rest.alt === undefined ? [] : [rest.alt]));
  }
  return found;
}

export function parseQuery(raw: string, evidence: TermEvidence, typing = false): ParsedQuery {
  const phrases: QueryTerm[][] = [];
  let rest = raw.replace(QUOTED, (_, inner: string) => {
    const terms = queryTerms(inner, evidence);
    if (terms.length > 0) phrases.push(terms);
    return ' ';
  });
  const excluded: QueryTerm[] = [];
  rest = rest.replace(EXCLUDED, (_, word: string) => {
    excluded.push(...queryTerms(word, evidence));
    return ' ';
  });
  const words = queryTerms(rest, evidence);
  // Only a trailing free word can be a prefix: Meilisearch treats the last word of the string so.
  const prefix = typing && words.length > 0 && phrases.length === 0 && excluded.length === 0 && /[\p{L}\p{M}\p{N}]$/u.test(raw);
  const first = analyze(raw)[0];
  const question = QUESTION_MARK.test(raw) || (first !== undefined && QUESTION_WORDS.has(first.norm));
  return { words, phrases, excluded, prefix, nothingSearchable: raw.trim() !== '' && words.length === 0 && phrases.length === 0, question };
}

/** True when there is something to search for (excluded words alone do not make a search). */
export const hasSearchTerms = (query: ParsedQuery): boolean => query.words.length > 0 || query.phrases.length > 0;

/**
 * The engine's query string. A trailing space tells Meilisearch the last word is complete, which
 * keeps `مصر` from matching `مصرف` once the user has stopped typing.
 */
export function engineQueryString(query: ParsedQuery, words: readonly QueryTerm[] = query.words): string {
  const parts = [
    ...words.map((word) => word.term),
    ...query.phrases.map((phrase) => `"${phrase.map((word) => word.term).join(' ')}"`),
    ...query.excluded.map((word) => `-${word.term}`),
  ];
  return parts.join(' ') + (query.prefix ? '' : ' ');
}

/** Every form that counts as a match, for highlighting; the last word's as a prefix when typing. */
export function matchForms(query: ParsedQuery): { exact: Set<string>; prefix: string | null } {
  const exact = new Set<string>();
  for (const word of [...query.words, ...query.phrases.flat()]) for (const form of word.forms) exact.add(form);
  return { exact, prefix: query.prefix ? (query.words.at(-1)?.term ?? null) : null };
}
