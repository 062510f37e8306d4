import { articlePrefix } from './clitics.ts';
import { lazyWordList } from './word-list.ts';

// Light stemming after Larkey's light10 (Lucene's ArabicStemmer), changed where measuring said so.
// Figures: BM25 over stems, 1,152 QA questions; recall@10 / MRR@10 over the 1,302 passages, then
// with the 86,480 news paragraphs as distractors (Lucene ArabicAnalyzer: 0.930/0.770, 0.767/0.595).

const listedWords = lazyWordList('stem-exclusions-ar.txt');

// A lone و is the conjunction when the word has 4+ letters (ومصر → مصر). Without the rule:
// 0.925/0.766, 0.773/0.590; from 5+ letters: 0.932/0.773, 0.782/0.600; from 4+: 0.934/0.774, 0.789/0.605.
// It cuts the root و of وزير or وطني: the listed words below protect the frequent ones.
const MIN_WORD_FOR_WAW = 4;

// light10's suffixes plus هما هم هن (pronouns) and وا (verb plural). Each is removed at most once,
// in this order: pronouns before the plural endings they follow (مكتباتها → مكتب), ان last so that
// ايرانيه and ايران meet. Three letters must remain: with two, 0.934/0.775, 0.782/0.599 (بيان → بي,
// اسهم → اس). Adding كم نا تم تين تان changed nothing beyond one question.
const SUFFIXES = ['هما', 'هم', 'هن', 'ها', 'ات', 'ون', 'ين', 'وا', 'يه', 'ه', 'ي', 'ان'];
const MIN_AFTER_SUFFIX = 3;

const CONJUNCTIONS = new Set(['و', 'ف']);
const PREPOSITIONS = new Set(['ب', 'ك', 'ل']);

// ب ل ك ف are prepositions or conjunctions as often as root letters (بمصر, لبنان, فلسطين), so a
// word starting with one of them, after an optional و or ف, gets the stem of its remainder as alt.
const AMBIGUOUS_PROCLITICS = new Set(['ب', 'ل', 'ك', 'ف']);
const MIN_ALT_REMAINDER = 3;

export interface Stemmed {
  stem: string;
  alt?: string;
}

/** Light stem of one normalized word, and its alternative when a leading proclitic is ambiguous. */
export function stemWord(norm: string): Stemmed {
  const listed = listedWords();
  const article = articlePrefix(norm);
  const stem = lightStem(norm, article, listed);
  if (article !== '') return { stem };
  const procliticLength = ambiguousProcliticLength(norm);
  if (procliticLength === 0 || norm.length - procliticLength < MIN_ALT_REMAINDER) return { stem };
  const remainder = norm.slice(procliticLength);
  const alt = lightStem(remainder, articlePrefix(remainder), listed);
  return alt === stem ? { stem } : { stem, alt };
}

function ambiguousProcliticLength(word: string): number {
  if (CONJUNCTIONS.has(word.charAt(0)) && AMBIGUOUS_PROCLITICS.has(word.charAt(1))) return 2;
  return AMBIGUOUS_PROCLITICS.has(word.charAt(0)) ? 1 : 0;
}

function lightStem(word: string, article: string, listed: ReadonlySet<string>): string {
  const core = listedCore(word, listed);
  if (core !== undefined) return core;

  const prefix = article !== '' ? article : word.length >= MIN_WORD_FOR_WAW && word.startsWith('و') ? 'و' : '';
  if (prefix === '') return stripSuffixes(word, listed);
  // What looked like a prefix may belong to a listed word: والده is والد + ه, الماني is المان + ي.
  const unprefixed = stripSuffixes(word, listed);
  if (listed.has(unprefixed)) return unprefixed;
  const rest = word.slice(prefix.length);
  return listed.has(rest) ? rest : stripSuffixes(rest, listed);
}

// A listed word is never cut into, alone or behind a conjunction and a preposition (ولبنان, بالله).
function listedCore(word: string, listed: ReadonlySet<string>): string | undefined {
  if (listed.has(word)) return word;
  let cliticLength = 0;
  if (CONJUNCTIONS.has(word.charAt(0))) cliticLength = PREPOSITIONS.has(word.charAt(1)) ? 2 : 1;
  else if (PREPOSITIONS.has(word.charAt(0))) cliticLength = 1;
  for (; cliticLength >= 1; cliticLength--) {
    const core = word.slice(cliticLength);
    if (listed.has(core)) return core;
  }
  return undefined;
}

function stripSuffixes(word: string, listed: ReadonlySet<string>): string {
  let stem = word;
  for (const suffix of SUFFIXES) {
    if (stem.length - suffix.length >= MIN_AFTER_SUFFIX && stem.endsWith(suffix)) {
      stem = stem.slice(0, -suffix.length);
      if (listed.has(stem)) return stem;
    }
  }
  return stem;
}
