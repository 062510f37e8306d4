import { articleForms } from './clitics.ts';
import { wordForms, type WordForms } from './stem.ts';
import { readWordList, WordTable } from './word-list.ts';

// index-config/stopwords-ar.txt on the retrieval proxy (see stem.ts): 0.934/0.774, 0.790/0.605;
// Lucene's Arabic list instead: 0.930/0.772, 0.774/0.598; no stop words: 0.937/0.774, 0.777/0.605.
//
// A word with an article stack is a stop word when its ال form is listed: والذي, بالذي and للذي
// are الذي. Checking the bare remainder instead would make الهم (worry) the pronoun هم.
// The forms are spelled out once, on first use, so that a check is one lookup. Each is mapped to
// its stems: stop words are a quarter of the words of a news text, and analyze() takes their
// stems from the same lookup instead of stemming them again.
let stopForms: WordTable<WordForms> | undefined;

function loadStopForms(): WordTable<WordForms> {
  const forms = new WordTable<WordForms>();
  for (const word of readWordList('stopwords-ar.txt')) {
    forms.set(word, wordForms(word));
    for (const form of articleForms(word)) forms.set(form, wordForms(form));
  }
  return forms;
}

export function isStopWord(norm: string): boolean {
  return stopWordForms(norm) !== undefined;
}

/** wordForms(norm) when norm is a stop word, undefined when it is not. */
export function stopWordForms(norm: string): WordForms | undefined {
  stopForms ??= loadStopForms();
  return stopForms.get(norm);
}
