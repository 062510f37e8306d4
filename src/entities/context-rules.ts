// How gazetteer names that are also ordinary words behave in running text. Each list was checked
// against the news corpus (how the word is actually used around its mentions).

/**
 * Aliases that name their entity only when the same article also names it (or, for a place,
 * its country) with a firm alias. News style gives the full name first, so the bare form is kept
 * for later mentions in the same article.
 */
export const WEAK_ALIASES: readonly string[] = [
  // Places whose names are also words: سرت "spread", حماة "protectors", الرمادي "grey", تدمر
  // "destroys", درعا "a shield", الرقة "tenderness", مأرب "purposes", أبين "clearer", سبها
  // "insulting her", كسلا "lazily", البقاع "the places" (البقاع المقدسة), الزرقاء "blue", العقبة
  // "the obstacle", جنين "a fetus", صيدا "prey", الرباط "the ligament"; صلاح الدين is also a
  // given name.
  'سرت',
  'حماة',
  'الرمادي',
  'تدمر',
  'درعا',
  'الرقة',
  'صلاح الدين',
  'مأرب',
  'أبين',
  'سبها',
  'كسلا',
  'البقاع',
  'الزرقاء',
  'العقبة',
  'جنين',
  'صيدا',
  'الرباط',
  // السليمانية is Iraq's Sulaymaniyah, and also neighbourhoods of Saudi cities and Istanbul's
  // Süleymaniye mosque (docs/decisions.md#ambiguous-places).
  'السليمانية',
  // Other things: القاعدة "the base/rule", النصرة "support", السلطنة any sultanate, الخليج a
  // football club, الخليل a family name, فاس "an axe".
  'الخليج',
  'الخليل',
  'الضفة',
  'السلطنة',
  'القاعدة',
  'النصرة',
  'فاس',
  // A bare surname or first name belongs to many people besides the one the gazetteer means
  // (and الأسد is also "the lion", as in نصيب الأسد).
  'المالكي',
  'العبادي',
  'البغدادي',
  'الكاظمي',
  'بشار',
  'الأسد',
  'نجاد',
  'معصوم',
  'روحاني',
  'ظريف',
  'مرسي',
  'محلب',
  'نصر الله',
  'نصرالله',
  'هنية',
  'ولد الشيخ',
  'هادي',
  'صالح',
  'المخلوع',
];

/** Words around one alias that show it is used in another sense. */
export interface AliasRule {
  /** Spellings of one alias. */
  aliases: readonly string[];
  /** The previous word (without proclitics) is one of these. */
  notAfter?: readonly string[];
  /** The next word (without proclitics) is one of these. */
  notBefore?: readonly string[];
  /** The alias is read only by stripping this one-letter proclitic (بحماس: "with enthusiasm"). */
  notWithProclitic?: string;
  /**
   * Right after a word with the article, the alias (without a proclitic of its own) is an
   * adjective agreeing with it: المياه البيضاء "the white water", not al-Bayda.
   */
  notAfterDefinite?: boolean;
  /** In quotation marks the alias is a title and names this entity instead: لـ«الشرق الأوسط». */
  whenQuoted?: string;
}

export const ALIAS_RULES: readonly AliasRule[] = [
  // صلاة المغرب, أذان المغرب, بين المغرب والعشاء: the sunset prayer, not Morocco.
  { aliases: ['المغرب'], notAfter: ['صلاة', 'أذان', 'بعد', 'قبل', 'وقت'], notBefore: ['والعشاء'] },
  // حماس شديد, وسط حماس, بحماس: enthusiasm, not Hamas.
  {
    aliases: ['حماس'],
    notAfter: ['وسط', 'بكل'],
    notBefore: ['شديد', 'كبير', 'كبيرة', 'بالغ', 'منقطع'],
    notWithProclitic: 'ب',
  },
  // اليد اليمنى, الجهة اليمنى: "right" (يمنى, written like يمني once ى is folded into ي).
  {
    aliases: ['اليمني'],
    notAfter: ['يد', 'ذراع', 'قدم', 'رجل', 'ساق', 'عين', 'أذن', 'ركبة', 'كلية', 'رئة', 'جهة', 'ناحية', 'جبهة', 'زاوية'],
  },
  // مسقط رأسه: his birthplace, not Muscat.
  { aliases: ['مسقط'], notBefore: ['رأس', 'رأسه', 'رأسها'] },
  // نصف قطر: a radius.
  { aliases: ['قطر'], notAfter: ['نصف'] },
  // كأس الاتحاد الأفريقي: the African football confederation's cup, not the African Union.
  { aliases: ['الاتحاد الأفريقي', 'الاتحاد الإفريقي', 'الاتحاد الافريقي'], notAfter: ['كأس'] },
  // The newspaper, quoted as a source hundreds of times in the corpus.
  { aliases: ['الشرق الأوسط'], whenQuoted: 'asharq-al-awsat' },
  // للحج: "for the pilgrimage", not Lahij; لصالح: "in favour of", not Ali Abdullah Saleh.
  { aliases: ['لحج'], notWithProclitic: 'ل' },
  { aliases: ['صالح'], notWithProclitic: 'ل' },
  // البيضاء is also "white": الأراضي البيضاء, كريات الدم البيضاء, روسيا البيضاء (Belarus), أياديه
  // البيضاء "his generosity". As a place it follows a preposition, a noun in construct or و:
  // بالبيضاء, محافظتي البيضاء, ومقرها البيضاء, تعز والبيضاء (docs/decisions.md#ambiguous-places).
  { aliases: ['البيضاء'], notAfter: ['روسيا', 'يد', 'أياد', 'أيادي'], notAfterDefinite: true },
  // الطائفة المنصورة "the victorious party" (of the hadith), الطائفة الإسماعيلية "the Ismailis".
  { aliases: ['المنصورة'], notAfter: ['طائفة'] },
  { aliases: ['الإسماعيلية'], notAfter: ['طائفة'] },
  // جوجل بلس: the share button under many articles, not news of Google.
  { aliases: ['جوجل'], notBefore: ['بلس'] },
];

/**
 * A place name governed by one of these nouns in construct state (written without the article)
 * names a club or a newspaper, not the place: نادي نجران, لاعب الخليج, جريدة الرياض. With the
 * article the noun is followed by an adjective instead: المدرب الهولندي is Dutch.
 */
export const CLUB_OR_PAPER_WORDS: readonly string[] = ['نادي', 'ناديي', 'فريق', 'فريقي', 'لاعب', 'لاعبي', 'لاعبو', 'مدرب', 'صحيفة', 'صحيفتي', 'جريدة', 'مجلة'];

/** A nisba after "language" names the language, not the country: اللغة الفرنسية. */
export const LANGUAGE_WORDS: readonly string[] = ['لغة'];

/** A name after these words is part of someone else's patronymic (فيصل بن سلمان بن عبدالعزيز). */
export const PATRONYMIC_WORDS: readonly string[] = ['بن', 'ابن', 'بنت'];

/** A person's name after these words names a place or body called after them (مطار الملك عبدالعزيز). */
export const NAMED_AFTER_WORDS: readonly string[] = [
  'جامعة',
  'مستشفى',
  'مطار',
  'مدينة',
  'مركز',
  'مجمع',
  'طريق',
  'شارع',
  'جائزة',
  'برنامج',
  'ميناء',
  'جسر',
  'قاعدة',
  'كلية',
  'معهد',
  'مسجد',
  'ملعب',
  'استاد',
  'صندوق',
  'مؤسسة',
  'حي',
  'مشروع',
  'مكتبة',
  'كرسي',
  'منحة',
  'وقف',
  'دارة',
  'كأس',
];
