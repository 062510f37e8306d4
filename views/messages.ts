import { formatNumber } from './numbers.ts';

/** The site's Arabic sentences that the server composes (notices, error pages), in one place. */
export const MESSAGES = {
  queryTruncated: (limit: number) => `اقتُطع الاستعلام إلى أول ${formatNumber(limit)} حرفًا.`,
  unknownFilters: (values: readonly string[]) => `تجاهلنا مرشحات غير معروفة: ${values.join('، ')}`,
  unknownWords: (words: readonly string[], searched: string) => `لا ترد في الأرشيف: ${words.join('، ')}. بحثنا بدونها عن: ${searched}`,
  notAllWords: (words: readonly string[]) => `لا يوجد مقال يضم كل الكلمات (${words.join('، ')})، فنعرض المقالات التي تضم أكثرها.`,
  spellings: (word: string, spellings: readonly string[]) => `بحثنا عن «${word}» بكل صيغ كتابته في الأرشيف: ${spellings.join('، ')}`,
  partialResults: 'جزء من الأرشيف لا يستجيب الآن، فالنتائج والأعداد أدناه ناقصة. أعد المحاولة بعد لحظات.',
  busy: { title: 'البحث مزدحم الآن', message: 'تجري أسئلة كثيرة في آن واحد. أعد المحاولة بعد لحظات.' },
  engineDown: { title: 'البحث غير متاح مؤقتًا', message: 'محرك البحث لا يستجيب الآن. أعد المحاولة بعد لحظات.' },
  articleNotFound: { title: 'المقال غير موجود', message: 'لا يوجد في الأرشيف مقال بهذا المعرّف. ربما حُذف أو تغيّر رابطه.' },
  entityNotFound: { title: 'غير موجود في الدليل', message: 'لا توجد منطقة أو جهة بهذا المعرّف في دليل الأرشيف.' },
  pageNotFound: { title: 'الصفحة غير موجودة', message: 'لم نجد هذه الصفحة.' },
  badParameter: (parameter: string, reason: string) => ({ title: 'طلب غير صالح', message: `المعامل ${parameter} غير صالح: ${reason}` }),
  internalError: { title: 'حدث خطأ', message: 'حدث خطأ غير متوقع. أعد المحاولة.' },
} as const;
