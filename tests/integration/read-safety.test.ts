// Findings 3 and 5 of issue 13: nothing is deleted from a file that was not read whole, and an id met
// in two files is bad input naming both. The index command runs as a child process against the real
// test engine, as an operator runs it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionDocument } from '../../src/archive-index/index.ts';
import { indexCommand } from '../commands.ts';
import { testEngine } from '../helpers.ts';

const { url, key, client, index } = testEngine('read-safety');
let root: string;
let outside: string;
/** A folder of its own for each test, so that a test that fails leaves nothing in the way of the next. */
const freshFolder = (name: string) => mkdtempSync(join(root, `${name}-`));

const article = (id: string, text = `نص المقال ${id} عن المكتبات في طرابلس.`) => JSON.stringify({ id, title: `مقال ${id}`, date: '2025-02-01', source: 'اختبار', url: null, body: text });
const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const indexRun = (...args: string[]) => indexCommand(args, { MEILI_URL: url, MEILI_MASTER_KEY: key, MEILI_INDEX: index });

async function indexedArticles(prefix: string): Promise<string[]> {
  const page = await client.index<SectionDocument>(index).getDocuments({ fields: ['articleId'], limit: 10_000 });
  return [...new Set(page.results.map((section) => section.articleId).filter((id) => id.startsWith(prefix)))].sort();
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'read-safety-'));
  outside = mkdtempSync(join(tmpdir(), 'read-safety-outside-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('a file not read whole deletes nothing of its articles', () => {
  it('keeps all 200 articles of a truncated .gz, and says which were kept and why', async () => {
    const folder = freshFolder('gz');
    const file = join(folder, 'archive.ndjson.gz');
    // Long, varied text so that the compressed file is long enough to cut in the middle.
    const all = ids(200, 'gz');
    writeFileSync(file, gzipSync(all.map((id, i) => article(id, `${'نص '.repeat(50)} ${i} ${Math.random()}`)).join('\n')));
    expect(await indexRun(folder)).toMatchObject({ code: 0 });
    expect(await indexedArticles('gz')).toHaveLength(200);

    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    const run = await indexRun(folder);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/skipped .*archive\.ndjson\.gz:\d+: cannot read further: unexpected end of file/u);
    expect(run.output).toMatch(/kept \d+ indexed articles of .*archive\.ndjson\.gz not found in it, since it was not read whole \(line \d+: cannot read further: unexpected end of file\): gz\d+/u);
    expect(run.output).toMatch(/, 0 deleted;/u);
    expect(await indexedArticles('gz')).toHaveLength(200);
    rmSync(file);
    expect(await indexRun(folder)).toMatchObject({ code: 0 });
  });

  it('keeps the article of a line with an invalid UTF-8 byte', async () => {
    const folder = freshFolder('utf8');
    const file = join(folder, 'lines.ndjson');
    writeFileSync(file, ['utf-a', 'utf-b', 'utf-c'].map((id) => article(id)).join('\n'));
    expect(await indexRun(folder)).toMatchObject({ code: 0 });
    const bytes = readFileSync(file);
    const second = bytes.indexOf('utf-b') + 40;
    bytes[second] = 0xff;
    writeFileSync(file, bytes);
    const run = await indexRun(folder);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/skipped .*lines\.ndjson:2: invalid UTF-8 bytes in this line/u);
    expect(run.output).toMatch(/kept 1 indexed articles of .*lines\.ndjson not found in it, since it was not read whole \(line 2: invalid UTF-8 bytes in this line\): utf-b/u);
    expect(await indexedArticles('utf-')).toEqual(['utf-a', 'utf-b', 'utf-c']);
    rmSync(file);
    expect(await indexRun(folder)).toMatchObject({ code: 0 });
  });

  it('keeps the articles of a file that cannot be read (a link to a volume that went away), and runs on', async () => {
    const folder = freshFolder('link');
    const target = join(outside, 'volume.ndjson');
    writeFileSync(target, ['link-a', 'link-b'].map((id) => article(id)).join('\n'));
    symlinkSync(target, join(folder, 'linked.ndjson'));
    writeFileSync(join(outside, 'page.txt'), `عنوان\n\n${'فقرة عن المكتبات. '.repeat(5)}\n\nhttps://example.org/a\n`);
    symlinkSync(join(outside, 'page.txt'), join(folder, 'page.txt'));
    expect(await indexRun(folder)).toMatchObject({ code: 0 });
    expect(await indexedArticles('link-')).toEqual(['link-a', 'link-b']);
    expect(await indexedArticles('page')).toEqual(['page']);

    rmSync(target);
    rmSync(join(outside, 'page.txt'));
    const run = await indexRun(folder);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/skipped .*linked\.ndjson: cannot read/u);
    expect(run.output).toMatch(/skipped .*page\.txt: cannot read/u);
    expect(run.output).toMatch(/, 0 deleted;/u);
    expect(await indexedArticles('link-')).toEqual(['link-a', 'link-b']);
    expect(await indexedArticles('page')).toEqual(['page']);
    // Gone for good: the links are removed, and so are their articles.
    rmSync(join(folder, 'linked.ndjson'));
    rmSync(join(folder, 'page.txt'));
    expect(await indexRun(folder)).toMatchObject({ code: 0 });
    expect(await indexedArticles('link-')).toEqual([]);
  });
});

describe('an article id met in two files', () => {
  it('is reported naming both files, and the first stays indexed', async () => {
    const folder = freshFolder('ids');
    for (const year of ['2019', '2020']) {
      mkdirSync(join(folder, year));
      writeFileSync(join(folder, year, '001.txt'), `تقرير ${year}\n\n${`فقرة عن المكتبات في عام ${year}. `.repeat(5)}\n\nhttps://example.org/${year}\n`);
    }
    expect(await indexRun(join(folder, '2019'))).toMatchObject({ code: 0 });
    const run = await indexRun(join(folder, '2020'));
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/skipped .*2020\/001\.txt:1: article id "001" is already indexed from .*2019\/001\.txt; ids must be unique across the archive/u);
    const kept = await client.index<SectionDocument>(index).getDocument('001__1');
    expect(kept.title).toBe('تقرير 2019');
    expect(kept.origin).toMatch(/2019\/001\.txt$/u);
  });
});
