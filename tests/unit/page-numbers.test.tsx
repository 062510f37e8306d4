import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/search/search.ts';
import { sourceCatalog } from '../../src/sources/source-catalog.ts';
import { resultsView } from '../../src/web/view-models.ts';
import { ArticlePage } from '../../views/article-page.tsx';
import { DIGIT_SYSTEM, formatDate } from '../../views/numbers.ts';
import { Results } from '../../views/results.tsx';
import { SearchForm } from '../../views/search-form.tsx';
import { citationOf } from '../../src/web/citation.ts';

// Every number a page writes is in the one digit system the site chose (views/format.ts).
const zero = new Intl.NumberFormat(`en-u-nu-${DIGIT_SYSTEM}`).format(0).codePointAt(0) ?? 0;
const isChosen = (digit: string): boolean => (digit.codePointAt(0) ?? 0) - zero >= 0 && (digit.codePointAt(0) ?? 0) - zero <= 9;
/** The digits of the text a page shows (tags and their attributes, such as URLs and datetime, left out) not in the chosen system. */
const foreignDigits = (html: string): string[] => [...html.replace(/<[^>]*>/gu, ' ').matchAll(/\p{Nd}/gu)].map((match) => match[0]).filter((digit) => !isChosen(digit));
const inChosen = (value: number): string => new Intl.NumberFormat(`en-u-nu-${DIGIT_SYSTEM}`, { useGrouping: false }).format(value);

const hit = {
  id: 'a__2',
  articleId: 'a',
  n: 2,
  title: 'عنوان',
  titleSpans: [],
  heading: null,
  snippet: { text: 'نص', spans: [], cutBefore: false, cutAfter: false },
  date: '2015-07-21',
  source: 'المصدر',
  regions: [],
  actors: [],
  otherSections: [
    { n: 3, heading: null },
    { n: 14, heading: null },
  ],
};

const result: SearchResult = {
  query: 'النفط',
  total: 12_345,
  page: 7,
  pageSize: 10,
  hits: [hit],
  facets: { region: { LY: 1_203, EG: 45 }, actor: {}, source: { aawsat: 9_876 } },
  filters: { region: [], actor: [], source: [] },
  with: [],
  range: { from: '2015-07-01', to: '2015-07-31' },
  sort: 'relevance',
  analyzed: 'نفط',
  recognized: [],
  notices: [],
  nothingSearchable: false,
  suggestion: null,
  // Month bars, so the chart's month and year names are read too.
  coverage: {
    unit: 'month',
    bars: [
      { from: '2015-06-01', to: '2015-06-30', count: 1_203 },
      { from: '2015-07-01', to: '2015-07-31', count: 45 },
    ],
    spans: [
      { from: '2014-01-01', to: '2014-12-31', count: 0 },
      { from: '2015-01-01', to: '2015-12-31', count: 1_248 },
    ],
    dated: 1_248,
  },
  engineRequests: 1,
};

const names = (id: string) => ({ id, name_ar: `اسم ${id}`, name_en: id });

describe('the digits of the pages', () => {
  it('a date line: the Gregorian and the Hijri date in the chosen digits', () => {
    const date = formatDate('2015-07-21');
    expect(date).not.toBeNull();
    expect(foreignDigits(`${date?.gregorian} ${date?.hijri}`)).toEqual([]);
    expect(date?.gregorian).toContain(inChosen(2015));
    expect(date?.hijri).toContain(inChosen(1436));
  });

  it('results: the total, facet counts, page numbers, section numbers, date lines and the Hijri range', () => {
    const html = String(<Results result={resultsView(result, sourceCatalog({}), '2015-07-31')} names={names} />);
    expect(foreignDigits(html)).toEqual([]);
    for (const shown of [inChosen(12), inChosen(345), inChosen(203), inChosen(876), inChosen(1436), inChosen(14)]) expect(html).toContain(shown);
  });

  it('an article: its date line and the numbers of its sections', () => {
    const article = {
      articleId: 'a',
      title: 'عنوان',
      date: '2015-07-21',
      source: 'almasdar',
      sourceName: { id: 'almasdar', name_ar: 'المصدر', name_en: 'Almasdar', url: null },
      url: null,
      regions: [],
      actors: [],
      sections: [12, 13].map((n) => ({
        n,
        heading: null,
        firstParagraph: n,
        paragraphs: ['نص'],
        matches: 0,
        citation: citationOf({ articleId: 'a', n, title: 'عنوان', heading: null, date: '2015-07-21' }, null, { base: '', today: '2015-07-21' }),
      })),
    };
    const html = String(<ArticlePage assets={{ url: (name) => `/assets/${name}` }} article={article} q="" names={() => undefined} />);
    expect(foreignDigits(html)).toEqual([]);
    expect(html).toContain(inChosen(13));
  });
});

describe('the search box placeholder', () => {
  it('opens its example phrase with « and closes it with », in reading order', () => {
    const html = String(<SearchForm state={{ q: '', regions: [], actors: [] }} />);
    const placeholder = /placeholder="([^"]*)"/u.exec(html)?.[1] ?? '';
    expect(placeholder).toMatch(/^[^«»]*«شرق المتوسط»$/u);
  });
});
