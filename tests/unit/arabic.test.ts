import { describe, expect, it } from 'vitest';
import { analyze, isStopWord, normalize, stems, stemWord, tokenize, writtenForm } from '../../src/arabic/index.ts';

const stemOf = (word: string): string => stemWord(normalize(word)).stem;
const altOf = (word: string): string | undefined => stemWord(normalize(word)).alt;

describe('normalize', () => {
  it.each([
    ['harakat', 'مُحَمَّدٌ', 'محمد'],
    ['tanwin and sukun', 'كتابًا مْ', 'كتابا م'],
    ['shadda with kasra', 'الشِّعر', 'الشعر'],
    ['dagger alef', 'هٰذا', 'هذا'],
    ['tatweel', 'مـــصـــر', 'مصر'],
    ['Quranic honorific sign', 'محمد\u0610', 'محمد'],
    ['Quranic annotation marks', 'الرحيم\u06D6\u06DA', 'الرحيم'],
    ['alef with hamza above', 'أحمد', 'احمد'],
    ['alef with hamza below', 'إسلام', 'اسلام'],
    ['alef with madda', 'آمن', 'امن'],
    ['alef wasla', 'ٱلكتاب', 'الكتاب'],
    ['alef maqsura', 'مستشفى', 'مستشفي'],
    ['taa marbuta', 'مدرسة', 'مدرسه'],
    ['hamza on waw folds to hamza', 'مسؤول', 'مسءول'],
    ['hamza on yeh folds to hamza', 'مسئول', 'مسءول'],
    ['combining hamza composes before folding', 'مسو\u0654ول', 'مسءول'],
    ['combining madda composes', 'ا\u0653من', 'امن'],
    ['Persian kaf', 'کتاب', 'كتاب'],
    ['Persian yeh', 'فارسی', 'فارسي'],
    ['heh with yeh above', 'خانۀ', 'خانه'],
    ['heh doachashmee', 'ھذا', 'هذا'],
    ['heh goal', 'ہذا', 'هذا'],
    ['gaf stays', 'گل', 'گل'],
    ['Arabic-Indic digits', '٢٠١١', '2011'],
    ['Persian digits', '۱۳۹۴', '1394'],
    ['Arabic decimal separator', '٣٫٥', '3.5'],
    ['Latin lowercased', 'iPhone GOOGLE', 'iphone google'],
    ['Latin accents may stay', 'ÉTÉ', 'été'],
    ['lam-alef ligature', 'ﻻ', 'لا'],
    ['lam-alef with hamza ligature', 'ﻷن', 'لان'],
    ['presentation forms', 'ﺍﻟﺴﻼﻡ', 'السلام'],
    ['Allah ligature', 'ﷲ', 'الله'],
    ['isolated fathatan form leaves no space', 'كتاب\uFE70', 'كتاب'],
    ['zero-width non-joiner', 'می\u200Cخواهم', 'ميخواهم'],
    ['zero-width space', 'كلمة\u200B', 'كلمه'],
    ['right-to-left mark', '\u200Fمرحبا', 'مرحبا'],
    ['bidi embedding and pop', '\u202Bنص\u202C', 'نص'],
    ['bidi isolate', '\u2067نص\u2069', 'نص'],
    ['Arabic letter mark', 'نص\u061C', 'نص'],
    ['byte order mark', '\uFEFFنص', 'نص'],
    ['punctuation and spaces kept', 'قال: «نعم»، ثم ذهب؟', 'قال: «نعم»، ثم ذهب؟'],
    ['empty string', '', ''],
    ['lone surrogate passes through', 'a\uD800', 'a\uD800'],
  ])('%s', (_rule, input, expected) => {
    expect(normalize(input)).toBe(expected);
  });
});

describe('writtenForm', () => {
  it.each([
    ['keeps hamza seats, ى and ة', 'إلى أمام مؤسسة', 'إلى أمام مؤسسة'],
    ['drops diacritics and tatweel', 'عَلَى علـى', 'على على'],
    ['Persian yeh reads as ى', 'علی', 'على'],
    ['composes presentation forms', 'ﻋﻠﻰ', 'على'],
  ])('%s', (_rule, input, expected) => {
    expect(writtenForm(input)).toBe(expected);
  });
});

describe('stemWord', () => {
  it.each([
    ['article', 'الكتاب', 'كتاب'],
    ['و + article', 'والكتاب', 'كتاب'],
    ['ب + article', 'بالكتاب', 'كتاب'],
    ['ك + article', 'كالكتاب', 'كتاب'],
    ['ف + article', 'فالكتاب', 'كتاب'],
    ['ل + article', 'للكتاب', 'كتاب'],
    ['و + ب + article', 'وبالكتاب', 'كتاب'],
    ['ف + ب + article', 'فبالكتاب', 'كتاب'],
    ['و + ل + article', 'وللكتاب', 'كتاب'],
    ['ف + ل + article', 'فللكتاب', 'كتاب'],
    ['لل in front of a word with its own ا', 'للأمن', 'امن'],
    ['two letters remain after the article', 'الحج', 'حج'],
    ['لل with two letters left', 'للحج', 'حج'],
    ['و on a four-letter word', 'ومصر', 'مصر'],
    ['و stays on a three-letter word', 'ولد', 'ولد'],
    ['feminine plural', 'شركات', 'شرك'],
    ['taa marbuta', 'شركة', 'شرك'],
    ['masculine plural ون', 'المسلمون', 'مسلم'],
    ['masculine plural ين', 'المسلمين', 'مسلم'],
    ['plural then pronoun', 'شركاتها', 'شرك'],
    ['pronoun هم', 'كتابهم', 'كتاب'],
    ['pronoun هما', 'كتابهما', 'كتاب'],
    ['pronoun ه', 'كتابه', 'كتاب'],
    ['nisba keeps its ي', 'السعودية', 'سعودي'],
    ['nisba plural', 'السعوديين', 'سعودي'],
    ['verb plural وا', 'ذهبوا', 'ذهب'],
    ['ان stays', 'مهرجان', 'مهرجان'],
    ['nisba of a word in ان', 'الإيرانية', 'ايراني'],
    ['three letters must remain', 'بيان', 'بيان'],
    ['three letters must remain for هم', 'أسهم', 'اسهم'],
    ['hamza seats meet', 'الشئون', 'شءون'],
    ['hamza seats meet (waw)', 'الشؤون', 'شءون'],
    ['Latin word', 'iphone', 'iphone'],
    ['Latin word with Arabic suffix', 'iphoneها', 'iphone'],
    ['number', '2011', '2011'],
    ['decimal number', '3.5', '3.5'],
  ])('%s: %s → %s', (_rule, word, stem) => {
    expect(stemOf(word)).toBe(stem);
  });

  it.each([
    ['Allah', 'الله', 'الله'],
    ['Allah with a conjunction', 'والله', 'الله'],
    ['Allah with a preposition', 'بالله', 'الله'],
    ['lillah', 'لله', 'لله'],
    ['Allahumma', 'اللهم', 'اللهم'],
    ['Libya', 'ليبيا', 'ليبيا'],
    ['Haftar', 'حفتر', 'حفتر'],
    ['Sisi', 'السيسي', 'سيسي'],
    ['Sisi without article', 'سيسي', 'سيسي'],
    ['Egypt', 'مصر', 'مصر'],
    ['Lebanon is not milk', 'لبنان', 'لبنان'],
    ['Lebanese', 'اللبنانيين', 'لبناني'],
    ['Lebanese feminine', 'لبنانية', 'لبناني'],
    ['Benghazi', 'بنغازي', 'بنغازي'],
    ['King Salman is not سلم', 'سلمان', 'سلمان'],
    ['Bahrain is not sea', 'البحرين', 'بحرين'],
    ['Bahraini', 'بحريني', 'بحريني'],
    ['Palestine', 'فلسطين', 'فلسطين'],
    ['Palestinians', 'الفلسطينيون', 'فلسطيني'],
    ['thousands (آلاف) keep their ال', 'آلاف', 'الاف'],
    ['the thousands', 'الآلاف', 'الاف'],
    ['Germany', 'ألمانيا', 'المانيا'],
    ['German', 'الألماني', 'الماني'],
    ['German without article', 'ألماني', 'الماني'],
    ['minister keeps its root و', 'وزير', 'وزير'],
    ['the minister', 'الوزير', 'وزير'],
    ['his minister', 'وزيره', 'وزير'],
    ['ministry', 'وزارة', 'وزار'],
    ['ministries', 'وزارات', 'وزار'],
    ['the ministries', 'الوزارات', 'وزار'],
    ['father', 'والده', 'والد'],
    ['the father', 'الوالد', 'والد'],
    ['national', 'الوطنية', 'وطني'],
    ['national without article', 'وطني', 'وطني'],
    ['percent is not water', 'بالمائة', 'ماءه'],
    ['water', 'الماء', 'ماء'],
    ['library (listed noun in ة)', 'مكتبة', 'مكتبه'],
    ['libraries keep their ات', 'المكتبات', 'مكتبات'],
    ['their libraries', 'مكتباتهم', 'مكتبات'],
    ['twenty keeps its ون', 'عشرون', 'عشرون'],
  ])('keeps %s: %s → %s', (_name, word, stem) => {
    expect(stemOf(word)).toBe(stem);
  });

  it.each([
    ['بمصر', 'بمصر', 'مصر'],
    ['لمصر', 'لمصر', 'مصر'],
    ['فمصر', 'فمصر', 'مصر'],
    ['وبمصر', 'بمصر', 'مصر'],
    ['لبنان', 'لبنان', 'بنان'],
    ['ولبنان', 'لبنان', 'بنان'],
    ['ببغداد', 'ببغداد', 'بغداد'],
    ['كبير', 'كبير', 'بير'],
    ['لليبيا', 'يبيا', 'ليبيا'],
  ])('alt of %s: stem %s, alt %s', (word, stem, alt) => {
    expect(stemWord(normalize(word))).toEqual({ stem, alt });
  });

  it.each(['مصر', 'ومصر', 'المكتبات', 'وبالمكتبات', 'بيت', 'لله', 'بلبنان', 'الله', 'في'])('no alt for %s', (word) => {
    expect(altOf(word)).toBeUndefined();
  });

  it.each([
    [['المخابرات', 'مخابرات', 'والمخابرات', 'المُخابَرات', 'وبالمخابرات', 'للمخابرات', 'مخابراتها']],
    [['المكتبات', 'مكتبات', 'والمكتبات', 'وبالمكتبات', 'للمكتبات', 'مكتباتها']],
    [['مكتبة', 'بالمكتبة', 'المكتبة', 'مكتبه']],
    [['الأمن', 'أمن', 'للأمن', 'والأمن', 'بالأمن']],
    [['الليبيين', 'وبالليبيين', 'ليبيين', 'الليبية']],
    [['اليمن', 'يمن', 'باليمن', 'واليمن']],
    [['اليمنية', 'يمني', 'اليمنيين', 'واليمنيون']],
    [['الحج', 'حج', 'للحج', 'بالحج', 'والحج']],
    [['مسؤول', 'مسئول', 'المسؤول', 'المسئول']],
    [['الإيرانية', 'الإيرانيين', 'إيراني']],
    [['السيسي', 'سيسي', 'والسيسي']],
    [['لبنان', 'ولبنان', 'بلبنان', 'للبنان']],
  ])('one stem for %j', (words) => {
    expect(new Set(words.map(stemOf)).size).toBe(1);
  });

  it.each(['مصر', 'بمصر', 'لمصر', 'ومصر', 'وبمصر', 'فمصر'])('%s reaches مصر as stem or alt', (word) => {
    const { stem, alt } = stemWord(normalize(word));
    expect([stem, alt]).toContain('مصر');
  });
});

describe('isStopWord', () => {
  it.each([
    'في',
    'من',
    'على',
    'إلى',
    'عن',
    'مع',
    'الذي',
    'التي',
    'الذين',
    'والذي',
    'بالتي',
    'للذين',
    'هو',
    'هي',
    'هم',
    'هذا',
    'هذه',
    'ذلك',
    'كان',
    'كانت',
    'قد',
    'لقد',
    'لم',
    'لن',
    'لا',
    'أن',
    'إن',
    'ما',
    'ماذا',
    'متى',
    'أين',
    'كيف',
    'هل',
    'كم',
    'لماذا',
    'ماهي',
    'وفي',
    'فيها',
    'عليه',
    'منها',
    'الآن',
    'أيضاً',
  ])('%s is a stop word', (word) => {
    expect(isStopWord(normalize(word))).toBe(true);
  });

  it.each([['على', 'علی', 'عَلَى', 'الى', 'إلى', 'فى', 'الذى', 'أمام', 'امام']])('decided on the written form, these are stop words: %s', (...words) => {
    for (const word of words) expect(isStopWord(normalize(word), word), word).toBe(true);
  });

  it.each(['علي', 'آلية', 'إمام', 'أثر', 'هنأ', 'آلي'])('decided on the written form, %s is not a stop word', (word) => {
    expect(isStopWord(normalize(word), word)).toBe(false);
  });

  it.each(['الهم', 'فهم', 'ولي', 'عام', 'أول', 'الله', 'مصر', 'وزير', 'نفس', 'بن', 'الكتاب', 'iphone'])('%s is not a stop word', (word) => {
    expect(isStopWord(normalize(word))).toBe(false);
  });
});

describe('tokenize', () => {
  it.each([
    ['Arabic words', 'قال الرئيس', ['قال', 'الرءيس']],
    ['punctuation splits', 'مصر، ليبيا؛ تونس؟', ['مصر', 'ليبيا', 'تونس']],
    ['numbers', 'عام 2011 بنسبة 3.5%', ['عام', '2011', 'بنسبه', '3.5']],
    ['thousands separator', '1,000 ريال', ['1,000', 'ريال']],
    ['Arabic-Indic number', 'عام ٢٠١١', ['عام', '2011']],
    ['Latin and Arabic mixed', 'شركة Apple أعلنت iPhone', ['شركه', 'apple', 'اعلنت', 'iphone']],
    ['Latin glued to Arabic', 'الـiPhone', ['الiphone']],
    ['sentence-final dot is not part of a number', 'في 2015.', ['في', '2015']],
    ['hyphen splits', 'ثنائي-اللغة', ['ثناءي', 'اللغه']],
    ['tatweel keeps a word whole', 'مـصـر', ['مصر']],
    ['ZWNJ keeps a word whole', 'می\u200Cخواهم', ['ميخواهم']],
    ['only diacritics', 'ً ُ ِ', []],
    ['only punctuation', '!!! ... ، ؟ «»', []],
    ['empty', '', []],
    ['lone surrogate', '\uD800', []],
    ['lone surrogate between words', 'مصر\uD800ليبيا', ['مصر', 'ليبيا']],
    ['astral letters', '𝐀𝐁c', ['abc']],
    ['emoji splits', 'مصر😀ليبيا', ['مصر', 'ليبيا']],
  ])('%s', (_case, text, norms) => {
    expect(tokenize(text).map((token) => token.norm)).toEqual(norms);
  });

  it.each(['قالَ الرَّئِيسُ إنَّ مِصْرَ', 'وبالمكتبـــات العامّة', 'می\u200Cخواهم\u200F نص', 'Apple و iPhone في ٢٠١١', 'ﻻ ﺍﻟﺴﻼﻡ ﷲ', '𝐀𝐁c 😀 مصر\uD800'])('offsets slice the original text: %s', (text) => {
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(text.slice(token.start, token.end)).toBe(token.surface);
      expect(token.norm).toBe(normalize(token.surface));
    }
  });

  it('keeps the diacritics in the surface and drops them from the norm', () => {
    expect(tokenize('يا مُحَمَّدُ')).toEqual([
      { start: 0, end: 2, surface: 'يا', norm: 'يا' },
      { start: 3, end: 12, surface: 'مُحَمَّدُ', norm: 'محمد' },
    ]);
  });
});

describe('analyze', () => {
  it('flags stop words and keeps them in place', () => {
    const terms = analyze('ذهب الرئيس إلى القاهرة');
    expect(terms.map(({ surface, stem, stop }) => [surface, stem, stop])).toEqual([
      ['ذهب', 'ذهب', false],
      ['الرئيس', 'رءيس', false],
      ['إلى', 'الي', true],
      ['القاهرة', 'قاهر', false],
    ]);
  });

  it('gives alt only where a proclitic is ambiguous', () => {
    const terms = analyze('وصل الوفد بمصر');
    expect(terms[2]).toEqual({
      start: 10,
      end: 14,
      surface: 'بمصر',
      norm: 'بمصر',
      stem: 'بمصر',
      plain: 'بمصر',
      alt: 'مصر',
      altPlain: 'مصر',
      stop: false,
    });
    expect(terms[0]).not.toHaveProperty('alt');
  });

  it.each([
    ['والمكتبات', 'مكتبات'],
    ['وبالمكتبات', 'مكتبات'],
    ['الرياض', 'رياض'],
    ['رياضة', 'رياضه'],
    ['كتابهم', 'كتابهم'],
    ['ومصر', 'مصر'],
    ['والله', 'الله'],
    ['والده', 'والده'],
  ])('plain form of %s is %s: proclitics off, suffixes kept', (word, plain) => {
    expect(analyze(word)[0]?.plain).toBe(plain);
  });

  it('stems() drops stop words and keeps order', () => {
    expect(stems('ما هي عاصمة ليبيا؟')).toEqual(['عاصم', 'ليبيا']);
  });

  it('stems() of a text of stop words only is empty, while analyze() keeps them', () => {
    expect(stems('من هو')).toEqual([]);
    expect(analyze('من هو').map((term) => term.stop)).toEqual([true, true]);
  });

  it('handles empty and odd input', () => {
    expect(analyze('')).toEqual([]);
    expect(analyze('ًٌٍ')).toEqual([]);
    expect(analyze('\uD800')).toEqual([]);
    expect(stems('...')).toEqual([]);
  });
});
