import { describe, expect, it } from 'vitest';
import { createTaskPipeline } from '../../src/indexer/task-pipeline.ts';
import { fakeTask, hasSettled, settleCallbacks } from './fake-engine-task.ts';

describe('the task pipeline', () => {
  it('waits for each task only once the one before it is done, so one task is polled at a time', async () => {
    const events: string[] = [];
    const pipeline = createTaskPipeline(10);
    const [a, b, c] = [fakeTask('a', events), fakeTask('b', events), fakeTask('c', events)];
    for (const task of [a, b, c]) pipeline.follow(task, task.name);
    // Done early, but not asked about before its turn.
    c.succeed();
    await settleCallbacks();
    expect(events).toEqual(['poll a']);
    a.succeed();
    await settleCallbacks();
    expect(events).toEqual(['poll a', 'poll b']);
    const drained = pipeline.drain();
    expect(await hasSettled(drained)).toBe(false);
    b.succeed();
    await drained;
    expect(events).toEqual(['poll a', 'poll b', 'poll c']);
    expect(pipeline.failures).toEqual([]);
  });

  it("records each failed task with what it was and the engine's reason, in order, and goes on with the others", async () => {
    const events: string[] = [];
    const pipeline = createTaskPipeline(10);
    const [added, deleted, later] = [fakeTask('added', events), fakeTask('deleted', events), fakeTask('later', events)];
    pipeline.follow(added, '2 sections');
    pipeline.follow(deleted, 'deleting 3 sections');
    pipeline.follow(later, '1 sections');
    deleted.fail('Meilisearch task 8 (documentDeletion) failed: no reason given');
    added.fail('Meilisearch task 7 (documentAdditionOrUpdate) failed: Document identifier `"x__1.5"` is invalid');
    later.succeed();
    await pipeline.drain();
    expect(events).toEqual(['poll added', 'poll deleted', 'poll later']);
    expect(pipeline.failures).toEqual([
      '2 sections: Meilisearch task 7 (documentAdditionOrUpdate) failed: Document identifier `"x__1.5"` is invalid',
      'deleting 3 sections: Meilisearch task 8 (documentDeletion) failed: no reason given',
    ]);
  });

  it('hands a payload over and returns once the engine holds it, before the task is done', async () => {
    const pipeline = createTaskPipeline(10);
    const task = fakeTask('payload');
    const handed = pipeline.hand(task, '2000 sections');
    expect(await hasSettled(handed)).toBe(false);
    task.accept();
    expect(await hasSettled(handed)).toBe(true);
    expect(await hasSettled(pipeline.drain())).toBe(false);
    task.succeed();
    await pipeline.drain();
    expect(pipeline.failures).toEqual([]);
  });

  it('returns from a payload the engine refused without throwing, records the failure at once, and waits for nothing more', async () => {
    const pipeline = createTaskPipeline(2);
    const stuck = fakeTask('stuck');
    pipeline.follow(stuck, 'a batch the engine keeps processing');
    const task = fakeTask('payload');
    const handed = pipeline.hand(task, '2000 sections');
    task.refuse('No space left on device (os error 28)');
    await handed;
    expect(pipeline.failures).toEqual(['2000 sections: No space left on device (os error 28)']);
    expect(pipeline.broken).toBe(true);
    expect(await hasSettled(pipeline.makeRoom())).toBe(true);
    expect(await hasSettled(pipeline.drain())).toBe(true);
    stuck.succeed();
    await settleCallbacks();
    expect(pipeline.failures).toEqual(['2000 sections: No space left on device (os error 28)']);
  });

  it('holds the caller back while the bound of tasks is undone, until the oldest are done', async () => {
    const pipeline = createTaskPipeline(2);
    const [a, b, c] = [fakeTask('a'), fakeTask('b'), fakeTask('c')];
    pipeline.follow(a, 'a');
    pipeline.follow(b, 'b');
    pipeline.follow(c, 'c');
    const room = pipeline.makeRoom();
    a.succeed();
    // Three in line with room for two: one done still leaves two.
    expect(await hasSettled(room)).toBe(false);
    b.succeed();
    expect(await hasSettled(room)).toBe(true);
    c.succeed();
    await pipeline.drain();
  });

  it('lets the caller on at once while fewer tasks than the bound are undone', async () => {
    const pipeline = createTaskPipeline(2);
    const [a, b] = [fakeTask('a'), fakeTask('b')];
    pipeline.follow(a, 'a');
    expect(await hasSettled(pipeline.makeRoom())).toBe(true);
    pipeline.follow(b, 'b');
    const room = pipeline.makeRoom();
    expect(await hasSettled(room)).toBe(false);
    a.succeed();
    expect(await hasSettled(room)).toBe(true);
  });
});
