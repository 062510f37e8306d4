import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { safeArticleId, sectionDocumentId } from '../../src/archive-index/index.ts';
import { addIndexedSections, createChangePlanner, type IndexedArticle, type InputScope } from '../../src/indexer/change-planner.ts';
import { articleFingerprint } from '../../src/indexer/section-documents.ts';

const VERSION = 'v1';

function article(id: string, paragraphs: string[], file = 'data/a.ndjson'): Article {
  return { id, title: `مقال ${id}`, date: null, source: null, url: null, sections: paragraphs.map((text, i) => ({ n: i + 1, heading: null, paragraphs: [text] })), origin: { file, line: 1 } };
}

/** What the index holds after `indexed` was sent whole, with the analysis of `version`. */
function held(indexed: Article, version = VERSION): IndexedArticle {
  const hash = articleFingerprint(indexed, version);
  return { hash, origins: new Set([indexed.origin.file]), sectionIds: indexed.sections.map((section) => sectionDocumentId(indexed.id, section.n)) };
}

const scope = (roots: string[] = [], existing: string[] = []): InputScope => ({ roots, fileExists: (file) => existing.includes(file) });

describe('the change planner', () => {
  it('sends every article to an empty index, with nothing to delete', () => {
    const planner = createChangePlanner(new Map(), VERSION);
    expect(planner.plan(article('a', ['نص']), 'a.ndjson:1')).toEqual({ kind: 'send', staleSectionIds: [] });
    expect(planner.departures(scope(['data']))).toEqual({ articles: 0, sectionIds: [] });
  });

  it('skips an article whose sections all carry its fingerprint', () => {
    const a = article('a', ['أول', 'ثان']);
    const planner = createChangePlanner(new Map([['a', held(a)]]), VERSION);
    expect(planner.plan(a, 'a.ndjson:1')).toEqual({ kind: 'unchanged' });
  });

  it('sends a changed article, deleting the sections its new version no longer has', () => {
    const before = article('a', ['أول', 'ثان', 'ثالث']);
    const planner = createChangePlanner(new Map([['a', held(before)]]), VERSION);
    expect(planner.plan(article('a', ['أول فقط']), 'a.ndjson:1')).toEqual({ kind: 'send', staleSectionIds: ['a__2', 'a__3'] });
  });

  it('sends an article again when the analysis changed, when a section went missing from the index, or when its sections carry different fingerprints', () => {
    const a = article('a', ['أول', 'ثان']);
    const missing = { ...held(a), sectionIds: ['a__1'] };
    const cutOff = { ...held(a), hash: null };
    expect(createChangePlanner(new Map([['a', held(a, 'v0')]]), VERSION).plan(a, 'x:1')).toEqual({ kind: 'send', staleSectionIds: [] });
    expect(createChangePlanner(new Map([['a', missing]]), VERSION).plan(a, 'x:1')).toEqual({ kind: 'send', staleSectionIds: [] });
    expect(createChangePlanner(new Map([['a', cutOff]]), VERSION).plan(a, 'x:1')).toEqual({ kind: 'send', staleSectionIds: [] });
  });

  it('counts an article moved to another file as changed, since its origin is part of the fingerprint', () => {
    const a = article('a', ['نص']);
    const planner = createChangePlanner(new Map([['a', held(a)]]), VERSION);
    expect(planner.plan({ ...a, origin: { file: 'data/b.ndjson', line: 1 } }, 'b.ndjson:1').kind).toBe('send');
  });

  it('skips a second article with an id already read, naming where the first was read', () => {
    const planner = createChangePlanner(new Map(), VERSION);
    planner.plan(article('a', ['أول']), 'one.ndjson:3');
    expect(planner.plan(article('a', ['آخر'], 'data/two.ndjson'), 'two.ndjson:7')).toEqual({ kind: 'duplicate', firstReadAt: 'one.ndjson:3' });
  });

  it('finds an article whose id the engine would refuse under the safe form the index holds it by', () => {
    const a = article('مقال ١', ['أول', 'ثان']);
    const planner = createChangePlanner(new Map([[safeArticleId(a.id), held(a)]]), VERSION);
    expect(planner.plan(a, 'a.ndjson:1')).toEqual({ kind: 'unchanged' });
    expect(planner.plan(a, 'a.ndjson:2').kind).toBe('duplicate');
  });
});

describe('articles that left their file', () => {
  const gone = article('gone', ['نص'], 'data/a.ndjson');
  const elsewhere = article('elsewhere', ['نص'], 'other/c.ndjson');
  const deletedFile = article('deleted-file', ['نص', 'ثان'], 'data/b.ndjson');
  const indexed = new Map([['gone', held(gone)], ['elsewhere', held(elsewhere)], ['deleted-file', held(deletedFile)]]);

  it('deletes an article missing from the file it was indexed from, and the articles of a file gone from a folder read', () => {
    const planner = createChangePlanner(indexed, VERSION);
    planner.plan(article('stays', ['نص'], 'data/a.ndjson'), 'data/a.ndjson:1');
    expect(planner.departures(scope(['data'], ['data/a.ndjson']))).toEqual({ articles: 2, sectionIds: ['gone__1', 'deleted-file__1', 'deleted-file__2'] });
  });

  it('keeps articles read again, articles of files outside the inputs, and articles of files that exist but were not read', () => {
    const planner = createChangePlanner(indexed, VERSION);
    planner.plan(gone, 'data/a.ndjson:1');
    expect(planner.departures(scope(['data'], ['data/a.ndjson', 'data/b.ndjson']))).toEqual({ articles: 0, sectionIds: [] });
  });

  it('keeps an indexed article whose id a duplicate took, though its own copy went', () => {
    const planner = createChangePlanner(new Map([['gone', held(gone)]]), VERSION);
    planner.plan(article('gone', ['نص آخر'], 'data/z.ndjson'), 'data/z.ndjson:1');
    expect(planner.departures(scope(['data'], ['data/z.ndjson']))).toEqual({ articles: 0, sectionIds: [] });
  });

  it('treats the working folder as a root that holds every relative file', () => {
    const planner = createChangePlanner(new Map([['elsewhere', held(elsewhere)]]), VERSION);
    expect(planner.departures(scope(['']))).toEqual({ articles: 1, sectionIds: ['elsewhere__1'] });
  });

  it('does not take a file for one under a root because its name starts alike', () => {
    const planner = createChangePlanner(new Map([['gone', held(gone)]]), VERSION);
    expect(planner.departures(scope(['dat']))).toEqual({ articles: 0, sectionIds: [] });
  });
});

describe('what the index holds by article', () => {
  it('gathers sections by article, and keeps a fingerprint only when all its sections carry the same one', () => {
    const articles = new Map<string, IndexedArticle>();
    addIndexedSections(articles, [
      { id: 'a__1', articleId: 'a', hash: 'h1', origin: 'data/a.ndjson' },
      { id: 'b__1', articleId: 'b', hash: 'h2', origin: 'data/a.ndjson' },
    ]);
    addIndexedSections(articles, [
      { id: 'a__2', articleId: 'a', hash: 'h1', origin: 'data/b.ndjson' },
      { id: 'b__2', articleId: 'b', hash: 'h3', origin: 'data/a.ndjson' },
    ]);
    expect(articles).toEqual(new Map([
      ['a', { hash: 'h1', origins: new Set(['data/a.ndjson', 'data/b.ndjson']), sectionIds: ['a__1', 'a__2'] }],
      ['b', { hash: null, origins: new Set(['data/a.ndjson']), sectionIds: ['b__1', 'b__2'] }],
    ]));
  });
});
