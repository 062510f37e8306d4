import type { EngineTask } from '../engine/client.ts';
import { describeEngineError } from '../engine/errors.ts';

/**
 * Engine tasks enqueued and not yet done before the reader waits: back-pressure on the engine's
 * queue (the payloads wait on its disk, not in our memory). A deep queue lets the engine take many
 * tasks into one batch, and each batch costs more as the index grows: a shallow queue cost the
 * engine more CPU on the corpus and fell well behind the plain push at five times the corpus
 * (docs/decisions.md#tasks-in-flight).
 */
export const MAX_TASKS_IN_FLIGHT = 64;

/** The engine tasks of one run, awaited in the order they were enqueued, their failures kept. */
export interface TaskPipeline {
  /** Puts a task in line; its failure is recorded as `what: reason` when its turn comes, not thrown. */
  follow(task: EngineTask, what: string): void;
  /**
   * Puts a task in line and returns once the engine holds its payload, so the caller lets the
   * payload go before it builds the next. A delivery the engine refused (after the client's retries)
   * is recorded at once and breaks the pipeline.
   */
  hand(task: EngineTask, what: string): Promise<void>;
  /** Returns once fewer tasks than the bound are left undone, or the pipeline is broken. */
  makeRoom(): Promise<void>;
  /** Returns once every task is done or failed, or the pipeline is broken. */
  drain(): Promise<void>;
  /** `what: reason` for each task that failed, in their order (a refused delivery first). */
  readonly failures: readonly string[];
  /**
   * True once the engine refused a payload: it cannot take more (a full disk answers so, while the
   * tasks before it stay "processing" for ever), so nothing more is sent and nothing is waited for.
   */
  readonly broken: boolean;
  /** Tasks put in line, and those done or failed so far. */
  readonly followed: number;
  readonly settled: number;
}

/** The engine's own words: a refused delivery wraps them in the client's "Request to … has failed". */
const reasonOf = (error: unknown): string => (error instanceof Error ? describeEngineError(error) : String(error));

export function createTaskPipeline(maxInFlight = MAX_TASKS_IN_FLIGHT): TaskPipeline {
  const failures: string[] = [];
  // Each entry settles once its task and every task before it are done; none rejects.
  const inFlight: Promise<void>[] = [];
  const refused = new Set<EngineTask>();
  let broken = false;
  let followed = 0;
  let settled = 0;
  let breakOff = () => {};
  const brokenOff = new Promise<void>((resolve) => (breakOff = resolve));
  const follow = (task: EngineTask, what: string): void => {
    // The engine does an index's tasks in order: each is waited for once the one before is done, so
    // one task is polled at a time, not every task in flight.
    const previous = inFlight.at(-1) ?? Promise.resolve();
    followed++;
    inFlight.push(
      previous
        .then(() => task.done())
        .then(
          () => {
            settled++;
          },
          (error: unknown) => {
            settled++;
            if (!refused.has(task)) failures.push(`${what}: ${reasonOf(error)}`);
          },
        ),
    );
  };
  return {
    follow,
    async hand(task, what) {
      follow(task, what);
      // Its payload (megabytes of JSON) is let go once the engine has it: a busy engine accepts
      // slowly, and not waiting here let payloads pile up (docs/decisions.md#payload-handover).
      await task.accepted().catch((error: unknown) => {
        refused.add(task);
        failures.push(`${what}: ${reasonOf(error)}`);
        broken = true;
        breakOff();
      });
    },
    async makeRoom() {
      while (!broken && inFlight.length >= maxInFlight) await Promise.race([inFlight.shift(), brokenOff]);
    },
    async drain() {
      await Promise.race([Promise.all(inFlight), brokenOff]);
    },
    failures,
    get broken() {
      return broken;
    },
    get followed() {
      return followed;
    },
    get settled() {
      return settled;
    },
  };
}
