import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../../src/engine/client.ts';
import type { SectionDocument } from '../../src/archive-index/index.ts';
import { loadEngineSettings } from '../../src/engine/settings.ts';
import { loadGazetteer } from '../../src/entities/index.ts';
import { indexArticles, type IndexSummary } from '../../src/indexer/indexer.ts';
import { loadTermStats } from '../../src/engine/term-stats-store.ts';
import { fixture, testEngine } from '../helpers.ts';

const { client, index } = testEngine('indexer');
const gazetteer = loadGazetteer();
const settings = loadEngineSettings();
let folder: string;

const run = (paths: string[], rebuild = false, version = 'v1'): Promise<IndexSummary> => indexArticles({ client, index, paths, rebuild, gazetteer, settings, analysisVersion: version });

async function sectionIds(): Promise<string[]> {
  const page = await client.index<SectionDocument>(index).getDocuments({ fields: ['id'], limit: 1000 });
  return page.results.map((document) => document.id).sort();
}

const article = (id: string, paragraphs: string[]) => JSON.stringify({ id, title: `مقال ${id}`, date: '2025-01-01', source: 'اختبار', url: null, body: paragraphs.join('\n\n') });
const longParagraph = (word: string) => `${`${word} `.repeat(130).trim()}.`;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'indexer-test-'));
  cpSync(fixture('articles'), folder, { recursive: true });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the indexer', () => {
  it('says what it does once every input is read: the engine taking what was sent, then the term statistics', async () => {
    const phases: string[] = [];
    const other = testEngine('indexer-phases');
    await indexArticles({ client: other.client, index: other.index, paths: [fixture('articles')], gazetteer, settings, analysisVersion: 'phases', onPhase: (phase) => phases.push(phase) });
    expect(phases[0]).toMatch(/^the engine is taking what was sent: \d+ of \d+ tasks done$/u);
    expect(phases.at(-1)).toBe('saving the term statistics');
  });

  it('indexes every article of the fixtures, then sends nothing for unchanged input', async () => {
    const first = await run([folder]);
    expect(first).toMatchObject({ articles: 6, changed: 6, unchanged: 0, deleted: 0, problems: [], failures: [] });
    expect(first.sectionsSent).toBe(first.sections);
    const ids = await sectionIds();
    expect(ids).toContain('seed__1');
    expect(ids).toContain('seed__4');
    expect(ids).not.toContain('seed__5');

    const tasksBefore = (await client.tasks.getTasks({ indexUids: [index], limit: 1 })).results[0]?.uid;
    const second = await run([folder]);
    expect(second).toMatchObject({ articles: 6, changed: 0, unchanged: 6, sectionsSent: 0, deleted: 0 });
    const tasksAfter = (await client.tasks.getTasks({ indexUids: [index], limit: 1 })).results[0]?.uid;
    expect(tasksAfter).toBe(tasksBefore);
  });

  it('keeps term statistics for ranking', async () => {
    const stats = await loadTermStats(client, index);
    expect(stats.articles).toBe(6);
    expect(stats.documents).toBe((await sectionIds()).length);
    expect(stats.df.get('حفتر')).toBe(4);
  });

  it('sends an article again when one of its sections went missing, though the others carry its fingerprint', async () => {
    await settle(client.index(index).deleteDocument('seed__2'));
    const summary = await run([folder]);
    expect(summary).toMatchObject({ changed: 1, unchanged: 5, deleted: 0 });
    expect(await sectionIds()).toContain('seed__2');
  });

  it('replaces all sections of a changed article, leaving none behind when it shrinks', async () => {
    const file = join(folder, 'changing.ndjson');
    writeFileSync(file, `${article('changing', [longParagraph('تجربة'), longParagraph('تجربة'), longParagraph('تجربة')])}\n`);
    await run([folder]);
    expect((await sectionIds()).filter((id) => id.startsWith('changing__'))).toEqual(['changing__1', 'changing__2', 'changing__3']);

    writeFileSync(file, `${article('changing', [longParagraph('اختصار')])}\n`);
    const shrunk = await run([folder]);
    expect(shrunk).toMatchObject({ changed: 1, unchanged: 6, sectionsSent: 1 });
    expect((await sectionIds()).filter((id) => id.startsWith('changing__'))).toEqual(['changing__1']);
    const document = await client.index<SectionDocument>(index).getDocument('changing__1');
    expect(document.text).toContain('اختصار');
  });

  it('deletes articles that left their file, and files that left the folder', async () => {
    const file = join(folder, 'changing.ndjson');
    writeFileSync(file, `${article('other', ['نص آخر.'])}\n`);
    const summary = await run([folder]);
    expect(summary).toMatchObject({ deleted: 1, changed: 1 });
    expect((await sectionIds()).some((id) => id.startsWith('changing__'))).toBe(false);

    rmSync(file);
    expect(await run([folder])).toMatchObject({ deleted: 1, changed: 0 });
    expect((await sectionIds()).some((id) => id.startsWith('other__'))).toBe(false);
  });

  it('indexes the good articles next to a bad file and reports the bad lines by file and line', async () => {
    const bad = join(folder, 'bad.ndjson');
    writeFileSync(bad, [article('good-1', ['فقرة سليمة.']), '{"id": "broken", "body": ', article('good-2', ['فقرة سليمة أخرى.']), '{"title": "بلا معرف", "body": "نص"}'].join('\n'));
    const summary = await run([folder]);
    expect(summary.problems).toEqual([
      { file: bad, line: 2, message: expect.stringMatching(/not valid JSON/u) },
      { file: bad, line: 4, message: expect.stringMatching(/"id" is missing/u) },
    ]);
    expect(summary.changed).toBe(2);
    expect(await sectionIds()).toEqual(expect.arrayContaining(['good-1__1', 'good-2__1']));
    rmSync(bad);
  });

  it('re-analyzes every article when the analysis changes', async () => {
    const summary = await run([folder], false, 'v2');
    expect(summary.changed).toBe(summary.articles);
  });

  it('rebuilds into a fresh index and swaps it in, leaving no build index behind', async () => {
    writeFileSync(join(folder, 'extra.ndjson'), `${article('extra', ['نص إضافي.'])}\n`);
    const summary = await run([folder], true, 'v2');
    expect(summary).toMatchObject({ changed: summary.articles, failures: [] });
    expect(await sectionIds()).toContain('extra__1');
    const uids = (await client.getIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(uids).toContain(index);
    expect(uids).not.toContain(`${index}-next`);
    expect((await loadTermStats(client, index)).articles).toBe(summary.articles);
  });
});
