import { articlePrefix } from './clitics.ts';
import { lazyWordList } from './word-list.ts';

const stopWords = lazyWordList('stopwords-ar.txt');

// A word with an article stack is a stop word when its ال form is listed: والذي, بالذي and للذي
// are الذي. Checking the bare remainder instead would make الهم (worry) the pronoun هم.
export function isStopWord(norm: string): boolean {
  const words = stopWords();
  if (words.has(norm)) return true;
  const prefix = articlePrefix(norm);
  return prefix !== '' && words.has(`ال${norm.slice(prefix.length)}`);
}
