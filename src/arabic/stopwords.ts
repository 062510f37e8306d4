import { articleForms } from './clitics.ts';
import { normalize, writtenForm } from './normalize.ts';
import { wordForms, type WordForms } from './stem.ts';
import { readWordList, WordTable } from './word-list.ts';

// index-config/stopwords-ar.txt: on the retrieval proxy it holds up best with the news distractors,
// against Lucene's Arabic list and against no stop words (docs/decisions.md#stopword-list).
//
// A word with an article stack is a stop word when its ال form is listed: والذي, بالذي and للذي
// are الذي. Checking the bare remainder instead would make الهم (worry) the pronoun هم.
//
// Stop words are decided on the written form, before letters are folded, as Lucene does: folded,
// the name علي (docs/decisions.md#stopwords-written-form) is the preposition على, آلي (automatic) is إلى,
// إمام is أمام. A word is looked up by its normalized form, one lookup that rejects three words in
// four, and then its written form must be a spelling of the listed word: as listed, without the
// hamza of أ إ آ (الى, ان: news text drops it, people typing too), with ة written ه, and with ي
// written ى (فى, الذى, and Persian yeh: علی).
//
// The forms are spelled out once, on first use, so that a check is one lookup. Each is mapped to
// its stems: stop words are a quarter of the words of a news text, and analyze() takes their
// stems from the same lookup instead of stemming them again.
interface StopWord {
  forms: WordForms;
  written: Set<string>;
  // Whether the normalized form is itself a written spelling: most stop words hold no letter that
  // folds (من, في, الذي), and a word whose surface is its normalized form needs no other look.
  normWritten: boolean;
}
let stopWords: WordTable<StopWord> | undefined;

function loadStopWords(): WordTable<StopWord> {
  const table = new WordTable<StopWord>();
  for (const listed of readWordList('stopwords-ar.txt', writtenForm)) {
    for (const spelling of spellings(listed)) {
      for (const form of [spelling, ...articleForms(spelling)]) {
        const norm = normalize(form);
        const entry = table.get(norm) ?? { forms: wordForms(norm), written: new Set<string>(), normWritten: false };
        entry.written.add(form);
        entry.normWritten ||= form === norm;
        table.set(norm, entry);
      }
    }
  }
  return table;
}

function spellings(word: string): Set<string> {
  const out = new Set<string>();
  for (const hamza of [word, word.replace(/[أإآ]/gu, 'ا')]) {
    for (const taa of [hamza, hamza.replace(/ة/gu, 'ه')]) {
      for (const yeh of [taa, taa.replace(/ي$/u, 'ى'), taa.replace(/ي/gu, 'ى')]) out.add(yeh);
    }
  }
  return out;
}

/**
 * Whether a word is a stop word. With its surface (the word as it stands in the text), decided on
 * the written form: علي is a name, على a stop word. Without it, on the normalized form alone, where
 * the two are one.
 */
export function isStopWord(norm: string, surface?: string): boolean {
  return stopWordForms(norm, surface) !== undefined;
}

/** wordForms(norm) when the word is a stop word, undefined when it is not (see isStopWord). */
export function stopWordForms(norm: string, surface?: string): WordForms | undefined {
  stopWords ??= loadStopWords();
  const entry = stopWords.get(norm);
  if (entry === undefined || surface === undefined) return entry?.forms;
  if (surface === norm) return entry.normWritten ? entry.forms : undefined;
  // Most of the others stand in the text as listed (على, إلى): their surface is their written form.
  return entry.written.has(surface) || entry.written.has(writtenForm(surface)) ? entry.forms : undefined;
}
