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

// 16-bit summaries of a word: of its first three letters, and of those with its length and last
// letter, so that words sharing a beginning (والذي, والتي) still differ.
const MIX = 31;
const headOf = (text: string, start: number): number =>
  ((text.charCodeAt(start) << 8) ^ (text.charCodeAt(start + 1) << 4) ^ text.charCodeAt(start + 2)) & 0xffff;
const summaryOf = (word: string): number => {
  const hash = Math.imul(Math.imul(headOf(word, 0), MIX) + word.length, MIX) + word.charCodeAt(word.length - 1);
  return (hash ^ (hash >>> 16)) & 0xffff;
};

/**
 * Words mapped to values, for lookups on every word of a text. Most words are rejected on a
 * summary, one array read, before any string is hashed: hashing each word took a tenth of
 * analyze()'s time.
 */
export class WordTable<T> {
  readonly #entries = new Map<string, T>();
  readonly #summaries = new Uint8Array(0x10000);
  readonly #heads = new Uint8Array(0x10000);

  set(word: string, value: T): void {
    this.#entries.set(word, value);
    this.#summaries[summaryOf(word)] = 1;
    this.#heads[headOf(word, 0)] = 1;
  }

  get(word: string): T | undefined {
    return this.#summaries[summaryOf(word)] === 1 ? this.#entries.get(word) : undefined;
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }

  /** False when no word of the table starts with the three letters of text at start. */
  mayStartAt(text: string, start: number): boolean {
    return this.#heads[headOf(text, start)] === 1;
  }
}
