import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/arabic/index.ts';
import { DEFAULT_GAZETTEER_PATH, GazetteerError, loadGazetteer, resolveQueryEntities, tagArticle, tagText } from '../../src/entities/index.ts';

const gaz = loadGazetteer();

const ids = (text: string): string[] => {
  const tags = tagText(gaz, text);
  return [...tags.regions, ...tags.actors];
};

// The seed article (data/ and ../shared hold the text): its sections as the indexer builds them,
// heading + '\n' + paragraphs; the source URL on the last line is not text.
const SEED_SECTIONS = [
  [
    'تروي هيئة تحرير ميدل إيست أونلاين تفاصيل لقاء رفيع المستوى جمع رئيس جهاز المخابرات العامة المصرية اللواء حسن رشاد بالقائد العام في شرق ليبيا المشير خليفة حفتر في بنغازي، في إشارة إلى تعمّق التنسيق السياسي والأمني بين القاهرة وقيادة الشرق الليبي، بالتزامن مع تصاعد تعقيدات الإقليم واشتداد التحديات الأمنية.',
    'وتعرض ميدل إيست أونلاين في سياق التقرير أن المحادثات ركّزت على تطورات الداخل الليبي ومحيطه الإقليمي، مع تشديد الطرفين على استمرار التنسيق دعمًا للاستقرار في البلدين الجارين، في وقت تتحرك فيه ملفات السودان وشرق المتوسط والطاقة كخلفية ثقيلة لا يمكن فصلها عن المشهد.',
  ],
  [
    'رسائل سياسية من بنغازي',
    'يعقد رئيس جهاز المخابرات العامة المصرية لقاءه مع حفتر بحضور مسؤولين عسكريين ليبيين كبار، ويحمل اللقاء رسائل سياسية واضحة، إذ ينقل المسؤول المصري تحيات رئيس الانقلاب عبد الفتاح السيسي ويؤكد متانة العلاقات الثنائية. يبرز في الحديث إصرار القاهرة على إبقاء قنوات الاتصال مفتوحة وتوسيعها، خصوصًا مع تغيّر موازين الإقليم وتبدّل حسابات اللاعبين المؤثرين في ليبيا.',
    'يركّز الطرفان على متابعة التطورات داخل ليبيا وفي بيئتها الإقليمية، ويضعان التنسيق المستمر كمدخل لدعم الاستقرار. يقرأ التقرير هذا اللقاء بوصفه علامة على مستوى متقدم من المواءمة السياسية والأمنية بين الجانبين، لا مجرد زيارة بروتوكولية عابرة.',
  ],
  [
    'ليبيا كامتداد للأمن القومي المصري',
    'تتجذر علاقة القاهرة بشرق ليبيا منذ مرحلة ما بعد 2011، وتؤكد مصر علنًا أنها تنفتح على مختلف الأطراف الليبية، لكن يظل حفتر لاعبًا مركزيًا في الحسابات المصرية، نظرًا إلى سيطرته على مساحات واسعة في الشرق وثقله العسكري والسياسي ضمن مشهد ليبي منقسم.',
    'يربط التقرير هذا الانخراط باعتبارات أمن قومي مباشر، إذ تشترك مصر وليبيا في حدود برية طويلة وذات مسارات رخوة، وتتشابك الروابط القبلية والتجارية عبرها. تتقدم أولوية تأمين الجبهة الغربية في أجندة القاهرة، وتتصدر مكافحة تهريب السلاح ومنع تسلل الجماعات المتطرفة والتصدي لشبكات الاتجار بالبشر دوافع التعاون مع سلطات الشرق الليبي، لتتحول الشراكة الأمنية إلى ركيزة ضمن ما يصفه التقرير بـ”معمار” حماية الحدود.',
    'ويرى التقرير أن قيادة الشرق الليبي تستفيد بدورها من الغطاء السياسي المصري، إذ يعزز هذا الدعم مكانتها داخل بنية مؤسساتية ليبية منقسمة ما زالت تعمل عبر حكومات متنافسة ومؤسسات موازية.',
  ],
  [
    'تسويات معلّقة وتشابكات إقليمية',
    'يلفت التقرير إلى تكرار الاجتماعات الرسمية وما تعكسه من تفاهمات حول ملفات حساسة، أبرزها مساعي توحيد المؤسسة العسكرية الليبية وإدارة ترتيبات انتقالية تقود إلى مخرج سياسي. تؤكد القاهرة دعمها لتسوية سياسية شاملة تفضي إلى انتخابات رئاسية وبرلمانية تنهي الانقسام المؤسسي، لكنها تبني مقاربتها—وفقًا للتقرير—على إشراك كل اللاعبين المؤثرين في أي تسوية قادمة، وهو ما يفسر استمرار التواصل مع حفتر بوصفه عنصرًا لا يمكن تجاوزه في ميزان القوى الليبي.',
    'يربط التقرير محادثات بنغازي بديناميات إقليمية أوسع، إذ تتقاطع الأزمة الليبية مع ساحات مضطربة أخرى، وعلى رأسها السودان. يضيف التداخل الجغرافي بين جنوب شرق ليبيا والحدود السودانية طبقة جديدة من القلق الأمني المشترك، مع تصاعد المخاوف من انتقال عدوى عدم الاستقرار عبر الحدود نحو دول الجوار.',
    'تظهر حسابات شرق المتوسط والطاقة وإعادة الإعمار في خلفية المشهد أيضًا، إذ تتحول ليبيا إلى ساحة تنافس إقليمي ودولي على النفوذ والصفقات وترتيبات المستقبل. يعرض التقرير أن القاهرة تسعى إلى ترسيخ حضورها كطرف رئيسي في رسم مسار ليبيا القادم، عبر مسار مزدوج: تدعم جهودًا دولية لاستئناف العملية السياسية، وتحافظ في الوقت نفسه على تنسيق أمني وثيق مع قوات الشرق لحماية مصالح عاجلة على حدودها الغربية.',
    'ويخلص التقرير إلى أن القاهرة تميل إلى براجماتية محسوبة: تؤيد وحدة ليبيا وسلامة أراضيها على مستوى المبدأ، وتتمسك عمليًا بعلاقات قوية مع الأطراف التي تراها ضرورية لإدارة المخاطر، وسط غياب تسوية نهائية وتزايد الضغوط لإحياء المسار السياسي المتعثر.',
  ],
].map((lines) => lines.join('\n'));

describe('gazetteer', () => {
  const raw = JSON.parse(readFileSync(DEFAULT_GAZETTEER_PATH, 'utf8')) as { id: string; parent?: string }[];

  it('holds at least 300 entries with unique, well-formed ids and known parents', () => {
    expect(raw.length).toBeGreaterThanOrEqual(300);
    expect(new Set(raw.map((entry) => entry.id)).size).toBe(raw.length);
    for (const entry of raw) {
      expect(entry.id).toMatch(/^(?:[A-Z]{2}|[a-z0-9]+(?:-[a-z0-9]+)*)$/);
      if (entry.parent !== undefined) expect(gaz.entities.has(entry.parent)).toBe(true);
    }
    expect(gaz.entities.size).toBe(raw.length);
  });

  it('names every entity of the seed article', () => {
    for (const id of [
      'EG',
      'LY',
      'SD',
      'benghazi',
      'eastern-mediterranean',
      'eastern-libya',
      'khalifa-haftar',
      'hassan-rashad',
      'abdel-fattah-el-sisi',
      'egypt-general-intelligence',
      'middle-east-online',
    ]) {
      expect(gaz.entities.has(id), id).toBe(true);
    }
    expect(gaz.entities.get('benghazi')?.parent).toBe('LY');
    expect(gaz.entities.get('cairo')?.parent).toBe('EG');
    expect(gaz.entities.get('eastern-libya')).toMatchObject({ type: 'region', parent: 'LY' });
  });

  describe('rejects bad data, naming the entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazetteer-'));
    const entry = (id: string, extra: object = {}) => ({
      id,
      type: 'region',
      name_ar: 'مصر',
      name_en: 'Egypt',
      aliases_ar: [],
      aliases_en: [],
      ...extra,
    });
    const load = (entries: unknown[]) => {
      const path = join(dir, `${Math.random()}.json`);
      writeFileSync(path, JSON.stringify(entries));
      return () => loadGazetteer(path);
    };
    it.each([
      ['a duplicate id', [entry('EG'), entry('EG')], /duplicate id EG/],
      ['an unknown parent', [entry('cairo', { parent: 'XX' })], /cairo: unknown parent XX/],
      ['a missing field', [{ ...entry('EG'), name_en: undefined }], /\(EG\): missing name_en/],
      ['a bad id', [entry('Cairo City')], /\(Cairo City\): id must be/],
      ['a bad type', [entry('EG', { type: 'country' })], /\(EG\): type must be/],
    ])('%s', (_, entries, message) => {
      expect(load(entries)).toThrow(GazetteerError);
      expect(load(entries)).toThrow(message);
    });
  });
});

describe('tagArticle on the seed article', () => {
  const tags = tagArticle(gaz, SEED_SECTIONS);

  it('tags each section exactly, cities rolled up into their countries', () => {
    expect(tags.sections).toEqual([
      {
        regions: ['EG', 'LY', 'SD', 'benghazi', 'cairo', 'eastern-libya', 'eastern-mediterranean'],
        actors: ['egypt-general-intelligence', 'hassan-rashad', 'khalifa-haftar', 'middle-east-online'],
      },
      {
        regions: ['EG', 'LY', 'benghazi', 'cairo'],
        actors: ['abdel-fattah-el-sisi', 'egypt-general-intelligence', 'khalifa-haftar'],
      },
      { regions: ['EG', 'LY', 'cairo', 'eastern-libya'], actors: ['khalifa-haftar'] },
      {
        // جنوب شرق ليبيا (south-eastern Libya) lies in eastern Libya.
        regions: ['EG', 'LY', 'SD', 'benghazi', 'cairo', 'eastern-libya', 'eastern-mediterranean'],
        actors: ['khalifa-haftar'],
      },
    ]);
  });

  it('gives the same tags from an analysis the caller already has', () => {
    expect(tagArticle(gaz, SEED_SECTIONS, SEED_SECTIONS.map(analyze))).toEqual(tags);
  });

  it('tags the article with the union of its sections', () => {
    expect(tags.regions).toEqual(['EG', 'LY', 'SD', 'benghazi', 'cairo', 'eastern-libya', 'eastern-mediterranean']);
    expect(tags.actors).toEqual(['abdel-fattah-el-sisi', 'egypt-general-intelligence', 'hassan-rashad', 'khalifa-haftar', 'middle-east-online']);
  });
});

describe('tagText', () => {
  it.each([['بليبيا'], ['لليبيا'], ['الليبيين'], ['وليبيا'], ['الليبية'], ['ليبيون'], ['Libya']])('recognizes %s as Libya', (text) => expect(ids(text)).toEqual(['LY']));

  it('recognizes a name behind a conjunction or preposition', () => {
    expect(ids('وحفتر')).toEqual(['khalifa-haftar']);
    expect(ids('لحفتر')).toEqual(['khalifa-haftar']);
    expect(ids('بالقاهرة')).toEqual(['EG', 'cairo']);
  });

  it('reports mentions with offsets into the original text', () => {
    const text = 'التقى المشير خليفة حفتر في بنغازي';
    expect(tagText(gaz, text).mentions).toEqual([
      // The title is part of the alias المشير خليفة حفتر.
      { entityId: 'khalifa-haftar', start: text.indexOf('المشير'), end: text.indexOf(' في') },
      { entityId: 'benghazi', start: text.indexOf('بنغازي'), end: text.length },
    ]);
  });

  it('matches the longest phrase, which hides the names inside it', () => {
    expect(tagText(gaz, 'شرق المتوسط').mentions).toEqual([{ entityId: 'eastern-mediterranean', start: 0, end: 11 }]);
    expect(ids('شرق البحر المتوسط')).toEqual(['eastern-mediterranean']);
    expect(ids('البحر المتوسط')).toEqual(['mediterranean']);
    expect(tagText(gaz, 'عبد الفتاح السيسي').mentions).toEqual([{ entityId: 'abdel-fattah-el-sisi', start: 0, end: 17 }]);
    expect(ids('جنوب السودان')).toEqual(['SS']);
  });

  it('tags Egypt with its intelligence service: a state institution has its state as parent', () => {
    expect(tagText(gaz, 'جهاز المخابرات العامة المصرية')).toMatchObject({
      regions: ['EG'],
      actors: ['egypt-general-intelligence'],
      mentions: [{ entityId: 'egypt-general-intelligence' }],
    });
  });

  it('does not join the words of a name across punctuation', () => {
    expect(ids('في الجنوب. السودان')).toEqual(['SD']);
  });
});

describe('names that are also ordinary words', () => {
  it('reads a place after نادي or a newspaper noun as a club or a paper', () => {
    expect(ids('فاز نادي الخليج على نادي نجران')).toEqual([]);
    expect(ids('نشرت جريدة الرياض')).toEqual([]);
    expect(ids('وصل إلى نجران')).toEqual(['SA', 'najran']);
  });

  it('counts bare الخليج as the Gulf only with other evidence of the Gulf', () => {
    expect(ids('خسر الخليج أمام الهلال')).toEqual([]);
    expect(ids('دول الخليج')).toEqual(['gulf']);
    expect(ids('دول الخليج واستقرار الخليج')).toEqual(['gulf']);
  });

  it('tells Hamas from enthusiasm', () => {
    expect(ids('استقبل الجمهور الفريق بحماس شديد')).toEqual([]);
    expect(ids('وسط حماس كبير من الجماهير')).toEqual([]);
    expect(ids('الحماس')).toEqual([]);
    expect(ids('وفد حماس وحركة حماس')).toEqual(['hamas']);
  });

  it('keeps nationality adjectives but not languages', () => {
    expect(ids('المدرب الهولندي')).toEqual(['NL']);
    expect(ids('يتحدث اللغة الفرنسية')).toEqual([]);
  });

  it('does not take the sunset prayer for Morocco, nor a grandmother for Jeddah', () => {
    expect(ids('بعد صلاة المغرب')).toEqual([]);
    expect(ids('زار المغرب')).toEqual(['MA']);
    expect(ids('الجدة')).toEqual([]);
    expect(ids('في جدة')).toEqual(['SA', 'jeddah']);
  });

  it('does not take places and prizes named after a king for the king', () => {
    expect(ids('مركز الملك سلمان للإغاثة')).toEqual([]);
    expect(ids('استقبل الملك سلمان')).toEqual(['king-salman']);
    expect(ids('الأمير فيصل بن سلمان بن عبدالعزيز')).toEqual(['faisal-bin-salman']);
  });

  it('reads a quoted الشرق الأوسط as the newspaper', () => {
    expect(ids('قال لـ«الشرق الأوسط» إن الشرق الأوسط يتغير')).toEqual(['middle-east', 'asharq-al-awsat']);
  });
});

describe('ambiguous names', () => {
  it('resolves طرابلس from the rest of the article', () => {
    expect(tagArticle(gaz, ['اشتباكات في طرابلس', 'قال مسؤول ليبي']).sections[0]).toEqual({ regions: ['LY', 'tripoli'], actors: [] });
    expect(tagArticle(gaz, ['اشتباكات في طرابلس', 'شمال لبنان']).sections[0]).toEqual({
      regions: ['LB', 'tripoli-lebanon'],
      actors: [],
    });
    expect(tagArticle(gaz, ['اشتباكات في طرابلس']).sections[0]).toEqual({ regions: [], actors: [] });
  });

  it('resolves عمان to Oman or to Amman', () => {
    expect(ids('زار عمان ثم مسقط')).toEqual(['OM', 'muscat']);
    expect(ids('العاصمة الأردنية عمان')).toEqual(['JO', 'amman']);
  });

  // Each sentence is made up; the readings were checked on the news corpus (docs/decisions.md#ambiguous-places).
  const regionsOf = (...sections: string[]) => tagArticle(gaz, sections).sections[0]?.regions;

  it('reads البيضاء in a Libyan article as the Libyan city', () => {
    expect(regionsOf('اجتمعت الحكومة المؤقتة في البيضاء', 'وقال مسؤول ليبي إن الاجتماع تناول الكهرباء')).toEqual(['LY', 'bayda']);
    expect(regionsOf('الأمن في مدينة البيضاء', 'قال رئيس الحكومة الليبية')).toEqual(['LY', 'bayda']);
  });

  it('reads البيضاء in a Yemeni article as the Yemeni city and province', () => {
    expect(regionsOf('وصلت التعزيزات إلى مدينة البيضاء', 'وقالت مصادر يمنية إن المعارك مستمرة')).toEqual(['YE', 'al-bayda-yemen']);
    expect(regionsOf('قتل مسلحون حوثيون في البيضاء', 'وغارات على صنعاء')).toEqual(['YE', 'al-bayda-yemen']);
  });

  it('leaves البيضاء untagged when the article does not say which one it is', () => {
    expect(regionsOf('افتتح سوق جديد في مدينة البيضاء')).toEqual([]);
    expect(regionsOf('افتتح سوق جديد في البيضاء')).toEqual([]);
  });

  it('does not read the adjective البيضاء "white" as a place, even in a Yemeni article', () => {
    const yemeni = 'وقالت مصادر يمنية';
    expect(regionsOf('رسوم على الأراضي البيضاء', yemeni)).toEqual([]);
    expect(regionsOf('نقص في كريات الدم البيضاء', yemeni)).toEqual([]);
    expect(regionsOf('شكره على أياديه البيضاء', yemeni)).toEqual([]);
    expect(regionsOf('لقاء مع منتخب روسيا البيضاء', yemeni)).toEqual(['RU']);
    expect(regionsOf('المعارك في تعز والبيضاء', yemeni)).toEqual(['YE', 'al-bayda-yemen', 'taiz']);
  });

  it('reads المنصورة as the Egyptian city or the district of Aden, and not in الطائفة المنصورة', () => {
    expect(regionsOf('مساعدات لمديريات المنصورة والشيخ عثمان', 'ميناء عدن')).toEqual(['YE', 'aden', 'mansoura-aden']);
    expect(regionsOf('جامعة المنصورة', 'الحكومة المصرية')).toEqual(['EG', 'mansoura']);
    expect(regionsOf('حريق في بلدة المنصورة بالأحساء')).toEqual(['SA', 'ahsa']);
    expect(regionsOf('إنهم الطائفة المنصورة', 'في مصر')).toEqual([]);
  });

  it('reads السليمانية as the Iraqi province only when the article names Iraq', () => {
    expect(regionsOf('مدرسة في حي السليمانية بتبوك')).toEqual(['SA', 'tabuk']);
    expect(regionsOf('تظاهر الأكراد في محافظة السليمانية', 'في شمال العراق')).toEqual(['IQ', 'sulaymaniyah']);
  });

  it('tells places of one name in two countries apart by the rest of the article', () => {
    expect(regionsOf('مصنع للسيارات في مدينة القنيطرة', 'في المغرب')).toEqual(['MA', 'kenitra']);
    expect(regionsOf('معارك في ريف القنيطرة', 'جنوب سوريا')).toEqual(['SY', 'quneitra']);
    expect(regionsOf('استصلاح أراض في الصحراء الغربية', 'الحكومة المصرية')).toEqual(['EG', 'western-desert-egypt']);
    expect(regionsOf('نزاع الصحراء الغربية', 'المملكة المغربية')).toEqual(['MA', 'western-sahara']);
  });

  it('reads Northern Ireland as part of the United Kingdom and the U.S. state of Georgia by its name', () => {
    expect(ids('المدرب القادم من أيرلندا الشمالية')).toEqual(['GB']);
    expect(ids('في أتلانتا بولاية جورجيا')).toEqual(['US', 'georgia-us']);
    expect(ids('في العاصمة الجورجية تبليسي')).toEqual(['GE']);
  });

  it('counts a weak alias when the article names the entity firmly', () => {
    expect(tagArticle(gaz, ['قال المالكي']).actors).toEqual([]);
    expect(tagArticle(gaz, ['قال المالكي', 'رئيس الوزراء السابق نوري المالكي']).sections[0]?.actors).toEqual(['nouri-al-maliki']);
  });
});

describe('resolveQueryEntities', () => {
  it('finds Latin and Arabic names with their place in the query', () => {
    expect(resolveQueryEntities(gaz, 'Haftar')).toEqual([{ id: 'khalifa-haftar', type: 'actor', start: 0, end: 6, surface: 'Haftar' }]);
    expect(resolveQueryEntities(gaz, 'Libya')).toEqual([{ id: 'LY', type: 'region', start: 0, end: 5, surface: 'Libya' }]);
    expect(resolveQueryEntities(gaz, 'sisi visit')).toEqual([{ id: 'abdel-fattah-el-sisi', type: 'actor', start: 0, end: 4, surface: 'sisi' }]);
    expect(resolveQueryEntities(gaz, 'لقاء حفتر في بنغازي')).toEqual([
      { id: 'khalifa-haftar', type: 'actor', start: 5, end: 9, surface: 'حفتر' },
      { id: 'benghazi', type: 'region', start: 13, end: 19, surface: 'بنغازي' },
    ]);
  });

  it('offers every reading of an ambiguous name the query does not settle', () => {
    expect(resolveQueryEntities(gaz, 'طرابلس').map((entity) => entity.id)).toEqual(['tripoli', 'tripoli-lebanon']);
    expect(resolveQueryEntities(gaz, 'طرابلس ليبيا').map((entity) => entity.id)).toEqual(['tripoli', 'LY']);
    expect(resolveQueryEntities(gaz, 'البيضاء').map((entity) => entity.id)).toEqual(['al-bayda-yemen', 'bayda']);
  });
});

describe('tagging annotations fixture', () => {
  const annotations = JSON.parse(readFileSync(new URL('../fixtures/tagging/annotations.json', import.meta.url), 'utf8')) as Record<string, unknown>[];

  it('holds ids only, every one in the gazetteer', () => {
    expect(annotations.length).toBeGreaterThanOrEqual(40);
    for (const annotation of annotations) {
      expect(Object.keys(annotation).sort()).toEqual(['actors', 'articleId', 'paragraph', 'regions']);
      for (const id of [...(annotation.regions as string[]), ...(annotation.actors as string[])]) {
        expect(gaz.entities.has(id), id).toBe(true);
      }
    }
  });
});
