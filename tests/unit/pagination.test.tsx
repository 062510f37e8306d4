import { describe, expect, it } from 'vitest';
import { Results } from '../../views/results.tsx';
import type { SearchResult } from '../../src/search/search.ts';
import { sourceCatalog } from '../../src/sources/source-catalog.ts';
import { resultsView } from '../../src/web/view-models.ts';

const sources = sourceCatalog({});
import { searchRequestFrom } from '../../src/web/request-params.ts';

const result = (total: number, page: number): SearchResult => ({
  query: 'النفط',
  total,
  page,
  pageSize: 10,
  hits: [],
  facets: { region: {}, actor: {}, source: {} },
  filters: { region: [], actor: [], source: [] },
  with: [],
  range: { from: null, to: null },
  sort: 'relevance',
  analyzed: 'نفط',
  recognized: [],
  notices: [],
  nothingSearchable: false,
  suggestion: null,
  coverage: null,
  engineRequests: 1,
});

const pageLinks = (html: string): string[] => [...html.matchAll(/href="(\/search\?[^"]*)"/gu)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&')).filter((href) => href.includes('page='));

describe('results pages link only to pages the site serves', () => {
  it.each([
    [30_975, 1],
    [30_975, 1000],
    [999, 50],
  ])('total %i, page %i: every page link passes the parameter check', (total, page) => {
    const html = String(<Results result={resultsView(result(total, page), sources)} names={() => undefined} />);
    const links = pageLinks(html);
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      const params = new URLSearchParams(href.split('?')[1]);
      expect(() => searchRequestFrom((name) => (params.has(name) ? params.getAll(name) : undefined)), href).not.toThrow();
    }
  });
});

describe('result chips', () => {
  it('show the actors a story names as well as its regions, 8 at most', () => {
    const regions = ['LY', 'EG', 'SD', 'LB', 'TN', 'DZ', 'MA', 'SA', 'AE', 'QA'];
    const actors = ['khalifa-haftar', 'abdel-fattah-el-sisi', 'egyptian-general-intelligence'];
    const hit = {
      id: 'a__1',
      articleId: 'a',
      n: 1,
      title: 't',
      titleSpans: [],
      heading: null,
      snippet: { text: 's', spans: [], cutBefore: false, cutAfter: false },
      date: null,
      source: null,
      regions,
      actors,
      otherSections: [],
    };
    const names = (id: string) => ({ id, name_ar: `اسم-${id}`, name_en: id });
    const html = String(<Results result={resultsView({ ...result(1, 1), hits: [hit] }, sources)} names={names} />);
    const chips = [...html.matchAll(/class="chip chip-(region|actor)"/gu)].map((match) => match[1]);
    expect(chips).toHaveLength(8);
    expect(chips.filter((kind) => kind === 'actor')).toHaveLength(3);
  });
});
