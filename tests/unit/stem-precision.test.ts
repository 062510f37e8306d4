import { describe, expect, it } from 'vitest';
import { analyze, normalize, stemWord } from '../../src/arabic/index.ts';

/** The stems a word can be searched by: its stem, and its alt when a proclitic is ambiguous. */
const readings = (word: string): string[] => {
  const { stem, alt } = stemWord(normalize(word));
  return alt === undefined ? [stem] : [stem, alt];
};
const stemOf = (word: string): string => stemWord(normalize(word)).stem;

// Frequent words of the news corpus that a light stemmer joined under one stem although they mean
// different things (both words seen 50+ times there). Each line: the two words, and why.
const DIFFERENT_WORDS: [string, string, string][] = [
  // Seen by users of the archive.
  ['الرياض', 'رياضة', 'Riyadh / sport'],
  ['الدولي', 'دولة', 'international / state'],
  ['الشام', 'الشاماني', 'the Levant / a surname'],
  ['الإخوان', 'أخوه', 'the Brotherhood / his brother'],
  // ة of a noun.
  ['المنطق', 'المنطقة', 'logic / region'],
  ['الجامع', 'الجامعة', 'mosque / university'],
  ['المكتب', 'المكتبة', 'office / library'],
  ['الطريق', 'الطريقة', 'road / method'],
  ['الدور', 'الدورة', 'role / session'],
  ['السلام', 'السلامة', 'peace / safety'],
  ['العام', 'العامة', 'year / public'],
  ['المحافظ', 'المحافظة', 'governor / governorate'],
  ['مساعد', 'مساعدة', 'assistant / aid'],
  ['الطائف', 'الطائفة', 'Taif / sect'],
  ['البريد', 'بريدة', 'mail / Buraidah'],
  ['شرط', 'الشرطة', 'condition / police'],
  ['الحزم', 'حزمة', 'firmness / package'],
  ['السيول', 'السيولة', 'floods / liquidity'],
  ['زياد', 'زيادة', 'Ziad / increase'],
  ['أشار', 'إشارة', 'he pointed out / signal'],
  ['عاد', 'عادة', 'he returned / habit'],
  ['العقيد', 'العقيدة', 'colonel / creed'],
  ['دقيق', 'دقيقة', 'flour / minute'],
  ['قائم', 'قائمة', 'standing / list'],
  ['الجمع', 'الجمعة', 'gathering / Friday'],
  ['المقابل', 'المقابلة', 'in return / interview'],
  ['الخبر', 'الخبرة', 'news / expertise'],
  // ي and يه of a nisba.
  ['المدني', 'المدن', 'civil / cities'],
  ['الاجتماعية', 'الاجتماع', 'social / meeting'],
  ['العملية', 'العمل', 'operation / work'],
  ['الحالي', 'الحال', 'current / situation'],
  ['الدوري', 'الدور', 'league / role'],
  ['الرسمي', 'الرسم', 'official / drawing'],
  ['السعودي', 'سعود', 'Saudi / Saud'],
  ['الشخصية', 'الشخص', 'personality / person'],
  ['الجمعية', 'الجمعة', 'association / Friday'],
  ['أهمية', 'أهم', 'importance / most important'],
  ['بداية', 'بدا', 'beginning / it seemed'],
  ['ملايين', 'ملا', 'millions / mullah'],
  // ان.
  ['مهرجان', 'مهرج', 'festival / clown'],
  ['الإنسان', 'أنس', 'human / Anas'],
  ['طالبان', 'الطالب', 'Taliban / the student'],
  ['العدوان', 'العدو', 'aggression / enemy'],
  ['الظهران', 'الظهر', 'Dhahran / noon'],
  // ين, ون, ات.
  ['حسين', 'حس', 'Hussein / sense'],
  ['عشرين', 'عشر', 'twenty / ten'],
  ['ثلاثين', 'ثلاث', 'thirty / three'],
  ['الزيتون', 'الزيت', 'olives / oil'],
  ['المعلومات', 'معلوم', 'information / known'],
  ['عرفات', 'عرف', 'Arafat / he knew'],
  ['الملابسات', 'الملابس', 'circumstances / clothes'],
  ['العملات', 'العمل', 'currencies / work'],
  ['توجه', 'توج', 'direction / he crowned'],
];

describe('words of different meaning do not share a stem', () => {
  it.each(DIFFERENT_WORDS)('%s / %s (%s)', (first, second) => {
    const shared = readings(first).filter((stem) => readings(second).includes(stem));
    expect(shared).toEqual([]);
  });

  it('the Brotherhood and "his brothers" are one word with a pronoun: one stem, two plain forms', () => {
    const [brotherhood, hisBrothers] = analyze('الإخوان إخوانه');
    expect(brotherhood?.stem).toBe(hisBrothers?.stem);
    expect([brotherhood?.plain, hisBrothers?.plain]).toEqual(['اخوان', 'اخوانه']);
  });
});

// Spellings and inflections of one word. The search reads a word by its stem or its alt (بمصر is
// مصر behind ب), so a form meets the first of its line when one of its readings is that stem.
const SAME_WORD: [string, string[]][] = [
  // Spelling: hamza, ة/ه, ى/ي, diacritics, tatweel.
  ['الأمن', ['الامن', 'للأمن', 'للامن', 'والأمن', 'بالأمن']],
  ['مسؤول', ['مسئول', 'المسؤول', 'المسئولين']],
  ['إسلام', ['اسلام', 'الإسلام']],
  ['القاهرة', ['القاهره', 'بالقاهرة', 'والقاهرة', 'للقاهرة', 'القاهرةِ', 'القـاهرة']],
  ['الإقليمية', ['الاقليمية', 'الاقليميه', 'الإقليميّة', 'والإقليمية']],
  ['رياضة', ['رياضه', 'الرياضة', 'بالرياضة', 'والرياضة']],
  ['مستوى', ['مستوي', 'مُستوى', 'ومستوى', 'بمستوى', 'المستويات']],
  ['مستشفى', ['مستشفي', 'المستشفى', 'المستشفيات']],
  ['المكتبات', ['مكتبات', 'والمكتبات', 'بالمكتبات', 'للمكتبات', 'فالمكتبات', 'وبالمكتبات', 'المَكْتَبَات', 'المكـــتبات', 'مكتباتها']],
  ['إصرار', ['اصرار', 'وإصرار', 'إِصْرار']],
  // Clitics: و ف ب ل ك, ال وال بال لل كال فال.
  ['ليبيا', ['بليبيا', 'لليبيا', 'وليبيا']],
  ['مصر', ['بمصر', 'لمصر', 'ومصر', 'فمصر', 'كمصر', 'وبمصر']],
  ['السودان', ['سودان', 'والسودان', 'بالسودان', 'للسودان', 'السُّودان']],
  ['حفتر', ['وحفتر', 'لحفتر', 'بحفتر', 'حَفتر']],
  ['الكتاب', ['كالكتاب', 'فالكتاب', 'وللكتاب']],
  // Plural, dual, feminine of an adjective, pronouns.
  ['مسلم', ['المسلمون', 'المسلمين', 'مسلمة']],
  ['لاعب', ['لاعبين', 'اللاعبون', 'لاعبه']],
  ['الطرف', ['الطرفين', 'طرفها']],
  ['شركة', ['الشركات', 'شركاتها', 'الشركة', 'وشركة']],
  ['كتاب', ['كتابه', 'كتابهم', 'كتابها', 'كتابهما']],
  ['جديد', ['الجديدة', 'جديدة', 'الجديدين']],
  ['السعودية', ['السعودي', 'سعودي', 'السعوديين', 'السعوديون', 'السعوديات']],
  ['الدولي', ['الدولية', 'دولي', 'الدوليين']],
  ['الرياضي', ['الرياضية', 'رياضي', 'الرياضيين']],
  ['مهرجان', ['المهرجانات', 'مهرجانها']],
  ['ذهب', ['ذهبوا']],
];

describe('spellings and inflections of one word share a stem', () => {
  it.each(SAME_WORD)('%s', (word, forms) => {
    const stem = stemOf(word);
    for (const form of forms) expect(readings(form), form).toContain(stem);
  });

  it('فليبيا meets ليبيا once its conjunction is off, as the query parser takes it off', () => {
    expect(readings(normalize('فليبيا').slice(1))).toContain(stemOf('ليبيا'));
  });
});

describe('stop words are decided on the written form', () => {
  it('keeps the name علي and drops the preposition على in every spelling', () => {
    const terms = analyze('سلم علي على الوزير وعلى علی عَلَى علـى');
    expect(terms.map((term) => [term.surface, term.stop])).toEqual([
      ['سلم', false],
      ['علي', false],
      ['على', true],
      ['الوزير', false],
      ['وعلى', true],
      ['علی', true],
      ['عَلَى', true],
      ['علـى', true],
    ]);
  });

  it.each([
    ['آلية', 'إليه'],
    ['إمام', 'أمام'],
    ['أثر', 'إثر'],
  ])('%s is searchable while %s, which it folds onto, is a stop word', (word, stopWord) => {
    expect(analyze(`${word} ${stopWord}`).map((term) => term.stop)).toEqual([false, true]);
  });

  it('keeps the stop words written without hamza or with ى for ي', () => {
    expect(analyze('الى ان فى الذى').every((term) => term.stop)).toBe(true);
  });
});

describe('plain form', () => {
  it.each([
    ['والمكتبات', 'مكتبات'],
    ['الرياض', 'رياض'],
    ['رياضة', 'رياضه'],
    ['بالرياضات', 'رياضات'],
    ['الدولية', 'دوليه'],
  ])('%s → %s: proclitics off, suffixes kept', (word, plain) => {
    expect(analyze(word)[0]?.plain).toBe(plain);
  });

  it('gives the alt reading its plain form too', () => {
    expect(analyze('لليبيا')[0]).toMatchObject({ plain: 'يبيا', alt: 'ليبيا', altPlain: 'ليبيا' });
  });
});
