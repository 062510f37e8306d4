import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/search/search.ts';
import { sourceCatalog } from '../../src/sources/source-catalog.ts';
import { atomXml, uuidUrn, xmlText } from '../../src/web/atom-feed.ts';
import { citationOf } from '../../src/web/citation.ts';
import { csvCell, exportTail, hijriIsoDate } from '../../src/web/export-format.ts';
import { plainSnippet } from '../../src/web/marking.ts';
import { resultsView } from '../../src/web/view-models.ts';
import { Results } from '../../views/results.tsx';
import { parseXml } from '../xml-tree.ts';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+966', "'+966"],
    ['-10%', "'-10%"],
    ['@handle', "'@handle"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', `"'\r=cmd"`],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['a=b', 'a=b'],
  ])('%j is written %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('export details', () => {
  it('writes the Hijri date of a day as YYYY-MM-DD (Umm al-Qura)', () => {
    expect(hijriIsoDate('2015-07-21')).toBe('1436-10-05');
    expect(hijriIsoDate('2025-03-10')).toBe('1446-09-10');
    expect(hijriIsoDate(null)).toBeNull();
  });

  it('ends a capped NDJSON export with a notice line, and nothing else', () => {
    expect(JSON.parse(exportTail('ndjson', 10_000, 14_811))).toEqual({ notice: { code: 'capped', rows: 10_000, total: 14_811, message: 'the first 10000 of 14811 articles' } });
    expect(exportTail('ndjson', 5, 5)).toBe('');
    expect(exportTail('csv', 10_000, 14_811)).toBe('');
  });

  it('writes a snippet on one line without control characters', () => {
    expect(plainSnippet({ text: ' a\u0001b\n\nc\u000bd ', spans: [{ start: 1, end: 2 }], cutBefore: true, cutAfter: false })).toBe('… a b c d');
  });
});

describe('Atom', () => {
  it('escapes text and leaves out what XML 1.0 cannot hold', () => {
    expect(xmlText('<a href="x">&\'\u0001\uffff\ud800ok😀')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;ok😀');
  });

  it('makes name-based version 5 UUIDs: the same name, the same id', () => {
    const id = uuidUrn('article:port-1');
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(uuidUrn('article:port-1')).toBe(id);
    expect(uuidUrn('article:port-2')).not.toBe(id);
  });

  it('parses as XML whatever the text holds', () => {
    const hostile = 'x <y> & "z" \u0001 \ud800';
    const entry = { id: uuidUrn(hostile), title: hostile, url: `https://a.example/?q=${hostile}`, updated: '2025-03-10T00:00:00Z', summary: hostile, author: hostile };
    const root = parseXml(
      atomXml({ id: 'urn:x', title: hostile, selfUrl: 'https://a.example/feed?a=1&b=2', pageUrl: 'https://a.example/', updated: entry.updated, author: hostile, entries: [entry] }),
    );
    expect(root.children.find((child) => child.name === 'title')?.text).toBe('x <y> & "z"  ');
  });
});

describe('citations', () => {
  it('leave out what the article does not have', () => {
    const section = { articleId: 'a1', n: 2, title: ' عنوان ', heading: null, date: null };
    const citation = citationOf(section, null, { base: 'https://archive.example.org', today: '2025-03-10' });
    expect(citation.text).toMatch(/^«عنوان»، المقطع \S+\. https:\/\/archive\.example\.org\/articles\/a1#s-2\. تاريخ الاطلاع: \S+ مارس \S+\.$/u);
    expect(`${citation.textBeforeUrl}${citation.url}${citation.textAfterUrl}`).toBe(citation.text);
  });
});

const searchResult = (total: number, nothingSearchable = false): SearchResult => ({
  query: 'النفط',
  total,
  page: 3,
  pageSize: 10,
  hits: [],
  facets: { region: {}, actor: {}, source: {} },
  filters: { region: ['LB'], actor: [], source: ['okaz'] },
  with: [],
  range: { from: '2015-01-01', to: null },
  sort: 'newest',
  analyzed: 'نفط',
  recognized: [],
  notices: [],
  nothingSearchable,
  suggestion: null,
  coverage: null,
  engineRequests: 1,
});
const render = (result: SearchResult) => String(<Results result={resultsView(result, sourceCatalog({}))} names={() => undefined} />);

describe('the tools beside the results', () => {
  it("link the feed and both exports with the search's parameters (no page; the feed without the sort)", () => {
    const html = render(searchResult(25));
    const query = 'q=%D8%A7%D9%84%D9%86%D9%81%D8%B7&amp;region=LB&amp;source=okaz&amp;from=2015-01-01';
    expect(html).toContain(`<a class="feed-link" href="/feed?${query}"`);
    expect(html).toContain(`<a href="/api/export?format=csv&amp;${query}&amp;sort=newest" download="">CSV</a>`);
    expect(html).toContain(`<a href="/api/export?format=ndjson&amp;${query}&amp;sort=newest" download="">NDJSON</a>`);
    expect(html).not.toContain('export-cap');
  });

  it('say beside the export links when the file holds only the first 10,000 articles', () => {
    const html = render(searchResult(14_811));
    expect(html).toMatch(/<p class="notice export-cap">يضم الملف أول \S+ مقال من \S+، مرتبة كما تظهر هنا\. ضيّق البحث لتنزيل الباقي\.<\/p>/u);
  });

  it('offer no export of nothing, and nothing when no word can be searched', () => {
    expect(render(searchResult(0))).not.toContain('/api/export');
    expect(render(searchResult(0))).toContain('class="feed-link"');
    expect(render(searchResult(0, true))).not.toContain('result-tools');
  });
});
