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
    const planner = createChangePlanner(new Map(), VERSION, scope(['data']));
    expect(planner.plan(article('a', ['نص']), 'a.ndjson:1')).toEqual({ kind: 'send', staleSectionIds: [] });
    expect(planner.departures()).toEqual({ articles: 0, sectionIds: [], kept: [] });
  });

  it('skips an article whose sections all carry its fingerprint', () => {
    const a = article('a', ['أول', 'ثان']);
    const planner = createChangePlanner(new Map([['a', held(a)]]), VERSION, scope());
    expect(planner.plan(a, 'a.ndjson:1')).toEqual({ kind: 'unchanged' });
  });

  it('sends a changed article, deleting the sections its new version no longer has', () => {
    const before = article('a', ['أول', 'ثان', 'ثالث']);
    const planner = createChangePlanner(new Map([['a', held(before)]]), VERSION, scope());
    expect(planner.plan(article('a', ['أول فقط']), 'a.ndjson:1')).toEqual({ kind: 'send', staleSectionIds: ['a__2', 'a__3'] });
  });

  it('sends an article again when the analysis changed, when a section went missing from the index, or when its sections carry different fingerprints', () => {
    const a = article('a', ['أول', 'ثان']);
    const missing = { ...held(a), sectionIds: ['a__1'] };
    const cutOff = { ...held(a), hash: null };
    expect(createChangePlanner(new Map([['a', held(a, 'v0')]]), VERSION, scope()).plan(a, 'x:1')).toEqual({ kind: 'send', staleSectionIds: [] });
    expect(createChangePlanner(new Map([['a', missing]]), VERSION, scope()).plan(a, 'x:1')).toEqual({ kind: 'send', staleSectionIds: [] });
    expect(createChangePlanner(new Map([['a', cutOff]]), VERSION, scope()).plan(a, 'x:1')).toEqual({ kind: 'send', staleSectionIds: [] });
  });

  it('counts an article moved to another file as changed, since its origin is part of the fingerprint', () => {
    const a = article('a', ['نص']);
    const planner = createChangePlanner(new Map([['a', held(a)]]), VERSION, scope());
    expect(planner.plan({ ...a, origin: { file: 'data/b.ndjson', line: 1 } }, 'b.ndjson:1').kind).toBe('send');
  });

  it('skips a second article with an id already read, naming where the first was read', () => {
    const planner = createChangePlanner(new Map(), VERSION, scope());
    planner.plan(article('a', ['أول']), 'one.ndjson:3');
    expect(planner.plan(article('a', ['آخر'], 'data/two.ndjson'), 'two.ndjson:7')).toEqual({ kind: 'duplicate', firstReadAt: 'one.ndjson:3' });
  });

  it('finds an article whose id the engine would refuse under the safe form the index holds it by', () => {
    const a = article('مقال ١', ['أول', 'ثان']);
    const planner = createChangePlanner(new Map([[safeArticleId(a.id), held(a)]]), VERSION, scope());
    expect(planner.plan(a, 'a.ndjson:1')).toEqual({ kind: 'unchanged' });
    expect(planner.plan(a, 'a.ndjson:2').kind).toBe('duplicate');
  });
});

describe('articles that left their file', () => {
  const gone = article('gone', ['نص'], 'data/a.ndjson');
  const elsewhere = article('elsewhere', ['نص'], 'other/c.ndjson');
  const deletedFile = article('deleted-file', ['نص', 'ثان'], 'data/b.ndjson');
  const indexed = new Map([
    ['gone', held(gone)],
    ['elsewhere', held(elsewhere)],
    ['deleted-file', held(deletedFile)],
  ]);

  it('deletes an article missing from the file it was indexed from, and the articles of a file gone from a folder read', () => {
    const planner = createChangePlanner(indexed, VERSION, scope(['data'], ['data/a.ndjson']));
    planner.plan(article('stays', ['نص'], 'data/a.ndjson'), 'data/a.ndjson:1');
    expect(planner.departures()).toEqual({ articles: 2, sectionIds: ['gone__1', 'deleted-file__1', 'deleted-file__2'], kept: [] });
  });

  it('keeps articles read again, articles of files outside the inputs, and articles of files that exist but were not read', () => {
    const planner = createChangePlanner(indexed, VERSION, scope(['data'], ['data/a.ndjson', 'data/b.ndjson']));
    planner.plan(gone, 'data/a.ndjson:1');
    expect(planner.departures()).toEqual({ articles: 0, sectionIds: [], kept: [] });
  });

  it('keeps an indexed article whose id a duplicate took, though its own copy went', () => {
    const planner = createChangePlanner(new Map([['gone', held(gone)]]), VERSION, scope(['data'], ['data/z.ndjson']));
    planner.plan(article('gone', ['نص آخر'], 'data/z.ndjson'), 'data/z.ndjson:1');
    expect(planner.departures()).toEqual({ articles: 0, sectionIds: [], kept: [] });
  });

  it('treats the working folder as a root that holds every relative file', () => {
    const planner = createChangePlanner(new Map([['elsewhere', held(elsewhere)]]), VERSION, scope(['']));
    expect(planner.departures()).toEqual({ articles: 1, sectionIds: ['elsewhere__1'], kept: [] });
  });

  it('does not take a file for one under a root because its name starts alike', () => {
    const planner = createChangePlanner(new Map([['gone', held(gone)]]), VERSION, scope(['dat']));
    expect(planner.departures()).toEqual({ articles: 0, sectionIds: [], kept: [] });
  });
});

describe('files not read whole', () => {
  const first = article('first', ['نص'], 'data/a.ndjson');
  const second = article('second', ['نص'], 'data/a.ndjson');
  const nested = article('nested', ['نص'], 'data/sub/c.ndjson');

  it('deletes nothing indexed from a file with a read problem, and says which articles were kept and why', () => {
    const planner = createChangePlanner(
      new Map([
        ['first', held(first)],
        ['second', held(second)],
      ]),
      VERSION,
      scope(['data'], ['data/a.ndjson']),
    );
    planner.plan(first, 'data/a.ndjson:1');
    planner.readFailed('data/a.ndjson', 'line 2: invalid UTF-8 bytes in this line');
    planner.readFailed('data/a.ndjson', 'line 9: a later problem');
    expect(planner.departures()).toEqual({ articles: 0, sectionIds: [], kept: [{ file: 'data/a.ndjson', reason: 'line 2: invalid UTF-8 bytes in this line', articleIds: ['second'] }] });
  });

  it('keeps the articles of every file under a folder that could not be read, though the files look gone', () => {
    const planner = createChangePlanner(new Map([['nested', held(nested)]]), VERSION, scope(['data']));
    planner.readFailed('data/sub', 'cannot read: EACCES');
    expect(planner.departures()).toEqual({ articles: 0, sectionIds: [], kept: [{ file: 'data/sub', reason: 'cannot read: EACCES', articleIds: ['nested'] }] });
  });

  it('tells a rebuild what its swap drops of the live index: every article not read, but those of a file not read whole', () => {
    const live = new Map([
      ['first', held(first)],
      ['second', held(second)],
      ['nested', held(nested)],
    ]);
    const planner = createChangePlanner(new Map(), VERSION, scope(['data/sub']));
    planner.plan(nested, 'data/sub/c.ndjson:1');
    expect(planner.dropped(live)).toEqual({ articles: 2, sectionIds: ['first__1', 'second__1'], kept: [] });
    planner.readFailed('data/a.ndjson', 'cannot read further: unexpected end of file');
    expect(planner.dropped(live)).toEqual({ articles: 0, sectionIds: [], kept: [{ file: 'data/a.ndjson', reason: 'cannot read further: unexpected end of file', articleIds: ['first', 'second'] }] });
  });
});

describe('an id met in two files', () => {
  const a2019 = article('001', ['تقرير ٢٠١٩'], '2019/001.txt');
  const a2020 = article('001', ['تقرير ٢٠٢٠'], '2020/001.txt');

  it('is a collision when the index holds it from a file that is still there and is not read in this run', () => {
    const planner = createChangePlanner(new Map([['001', held(a2019)]]), VERSION, scope(['2020'], ['2019/001.txt', '2020/001.txt']));
    expect(planner.plan(a2020, '2020/001.txt:1')).toEqual({ kind: 'collision', indexedFrom: '2019/001.txt' });
    // The first one stays: its file was not read.
    expect(planner.departures()).toEqual({ articles: 0, sectionIds: [], kept: [] });
  });

  it('is a move when the first file is gone, was read without it, or is read later in the same run (then that copy is the duplicate)', () => {
    const gone = createChangePlanner(new Map([['001', held(a2019)]]), VERSION, scope(['2020'], ['2020/001.txt']));
    expect(gone.plan(a2020, '2020/001.txt:1').kind).toBe('send');
    const readBefore = createChangePlanner(new Map([['001', held(a2019)]]), VERSION, scope(['2019', '2020'], ['2019/001.txt', '2020/001.txt']));
    readBefore.plan(article('other', ['نص'], '2019/001.txt'), '2019/001.txt:1');
    expect(readBefore.plan(a2020, '2020/001.txt:1').kind).toBe('send');
    const readLater = createChangePlanner(new Map([['001', held(a2019)]]), VERSION, scope([''], ['2019/001.txt', '2020/001.txt']));
    expect(readLater.plan(a2020, '2020/001.txt:1').kind).toBe('send');
    expect(readLater.plan(a2019, '2019/001.txt:1')).toEqual({ kind: 'duplicate', firstReadAt: '2020/001.txt:1' });
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
    expect(articles).toEqual(
      new Map([
        ['a', { hash: 'h1', origins: new Set(['data/a.ndjson', 'data/b.ndjson']), sectionIds: ['a__1', 'a__2'] }],
        ['b', { hash: null, origins: new Set(['data/a.ndjson']), sectionIds: ['b__1', 'b__2'] }],
      ]),
    );
  });
});
