import { describe, expect, it } from 'vitest';
import { useSeededSite } from '../helpers.ts';

const seeded = useSeededSite('site');

interface ApiHit {
  id: string;
  articleId: string;
  otherSections: { n: number; heading: string | null; url: string }[];
  title: string;
  heading: string | null;
  url: string;
  snippet: string;
  date: string | null;
  source: string | null;
  regions: string[];
  actors: string[];
}
interface ApiResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  hits: ApiHit[];
  facets: { region: Record<string, number>; actor: Record<string, number> };
}

async function api(query: string): Promise<ApiResult> {
  const response = await seeded.site.app.request(`/api/search?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ApiResult;
}
const ids = async (q: string) => (await api(`q=${encodeURIComponent(q)}&limit=50`)).hits.map((hit) => hit.id).sort();
/** Every matching section of the results: each result's own and the others of its article listed under it. */
const sectionsOf = (result: ApiResult) => result.hits.flatMap((hit) => [hit.id, ...hit.otherSections.map((other) => `${hit.articleId}__${other.n}`)]).sort();
const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/gu)].map((match) => match[1]);

describe('searching the seed', () => {
  it('finds حفتر in the seed with the word marked and a deep link to the section', async () => {
    const result = await api('q=حفتر');
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) {
      expect(hit.articleId).toBe('seed');
      expect(hit.url).toMatch(/^\/articles\/seed\?q=%D8%AD%D9%81%D8%AA%D8%B1#s-[1-4]$/u);
      expect(marked(hit.snippet).some((word) => word?.includes('حفتر'))).toBe(true);
    }
    // One result per article: the best section stands for it, the others are listed with their links.
    expect(result.hits).toHaveLength(1);
    expect(sectionsOf(result)).toEqual(['seed__1', 'seed__2', 'seed__3', 'seed__4']);
    for (const other of result.hits[0]?.otherSections ?? []) expect(other.url).toBe(`/articles/seed?q=%D8%AD%D9%81%D8%AA%D8%B1#s-${other.n}`);
  });

  it('answers in the documented JSON shape', async () => {
    const result = await api('q=حفتر&limit=2');
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['query', 'total', 'page', 'pageSize', 'hits', 'facets']));
    expect(result).toMatchObject({ query: 'حفتر', total: 1, page: 1, pageSize: 2 });
    expect(Object.keys(result.hits[0] ?? {}).sort()).toEqual([
      'actors',
      'articleId',
      'citation',
      'date',
      'heading',
      'id',
      'otherSections',
      'regions',
      'snippet',
      'source',
      'sourceName',
      'title',
      'url',
    ]);
    expect(Object.keys(result.facets).sort()).toEqual(['actor', 'region', 'source']);
    expect(result).toMatchObject({ filters: { region: [], actor: [], source: [] }, from: null, to: null, sort: 'relevance' });
  });

  it('gives المخابرات, مخابرات, والمخابرات and المُخابَرات the same sections, marking المخابرات whole and nothing else', async () => {
    const expected = await ids('المخابرات');
    expect(expected.length).toBeGreaterThan(0);
    for (const variant of ['مخابرات', 'والمخابرات', 'المُخابَرات']) expect(await ids(variant)).toEqual(expected);
    const result = await api('q=المخابرات');
    // The section that says it stands for the article.
    expect(marked(result.hits[0]?.snippet ?? '')).toEqual(['المخابرات']);
    for (const hit of result.hits) for (const word of marked(hit.snippet)) expect(word).toBe('المخابرات');
    const page = await (await seeded.site.app.request('/search?q=%D8%A7%D9%84%D9%85%D8%AE%D8%A7%D8%A8%D8%B1%D8%A7%D8%AA')).text();
    expect([...page.matchAll(/<mark>(.*?)<\/mark>/gu)].map((match) => match[1])).toSatisfy((words: string[]) => words.length > 0 && words.every((word) => word === 'المخابرات'));
  });

  it('never marks a bare ال or a stop word', async () => {
    for (const hit of (await api('q=المخابرات في ليبيا')).hits) {
      expect(marked(hit.snippet)).not.toContain('ال');
      expect(marked(hit.snippet)).not.toContain('في');
    }
  });

  it('finds مصر, بمصر, لمصر and ومصر in the same sections', async () => {
    const expected = await ids('مصر');
    expect(expected).toContain('cairo-2025__1');
    for (const variant of ['بمصر', 'لمصر', 'ومصر']) expect(await ids(variant)).toEqual(expected);
  });

  it('does not take لبنان for ل + بنان, and مصر does not match مصرف', async () => {
    expect(await ids('لبنان')).toEqual(['lebanon-port-2025__1']);
    expect(await ids('مصر')).not.toContain('bank-2025__1');
  });

  it('explains a query that has only stop words instead of listing everything', async () => {
    const result = await api('q=في من على');
    expect(result.hits).toEqual([]);
    const page = await seeded.site.app.request('/search?q=%D9%81%D9%8A+%D9%85%D9%86');
    expect(await page.text()).toContain('لا كلمات يمكن البحث بها');
  });

  it('offers a close spelling from the archive when nothing is found', async () => {
    const html = await (await seeded.site.app.request(`/search?q=${encodeURIComponent('حفنر')}`)).text();
    expect(html).toContain('لا نتائج لـ');
    expect(html).toMatch(/هل تقصد:.*<bdi>حفتر<\/bdi>/su);
  });

  it('supports "exact phrases" and -exclusions', async () => {
    expect(await ids('"شرق المتوسط"')).toEqual(expect.arrayContaining(['cairo-2025__1', 'seed__1']));
    const withoutCairo = await ids('"شرق المتوسط" -القاهرة');
    expect(withoutCairo).not.toContain('cairo-2025__1');
  });
});

describe('pages', () => {
  it('renders the search page in Arabic, right to left, with the form and htmx', async () => {
    const response = await seeded.site.app.request('/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl">/u);
    expect(html).toContain('<form id="search-form"');
    expect(html).toMatch(/<script src="\/assets\/htmx\.[0-9a-f]{12}\.js" nonce="[^"]+" defer/u);
  });

  it('answers an htmx request with the fragment and a history restore with the page', async () => {
    const page = await seeded.site.app.request('/search?q=%D8%AD%D9%81%D8%AA%D8%B1');
    const fragment = await seeded.site.app.request('/search?q=%D8%AD%D9%81%D8%AA%D8%B1', { headers: { 'HX-Request': 'true' } });
    const restore = await seeded.site.app.request('/search?q=%D8%AD%D9%81%D8%AA%D8%B1', { headers: { 'HX-Request': 'true', 'HX-History-Restore-Request': 'true' } });
    for (const response of [page, fragment, restore]) expect(response.headers.get('Vary')).toContain('HX-Request');
    expect(await page.text()).toMatch(/^<!DOCTYPE html>/u);
    const fragmentHtml = await fragment.text();
    expect(fragmentHtml).not.toContain('<html');
    expect(fragmentHtml).toContain('<mark>حفتر</mark>');
    expect(fragmentHtml).toContain('href="/articles/seed?q=%D8%AD%D9%81%D8%AA%D8%B1#s-');
    expect(await restore.text()).toMatch(/^<!DOCTYPE html>/u);
  });

  it('shows the article with every section anchored and the query marked', async () => {
    const response = await seeded.site.app.request('/articles/seed?q=%D8%AD%D9%81%D8%AA%D8%B1');
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const n of [1, 2, 3, 4]) expect(html).toContain(`id="s-${n}"`);
    expect(html).toContain('id="p-1"');
    expect(html).toContain('<mark>حفتر</mark>');
    expect(html).toContain('href="https://middle-east-online.com/');
  });

  it('answers 404 with a page for an unknown article', async () => {
    const response = await seeded.site.app.request('/articles/no-such-article');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('المقال غير موجود');
  });

  it('answers bad parameters with 400, naming them', async () => {
    const response = await seeded.site.app.request('/api/search?q=x&page=abc');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'page must be a whole number between 1 and 1000', parameter: 'page' });
  });

  it('reports the engine healthy', async () => {
    const response = await seeded.site.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves fingerprinted assets with long-lived cache headers', async () => {
    const html = await (await seeded.site.app.request('/')).text();
    const css = /href="(\/assets\/app\.[0-9a-f]{12}\.css)"/u.exec(html)?.[1] ?? '';
    const response = await seeded.site.app.request(css);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toMatch(/@font-face\{font-family:"Noto Naskh Arabic"/u);
  });
});

describe('filters', () => {
  it('counts the options of a selected list as if it were not selected (OR within a list, AND across lists)', async () => {
    const none = await api('q=');
    const libya = await api('region=LY');
    const both = await api('region=LY&region=LB');
    // Region counts ignore the region selection, so every option keeps the count it would add.
    expect(libya.facets.region).toEqual(none.facets.region);
    expect(both.facets.region).toEqual(none.facets.region);
    // No fixture section names both countries, so OR adds them up.
    expect(both.total).toBe((none.facets.region.LY ?? 0) + (none.facets.region.LB ?? 0));
    // Actor counts follow the region selection.
    const haftar = await api('region=LY&actor=khalifa-haftar&limit=50');
    expect(haftar.facets.actor['khalifa-haftar']).toBe(libya.facets.actor['khalifa-haftar']);
    for (const hit of haftar.hits) expect(hit.actors).toContain('khalifa-haftar');
    expect(haftar.facets.region.LY).toBe(haftar.total);
  });

  it('ignores unknown or hostile filter values with a notice, never an error', async () => {
    for (const value of ['XX', 'LY" OR id EXISTS', 'a\\"b', 'سطر\nجديد']) {
      const response = await seeded.site.app.request(`/api/search?q=&region=${encodeURIComponent(value)}`);
      expect(response.status).toBe(200);
      const result = (await response.json()) as ApiResult & { notices: string[] };
      expect(result.notices.join(' ')).toContain('غير معروفة');
    }
  });

  it('finds the Arabic sections for an entity named in Latin script, and says which entity it recognized', async () => {
    const response = await seeded.site.app.request('/api/search?q=Haftar');
    const result = (await response.json()) as ApiResult & { recognized: { id: string }[] };
    expect(result.recognized.map((entity) => entity.id)).toEqual(['khalifa-haftar']);
    expect(result.hits.map((hit) => hit.articleId)).toEqual(['seed']);
    expect(result.hits.every((hit) => hit.snippet.includes('<mark>'))).toBe(true);
  });

  it('shows an entity page with its names, counts, latest stories and related entities', async () => {
    const html = await (await seeded.site.app.request('/entities/khalifa-haftar')).text();
    expect(html).toContain('<h1>خليفة حفتر</h1>');
    expect(html).toContain('href="/articles/seed#s-');
    // Named with it: a search of the articles naming both (with=, which also pairs two places or two actors).
    expect(html).toContain('href="/search?with=khalifa-haftar&amp;with=LY"');
    expect((await seeded.site.app.request('/entities/no-such-entity')).status).toBe(404);
  });

  it('narrows to a region and counts the options', async () => {
    const all = await api('q=');
    const libya = await api('region=LY&limit=50');
    expect(libya.total).toBeGreaterThan(0);
    expect(libya.total).toBeLessThan(all.total);
    for (const hit of libya.hits) expect(hit.regions).toContain('LY');
    expect(libya.facets.region.LY).toBe(libya.total);
  });
});

describe('questions', () => {
  it('answers a question through the read-only key: re-ranked candidates, then their sections fetched with text', async () => {
    const result = await api(`q=${encodeURIComponent('ماذا قال حفتر في بنغازي؟')}`);
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits[0]?.articleId).toBe('seed');
    for (const hit of result.hits) expect(hit.snippet).toContain('<mark>');
  });
});

describe('caching', () => {
  it('gives API answers an ETag and answers a repeated request with 304', async () => {
    const path = `/api/search?q=${encodeURIComponent('حفتر')}`;
    const first = await seeded.site.app.request(path);
    const tag = first.headers.get('ETag');
    expect(tag).toMatch(/^"[0-9a-f]{40}"$/u);
    const again = await seeded.site.app.request(path, { headers: { 'If-None-Match': tag ?? '' } });
    expect(again.status).toBe(304);
    const other = await seeded.site.app.request(`/api/search?q=${encodeURIComponent('ليبيا')}`, { headers: { 'If-None-Match': tag ?? '' } });
    expect(other.status).toBe(200);
  });

  it('serves fingerprinted assets as immutable, tagged with their fingerprint', async () => {
    const html = await (await seeded.site.app.request('/')).text();
    const css = /href="(\/assets\/app\.([0-9a-f]{12})\.css)"/u.exec(html);
    expect(css).not.toBeNull();
    const response = await seeded.site.app.request(css?.[1] ?? '');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('ETag')).toBe(`"${css?.[2]}"`);
    expect((await seeded.site.app.request(css?.[1] ?? '', { headers: { 'If-None-Match': `"${css?.[2]}"` } })).status).toBe(304);
  });

  it('compresses pages for clients that accept it, and does not tag pages whose nonce changes every time', async () => {
    const response = await seeded.site.app.request(`/search?q=${encodeURIComponent('حفتر')}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(response.headers.get('ETag')).toBeNull();
  });
});
