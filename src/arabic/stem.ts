import { articlePrefixLength } from './clitics.ts';
import { readWordList, WordTable } from './word-list.ts';

// Light stemming after Larkey's light10 (Lucene's ArabicStemmer), changed where measuring said so:
// each rule below was chosen on the retrieval proxy (BM25 over the stems of the non-stop words, the
// QA questions against the QA passages, then with the news paragraphs as distractors) or on the
// merges seen in the news corpus. This stemmer scores above Lucene's ArabicAnalyzer on the proxy
// (docs/decisions.md#retrieval-proxy, docs/decisions.md#light-stemmer).

// Words the stemmer must not cut into (index-config/stem-exclusions-ar.txt), read on first use,
// each mapped to itself; the same words behind a conjunction and a preposition (ولبنان, بالله),
// each mapped to the listed word; and, keyed by the word without its ending, the suffix that
// replaces that ending in its other forms (رياض → ات for رياضه, عشر → ون for عشرين).
interface Exclusions {
  words: WordTable<string>;
  forms: WordTable<string>;
  bases: WordTable<string>;
}
let exclusions: Exclusions | undefined;

// A lone و is the conjunction when the word has 4+ letters (ومصر → مصر): never, from 3+ and from 5+
// scored no better on the retrieval proxy (docs/decisions.md#waw-min-length). It cuts the
// root و of وزير or وطني: stem-exclusions-ar.txt protects the frequent ones.
const MIN_WORD_FOR_WAW = 4;

// light10's suffixes without ي, يه and ان, plus هما هم هن (pronouns) and وا (verb plural), each
// removed at most once, in this order: pronouns before the plural endings they follow (شركاتها →
// شرك). Three letters must remain: two (light10's list) scored lower (اسهم → اس; docs/decisions.md#stem-min-length).
// Measured on the news corpus, ي and يه took a nisba adjective to a different noun (دولي/دول,
// مدني/مدن, اجتماعي/اجتماع, عملية/عمل, سعودي/سعود) and ان took names and nouns to other words
// (مهرجان → مهرج, انسان → انس, ايران → اير, طالبان → طالب): many of the stems that joined two
// frequent words did so through them, none now. The nisba and its
// inflections share the stem X+ي instead (سعودي, سعوديه, سعوديين; docs/decisions.md#stem-suffixes).
// Adding كم نا or تم did not help, تين تان did harm: left out.
const SUFFIXES = ['هما', 'هم', 'هن', 'ها', 'ات', 'ون', 'ين', 'وا', 'ه'];
const MIN_AFTER_SUFFIX = 3;

// Letters are compared as char codes: charAt() allocates a string for every Arabic letter.
const code = (letter: string): number => letter.charCodeAt(0);
const WAW = code('و');
const FEH = code('ف');
const BEH = code('ب');
const LAM = code('ل');
const KAF = code('ك');
const YEH = code('ي');
const isConjunction = (letter: number): boolean => letter === WAW || letter === FEH;

// ب ل ك ف are prepositions or conjunctions as often as root letters (بمصر, لبنان, فلسطين), so a
// word starting with one of them, after an optional و or ف, gets the stem of its remainder as alt.
// لل is ل + ال, or ل in front of a word that starts with ل (لليبيا, للبنان): its alt reads the
// second way. Callers weigh both readings with the archive's evidence.
const isAmbiguousProclitic = (letter: number): boolean => letter === BEH || letter === LAM || letter === KAF || letter === FEH;
const MIN_ALT_REMAINDER = 3;

export interface Stemmed {
  stem: string;
  alt?: string;
}

/**
 * A word's stem and its plain form: the normalized word without its proclitics, its suffixes kept
 * (والمكتبات → مكتبات), so that a match on the word itself can rank above a match through its stem.
 * alt and altPlain read an ambiguous proclitic as one (بمصر → مصر).
 */
export interface WordForms extends Stemmed {
  plain: string;
  altPlain?: string;
}

/** Light stem of one normalized word, and its alternative when a leading proclitic is ambiguous. */
export function stemWord(norm: string): Stemmed {
  const { stem, alt } = wordForms(norm);
  return alt === undefined ? { stem } : { stem, alt };
}

/** stemWord() with the plain forms. */
export function wordForms(norm: string): WordForms {
  exclusions ??= loadExclusions();
  const article = articlePrefixLength(norm);
  const forms = lightStem(norm, article);
  const procliticLength = ambiguousProcliticLength(norm, article);
  if (procliticLength === 0 || norm.length - procliticLength < MIN_ALT_REMAINDER) return forms;
  const remainder = norm.slice(procliticLength);
  const other = lightStem(remainder, articlePrefixLength(remainder));
  return other.stem === forms.stem ? forms : { stem: forms.stem, plain: forms.plain, alt: other.stem, altPlain: other.plain };
}

// article is the length of the word's article stack: only لل, ولل, فلل have an ambiguous ل.
function ambiguousProcliticLength(word: string, article: number): number {
  if (article > 0) return word.charCodeAt(article - 2) === LAM && word.charCodeAt(article - 1) === LAM ? article - 1 : 0;
  if (isConjunction(word.charCodeAt(0)) && isAmbiguousProclitic(word.charCodeAt(1))) return 2;
  return isAmbiguousProclitic(word.charCodeAt(0)) ? 1 : 0;
}

// Works on offsets into the word and slices once: every slice is an allocation. article is the
// length of the word's article stack.
function lightStem(word: string, article: number): WordForms {
  const core = listedCore(word);
  if (core !== undefined) return { stem: core, plain: core };

  const start = article > 0 ? article : word.length >= MIN_WORD_FOR_WAW && word.charCodeAt(0) === WAW ? 1 : 0;
  // What looked like a prefix may belong to a listed word: والده is والد + ه, الماني is المان + ي.
  if (start > 0 && mayBeListedAt(word, 0)) {
    const end = stemEnd(word, 0);
    if ((end < word.length && isListedAt(word, 0, end)) || isNisbaOfListed(word, end)) return { stem: word.slice(0, end), plain: word };
  }
  const plain = start === 0 ? word : word.slice(start);
  if (start > 0 && mayBeListedAt(word, start) && isListedAt(word, start, word.length)) return { stem: plain, plain };
  const end = stemEnd(word, start);
  return { stem: end === word.length ? plain : word.slice(start, end), plain };
}

// A listed word is never cut into, alone or behind a conjunction and a preposition. Where forms
// collide, the longer clitic wins, and a listed word always stands for itself.
function loadExclusions(): Exclusions {
  const listed = readWordList('stem-exclusions-ar.txt');
  const words = new WordTable<string>();
  const forms = new WordTable<string>();
  const bases = new WordTable<string>();
  for (const clitics of ['و', 'ف', 'ب', 'ك', 'ل', 'وب', 'وك', 'ول', 'فب', 'فك', 'فل']) {
    for (const word of listed) forms.set(clitics + word, word);
  }
  for (const word of listed) {
    forms.set(word, word);
    words.set(word, word);
    for (const [ending, suffix] of INFLECTED_ENDINGS) {
      if (word.endsWith(ending)) bases.set(word.slice(0, -ending.length), suffix);
    }
  }
  return { words, forms, bases };
}

// The plural in ات of a listed noun in ة, and the form in ون of a listed word in ين, keep that suffix
// (رياضات, عشرون): without it they would be the word the listing keeps apart (رياض, عشر). They
// cannot take the listed word as their stem (رياضه): callers rely on a stem being part of its word.
const INFLECTED_ENDINGS = [
  ['ه', 'ات'],
  ['ين', 'ون'],
] as const;

const listedCore = (word: string): string | undefined => exclusions?.forms.get(word);
// Whether word.slice(start, end) is listed, without slicing it.
const isListedAt = (word: string, start: number, end: number): boolean => exclusions?.words.hasAt(word, start, end) === true;
// Every stem of a word keeps its first three letters, so one look tells whether any can be listed.
const mayBeListedAt = (word: string, start: number): boolean => exclusions?.words.mayStartAt(word, start) === true;
// A nisba of a listed word: الماني of المان.
const isNisbaOfListed = (word: string, end: number): boolean => word.charCodeAt(end - 1) === YEH && isListedAt(word, 0, end - 1);
// Whether word.slice(start, end) is the base of a listed word and the suffix at end replaces its
// ending: ات after رياض (رياضه), ون after عشر (عشرين).
function replacesListedEnding(word: string, start: number, end: number): boolean {
  const suffix = exclusions?.bases.getAt(word, start, end);
  return suffix !== undefined && word.startsWith(suffix, end);
}

// Each suffix's letters as char codes, last letter first: comparing codes from the end rejects most
// suffixes on one comparison, and endsWith() was a call per suffix.
const SUFFIX_LETTERS_REVERSED = SUFFIXES.map((suffix) => [...suffix].map(code).reverse());
// Most words end in none of the suffixes' last letters and need no further look.
const SUFFIX_FINALS = new Uint8Array(0x10000);
for (const letters of SUFFIX_LETTERS_REVERSED) SUFFIX_FINALS[letters[0]!] = 1;

// Where the stem of word.slice(start) ends once its suffixes are removed, stopping at a listed word
// and before the suffix that replaces a listed word's ending (رياضات stays, not رياض).
function stemEnd(word: string, start: number): number {
  let end = word.length;
  if (end - start <= MIN_AFTER_SUFFIX) return end; // no suffix can go
  let last = word.charCodeAt(end - 1);
  if (SUFFIX_FINALS[last] !== 1) return end;
  const checkListed = mayBeListedAt(word, start);
  for (const letters of SUFFIX_LETTERS_REVERSED) {
    if (letters[0] === last && end - start - letters.length >= MIN_AFTER_SUFFIX && endsWithLetters(word, end, letters)) {
      if (checkListed && replacesListedEnding(word, start, end - letters.length)) return end;
      end -= letters.length;
      if (checkListed && isListedAt(word, start, end)) return end;
      last = word.charCodeAt(end - 1);
    }
  }
  return end;
}

// Whether word.slice(0, end) ends with the letters, given last letter first.
function endsWithLetters(word: string, end: number, lettersReversed: readonly number[]): boolean {
  for (let index = 0; index < lettersReversed.length; index++) {
    if (word.charCodeAt(end - 1 - index) !== lettersReversed[index]) return false;
  }
  return true;
}
