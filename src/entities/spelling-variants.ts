/**
 * How one name is spelt in Arabic news: the alternations of transliteration that the analysis does
 * not fold (src/arabic/normalize.ts already folds hamza on alef, ى/ي, ة/ه and the hamza seats ؤ/ئ).
 * Each rule makes a word's spellings one edit apart; the variant generation proposes them and
 * keeps one only where the archive shows it naming the same entity (docs/decisions.md#name-variants).
 */

export type SpellingRule = 'long-vowel' | 'g-letter' | 'emphatic' | 'hamza-ya' | 'doubled';

/** Long vowels written or left out inside a name: نتنياهو/نتانياهو, بوتين/بوتن, ترامب/ترمب. */
const LONG_VOWELS = ['ا', 'و', 'ي'];
/** The letters a foreign g is written with: جوجل/غوغل/قوقل. */
const G_LETTERS = ['ج', 'غ', 'ق', 'ك'];
/** Emphatic and plain consonants that transliterations swap: انطونيو/انتونيو. */
const EMPHATIC_PAIRS: readonly (readonly [string, string])[] = [
  ['ت', 'ط'],
  ['س', 'ص'],
  ['د', 'ض'],
  ['ز', 'ظ'],
  ['ذ', 'ز'],
  ['ث', 'س'],
  ['ث', 'ت'],
];

/** Names shorter than this have too many neighbours one edit away to tell a spelling from another word. */
export const MIN_NAME_LENGTH = 4;

/** Every spelling one rule away from a normalized word, with the rule. */
export function spellingAlternations(word: string): Map<string, SpellingRule> {
  const letters = [...word];
  const found = new Map<string, SpellingRule>();
  const add = (variant: string[], rule: SpellingRule) => {
    const text = variant.join('');
    if (text !== word && !found.has(text)) found.set(text, rule);
  };
  for (let at = 1; at < letters.length; at++) {
    for (const vowel of LONG_VOWELS) {
      // ي before a final ة makes the feminine nisba (سنغافورة, سنغافورية): another word, not a spelling.
      if (vowel === 'ي' && at === letters.length - 1 && letters[at] === 'ه') continue;
      add([...letters.slice(0, at), vowel, ...letters.slice(at)], 'long-vowel');
    }
    const letter = letters[at] ?? '';
    if (at < letters.length - 1 && LONG_VOWELS.includes(letter)) add([...letters.slice(0, at), ...letters.slice(at + 1)], 'long-vowel');
    if (at < letters.length - 1 && letter === 'ء') add(letters.with(at, 'ي'), 'hamza-ya');
    if (at < letters.length - 1 && letter === 'ي' && letters[at - 1] !== 'ي') add(letters.with(at, 'ء'), 'hamza-ya');
    if (letter === letters[at - 1] && !LONG_VOWELS.includes(letter)) add([...letters.slice(0, at), ...letters.slice(at + 1)], 'doubled');
    else if (!LONG_VOWELS.includes(letter)) add([...letters.slice(0, at), letter, ...letters.slice(at)], 'doubled');
  }
  // A g is written the same way throughout a name: every one of its letters changes at once.
  for (const from of G_LETTERS) {
    if (!letters.includes(from)) continue;
    for (const to of G_LETTERS)
      if (to !== from)
        add(
          letters.map((letter) => (letter === from ? to : letter)),
          'g-letter',
        );
  }
  for (const [a, b] of EMPHATIC_PAIRS) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      if (letters.includes(from))
        add(
          letters.map((letter) => (letter === from ? to : letter)),
          'emphatic',
        );
    }
  }
  return found;
}

/** The rule that makes two normalized words spellings of one name, or null. */
export function spellingRule(a: string, b: string): SpellingRule | null {
  if (a.length < MIN_NAME_LENGTH || b.length < MIN_NAME_LENGTH) return null;
  return spellingAlternations(a).get(b) ?? null;
}
