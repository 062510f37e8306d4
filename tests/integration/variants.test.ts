import { describe, expect, it } from 'vitest';
import { useSeededSite } from '../helpers.ts';

const seeded = useSeededSite('variants');

const top10 = async (q: string): Promise<string[]> => {
  const response = await seeded.site.app.request(`/api/search?q=${encodeURIComponent(q)}&limit=10`);
  return ((await response.json()) as { hits: { id: string }[] }).hits.map((hit) => hit.id);
};

/** Each plain form with the spellings people type for it: hamza, ة/ه, ى/ي, diacritics, tatweel, article and clitics. */
const VARIANTS: [string, string[]][] = [
  ['المكتبات', ['مكتبات', 'والمكتبات', 'بالمكتبات', 'للمكتبات', 'فالمكتبات', 'وبالمكتبات', 'المَكْتَبَات', 'المكـــتبات']],
  ['القاهرة', ['القاهره', 'بالقاهرة', 'والقاهرة', 'للقاهرة', 'القاهرةِ', 'القـاهرة']],
  ['الإقليمية', ['الاقليمية', 'الاقليميه', 'الإقليميّة', 'والإقليمية']],
  ['إصرار', ['اصرار', 'وإصرار', 'إِصْرار']],
  ['مستوى', ['مستوي', 'مُستوى', 'ومستوى', 'بمستوى']],
  ['ليبيا', ['بليبيا', 'لليبيا', 'وليبيا', 'فليبيا', 'ليبيا']],
  ['مصر', ['بمصر', 'لمصر', 'ومصر', 'فمصر', 'كمصر']],
  ['الأمن', ['الامن', 'للأمن', 'للامن', 'والأمن', 'بالأمن']],
  ['السودان', ['سودان', 'والسودان', 'بالسودان', 'للسودان', 'السُّودان']],
  ['حفتر', ['وحفتر', 'لحفتر', 'بحفتر', 'حَفتر']],
];

describe('spelling variants', () => {
  it.each(VARIANTS)('every spelling of %s returns the same top 10', async (plain, variants) => {
    const expected = await top10(plain);
    expect(expected.length).toBeGreaterThan(0);
    for (const variant of variants) expect(await top10(variant), variant).toEqual(expected);
  });
});
