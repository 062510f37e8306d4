import { wordForms } from './stem.ts';
import { stopWordForms } from './stopwords.ts';
import { forEachWord, type Token } from './tokenize.ts';

export interface Term extends Token {
  stem: string;
  /** The normalized word without its proclitics, suffixes kept: والمكتبات → مكتبات. */
  plain: string;
  alt?: string;
  /** The plain form of the alt reading: بمصر → مصر. */
  altPlain?: string;
  stop: boolean;
}

/** Every word of the text with its light stem and plain form; stop words are kept and flagged. */
export function analyze(text: string): Term[] {
  const terms: Term[] = [];
  // One object per word, with its properties listed: spreading a Token made analyze() several times slower (docs/decisions.md#term-objects).
  forEachWord(text, (start, end, surface, norm) => {
    const stopForms = stopWordForms(norm, surface);
    const stop = stopForms !== undefined;
    const { stem, plain, alt, altPlain } = stopForms ?? wordForms(norm);
    terms.push(alt === undefined ? { start, end, surface, norm, stem, plain, stop } : { start, end, surface, norm, stem, plain, alt, altPlain, stop });
  });
  return terms;
}

/** The stems of the words that are not stop words, in text order. */
export function stems(text: string): string[] {
  const out: string[] = [];
  for (const term of analyze(text)) if (!term.stop) out.push(term.stem);
  return out;
}
