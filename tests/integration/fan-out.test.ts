import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineRequest } from '../../src/engine/archive-reader.ts';
import type { SearchRequest } from '../../src/search/search.ts';
import { createSearchService, type SearchService } from '../../src/search/service.ts';
import { useSeededIndex } from '../helpers.ts';

// What each kind of query costs the engine: keyword searches one search (plus one per filtered
// facet list, for its counts), questions a fan-out and one fetch of the page's sections.
const seeded = useSeededIndex('fan-out');
let service: SearchService;
let sent: EngineRequest[] = [];
const search = (request: Partial<SearchRequest> & { q: string }) => {
  sent = [];
  return service.search({ regions: [], actors: [], page: 1, limit: 10, ...request });
};
const searches = () => sent.reduce((sum, request) => sum + request.searches, 0);

beforeAll(async () => {
  const { url, key, index } = seeded.engine;
  service = await createSearchService({ engineUrl: url, apiKey: key, index, gazetteer: seeded.gazetteer, trace: (request) => sent.push(request) });
});
afterAll(() => service?.stop());

describe('engine requests per search', () => {
  it.each([
    ['one word', 'حفتر'],
    ['two words', 'مرفأ بيروت'],
    ['three words', 'المخابرات العامة المصرية'],
    ['a prefix while typing', 'حفت'],
  ])("%s costs two searches: the candidates, then the matching sections of the page's articles", async (_kind, q) => {
    const result = await search({ q, typing: q === 'حفت' });
    expect(result.total).toBeGreaterThan(0);
    expect(sent.map((request) => request.path)).toEqual(['multi-search', 'multi-search']);
    expect(searches()).toBe(2);
    expect(result.engineRequests).toBe(2);
    expect(result.notices).toEqual([]);
  });

  it('when no article holds every word, each word is searched alone to find those holding most of them, and it says so', async () => {
    const result = await search({ q: 'حفتر مرفأ' });
    expect(result.total).toBeGreaterThan(0);
    // All words (1), then each word in one union (2), then the page's sections through the same union (2).
    expect(searches()).toBe(5);
    expect(result.notices.map((notice) => notice.code)).toEqual(['not-all-words']);
  });

  it('a filter on both lists adds one search per list, for the counts of its other options', async () => {
    const result = await search({ q: 'حفتر', regions: ['LY'], actors: ['khalifa-haftar'] });
    expect(result.total).toBeGreaterThan(0);
    expect(sent).toHaveLength(2);
    expect(searches()).toBe(4);
  });

  it('a question fans out, is re-ranked, and fetches only its page of sections with their text', async () => {
    const result = await search({ q: 'ماذا قال حفتر عن طرابلس؟' });
    expect(sent.map((request) => request.path)).toEqual(['multi-search', `indexes/${seeded.engine.index}/documents/fetch`]);
    expect(searches()).toBeGreaterThan(2);
    // The candidates carry only what BM25 needs; the text comes with the page.
    const fanOut = sent[0]?.body as { queries: { attributesToRetrieve: string[] }[] } | undefined;
    expect(fanOut?.queries.length).toBeGreaterThan(2);
    for (const query of fanOut?.queries ?? []) expect(query.attributesToRetrieve).not.toContain('text');
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) {
      expect(hit.title).not.toBe('');
      expect(hit.snippet.spans.length).toBeGreaterThan(0);
    }
    expect(result.hits.map((hit) => hit.id)).toEqual((sent[1]?.body as { ids: string[] } | undefined)?.ids);
  });
});
