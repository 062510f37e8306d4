import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/arabic/index.ts';
import { dayOf } from '../../src/archive-index/index.ts';
import { indexFields } from '../../src/indexer/section-documents.ts';
import { groupStories, idfWeight, sameStory, titleSimilarity } from '../../src/search/stories.ts';

// Titles written for the test, analyzed as the indexer analyzes them (title_terms).
const article = (title: string, date: string, source: string | null = 'okaz', id = title) => ({ id, source, day: dayOf(date), title_terms: indexFields(analyze(title)).terms });

// An archive of 1,000 sections where the words of official visits are common and names are rare.
const common = ['خادم', 'حرم', 'شريف', 'يستقبل', 'وزير', 'خارجي', 'ارتفاع', 'اقل'];
const weight = idfWeight({ documents: 1000, df: new Map(common.map((term) => [term, 300])) });
const flat = () => 1;

const egyptian = article('خادم الحرمين يستقبل وزير الخارجية المصري', '2015-07-20', 'sabq');
const french = article('خادم الحرمين الشريفين يستقبل وزير الخارجية الفرنسي', '2015-07-20', 'okaz');
const ferry = article('ارتفاع ضحايا غرق مركب في النيل إلى 21 قتيلاً', '2015-07-23', 'aawsat');
const ferryElsewhere = article('21 قتيلاً على الأقل في غرق مركب في النيل', '2015-07-22', 'okaz');

describe('same story', () => {
  it('joins two titles of one event told in other words, a day apart', () => {
    expect(titleSimilarity(ferry, ferryElsewhere, weight)).toBeGreaterThanOrEqual(0.5);
    expect(sameStory(ferry, ferryElsewhere, weight)).toBe(true);
  });

  it('keeps apart titles that share only their common words (by plain overlap they would join)', () => {
    expect(titleSimilarity(egyptian, french, flat)).toBeGreaterThanOrEqual(0.5);
    expect(sameStory(egyptian, french, weight)).toBe(false);
  });

  it('keeps apart the same title three days later, and undated articles', () => {
    expect(sameStory(ferry, { ...ferryElsewhere, day: dayOf('2015-07-20') }, weight)).toBe(false);
    expect(sameStory(ferry, { source: 'okaz', title_terms: ferryElsewhere.title_terms }, weight)).toBe(false);
  });

  it("keeps apart one source's recurring column, the same title on consecutive days", () => {
    const column = (date: string, source: string | null = 'was') => article('اهتمامات الصحف السودانية', date, source);
    expect(sameStory(column('2015-07-21'), column('2015-07-22'), weight)).toBe(false);
    expect(sameStory(column('2015-07-21'), column('2015-07-22', 'okaz'), weight)).toBe(true);
    // Articles of unknown source are compared as if from different ones.
    expect(sameStory(column('2015-07-21', null), column('2015-07-22', null), weight)).toBe(true);
  });

  it('takes word order and clitics as the analysis does', () => {
    expect(sameStory(article('أمانة جدة تطلق حملة لنظافة الشواطئ', '2015-08-01', 'sabq'), article('حملة لنظافة شواطئ جدة تطلقها الأمانة', '2015-08-01'), weight)).toBe(true);
  });
});

describe('stories', () => {
  it('groups the newest articles one per story, the newest leading, and stops at the limit', () => {
    const beach = article('أمانة جدة تطلق حملة لنظافة الشواطئ', '2015-07-21', 'sabq', 'beach');
    const stories = groupStories([ferry, ferryElsewhere, beach, egyptian, french], weight, 3);
    expect(stories.map((story) => [story.lead.id, story.others.map((other) => other.id)])).toEqual([
      [ferry.id, [ferryElsewhere.id]],
      ['beach', []],
      [egyptian.id, []],
    ]);
  });
});
