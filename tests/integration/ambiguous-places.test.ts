import { describe, expect, it } from 'vitest';
import { fixture, useSeededSite } from '../helpers.ts';

// Three articles name البيضاء: a Libyan one, a Yemeni one (مدينة البيضاء, which once tagged
// Libya whatever the article said) and one that does not say which country it means.
const seeded = useSeededSite('places', { paths: [fixture('places')] });

interface Answer {
  total: number;
  hits: { articleId: string; regions: string[] }[];
  facets: { region: Record<string, number> };
}

async function search(params: string): Promise<Answer> {
  const response = await seeded.site.app.request(`/api/search?${params}&limit=50`);
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

describe('a place name shared by two countries', () => {
  it('puts each article under the country it is about, and the one that does not say under neither', async () => {
    expect((await search(`q=${encodeURIComponent('البيضاء')}&region=LY`)).hits.map((hit) => hit.articleId)).toEqual(['bayda-libya']);
    expect((await search(`q=${encodeURIComponent('البيضاء')}&region=YE`)).hits.map((hit) => hit.articleId)).toEqual(['bayda-yemen']);
    const all = await search(`q=${encodeURIComponent('البيضاء')}`);
    expect(all.hits.map((hit) => hit.articleId).sort()).toEqual(['bayda-libya', 'bayda-unknown', 'bayda-yemen']);
    expect(all.facets.region).toEqual({ LY: 1, bayda: 1, benghazi: 1, YE: 1, 'al-bayda-yemen': 1 });
    expect(all.hits.find((hit) => hit.articleId === 'bayda-unknown')?.regions).toEqual([]);
  });
});
