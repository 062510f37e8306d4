export { analyze, stems, type Term } from './analyze.ts';
export { normalize, writtenForm } from './normalize.ts';
export { stemWord, wordForms, type Stemmed, type WordForms } from './stem.ts';
export { isStopWord } from './stopwords.ts';
export { tokenize, type Token } from './tokenize.ts';
