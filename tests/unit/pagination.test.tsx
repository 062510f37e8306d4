import { describe, expect, it } from 'vitest';
import { Results } from '../../views/results.tsx';
import type { SearchResult } from '../../src/search/search.ts';
import { resultsView } from '../../src/web/view-models.ts';
import { searchRequestFrom } from '../../src/web/request-params.ts';

const result = (total: number, page: number): SearchResult => ({
  query: 'النفط',
  total,
  page,
  pageSize: 10,
  hits: [],
  facets: { region: {}, actor: {} },
  filters: { region: [], actor: [] },
  analyzed: 'نفط',
  recognized: [],
  notices: [],
  nothingSearchable: false,
  suggestion: null,
  engineRequests: 1,
});

const pageLinks = (html: string): string[] => [...html.matchAll(/href="(\/search\?[^"]*)"/gu)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&')).filter((href) => href.includes('page='));

describe('results pages link only to pages the site serves', () => {
  it.each([
    [30_975, 1],
    [30_975, 1000],
    [999, 50],
  ])('total %i, page %i: every page link passes the parameter check', (total, page) => {
    const html = String(<Results result={resultsView(result(total, page))} names={() => undefined} />);
    const links = pageLinks(html);
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      const params = new URLSearchParams(href.split('?')[1]);
      expect(() => searchRequestFrom((name) => (params.has(name) ? params.getAll(name) : undefined)), href).not.toThrow();
    }
  });
});
