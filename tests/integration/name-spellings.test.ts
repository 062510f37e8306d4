import { describe, expect, it } from 'vitest';
import { fixture, useSeededSite } from '../helpers.ts';

// One name in every spelling, on the real engine, over articles written for it
// (tests/fixtures/spellings): Netanyahu as نتنياهو and نتانياهو, Putin as بوتين and بوتن, Trump as
// ترامب and ترمب, each spelling in its own articles.
const seeded = useSeededSite('spellings', { paths: [fixture('spellings')] });

interface Answer {
  total: number;
  hits: { articleId: string }[];
  analyzed: string;
  notices: string[];
  spellings: { word: string; spellings: string[] }[];
}

async function api(q: string): Promise<Answer> {
  const response = await seeded.site.app.request(`/api/search?q=${encodeURIComponent(q)}&limit=20`);
  expect(response.status, q).toBe(200);
  return (await response.json()) as Answer;
}
const ids = (answer: Answer) => answer.hits.map((hit) => hit.articleId).sort();

describe('a name in any spelling', () => {
  it.each([
    ['نتنياهو', 'نتانياهو', ['netanyahu-1', 'netanyahu-2', 'netanyahu-3']],
    ['بوتين', 'بوتن', ['putin-1', 'putin-2']],
    ['ترامب', 'ترمب', ['trump-1', 'trump-2']],
  ])('%s and %s find the same articles, every spelling of the name', async (one, other, expected) => {
    const [first, second] = [await api(one), await api(other)];
    expect(ids(first)).toEqual(expected);
    expect(ids(second)).toEqual(expected);
    expect(first.total).toBe(expected.length);
    expect(second.total).toBe(expected.length);
  });

  it('says which spellings were searched, those the archive uses', async () => {
    const answer = await api('نتانياهو');
    // نيتنياهو and ناتانياهو are spellings of the name too, but no article here uses them.
    expect(answer.spellings).toEqual([{ word: 'نتانياهو', spellings: ['نتنياهو', 'نتانياهو'] }]);
    expect(answer.notices).toContain('بحثنا عن «نتانياهو» بكل صيغ كتابته في الأرشيف: نتنياهو، نتانياهو');
    expect(answer.analyzed).toBe('نتنياهو OR نتانياهو');
  });

  it('keeps clitics and the other words of the query', async () => {
    expect(ids(await api('لنتانياهو'))).toEqual(['netanyahu-1', 'netanyahu-2', 'netanyahu-3']);
    expect(ids(await api('بوتن الكرملين'))).toEqual(['putin-1']);
    expect(ids(await api('دونالد ترمب'))).toEqual(['trump-1', 'trump-2']);
  });

  it('finds every spelling of a name typed in Latin script, through the tags', async () => {
    expect(ids(await api('Putin'))).toEqual(['putin-1', 'putin-2']);
    expect(ids(await api('Netanyahu'))).toEqual(['netanyahu-1', 'netanyahu-2', 'netanyahu-3']);
  });

  it('leaves a quoted name as written, and words that name nobody alone', async () => {
    expect(ids(await api('"فلاديمير بوتن"'))).toEqual(['putin-2']);
    const answer = await api('تبوك');
    expect(answer.spellings).toEqual([]);
  });

  it('the results page names the spellings searched, and marks each in the snippets', async () => {
    const response = await seeded.site.app.request(`/search?q=${encodeURIComponent('بوتن')}`);
    const html = await response.text();
    expect(html).toContain('<p class="notice">بحثنا عن «بوتن» بكل صيغ كتابته في الأرشيف: بوتين، بوتن</p>');
    expect(html).toContain('<mark>بوتين</mark>');
    expect(html).toContain('<mark>بوتن</mark>');
  });
});
