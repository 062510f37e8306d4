import { describe, expect, it } from 'vitest';
import { fixture, useSeededSite } from '../helpers.ts';

// Similar articles on the real engine, over articles written for it (tests/fixtures/similar): one
// flood story told by three sources, rain in another city (the same subject), and two articles on
// other subjects; plus the shared fixture articles.
const seeded = useSeededSite('similar', { paths: [fixture('similar'), fixture('articles')] });

const articlePage = async (id: string): Promise<string> => {
  const response = await seeded.site.app.request(`/articles/${id}`);
  expect(response.status).toBe(200);
  return await response.text();
};

/** The similar articles' links, in order, from the page's list. */
const similarLinks = (html: string): string[] => {
  const list = html.match(/<aside class="similar"[\s\S]*?<\/aside>/u)?.[0] ?? '';
  return [...list.matchAll(/<a href="\/articles\/([^"]+)">/gu)].map((match) => match[1] ?? '');
};

describe('similar articles', () => {
  it('lists the same story first, then the same subject, never the article itself nor unrelated ones', async () => {
    const sections = await seeded.site.service.article('tabuk-floods-okaz');
    const similar = await seeded.site.service.similar(sections ?? []);
    const ids = similar.articles.map((article) => article.articleId);
    expect(ids.slice(0, 2).sort()).toEqual(['tabuk-floods-alyaum', 'tabuk-floods-sabq']);
    expect(ids).not.toContain('tabuk-floods-okaz');
    expect(ids).not.toContain('nassr-transfer');
    expect(ids).not.toContain('oil-prices');
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(similar.terms).toContain('اخضر');
    expect(similar.engineRequests).toBe(1);
  });

  it('shows them under the article with title, source name, date and link', async () => {
    const html = await articlePage('tabuk-floods-okaz');
    expect(html).toContain('<h2 id="similar-heading">مقالات مشابهة</h2>');
    const links = similarLinks(html);
    expect(links.slice(0, 2).sort()).toEqual(['tabuk-floods-alyaum', 'tabuk-floods-sabq']);
    expect(links).not.toContain('tabuk-floods-okaz');
    const alyaum = html.match(/<li><a href="\/articles\/tabuk-floods-alyaum">([^<]+)<\/a><span class="meta">([\s\S]*?)<\/span><\/li>/u);
    expect(alyaum?.[1]).toBe('الدفاع المدني ينقذ أسرًا حاصرتها السيول في تبوك');
    expect(alyaum?.[2]).toContain('<bdi class="source">اليوم</bdi>');
    expect(alyaum?.[2]).toContain('<time datetime="2025-04-02">');
  });

  it('shows no list when no other article shares the story or subject', async () => {
    const html = await articlePage('oil-prices');
    expect(similarLinks(html)).toEqual([]);
    expect(html).not.toContain('مقالات مشابهة');
  });
});
