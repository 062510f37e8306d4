import type { MiddlewareHandler } from 'hono';
import { MAX_QUERY_LENGTH } from '../archive-index/index.ts';
import { isQuestionSearch } from '../search/plan.ts';
import { parseQuery } from '../search/query-syntax.ts';

/**
 * Questions and OR queries fan out into several engine searches and re-rank their union: at most
 * this many run at once, so that keyword searches, article pages and /healthz stay fast while many
 * are asked (docs/decisions.md#expensive-search-admission).
 */
export const MAX_EXPENSIVE_SEARCHES = 4;
/** Expensive searches waiting for a turn; one more is answered 503 with Retry-After. */
export const MAX_EXPENSIVE_WAITING = 16;
/**
 * Other searches at once; the rest wait their turn (never refused: each is cheap, and a request's
 * own timeout bounds the wait). The engine serves a few at a time anyway, and each search in flight
 * holds its candidates in memory: past this bound more clients only grew the server's heap
 * (docs/decisions.md#search-slots).
 */
export const MAX_SEARCHES_AT_ONCE = 8;

/** Too many expensive searches (or exports) at once: answered 503 with Retry-After, like an engine that is away. */
export class SearchesBusyError extends Error {
  override name = 'SearchesBusyError';
}

/** A search that fans out: a question, or a query with OR. Read as the search reads it, without the archive's statistics. */
export function isExpensiveSearch(q: string): boolean {
  const parsed = parseQuery(q.slice(0, MAX_QUERY_LENGTH), () => 0);
  return isQuestionSearch(parsed) || parsed.either.length > 0;
}

/** A semaphore: `running` holders at once, `waiting` in line, the rest refused with `busy`. */
export interface Slots {
  /** Resolves with the function that gives the slot back (once, however often it is called). */
  take(): Promise<() => void>;
}

export function slots(running: number, waiting: number, busy: string): Slots {
  let inFlight = 0;
  const line: (() => void)[] = [];
  const release = () => {
    const next = line.shift();
    if (next) next();
    else inFlight--;
  };
  return {
    async take() {
      if (inFlight < running) inFlight++;
      else if (line.length < waiting) await new Promise<void>((resolve) => line.push(resolve));
      else throw new SearchesBusyError(busy);
      let held = true;
      return () => {
        if (held) release();
        held = false;
      };
    },
  };
}

/** The searches of one app, each kind in its own slots: expensive ones a few at a time (the rest refused), the others a few more (the rest wait). */
export function searchAdmission(running = MAX_EXPENSIVE_SEARCHES, waiting = MAX_EXPENSIVE_WAITING): MiddlewareHandler {
  const expensive = slots(running, waiting, 'too many searches at once');
  const others = slots(MAX_SEARCHES_AT_ONCE, Number.POSITIVE_INFINITY, 'too many searches at once');
  return async (c, next) => {
    const release = await (isExpensiveSearch(c.req.query('q') ?? '') ? expensive : others).take();
    try {
      await next();
    } finally {
      release();
    }
  };
}
