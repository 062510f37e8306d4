import { readFileSync } from 'node:fs';
import { normalize } from './normalize.ts';

// The word lists are data in index-config/, not code: one word a line, `#` starts a comment.
// They are normalized like the text they are compared with, so they may be written in full spelling.
// Read synchronously on first use, so that importing the module does no I/O.
export function lazyWordList(fileName: string): () => ReadonlySet<string> {
  let words: ReadonlySet<string> | undefined;
  return () => (words ??= readWordList(fileName));
}

function readWordList(fileName: string): ReadonlySet<string> {
  const text = readFileSync(new URL(`../../index-config/${fileName}`, import.meta.url), 'utf8');
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    const word = normalize(line.replace(/#.*/, '').trim());
    if (word !== '') words.add(word);
  }
  return words;
}
