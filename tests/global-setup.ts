import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEngine } from '../src/engine/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
  }
}

/** One real Meilisearch for the whole run, on a free port with a throw-away data folder. */
export default async function setup(project: TestProject) {
  const home = mkdtempSync(join(tmpdir(), 'archive-test-engine-'));
  const engine = await startEngine({ home });
  project.provide('meiliUrl', engine.url);
  project.provide('meiliKey', engine.masterKey);
  return async () => {
    await engine.stop();
    rmSync(home, { recursive: true, force: true });
  };
}
