import { articleForms } from './clitics.ts';
import { readWordList, WordTable } from './word-list.ts';

// index-config/stopwords-ar.txt on the retrieval proxy (see stem.ts): 0.934/0.774, 0.790/0.605;
// Lucene's Arabic list instead: 0.930/0.772, 0.774/0.598; no stop words: 0.937/0.774, 0.777/0.605.
//
// A word with an article stack is a stop word when its ال form is listed: والذي, بالذي and للذي
// are الذي. Checking the bare remainder instead would make الهم (worry) the pronoun هم.
// The forms are spelled out once, on first use, so that a check is one lookup.
let stopForms: WordTable<true> | undefined;

function loadStopForms(): WordTable<true> {
  const forms = new WordTable<true>();
  for (const word of readWordList('stopwords-ar.txt')) {
    forms.set(word, true);
    for (const form of articleForms(word)) forms.set(form, true);
  }
  return forms;
}

export function isStopWord(norm: string): boolean {
  stopForms ??= loadStopForms();
  return stopForms.has(norm);
}
