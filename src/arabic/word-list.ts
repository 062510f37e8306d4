import { readFileSync } from 'node:fs';
import { normalize } from './normalize.ts';

/**
 * Reads a word list of index-config/: one word a line, `#` starts a comment. Words are normalized
 * like the text they are compared with, so the lists may be written in full spelling.
 */
export function readWordList(fileName: string): Set<string> {
  const text = readFileSync(new URL(`../../index-config/${fileName}`, import.meta.url), 'utf8');
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    const word = normalize(line.replace(/#.*/, '').trim());
    if (word !== '') words.add(word);
  }
  return words;
}

// A 16-bit summary of the three UTF-16 units of text from start (a missing unit counts as 0).
const headOf = (text: string, start: number): number =>
  ((text.charCodeAt(start) << 8) ^ (text.charCodeAt(start + 1) << 4) ^ text.charCodeAt(start + 2)) & 0xffff;

/**
 * Words mapped to values, for lookups on every word of a text. Most words are rejected on their
 * first three letters, one array read, before any string is hashed: hashing each word took a
 * tenth of analyze()'s time.
 */
export class WordTable<T> {
  readonly #entries = new Map<string, T>();
  readonly #heads = new Uint8Array(0x10000);

  set(word: string, value: T): void {
    this.#entries.set(word, value);
    this.#heads[headOf(word, 0)] = 1;
  }

  /** False when no word of the table starts like text from start: the cheap first check. */
  mayHave(text: string, start: number): boolean {
    return this.#heads[headOf(text, start)] === 1;
  }

  get(word: string): T | undefined {
    return this.mayHave(word, 0) ? this.#entries.get(word) : undefined;
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }
}
