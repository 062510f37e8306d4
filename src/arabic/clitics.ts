// The definite article and the particles that stack in front of it (و ف conjunctions, ب ك ل
// prepositions; ل+ال is written لل). No stack is the beginning of another, so a word starts with
// at most one of them, and the most frequent come first.
const ARTICLE_STACKS = ['ال', 'وال', 'بال', 'لل', 'فال', 'كال', 'ولل', 'وبال', 'فلل', 'فبال'];

// Two letters must remain, so that الحج/للحج/بالحج meet حج. Requiring three scores within one
// question on the retrieval proxy (see stem.ts: 0.934/0.774, 0.791/0.607 against 0.790/0.605) but
// splits every two-letter word from its article forms. The few words that start with ال themselves
// (آلاف, ألقى) are in stem-exclusions-ar.txt. Without the وبال فبال ولل فلل stacks (light10's set):
// 0.933/0.774, 0.790/0.605, and وبالمكتبات no longer meets مكتبات.
const MIN_AFTER_ARTICLE = 2;

// Most words start with none of these letters and need no further look.
const STACK_INITIALS = new Set(ARTICLE_STACKS.map((prefix) => prefix.charCodeAt(0)));

/** The article stack a normalized word starts with, or '' when it has none. */
export function articlePrefix(word: string): string {
  if (!STACK_INITIALS.has(word.charCodeAt(0))) return '';
  for (const prefix of ARTICLE_STACKS) {
    if (word.length - prefix.length >= MIN_AFTER_ARTICLE && word.startsWith(prefix)) return prefix;
  }
  return '';
}

/** Every form of a word that carries the article: الذي → الذي, والذي, بالذي, للذي, ... */
export function articleForms(wordWithArticle: string): string[] {
  const bare = wordWithArticle.slice('ال'.length);
  if (!wordWithArticle.startsWith('ال') || bare.length < MIN_AFTER_ARTICLE) return [];
  return ARTICLE_STACKS.map((prefix) => prefix + bare);
}
