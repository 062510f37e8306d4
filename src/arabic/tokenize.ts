import { mayChangeUnderNormalize, normalize } from './normalize.ts';

export interface Token {
  start: number;
  end: number;
  surface: string;
  norm: string;
}

// A word is a run of letters, marks (harakat) and digits. Format characters (ZWNJ, ZWJ, bidi marks)
// inside a run keep it whole, and a dot or comma between digits keeps 3.5 and 1,000 whole. Tatweel
// is a letter (Lm), so stretched words stay whole too.
const SEPARATOR = 0;
const LETTER = 1;
const DIGIT = 2;
const FORMAT = 3;
const HIGH_SURROGATE = 4;
// Added to the class of a unit that normalize() may change: a word without one is its own norm.
const CHANGES = 8;
const UNKNOWN = 255;
const NUMBER_JOINERS = new Set([0x2e, 0x2c, 0x066b, 0x066c]); // . , and the Arabic decimal and thousands separators

function classify(char: string): number {
  if (/[\p{L}\p{M}]/u.test(char)) return LETTER;
  if (/\p{N}/u.test(char)) return DIGIT;
  if (/\p{Cf}/u.test(char)) return FORMAT;
  return SEPARATOR;
}

// Classes of the UTF-16 code units, filled in from the Unicode properties above the first time each
// is seen: a table lookup scans text several times faster than matching the same property classes
// with a regex (docs/decisions.md#tokenizer-class-table). A high surrogate needs the unit after it.
const unitClasses = new Uint8Array(0x10000).fill(UNKNOWN).fill(HIGH_SURROGATE | CHANGES, 0xd800, 0xdc00);

function unitEntry(code: number): number {
  const known = unitClasses[code] ?? SEPARATOR;
  if (known !== UNKNOWN) return known;
  const char = String.fromCharCode(code);
  const entry = classify(char) | (mayChangeUnderNormalize(char) ? CHANGES : 0);
  unitClasses[code] = entry;
  return entry;
}

const unitClass = (code: number): number => unitEntry(code) & ~CHANGES;

// A lone surrogate is a separator, so malformed UTF-16 cannot break a scan.
const isPairAt = (text: string, index: number): boolean => {
  const next = text.charCodeAt(index + 1);
  return unitClass(text.charCodeAt(index)) === HIGH_SURROGATE && next >= 0xdc00 && next <= 0xdfff;
};
const pairClassAt = (text: string, index: number): number => (isPairAt(text, index) ? classify(text.slice(index, index + 2)) : SEPARATOR);
const isWordClass = (charClass: number): boolean => charClass === LETTER || charClass === DIGIT;
// A dot or comma between two digits (3.5, 1,000), given that a digit ends just before index.
const joinsDigits = (text: string, index: number): boolean => NUMBER_JOINERS.has(text.charCodeAt(index)) && unitClass(text.charCodeAt(index + 1)) === DIGIT;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (start, end, surface, norm) => tokens.push({ start, end, surface, norm }));
  return tokens;
}

/** Visits every word of the text whose normalized form is not empty, in order. */
export function forEachWord(text: string, visit: (start: number, end: number, surface: string, norm: string) => void): void {
  const length = text.length;
  let index = 0;
  while (index < length) {
    // Spaces, punctuation and format characters cannot start a word: skipped with one table read.
    const skipped = unitClasses[text.charCodeAt(index)]! & ~CHANGES;
    if (skipped === SEPARATOR || skipped === FORMAT) {
      index += 1;
      continue;
    }
    const start = index;
    let end = start;
    let lastClass = SEPARATOR;
    let changes = 0;
    while (index < length) {
      // The table read inline; unitEntry() learns a unit the first time it is seen.
      let entry = unitClasses[text.charCodeAt(index)]!;
      if (entry === LETTER) {
        // Most units: a letter that normalize() keeps.
        index += 1;
        end = index;
        lastClass = LETTER;
        continue;
      }
      if (entry === UNKNOWN) entry = unitEntry(text.charCodeAt(index));
      let charClass = entry & ~CHANGES;
      let width = 1;
      if (charClass === HIGH_SURROGATE) {
        charClass = pairClassAt(text, index);
        if (isPairAt(text, index)) width = 2;
      }
      if (isWordClass(charClass)) {
        index += width;
        end = index;
        lastClass = charClass;
        changes |= entry;
      } else if (charClass === FORMAT && end > start) {
        index += width;
        changes |= entry;
      } else if (lastClass === DIGIT && index === end && joinsDigits(text, index)) {
        index += 1;
        changes |= entry;
      } else {
        break;
      }
    }
    if (end === start) {
      index = start + 1;
      continue;
    }
    const surface = text.slice(start, end);
    const norm = changes & CHANGES ? normalize(surface) : surface;
    if (norm !== '') visit(start, end, surface, norm);
    index = end;
  }
}
