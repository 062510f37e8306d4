import { stemWord } from './stem.ts';
import { isStopWord } from './stopwords.ts';
import { tokenize, type Token } from './tokenize.ts';

export interface Term extends Token {
  stem: string;
  alt?: string;
  stop: boolean;
}

/** Every word of the text with its light stem; stop words are kept and flagged. */
export function analyze(text: string): Term[] {
  return tokenize(text).map((token) => {
    const { stem, alt } = stemWord(token.norm);
    const stop = isStopWord(token.norm);
    return alt === undefined ? { ...token, stem, stop } : { ...token, stem, alt, stop };
  });
}

/** The stems of the words that are not stop words, in text order. */
export function stems(text: string): string[] {
  const out: string[] = [];
  for (const term of analyze(text)) if (!term.stop) out.push(term.stem);
  return out;
}
