import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionDocument } from '../../src/archive-index/index.ts';
import { fixture, useSeededSite } from '../helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'bad-input-'));
beforeAll(() => {
  cpSync(fixture('bad'), folder, { recursive: true });
  cpSync(fixture('articles/seed.txt'), join(folder, 'seed.txt'));
  // Too big to keep in the repository: written for the run.
  writeFileSync(join(folder, 'huge.txt'), `${'كلمة '.repeat(5_600_000)}\n`);
  writeFileSync(join(folder, 'long-word.ndjson'), `${JSON.stringify({ id: 'long-word', title: 'كلمة طويلة جدا', date: '2025-01-01', body: `بداية ${'ب'.repeat(200_000)} نهاية عن المكتبات.` })}\n`);
});
const seeded = useSeededSite('bad-input', { paths: [folder], problemsExpected: true });
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const sections = () => seeded.engine.client.index<SectionDocument>(seeded.engine.index);
const problemFor = (name: string) => seeded.summary.problems.filter((problem) => problem.file.endsWith(name));

describe('a folder of bad input', () => {
  it('reports every bad file and line with its place and reason', () => {
    expect(problemFor('empty.txt')).toEqual([{ file: join(folder, 'empty.txt'), line: null, message: 'the file is empty' }]);
    expect(problemFor('binary.txt')).toEqual([{ file: join(folder, 'binary.txt'), line: null, message: 'the file is binary, not text' }]);
    expect(problemFor('invalid-utf8.txt')).toEqual([{ file: join(folder, 'invalid-utf8.txt'), line: null, message: 'invalid UTF-8 bytes (first on line 2)' }]);
    expect(problemFor('huge.txt')[0]?.message).toMatch(/MB is too large for one article/u);
    expect(problemFor('bad-lines.ndjson').map((problem) => [problem.line, problem.message])).toEqual([
      [2, expect.stringMatching(/not valid JSON/u)],
      [3, '"id" is missing or not a string'],
      [4, 'article wrong-type: "title" is not a string'],
      [5, 'article no-body: "body" is missing or not a string'],
    ]);
    expect(problemFor('duplicate-b.ndjson')).toEqual([
      { file: join(folder, 'duplicate-b.ndjson'), line: 1, message: `article id "duplicate-id" was already read from ${join(folder, 'duplicate-a.ndjson')}:1; this copy is skipped` },
    ]);
    expect(seeded.summary.problems).toHaveLength(9);
    expect(seeded.summary.failures).toEqual([]);
  });

  it('indexes every good article of the same run, converting legacy encodings', async () => {
    const documents = (await sections().getDocuments({ limit: 100, fields: ['articleId', 'title'] })).results;
    const articles = new Map(documents.map((document) => [document.articleId, document.title]));
    expect([...articles.keys()].sort()).toEqual(['bad-lines-good-1', 'bad-lines-good-2', 'duplicate-id', 'html-markup', 'long-word', 'seed', 'utf16-bom', 'utf8-bom', 'windows-1256']);
    expect(articles.get('windows-1256')).toBe('مكتبة جديدة في طرابلس');
    expect(articles.get('utf16-bom')).toBe('إذاعة محلية في بنغازي');
    expect(articles.get('utf8-bom')).toBe('مقال بعلامة ترتيب البايتات');
    expect(articles.get('duplicate-id')).toBe('النسخة الأولى');
    expect(seeded.summary.articles).toBe(9);
  });

  it('stores markup as text and shows it escaped', async () => {
    const document = await sections().getDocument('html-markup__1');
    expect(document.text).toContain("<script>alert('xss')</script>");
    for (const path of ['/search?q=%D8%A7%D9%84%D9%85%D9%83%D8%AA%D8%A8%D8%A7%D8%AA', '/articles/html-markup?q=x']) {
      const html = await (await seeded.site.app.request(path)).text();
      expect(html).not.toContain("<script>alert('xss')</script>");
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;');
    }
  });

  it('keeps an absurdly long word out of the analyzed fields without losing the article', async () => {
    const document = await sections().getDocument('long-word__1');
    expect(document.text.length).toBeGreaterThan(200_000);
    expect(document.text_terms.length).toBeLessThan(200);
    const result = await (await seeded.site.app.request('/api/search?q=%D9%86%D9%87%D8%A7%D9%8A%D8%A9')).json();
    expect((result as { hits: { id: string }[] }).hits.map((hit) => hit.id)).toContain('long-word__1');
  });
});
