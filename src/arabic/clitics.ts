// The definite article and the particles that stack in front of it (و ف conjunctions, ب ك ل
// prepositions; ل+ال is written لل). No stack is the beginning of another, so a word starts with
// at most one of them, and the most frequent come first.
const ARTICLE_STACKS = ['ال', 'وال', 'بال', 'لل', 'فال', 'كال', 'ولل', 'وبال', 'فلل', 'فبال'];

// Two letters must remain, so that الحج/للحج/بالحج meet حج. Requiring three scores within one
// question on the retrieval proxy (docs/decisions.md#article-min-remainder) but
// splits every two-letter word from its article forms. The few words that start with ال themselves
// (آلاف, ألقى) are in stem-exclusions-ar.txt. Without the وبال فبال ولل فلل stacks (light10's set)
// the proxy barely moves, and وبالمكتبات no longer meets مكتبات (docs/decisions.md#article-stacks).
const MIN_AFTER_ARTICLE = 2;

// Compared as char codes: startsWith() with each stack in turn took most of the time here.
const STACK_LETTERS = ARTICLE_STACKS.map((prefix) => [...prefix].map((letter) => letter.charCodeAt(0)));

// Most words start with none of these letters and need no further look.
const STACK_INITIALS = new Uint8Array(0x10000);
for (const letters of STACK_LETTERS) STACK_INITIALS[letters[0]!] = 1;

/** The length of the article stack a normalized word starts with, or 0 when it has none. */
export function articlePrefixLength(word: string): number {
  const first = word.charCodeAt(0);
  if (STACK_INITIALS[first] !== 1) return 0;
  for (const letters of STACK_LETTERS) {
    if (letters[0] === first && word.length - letters.length >= MIN_AFTER_ARTICLE && startsWithLetters(word, letters)) {
      return letters.length;
    }
  }
  return 0;
}

function startsWithLetters(word: string, letters: readonly number[]): boolean {
  for (let index = 0; index < letters.length; index++) if (word.charCodeAt(index) !== letters[index]) return false;
  return true;
}

/** Every form of a word that carries the article: الذي → الذي, والذي, بالذي, للذي, ... */
export function articleForms(wordWithArticle: string): string[] {
  const bare = wordWithArticle.slice('ال'.length);
  if (!wordWithArticle.startsWith('ال') || bare.length < MIN_AFTER_ARTICLE) return [];
  return ARTICLE_STACKS.map((prefix) => prefix + bare);
}
