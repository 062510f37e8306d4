import { normalize } from './normalize.ts';

export interface Token {
  start: number;
  end: number;
  surface: string;
  norm: string;
}

// A word is a run of letters, marks (harakat) and digits. Format characters (ZWNJ, ZWJ, bidi marks)
// inside a run keep it whole, and a dot or comma between digits keeps 3.5 and 1,000 whole. Tatweel
// is a letter (Lm), so stretched words stay whole too.
const WORD =
  /[\p{L}\p{M}\p{N}]+(?:(?:\p{Cf}+|(?<=\p{N})[.,\u066B\u066C](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const surface = match[0];
    const norm = normalize(surface);
    if (norm === '') continue;
    const start = match.index;
    tokens.push({ start, end: start + surface.length, surface, norm });
  }
  return tokens;
}
