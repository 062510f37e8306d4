import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article, ReadResult } from '../../src/articles/article.ts';
import { safeArticleId, sectionDocumentId } from '../../src/archive-index/index.ts';
import { parseMarkdown } from '../../src/articles/markdown.ts';
import { parseNdjsonLine } from '../../src/articles/ndjson.ts';
import { parsePlainText } from '../../src/articles/plain-text.ts';
import { readArticles } from '../../src/articles/read.ts';
import { sectionsFromParagraphs } from '../../src/articles/sections.ts';
import { fixture } from '../helpers.ts';

async function readAll(paths: string[]): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readArticles(paths)) results.push(result);
  return results;
}

describe('the seed article', () => {
  const seed = parsePlainText(readFileSync(fixture('articles/seed.txt'), 'utf8'), 'seed', 'seed.txt');

  it('parses into exactly its four sections with their headings', () => {
    expect(seed.sections.map((section) => section.heading)).toEqual([null, 'رسائل سياسية من بنغازي', 'ليبيا كامتداد للأمن القومي المصري', 'تسويات معلّقة وتشابكات إقليمية']);
    expect(seed.sections.map((section) => section.n)).toEqual([1, 2, 3, 4]);
    expect(seed.sections.map((section) => section.paragraphs.length)).toEqual([2, 2, 3, 4]);
  });

  it('keeps the source URL of the last line, not as text', () => {
    expect(seed.url).toBe('https://middle-east-online.com/en/egypt%E2%80%99s-intelligence-chief-meets-haftar-amid-growing-coordination');
    expect(seed.sections.flatMap((section) => section.paragraphs).join(' ')).not.toContain('https://');
  });

  it('takes its lead paragraphs as section 1 and a title from the lead', () => {
    expect(seed.sections[0]?.paragraphs[0]).toMatch(/^تروي هيئة تحرير ميدل إيست أونلاين/u);
    expect(seed.title).toMatch(/^تروي هيئة تحرير ميدل إيست أونلاين .+…$/u);
  });
});

describe('plain text', () => {
  it('uses a heading-like first line as the title', () => {
    const article = parsePlainText('عنوان المقال\nفقرة أولى طويلة بما يكفي.\nعنوان فرعي\nفقرة ثانية.\n', 'a', 'a.txt');
    expect(article.title).toBe('عنوان المقال');
    expect(article.sections.map((s) => [s.heading, s.paragraphs])).toEqual([
      [null, ['فقرة أولى طويلة بما يكفي.']],
      ['عنوان فرعي', ['فقرة ثانية.']],
    ]);
  });

  it('cuts an article without headings into sections of consecutive paragraphs', () => {
    const paragraph = `${'كلمة '.repeat(70).trim()}.`;
    const article = parsePlainText([paragraph, paragraph, paragraph, paragraph].join('\n'), 'b', 'b.txt');
    expect(article.sections).toHaveLength(2);
    expect(article.sections.every((section) => section.heading === null && section.paragraphs.length === 2)).toBe(true);
  });
});

describe('markdown with front matter', () => {
  const text = readFileSync(fixture('articles/sudan-talks.md'), 'utf8');
  const article = parseMarkdown(text, 'fallback', 'sudan-talks.md');

  it('reads the front matter fields', () => {
    expect(article).toMatchObject({
      id: 'sudan-talks-2025',
      title: 'جولة جديدة من محادثات السودان في جدة',
      date: '2025-03-14',
      source: 'تحرير الأرشيف',
      url: 'https://example.org/sudan-talks',
    });
  });

  it('makes the lead section 1 and each ## heading a section', () => {
    expect(article.sections.map((s) => [s.n, s.heading, s.paragraphs.length])).toEqual([
      [1, null, 1],
      [2, 'مواقف الطرفين', 2],
      [3, 'المكتبات والتعليم', 1],
    ]);
  });

  it('names the line of a bad front matter field', () => {
    expect(() => parseMarkdown('---\ntitle: x\nthis is not a field\n---\nنص', 'x', 'x.md')).toThrow(/front matter line/u);
  });
});

describe('NDJSON lines', () => {
  it('parses a news record, decoding HTML entities of scraped text', () => {
    const line = JSON.stringify({ id: 'n-1', title: '&quot;البرقان&quot; يعلن', date: '2015-07-21', source: 'sabq', url: 'http://sabq.org/x', body: 'فقرة أولى.\n\nفقرة ثانية.' });
    const result = parseNdjsonLine(line, 'f.ndjson', 3);
    expect('article' in result && result.article).toMatchObject({ id: 'n-1', title: '"البرقان" يعلن', date: '2015-07-21', source: 'sabq', origin: { file: 'f.ndjson', line: 3 } });
    expect('article' in result && result.article.sections[0]?.paragraphs).toEqual(['فقرة أولى.', 'فقرة ثانية.']);
  });

  it.each([
    ['{not json', /not valid JSON/u],
    ['[1,2]', /not a JSON object/u],
    ['{"title":"x","body":"y"}', /"id" is missing/u],
    ['{"id":"a","body":42}', /"body" is missing or not a string/u],
    ['{"id":"a","body":"نص","date":"yesterday"}', /"date" "yesterday" is not YYYY-MM-DD/u],
    ['{"id":"a","body":"نص","title":7}', /"title" is not a string/u],
  ])('reports %s with its file and line', (line, message) => {
    const result = parseNdjsonLine(line, 'bad.ndjson', 7);
    expect(result).toEqual({ problem: { file: 'bad.ndjson', line: 7, message: expect.stringMatching(message) } });
  });
});

describe('reading folders', () => {
  it('reads every format of the fixtures folder, in a stable order', async () => {
    const results = await readAll([fixture('articles')]);
    const articles = results.flatMap((result) => ('article' in result ? [result.article] : []));
    expect(results.filter((result) => 'problem' in result)).toEqual([]);
    expect(articles.map((article: Article) => article.id)).toEqual(['lebanon-port-2025', 'libya-tripoli-2025', 'bank-2025', 'cairo-2025', 'seed', 'sudan-talks-2025']);
  });

  it('reports a missing path instead of failing', async () => {
    expect(await readAll(['/nonexistent/folder'])).toEqual([{ problem: { file: '/nonexistent/folder', line: null, message: 'no such file or folder' } }]);
  });
});

describe('ids', () => {
  it('keeps safe ids and maps others to a stable safe form', () => {
    expect(safeArticleId('saudinewsnet-0040300a63f4')).toBe('saudinewsnet-0040300a63f4');
    const mapped = safeArticleId('مقال/2025 01');
    expect(mapped).toMatch(/^h[0-9a-f]{20}$/u);
    expect(safeArticleId('مقال/2025 01')).toBe(mapped);
    expect(safeArticleId('a__b')).not.toBe('a__b');
  });

  it('derives section ids that Meilisearch accepts', () => {
    expect(sectionDocumentId('seed', 3)).toBe('seed__3');
    expect(sectionDocumentId('خبر عاجل', 2)).toMatch(/^h[0-9a-f]{20}__2$/u);
  });

  it('numbers sections from paragraphs from 1', () => {
    expect(sectionsFromParagraphs(['أ.', 'ب.']).map((section) => section.n)).toEqual([1]);
  });
});
