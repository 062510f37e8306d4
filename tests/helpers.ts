import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createEngineClient } from '../src/engine/client.ts';

/** The test engine, and an index name no other test file uses. */
export function testEngine(prefix: string) {
  const url = inject('meiliUrl');
  const key = inject('meiliKey');
  return { url, key, client: createEngineClient(url, key, 30_000), index: `${prefix}-${randomBytes(4).toString('hex')}` };
}

export const fixture = (path: string): string => new URL(`./fixtures/${path}`, import.meta.url).pathname;
