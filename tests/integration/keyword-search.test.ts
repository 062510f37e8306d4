import { describe, expect, it } from 'vitest';
import { fixture, useSeededSite } from '../helpers.ts';

// What a keyword query means, on articles written for it: every word required, phrases as written,
// OR, exclusions, words the archive never uses, and one result per article.
const seeded = useSeededSite('keywords', { paths: [fixture('keywords')] });

interface Answer {
  total: number;
  analyzed: string;
  notices: string[];
  hits: { id: string; articleId: string; snippet: string; otherSections: { n: number; heading: string | null; url: string }[] }[];
}

async function search(q: string): Promise<Answer> {
  const response = await seeded.site.app.request(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}
const articles = async (q: string) => (await search(q)).hits.map((hit) => hit.articleId).sort();

describe('keyword search', () => {
  it('keeps different words apart that the stemmer once merged: الرياض (Riyadh) is not رياضة (sport)', async () => {
    expect(await articles('الرياض')).toEqual(['riyadh-rain']);
    expect(await articles('الرياضة')).toEqual(['school-sport']);
  });

  it('requires every word: an article must hold them all', async () => {
    const answer = await search('زلزال اليابان');
    expect(answer.hits.map((hit) => hit.articleId)).toEqual(['japan-earthquake']);
    expect(answer.notices).toEqual([]);
  });

  it('says so when no article holds every word, and shows those that hold most of them', async () => {
    const answer = await search('زلزال إندونيسيا');
    expect(answer.hits.map((hit) => hit.articleId).sort()).toEqual(['indonesia-volcano', 'japan-earthquake']);
    expect(answer.notices.join(' ')).toContain('لا يوجد مقال يضم كل الكلمات');
  });

  it('names a word the archive never uses, and says what was searched instead', async () => {
    const answer = await search('زلزال المريخ');
    expect(answer.hits.map((hit) => hit.articleId)).toEqual(['japan-earthquake']);
    expect(answer.notices.join(' ')).toContain('لا ترد في الأرشيف: المريخ');
    expect(answer.analyzed).not.toContain('مريخ');
  });

  it('reads a quoted phrase as those words, as written, adjacent and in order', async () => {
    expect(await articles('"مجلس الأمن الدولي"')).toEqual(['security-council']);
    // The same words, not together, are found as words but not as the phrase.
    expect(await articles('مجلس الأمن الدولي')).toEqual(['municipal-council', 'security-council']);
    expect(await articles('"الدولي الأمن مجلس"')).toEqual([]);
  });

  it('reads OR between words or phrases as either, with exclusions applied to both', async () => {
    const answer = await search('زلزال OR بركان');
    expect(answer.hits.map((hit) => hit.articleId).sort()).toEqual(['indonesia-volcano', 'japan-earthquake']);
    expect(answer.total).toBe(2);
    expect(answer.analyzed).toBe('زلزال OR بركان');
    expect(await articles('زلزال OR "ثار بركان" -اليابان')).toEqual(['indonesia-volcano']);
  });

  it('gives one result per article: its best section, the other matching sections listed with their links', async () => {
    const answer = await search('الكهرباء');
    expect(answer.total).toBe(1);
    const [hit] = answer.hits;
    expect(hit?.articleId).toBe('power-cuts');
    const sections = [hit?.id, ...(hit?.otherSections ?? []).map((other) => `power-cuts__${other.n}`)].sort();
    expect(sections).toEqual(['power-cuts__1', 'power-cuts__2', 'power-cuts__3']);
    for (const other of hit?.otherSections ?? []) expect(other.url).toBe(`/articles/power-cuts?q=${encodeURIComponent('الكهرباء')}#s-${other.n}`);
  });
});
