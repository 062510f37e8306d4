import { describe, expect, it } from 'vitest';
import type { EngineRequest } from '../../src/engine/archive-reader.ts';
import { createSearchService } from '../../src/search/service.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// Entity dossiers on the real engine, over tests/fixtures/dossier: six articles on Aden (عدن, tagged
// with Yemen too), two of them one story told by two sources a day apart, one undated, one whose three
// sections name Aden, the Houthis and Sanaa apart; and one article on Riyadh.
const seeded = useSeededSite('dossier', { paths: [fixture('dossier')] });

async function total(query: string): Promise<number> {
  const response = await seeded.site.app.request(`/api/search?${query}`);
  expect(response.status, query).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

describe("an entity's dossier", () => {
  it('counts its articles, and draws when they appeared with the counts the search gives each day', async () => {
    const dossier = await seeded.site.service.entity('aden', 'region');
    expect(dossier.articles).toBe(6);
    expect(dossier.articles).toBe(await total('region=aden'));
    expect(dossier.coverage?.unit).toBe('day');
    expect(dossier.coverage?.dated).toBe(5);
    for (const period of [...(dossier.coverage?.bars ?? []), ...(dossier.coverage?.spans ?? [])]) {
      expect(await total(`region=aden&from=${period.from}&to=${period.to}`), period.from).toBe(period.count);
    }
  });

  it('lists who is named with it by the articles naming both, each count what the search for both finds', async () => {
    const { related } = await seeded.site.service.entity('aden', 'region');
    expect(related.map(({ id, count }) => [id, count])).toEqual([
      ['YE', 6],
      ['SA', 3],
      // Three sections name the Houthis with Aden, in two articles.
      ['houthis', 2],
      ['IN', 1],
    ]);
    for (const other of related) expect(await total(`with=aden&with=${other.id}`), other.id).toBe(other.count);
    // Sanaa is named in the same article, never in the same section.
    expect(await total('with=aden&with=sanaa')).toBe(0);
  });

  it('shows its latest articles one per story, newest first, the other telling listed with it', async () => {
    const { stories } = await seeded.site.service.entity('aden', 'region');
    expect(stories.map(({ lead, others }) => [lead.articleId, others.map((other) => other.articleId)])).toEqual([
      ['aden-airport-okaz', ['aden-airport-aawsat']],
      ['aden-talks', []],
      ['aden-shelling', []],
      ['aden-relief-ship', []],
      ['aden-history', []],
    ]);
  });

  it('takes two engine requests', async () => {
    const sent: EngineRequest[] = [];
    const { url, key, index } = seeded.engine;
    const service = await createSearchService({ engineUrl: url, apiKey: key, index, gazetteer: seeded.gazetteer, trace: (request) => sent.push(request) });
    try {
      await service.entity('aden', 'region');
      expect(sent).toHaveLength(2);
    } finally {
      service.stop();
    }
  });

  it('is the entity page: the chart linking to the search of its dates, the stories, and links to the search of both', async () => {
    const response = await seeded.site.app.request('/entities/aden');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<figure class="coverage"');
    expect(html).toMatch(/<a href="\/search\?region=aden&amp;from=2015-07-23&amp;to=2015-07-23" aria-label="[^"]+: [^"]*مقال"/u);
    expect(html).toContain('ورُويت أيضًا في');
    expect(html).toContain('href="/search?with=aden&amp;with=houthis"');
    // The Riyadh article is no part of it.
    expect(html).not.toContain('أجواء حارة');
  });

  it('narrows a search to articles that also name an entity, names the filter on the page, and its feed and export follow', async () => {
    expect(await total('region=YE&with=houthis')).toBe(2);
    const page = await (await seeded.site.app.request('/search?with=aden&with=houthis', { headers: { 'HX-Request': 'true' } })).text();
    expect(page).toContain('يذكر الحوثيون');
    expect(page).toContain('href="/search?with=aden"');
    // The search's feed and export list the same articles.
    const exported = await (await seeded.site.app.request('/api/export?format=ndjson&with=aden&with=houthis')).text();
    expect(exported.trim().split('\n')).toHaveLength(2);
    const feed = await (await seeded.site.app.request('/feed?with=aden&with=houthis')).text();
    expect(feed.match(/<entry>/gu)).toHaveLength(2);
    expect(feed).toContain('/feed?with=aden&amp;with=houthis');
    const unknown = (await (await seeded.site.app.request('/api/search?with=nowhere')).json()) as { total: number; with: string[]; notices: string[] };
    expect(unknown.with).toEqual([]);
    expect(unknown.notices.join(' ')).toContain('nowhere');
  });
});
