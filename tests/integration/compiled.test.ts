// Production runs the compiled JavaScript (npm start, the Dockerfile): the build must run on plain
// node, without the tsx loader, and find what it reads at run time (index-config/, views/assets/,
// the fonts in node_modules, the index command it spawns) from its own folder.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/project-root.ts';
import { rawRequest, startArchiveServer } from '../harness.ts';
import { fixture, testEngine } from '../helpers.ts';

// Inside the project, as dist/ is: the project root is found above it.
const OUT = projectPath('test-output/compiled/');

beforeAll(() => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // Type errors are npm test's own first step; this build only has to emit.
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', OUT, '--tsBuildInfoFile', `${OUT}.tsbuildinfo`, '--noCheck'], { cwd: projectPath('.'), encoding: 'utf8' });
  expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
});
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the compiled server', () => {
  it('indexes data through the compiled index command, then serves searches, pages and every asset they name', async () => {
    const { url, key, index } = testEngine('compiled');
    const server = await startArchiveServer({ MEILI_URL: url, MEILI_MASTER_KEY: key, MEILI_INDEX: index, DATA_DIR: fixture('articles') }, `${OUT}src/cli/start.js`);
    try {
      expect(readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual([process.execPath, `${OUT}src/cli/start.js`]);
      expect(server.output()).toContain('Indexed 6 articles');
      const search = await rawRequest(server.origin, `/api/search?q=${encodeURIComponent('حفتر')}`);
      expect(search.status).toBe(200);
      expect((JSON.parse(search.body) as { total: number }).total).toBe(1);
      const page = await rawRequest(server.origin, '/');
      expect(page.status).toBe(200);
      const assets = [...new Set(page.body.match(/\/assets\/[\w.-]+/gu))];
      const css = await rawRequest(server.origin, assets.find((path) => path.endsWith('.css')) ?? '/no-stylesheet');
      assets.push(...(css.body.match(/\/assets\/naskh-[\w.-]+\.woff2/gu) ?? []));
      expect(assets.map((path) => path.replace(/\.[0-9a-f]{12}\./u, '.')).sort()).toEqual([
        '/assets/app.css',
        '/assets/app.js',
        '/assets/favicon.svg',
        '/assets/htmx.js',
        '/assets/naskh-arabic-400.woff2',
        '/assets/naskh-arabic-700.woff2',
        '/assets/naskh-latin-400.woff2',
        '/assets/naskh-latin-700.woff2',
      ]);
      for (const path of assets) expect((await rawRequest(server.origin, path)).status, path).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
