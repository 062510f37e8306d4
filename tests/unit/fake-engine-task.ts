import type { EngineTask } from '../../src/engine/client.ts';

/** An engine task the test moves along by hand: accepted or refused, then done or failed. */
export interface FakeTask extends EngineTask {
  readonly name: string;
  accept(): void;
  refuse(reason: string): void;
  succeed(): void;
  fail(reason: string): void;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

// Promise.withResolvers comes with Node 22.
function deferred(): Deferred {
  let resolve = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Handled where the test awaits it; a rejection nobody asks for is no error here.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** `events` gets `poll <name>` each time the task's outcome is asked for. */
export function fakeTask(name: string, events: string[] = []): FakeTask {
  const accepted = deferred();
  const done = deferred();
  // A refused delivery also fails the task, as it does with the engine client.
  accepted.promise.catch((error: unknown) => done.reject(error));
  return {
    name,
    accepted: () => accepted.promise,
    done: () => {
      events.push(`poll ${name}`);
      return done.promise;
    },
    accept: () => accepted.resolve(),
    refuse: (reason) => accepted.reject(new Error(reason)),
    succeed: () => {
      accepted.resolve();
      done.resolve();
    },
    fail: (reason) => {
      accepted.resolve();
      done.reject(new Error(reason));
    },
  };
}

/** Lets every promise callback that can run, run. */
export const settleCallbacks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** True once `promise` settled, false while it has not (after letting every callback that can run, run). */
export async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await settleCallbacks();
  return settled;
}
