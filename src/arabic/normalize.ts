// Character-level normalization shared by indexing, querying and highlighting, so that every
// spelling variant of a word found in the wild reaches the same form.

// Spacing (isolated/medial) forms of harakat and shadda ligatures: NFKC turns them into a space or
// a tatweel plus the haraka, which would leave a stray space inside a word. They carry no letter.
const SPACING_HARAKAT = /[\uFC5E-\uFC63\uFE70-\uFE7F]/g;

// Characters outside this set may change under NFKC (presentation forms, ligatures, letters built
// from a base and a combining hamza/madda, compatibility digits, non-ASCII capitals) or under
// toLowerCase(). Plain Arabic text and ASCII never do.
const STABLE_UNDER_NFKC: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x007f],
  [0x0600, 0x0652],
  [0x0656, 0x0674],
  [0x0679, 0x06ff],
];

// Characters normalize() never changes: ASCII other than A-Z, Arabic punctuation, and the Arabic
// letters that fold to nothing else. About two words in three hold nothing else.
const UNCHANGED_ONLY = /^[\u0000-\u0040\u005B-\u007F\u060C\u061B\u061F\u0621\u0627\u0628\u062A-\u063A\u0641-\u0648\u064A]*$/;

const DELETED: ReadonlyArray<readonly [number, number]> = [
  [0x064b, 0x065f], // harakat, shadda, sukun, combining hamza/madda
  [0x0670, 0x0670], // superscript (dagger) alef
  [0x0674, 0x0674], // high hamza, left over by NFKC from ٵ ٶ ٷ ٸ
  [0x0610, 0x061a], // Quranic honorifics and small signs
  [0x06d6, 0x06ed], // Quranic annotation marks
  [0x0640, 0x0640], // tatweel
  // Invisible and bidi controls: soft hyphen, ALM, ZWSP, ZWNJ, ZWJ, LRM, RLM, embeddings and
  // overrides, word joiner, isolates, BOM.
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2060],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
];

const FOLDED: ReadonlyArray<readonly [string, string]> = [
  // Hamza on alef and madda are written inconsistently in news text; the bare alef is what
  // people type in a search box.
  ['آ', 'ا'],
  ['أ', 'ا'],
  ['إ', 'ا'],
  ['ٱ', 'ا'],
  ['ى', 'ي'], // alef maqsura is routinely written as yeh and vice versa
  ['ة', 'ه'], // taa marbuta is routinely written as heh
  // Hamza on waw and on yeh alternate for one word (مسؤول/مسئول, الشؤون/الشئون): both seats fold
  // to ء. On the retrieval proxy (BM25 over stems, see docs/decisions.md#retrieval-proxy) keeping
  // the seats and folding them to ء tie, as folding to و/ي and to ا did in earlier runs
  // (docs/decisions.md#hamza-seats). So the merges seen
  // in the news corpus decide: ء merges only true variants (شؤون/شئون, مسؤولين/مسئولين), و/ي
  // merges فئه with فيه, ا merges رؤيه with رايه and بدء with بدا.
  ['ؤ', 'ء'],
  ['ئ', 'ء'],
  // Persian and Urdu letter forms used by keyboards and copied text.
  ['ک', 'ك'],
  ['ی', 'ي'],
  ['ۀ', 'ه'],
  ['ھ', 'ه'],
  ['ہ', 'ه'],
  ['ە', 'ه'],
  ...[...'٠١٢٣٤٥٦٧٨٩'].map((digit, value) => [digit, String(value)] as const),
  ...[...'۰۱۲۳۴۵۶۷۸۹'].map((digit, value) => [digit, String(value)] as const),
  ['٫', '.'], // Arabic decimal separator, so that ٣٫٥ and 3.5 agree
  ['٬', ','], // Arabic thousands separator
];

// Indexed by UTF-16 code unit: an array read is cheaper than a Map lookup for every character.
const REPLACEMENTS = new Array<string | undefined>(0x10000).fill(undefined);
for (const [first, last] of DELETED) REPLACEMENTS.fill('', first, last + 1);
for (const [char, folded] of FOLDED) REPLACEMENTS[char.charCodeAt(0)] = folded;
for (let code = 0x41; code <= 0x5a; code++) REPLACEMENTS[code] = String.fromCharCode(code + 0x20);

// What normalize() does to each UTF-16 code unit: one loop over a word with a table read per unit
// is cheaper than the two regex tests it replaces.
const KEPT = 0;
const REPLACED = 1;
const COMPOSED = 2;
const UNIT_KINDS = new Uint8Array(0x10000).fill(COMPOSED);
for (const [first, last] of STABLE_UNDER_NFKC) {
  for (let code = first; code <= last; code++) UNIT_KINDS[code] = REPLACEMENTS[code] === undefined ? KEPT : REPLACED;
}

// The letters of a word as it was written: the folds of hamza seats, ى and ة undone, so that a word
// can be told from another that folds onto it (the name علي, the preposition على). Persian yeh
// becomes ى: at the end of a word, where it matters here, it is written without dots like ى.
const WRITTEN_REPLACEMENTS = [...REPLACEMENTS];
for (const letter of 'أإآىةؤئ') WRITTEN_REPLACEMENTS[letter.charCodeAt(0)] = undefined;
WRITTEN_REPLACEMENTS['ی'.charCodeAt(0)] = 'ى';

/** False for a character that normalize() leaves as it is, whatever surrounds it. */
export function mayChangeUnderNormalize(char: string): boolean {
  return !UNCHANGED_ONLY.test(char);
}

export function normalize(text: string): string {
  let firstReplaced = -1;
  for (let index = 0; index < text.length; index++) {
    const kind = UNIT_KINDS[text.charCodeAt(index)];
    if (kind === COMPOSED) return replaceChars(composed(text), 0, REPLACEMENTS);
    if (kind === REPLACED && firstReplaced < 0) firstReplaced = index;
  }
  return firstReplaced < 0 ? text : replaceChars(text, firstReplaced, REPLACEMENTS);
}

/** normalize() without its letter folds: diacritics and tatweel go, أ إ آ ى ة ؤ ئ stay. */
export function writtenForm(text: string): string {
  return replaceChars(needsComposing(text) ? composed(text) : text, 0, WRITTEN_REPLACEMENTS);
}

const composed = (text: string): string => text.replace(SPACING_HARAKAT, '').normalize('NFKC').toLowerCase();

function needsComposing(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (UNIT_KINDS[text.charCodeAt(index)] === COMPOSED) return true;
  return false;
}

// Copies the runs between replaced characters, so long texts are not rebuilt char by char;
// concatenating them is cheaper than joining an array for a word.
function replaceChars(text: string, from: number, replacements: ReadonlyArray<string | undefined>): string {
  let out = '';
  let runStart = 0;
  for (let index = from; index < text.length; index++) {
    const replacement = replacements[text.charCodeAt(index)];
    if (replacement === undefined) continue;
    out += text.slice(runStart, index) + replacement;
    runStart = index + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}
