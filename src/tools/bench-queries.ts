/** A fixed mix of what people type into a news archive, by kind; the benchmark cycles through it. */
export interface BenchQuery {
  kind: 'one word' | 'two words' | 'three words' | 'ten words' | 'filtered' | 'prefix' | 'question';
  params: Record<string, string | string[]>;
}

const q = (kind: BenchQuery['kind'], text: string, filters: Record<string, string[]> = {}): BenchQuery => ({ kind, params: { q: text, ...filters } });

export const BENCH_QUERIES: BenchQuery[] = [
  q('one word', 'النفط'),
  q('one word', 'الحوثيين'),
  q('one word', 'كورونا'),
  q('one word', 'الهلال'),
  q('one word', 'بالرياض'),
  q('one word', 'المخابرات'),
  q('two words', 'أسعار النفط'),
  q('two words', 'وزارة الصحة'),
  q('two words', 'عاصفة الحزم'),
  q('two words', 'مجلس الشورى'),
  q('three words', 'خادم الحرمين الشريفين'),
  q('three words', 'أمانة منطقة الرياض'),
  q('three words', 'الدوري السعودي للمحترفين'),
  // Titles typed whole, and ten words no article holds together (each then searched alone, their union ranked).
  q('ten words', 'خامنئي يصعد ضد واشنطن ويؤكد أن الاتفاق النووي لن يغير العلاقات معها'),
  q('ten words', 'بريطانيا أربعة محاور لاستراتيجية جديدة تتصدى للتطرف على مدى خمس سنوات'),
  q('ten words', 'أسعار النفط وزارة الصحة مجلس الشورى عاصفة الحزم الدوري السعودي'),
  q('filtered', 'الحوثيين', { region: ['YE'] }),
  q('filtered', 'النفط', { region: ['SA', 'IR'] }),
  q('filtered', '', { region: ['EG'] }),
  q('filtered', 'هجوم', { region: ['SY'], actor: ['isis'] }),
  q('prefix', 'السع'),
  q('prefix', 'الحوث'),
  q('prefix', 'وزارة التع'),
  q('question', 'ما هي أسباب انخفاض أسعار النفط في الأسواق العالمية'),
  q('question', 'متى بدأت عملية عاصفة الحزم ضد الحوثيين في اليمن'),
  q('question', 'كم عدد الإصابات بفيروس كورونا في المملكة هذا العام'),
  q('question', 'من هو رئيس الاتحاد السعودي لكرة القدم'),
];

export function queryString(params: BenchQuery['params'], extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params, ...extra })) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== '') search.append(name, one);
  }
  return search.toString();
}
