import { describe, expect, it } from 'vitest';
import { fixture, useSeededSite } from '../helpers.ts';

// Dates and sources on the real engine, over articles written for it (tests/fixtures/dated): a
// port story told by several sources from December 2024 to March 2025, one undated, and one
// article on another subject dated 2025-03-09 (the newest is 2025-03-10).
const seeded = useSeededSite('dates', { paths: [fixture('dated')] });

interface Answer {
  total: number;
  hits: { articleId: string; date: string | null; source: string | null; sourceName: { ar: string; en: string; url: string | null } | null }[];
  facets: { region: Record<string, number>; actor: Record<string, number>; source: Record<string, number> };
  filters: { source: string[] };
  from: string | null;
  to: string | null;
  sort: string;
}

async function api(query: string): Promise<Answer> {
  const response = await seeded.site.app.request(`/api/search?${query}`);
  expect(response.status, query).toBe(200);
  return (await response.json()) as Answer;
}
const ids = (answer: Answer) => answer.hits.map((hit) => hit.articleId);
const port = `q=${encodeURIComponent('الميناء')}`;

describe('a date range', () => {
  it('narrows the total and the facet counts, and the API echoes it', async () => {
    const all = await api(port);
    expect(all.total).toBe(7);
    expect(all.facets.source).toEqual({ aawsat: 3, okaz: 2, sabq: 1, 'نشرة الساحل': 1 });
    const march = await api(`${port}&from=2025-03-01&to=2025-03-10`);
    expect(march.total).toBe(3);
    expect(ids(march).sort()).toEqual(['port-2025-03-05', 'port-2025-03-08', 'port-2025-03-10']);
    expect(march.facets.source).toEqual({ okaz: 1, sabq: 1, 'نشرة الساحل': 1 });
    expect([march.from, march.to]).toEqual(['2025-03-01', '2025-03-10']);
  });

  it('includes both ends, may be open on either side, and leaves undated articles out', async () => {
    expect(ids(await api(`${port}&from=2025-03-08&to=2025-03-08`))).toEqual(['port-2025-03-08']);
    expect((await api(`${port}&from=2025-02-10`)).total).toBe(4);
    expect((await api(`${port}&to=2025-01-15`)).total).toBe(2);
    expect(ids(await api(`${port}&to=2025-12-31`))).not.toContain('port-undated');
  });

  it('applies to an empty query too (the archive browsed by date)', async () => {
    const week = await api('from=2025-03-04&to=2025-03-10');
    expect(ids(week)).toEqual(['port-2025-03-10', 'market-2025-03-09', 'port-2025-03-08', 'port-2025-03-05']);
  });
});

describe('the sort', () => {
  it('orders by date either way, undated articles last, and relevance by default', async () => {
    const newest = await api(`${port}&sort=newest`);
    expect(ids(newest)).toEqual(['port-2025-03-10', 'port-2025-03-08', 'port-2025-03-05', 'port-2025-02-10', 'port-2025-01-15', 'port-2024-12-01', 'port-undated']);
    const oldest = await api(`${port}&sort=oldest`);
    expect(ids(oldest)).toEqual(['port-2024-12-01', 'port-2025-01-15', 'port-2025-02-10', 'port-2025-03-05', 'port-2025-03-08', 'port-2025-03-10', 'port-undated']);
    expect(newest.sort).toBe('newest');
    expect((await api(port)).sort).toBe('relevance');
  });

  it('lists an empty query newest first, or oldest first when asked', async () => {
    expect(ids(await api('limit=3'))).toEqual(['port-2025-03-10', 'market-2025-03-09', 'port-2025-03-08']);
    expect(ids(await api('limit=2&sort=oldest'))).toEqual(['port-2024-12-01', 'port-2025-01-15']);
  });

  it('orders an OR query by date across its branches, and pages through it', async () => {
    const q = `q=${encodeURIComponent('الإضراب OR السوق OR المنصة')}&sort=newest&limit=2`;
    const first = await api(q);
    expect(ids(first)).toEqual(['port-2025-03-10', 'market-2025-03-09']);
    expect(ids(await api(`${q}&page=2`))).toEqual(['port-2025-03-08', 'port-2025-03-05']);
  });
});

describe('sources', () => {
  it('filter as a disjunctive facet: the other sources keep their counts', async () => {
    const aawsat = await api(`${port}&source=aawsat`);
    expect(aawsat.total).toBe(3);
    expect(aawsat.facets.source).toEqual({ aawsat: 3, okaz: 2, sabq: 1, 'نشرة الساحل': 1 });
    const two = await api(`${port}&source=aawsat&source=okaz`);
    expect(two.total).toBe(5);
    expect(two.filters.source).toEqual(['aawsat', 'okaz']);
  });

  it('are named from index-config/sources.json; an unknown id is shown as given', async () => {
    const answer = await api(`${port}&sort=newest`);
    const okaz = answer.hits.find((hit) => hit.source === 'okaz');
    expect(okaz?.sourceName).toEqual({ ar: 'عكاظ', en: 'Okaz', url: 'https://www.okaz.com.sa' });
    const local = answer.hits.find((hit) => hit.source === 'نشرة الساحل');
    expect(local?.sourceName).toEqual({ ar: 'نشرة الساحل', en: 'نشرة الساحل', url: null });
  });

  it('take a value with quotes as text, not as filter syntax', async () => {
    const answer = await api(`${port}&source=${encodeURIComponent('aawsat" OR source = "okaz')}`);
    expect(answer.total).toBe(0);
  });
});

describe('hostile values', () => {
  it.each([
    ['from=2025-02-30', 'from'],
    ['from=2025-3-1', 'from'],
    [`from=${encodeURIComponent('2025-03-01 OR day > 0')}`, 'from'],
    ['to=yesterday', 'to'],
    ['from=2025-03-10&to=2025-03-01', 'to'],
    ['sort=random', 'sort'],
    [`source=${'s'.repeat(300)}`, 'source'],
  ])('%s answers 400 naming %s, on the API and the page', async (query, parameter) => {
    const response = await seeded.site.app.request(`/api/search?${port}&${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ parameter });
    const page = await seeded.site.app.request(`/search?${port}&${query}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(parameter);
  });
});

describe('the results page', () => {
  const html = async (query: string) => {
    const response = await seeded.site.app.request(`/search?${query}`);
    expect(response.status).toBe(200);
    return await response.text();
  };

  it('keeps the range, the sources and the sort in the form and in every link', async () => {
    const page = await html(`${port}&from=2025-01-01&to=2025-03-10&source=aawsat&sort=newest`);
    expect(page).toMatch(/<input type="date" name="from" form="search-form" value="2025-01-01"/u);
    expect(page).toMatch(/<input type="date" name="to" form="search-form" value="2025-03-10"/u);
    expect(page).toContain('<input type="hidden" form="search-form" name="source" value="aawsat"');
    expect(page).toContain('<input type="hidden" form="search-form" name="sort" value="newest"');
    const facetLinks = [...page.matchAll(/class="facet-option[^"]*" href="([^"]*)"/gu)].map((match) => new URLSearchParams((match[1] ?? '').replaceAll('&amp;', '&').split('?')[1]));
    expect(facetLinks.length).toBeGreaterThanOrEqual(4);
    for (const params of facetLinks) expect([params.get('from'), params.get('to'), params.get('sort')]).toEqual(['2025-01-01', '2025-03-10', 'newest']);
    // The date range and the source are chips that remove themselves.
    expect(page).toContain('إزالة المرشح الشرق الأوسط');
    expect(page).toMatch(/إزالة المرشح من \S+ يناير \S+ إلى \S+ مارس \S+/u);
  });

  it('offers a week, a month and a year up to the newest article, with the Hijri dates of the range', async () => {
    const page = await html(`${port}&from=2025-03-04&to=2025-03-10`);
    expect(page).toContain('from=2025-03-04&amp;to=2025-03-10" aria-current="true">آخر أسبوع');
    expect(page).toContain('from=2025-02-09&amp;to=2025-03-10');
    expect(page).toContain('from=2024-03-11&amp;to=2025-03-10');
    expect(page).toMatch(/بالهجري: <span class="hijri">[^<]*رمضان[^<]*<\/span>/u);
  });

  it('shows sources by name in the hits and the facet', async () => {
    const page = await html(port);
    expect(page).toContain('<bdi>الشرق الأوسط</bdi>');
    expect(page).toMatch(/<span class="facet-name">عكاظ<\/span><span class="count">[^<]+<\/span>/u);
    expect(page).not.toContain('<bdi>aawsat</bdi>');
  });
});
