import { describe, expect, it } from 'vitest';
import type { SectionDocument } from '../../src/archive-index/index.ts';
import { createSectionWriter } from '../../src/indexer/section-writer.ts';
import { createTaskPipeline } from '../../src/indexer/task-pipeline.ts';
import { fakeTask, hasSettled, type FakeTask } from './fake-engine-task.ts';

const section = (id: string): SectionDocument => ({
  id,
  articleId: id.split('__')[0] ?? id,
  n: 1,
  anchor: 's-1',
  firstParagraph: 1,
  title: '',
  heading: null,
  text: '',
  date: null,
  day: 0,
  source: null,
  url: null,
  regions: [],
  actors: [],
  title_terms: '',
  heading_terms: '',
  text_terms: '',
  alt_terms: '',
  title_plain: '',
  heading_plain: '',
  text_plain: '',
  alt_plain: '',
  length: 0,
  hash: 'h',
  origin: 'a.ndjson',
});

/** A writer over a fake index whose tasks the test moves along; `events` logs what reaches the engine, in order. */
function setUp(batchSize: number, options: { acceptAtOnce?: boolean; beforeFirstChange?: () => Promise<void> } = {}) {
  const events: string[] = [];
  const tasks: FakeTask[] = [];
  const started = (name: string): FakeTask => {
    const task = fakeTask(name);
    if (options.acceptAtOnce !== false) task.succeed();
    tasks.push(task);
    events.push(name);
    return task;
  };
  const writer = createSectionWriter({
    sections: {
      addSections: (sections) => started(`add ${sections.map((s) => s.id).join(' ')}`),
      deleteSections: (ids) => started(`delete ${ids.join(' ')}`),
    },
    pipeline: createTaskPipeline(10),
    batchSize,
    beforeFirstChange: options.beforeFirstChange ?? (async () => void events.push('stale')),
  });
  return { writer, events, tasks };
}

describe('the section writer', () => {
  it('sends full batches as they fill, the deletions of their articles after them, and the rest at the end', async () => {
    const { writer, events } = setUp(3);
    await writer.write([section('a__1'), section('a__2')], ['a__3']);
    expect(events).toEqual([]);
    await writer.write([section('b__1'), section('b__2')], []);
    await writer.write([section('c__1')], []);
    writer.remove(['gone__1']);
    await writer.flush();
    expect(events).toEqual(['stale', 'add a__1 a__2 b__1 b__2', 'delete a__3', 'add c__1', 'delete gone__1']);
    expect(writer.sectionsSent).toBe(5);
    expect(writer.changedSections).toBe(true);
  });

  it('does what must come first once, before the first change, also when that change only deletes', async () => {
    const { writer, events } = setUp(10);
    writer.remove(['gone__1']);
    await writer.flush();
    await writer.write([section('a__1')], []);
    await writer.flush();
    expect(events).toEqual(['stale', 'delete gone__1', 'add a__1']);
  });

  it('changes nothing, and does nothing first, when there is nothing to write', async () => {
    const { writer, events } = setUp(10);
    await writer.flush();
    expect(events).toEqual([]);
    expect(writer.changedSections).toBe(false);
    expect(writer.sectionsSent).toBe(0);
  });

  it('sends no section when what must come first fails', async () => {
    const { writer, events } = setUp(1, { beforeFirstChange: () => Promise.reject(new Error('the engine refused the stale mark')) });
    await expect(writer.write([section('a__1')], [])).rejects.toThrow('the engine refused the stale mark');
    expect(events).toEqual([]);
  });

  it('builds no next batch before the engine holds the payload of the last one', async () => {
    const { writer, tasks } = setUp(1, { acceptAtOnce: false });
    const writing = writer.write([section('a__1')], []);
    expect(await hasSettled(writing)).toBe(false);
    tasks[0]?.accept();
    expect(await hasSettled(writing)).toBe(true);
  });
});
