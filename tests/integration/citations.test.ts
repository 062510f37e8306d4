import { describe, expect, it } from 'vitest';
import { createSite } from '../../src/web/site.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// "Cite this section" on the real engine: the API's citation object, the same text beside every
// section link of the results and of the article page, and the site's address in its permalink.
const seeded = useSeededSite('citations', { paths: [fixture('dated'), fixture('articles')] });
const port = `q=${encodeURIComponent('الميناء')}`;
const today = new Date().toISOString().slice(0, 10);

interface Citation {
  text: string;
  title: string;
  section: string;
  source: string | null;
  date: string | null;
  dateGregorian: string | null;
  dateHijri: string | null;
  url: string;
  consulted: string;
  consultedGregorian: string;
}
type Hit = Record<string, unknown> & { articleId: string; citation: Citation };

async function hits(query: string, app = seeded.site.app): Promise<Hit[]> {
  const response = await app.request(`/api/search?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { hits: Hit[] }).hits;
}

/** The text of every `<p class="citation">` of a page, by its id, as a browser reads it. */
function citationsOf(html: string): Map<string, string> {
  const fromHtml = (text: string) => text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  return new Map([...html.matchAll(/<p class="citation" id="([^"]+)">(.*?)<\/p>/gsu)].map((match) => [match[1] ?? '', fromHtml((match[2] ?? '').replace(/<[^>]+>/gu, ''))]));
}

describe('the API', () => {
  it('adds a citation to each hit, keeping every field it had', async () => {
    for (const hit of await hits(port)) {
      expect(Object.keys(hit)).toEqual(['id', 'articleId', 'title', 'heading', 'url', 'snippet', 'date', 'source', 'sourceName', 'regions', 'actors', 'otherSections', 'citation']);
      const { citation } = hit;
      expect(citation.title).toBe(hit.title);
      expect(citation.consulted).toBe(today);
      expect(citation.url).toMatch(/^http:\/\/localhost\/articles\/[\w-]+#s-\d+$/u);
      const dated = citation.dateGregorian ? `، ${citation.dateGregorian} (${citation.dateHijri})` : '';
      expect(citation.text).toBe(`«${citation.title}»، ${citation.source}${dated}، ${citation.section}. ${citation.url}. تاريخ الاطلاع: ${citation.consultedGregorian}.`);
    }
  });

  it('names the source, both calendars, the section and the permalink without the query', async () => {
    const [hit] = (await hits(`${port}&sort=newest`)).filter((one) => one.articleId === 'port-2025-03-10');
    expect(hit?.citation).toMatchObject({ title: 'وزير النقل يزور الميناء', source: 'عكاظ', date: '2025-03-10', section: 'المقطع 1', url: 'http://localhost/articles/port-2025-03-10#s-1' });
    expect(hit?.citation.dateGregorian).toMatch(/مارس/u);
    expect(hit?.citation.dateHijri).toMatch(/رمضان/u);
    const undated = (await hits(`${port}&sort=newest`)).find((one) => one.articleId === 'port-undated');
    expect(undated?.citation.text.startsWith('«تاريخ الميناء القديم»، الشرق الأوسط، المقطع 1. http://localhost/articles/port-undated#s-1.')).toBe(true);
    const [section] = await hits(`q=${encodeURIComponent('المكتبات')}`);
    expect(section?.citation).toMatchObject({ section: 'المكتبات والتعليم', url: 'http://localhost/articles/sudan-talks-2025#s-3' });
  });

  it('points at PUBLIC_URL when it is set, whatever the Host header says', async () => {
    const site = await createSite({ engineUrl: seeded.engine.url, apiKey: seeded.readKey, index: seeded.engine.index, gazetteer: seeded.gazetteer, publicUrl: 'https://archive.example.org' });
    try {
      const [hit] = await hits(`${port}&sort=newest`, site.app);
      expect(hit?.citation.url.startsWith('https://archive.example.org/articles/')).toBe(true);
      const response = await site.app.request(`http://evil.example/api/search?${port}`);
      const body = (await response.json()) as { hits: Hit[] };
      expect(body.hits.every((one) => one.citation.url.startsWith('https://archive.example.org/'))).toBe(true);
    } finally {
      site.stop();
    }
  });
});

describe('the pages', () => {
  it('put the citation beside each result, the same text as the API', async () => {
    const html = await (await seeded.site.app.request(`/search?${port}`)).text();
    const shown = citationsOf(html);
    const api = await hits(port);
    expect(shown.size).toBe(api.length);
    for (const hit of api) expect(shown.get(`cite-${hit.id}`)).toBe(hit.citation.text);
    expect(html).toContain('<details class="cite"><summary>استشهد بهذا المقطع</summary>');
    expect(html).toMatch(/<button type="button" class="copy-citation" data-copy-citation="cite-[^"]+">انسخ الاستشهاد<\/button>/u);
  });

  it('put a citation beside every section link of the article page, each with its own permalink', async () => {
    const html = await (await seeded.site.app.request(`/articles/sudan-talks-2025?q=${encodeURIComponent('المكتبات')}`)).text();
    const shown = citationsOf(html);
    expect([...shown.keys()]).toEqual(['cite-s-1', 'cite-s-2', 'cite-s-3']);
    expect(html.match(/data-copy-link/gu)).toHaveLength(3);
    expect(shown.get('cite-s-2')).toMatch(
      /^«جولة جديدة من محادثات السودان في جدة»، تحرير الأرشيف، \S+ مارس \S+ \(\S+ رمضان \S+ هـ\)، مواقف الطرفين\. http:\/\/localhost\/articles\/sudan-talks-2025#s-2\. تاريخ الاطلاع: .+\.$/u,
    );
    expect(shown.get('cite-s-1')).toContain('، المقطع 1. http://localhost/articles/sudan-talks-2025#s-1.');
  });
});
