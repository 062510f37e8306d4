import { readFileSync } from 'node:fs';
import { projectPath } from '../project-root.ts';
import { normalize } from './normalize.ts';

/**
 * Reads a word list of index-config/: one word a line, `#` starts a comment. Words are normalized
 * like the text they are compared with, so the lists may be written in full spelling.
 */
export function readWordList(fileName: string, normalizeWord: (word: string) => string = normalize): Set<string> {
  const text = readFileSync(projectPath(`index-config/${fileName}`), 'utf8');
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    const word = normalizeWord(line.replace(/#.*/, '').trim());
    if (word !== '') words.add(word);
  }
  return words;
}

// Summaries of text.slice(start, end), so that a lookup reads a few letters, not every one: the
// first three letters (0 past the end), and a hash of those with the length and the last letter,
// so that words sharing a beginning (والذي, والتي) still differ.
const MIX = 31;
function headOf(text: string, start: number, end: number): number {
  const first = start < end ? text.charCodeAt(start) : 0;
  const second = start + 1 < end ? text.charCodeAt(start + 1) : 0;
  const third = start + 2 < end ? text.charCodeAt(start + 2) : 0;
  return ((first << 8) ^ (second << 4) ^ third) & 0xffff;
}
function hashOf(text: string, start: number, end: number): number {
  const last = end > start ? text.charCodeAt(end - 1) : 0;
  const hash = Math.imul(Math.imul(headOf(text, start, end), MIX) + (end - start), MIX) + last;
  return hash ^ (hash >>> 16);
}

// Sets of 16-bit summaries as 8 KB bitsets: a 64 KB byte table per summary, read at random, did
// not stay in the CPU's first-level cache with the rest.
const newBitset = (): Int32Array => new Int32Array(0x10000 >>> 5);
const hasBit = (bits: Int32Array, bit: number): boolean => (bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
const setBit = (bits: Int32Array, bit: number): void => {
  bits[bit >>> 5]! |= 1 << (bit & 31);
};

/**
 * Words mapped to values, for lookups on every word of a text. Most words are rejected on a 16-bit
 * summary, one array read; the others are found in an open-addressing table, compared with the
 * text in place. A Map needed a fresh string and hashed all of it: the word tables took a large
 * share of analyze()'s time (docs/decisions.md#word-table).
 */
export class WordTable<T> {
  readonly #words: string[] = [];
  readonly #values: T[] = [];
  readonly #summaries = newBitset();
  readonly #heads = newBitset();
  // Per slot: 1 + the index of its word in #words (0: empty), and that word's hash.
  #slots = new Int32Array(16);
  #slotHashes = new Int32Array(16);

  set(word: string, value: T): void {
    const hash = hashOf(word, 0, word.length);
    const index = this.#indexOf(word, 0, word.length, hash);
    if (index >= 0) {
      this.#values[index] = value;
      return;
    }
    this.#words.push(word);
    this.#values.push(value);
    // At most half the slots are taken, so a probe soon meets an empty one.
    if (this.#words.length * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    else this.#place(this.#words.length - 1, hash);
    setBit(this.#summaries, hash & 0xffff);
    setBit(this.#heads, headOf(word, 0, word.length));
  }

  get(word: string): T | undefined {
    return this.getAt(word, 0, word.length);
  }

  /** The value of text.slice(start, end). */
  getAt(text: string, start: number, end: number): T | undefined {
    const hash = hashOf(text, start, end);
    if (!hasBit(this.#summaries, hash & 0xffff)) return undefined;
    const index = this.#indexOf(text, start, end, hash);
    return index < 0 ? undefined : this.#values[index];
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }

  hasAt(text: string, start: number, end: number): boolean {
    return this.getAt(text, start, end) !== undefined;
  }

  /** False when no word of the table starts with the three letters of text at start. */
  mayStartAt(text: string, start: number): boolean {
    return hasBit(this.#heads, headOf(text, start, text.length));
  }

  #indexOf(text: string, start: number, end: number, hash: number): number {
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!;
      if (entry === 0) return -1;
      if (this.#slotHashes[slot] !== hash) continue;
      const word = this.#words[entry - 1]!;
      if (word.length === end - start && text.startsWith(word, start)) return entry - 1;
    }
  }

  #place(index: number, hash: number): void {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = index + 1;
    this.#slotHashes[slot] = hash;
  }

  #rehash(size: number): void {
    this.#slots = new Int32Array(size);
    this.#slotHashes = new Int32Array(size);
    this.#words.forEach((word, index) => this.#place(index, hashOf(word, 0, word.length)));
  }
}
