import { articleForms } from './clitics.ts';
import { readWordList, WordTable } from './word-list.ts';

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
