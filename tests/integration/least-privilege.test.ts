import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../../src/engine/embedded.ts';
import { READ_ACTIONS } from '../../src/engine/read-key.ts';
import { startFaultProxy, type FaultProxy } from '../fault-proxy.ts';
import { rawRequest, runCli, startArchiveServer, type RawAnswer, type ServerProcess } from '../harness.ts';
import { fixture, testEngine } from '../helpers.ts';

const { url: engineUrl, key: masterKey, index } = testEngine('privilege');
const HAFTAR = encodeURIComponent('حفتر');

/** A call to the engine itself, with the given key. */
const engine = (path: string, key: string, method = 'GET', body?: unknown) =>
  fetch(`${engineUrl}${path}`, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('npm start against an external engine', () => {
  let proxy: FaultProxy;
  let server: ServerProcess;
  let siteKey: string;
  const answers: RawAnswer[] = [];

  beforeAll(async () => {
    // The proxy records the key of every request the server makes to the engine.
    proxy = await startFaultProxy(engineUrl);
    server = await startArchiveServer({ MEILI_URL: proxy.url, MEILI_MASTER_KEY: masterKey, MEILI_INDEX: index, DATA_DIR: fixture('articles') });
    const afterStart = proxy.seen.length;
    const ask = async (path: string, options?: Parameters<typeof rawRequest>[2]) => {
      const answer = await rawRequest(server.origin, path, options);
      answers.push(answer);
      return answer;
    };
    expect((await ask(`/api/search?q=${HAFTAR}`)).status).toBe(200);
    for (const path of ['/', `/search?q=${HAFTAR}`, '/articles/seed', '/entities/khalifa-haftar', '/healthz']) expect((await ask(path)).status).toBe(200);
    expect((await ask(`/search?q=${HAFTAR}`, { headers: { 'HX-Request': 'true' } })).status).toBe(200);
    // Error answers: bad parameters, unknown pages, a body too large, headers too large, the engine away.
    for (const path of ['/api/search?page=abc', '/search?limit=0']) expect((await ask(path)).status).toBe(400);
    for (const path of ['/articles/no-such-article', '/entities/no-such-entity', '/no-such-page']) expect((await ask(path)).status).toBe(404);
    expect((await ask('/api/search', { method: 'POST', body: 'x'.repeat(64 * 1024), headers: { 'Content-Type': 'text/plain' } })).status).toBe(413);
    expect((await ask('/', { headers: { 'X-Big': 'x'.repeat(32 * 1024) } })).status).toBe(431);
    for (const fault of [{ kind: 'drop' }, { kind: 'refuse', status: 503 }, { kind: 'garbage' }] as const) {
      proxy.fault = fault;
      for (const path of ['/', `/search?q=${HAFTAR}`, `/api/search?q=${HAFTAR}`, '/articles/seed', '/healthz']) expect((await ask(path)).status).toBe(503);
    }
    proxy.fault = { kind: 'pass' };
    const keys = new Set(proxy.seen.slice(afterStart).map((request) => request.authorization));
    expect(keys.size).toBe(1);
    siteKey = [...keys][0]?.replace(/^Bearer /u, '') ?? '';
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  it('searches with a key of its own that is not the master key, made for search and reading only', async () => {
    expect(siteKey).not.toBe('');
    expect(siteKey).not.toBe(masterKey);
    const described = (await (await engine(`/keys/${siteKey}`, masterKey)).json()) as { name: string; actions: string[]; indexes: string[]; expiresAt: string | null };
    expect(described.name).toBe(`archive-read-${index}`);
    expect([...described.actions].sort()).toEqual([...READ_ACTIONS].sort());
    expect([...described.indexes].sort()).toEqual([index, `${index}-stats`].sort());
  });

  it('cannot write, administer or read other indexes with that key: the engine answers 403', async () => {
    expect((await engine(`/indexes/${index}/search`, siteKey, 'POST', { q: 'حفتر' })).status).toBe(200);
    const refused = [
      ['add documents', `/indexes/${index}/documents`, 'POST', [{ id: 'intruder', title: 'x' }]],
      ['delete documents', `/indexes/${index}/documents/delete-batch`, 'POST', ['seed__1']],
      ['change settings', `/indexes/${index}/settings`, 'PATCH', { searchableAttributes: ['id'] }],
      ['delete the index', `/indexes/${index}`, 'DELETE', undefined],
      ['create an index', '/indexes', 'POST', { uid: `${index}-intruder` }],
      ['list the keys', '/keys', 'GET', undefined],
      ['create a key', '/keys', 'POST', { actions: ['*'], indexes: ['*'], expiresAt: null }],
      ['read the tasks', '/tasks', 'GET', undefined],
      ['make a dump', '/dumps', 'POST', undefined],
      ['search another index', `/indexes/${index}-other/search`, 'POST', { q: '' }],
    ] as const;
    for (const [what, path, method, body] of refused) expect((await engine(path, siteKey, method, body)).status, what).toBe(403);
    // And nothing changed: the index is still there with its documents.
    const stats = (await (await engine(`/indexes/${index}/stats`, masterKey)).json()) as { numberOfDocuments: number };
    expect(stats.numberOfDocuments).toBeGreaterThan(0);
  });

  it('never shows the master key (nor its own key) in a page, an API answer, a header or an error page', () => {
    expect(answers.length).toBeGreaterThan(25);
    for (const answer of answers) {
      for (const secret of [masterKey, siteKey]) {
        expect(answer.headers).not.toContain(secret);
        expect(answer.body).not.toContain(secret);
      }
    }
  });

  it('never writes the master key to its stdout or stderr, also after errors, nor when stopping', async () => {
    await server.stop();
    const output = server.output();
    expect(output).toContain('Archive search ready');
    expect(output).not.toContain(masterKey);
    expect(output).not.toContain(siteKey);
  });
});

describe('start-up with a bad engine configuration', () => {
  it.each([
    ['MEILI_MASTER_KEY missing', { MEILI_URL: 'http://127.0.0.1:9' }, /MEILI_MASTER_KEY/u],
    ['MEILI_MASTER_KEY blank', { MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: '   ' }, /MEILI_MASTER_KEY/u],
    ['MEILI_MASTER_KEY too short', { MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: 'fifteen-bytes!!' }, /MEILI_MASTER_KEY is too short/u],
    ['MEILI_URL not a URL', { MEILI_URL: 'engine:7700', MEILI_MASTER_KEY: 'a-long-enough-master-key' }, /MEILI_URL/u],
  ])('%s: one clear line naming the variable, exit code 2, and the key is not echoed', async (_name, env, message) => {
    const run = runCli('start.ts', env);
    expect(await run.exited).toBe(2);
    const output = run.output();
    expect(output).toMatch(message);
    expect(output).toMatch(/^error: /mu);
    expect(output).not.toMatch(/\n\s+at /u);
    const key = 'MEILI_MASTER_KEY' in env ? env.MEILI_MASTER_KEY.trim() : '';
    if (key !== '') expect(output).not.toContain(key);
  });
});

describe('the embedded engine', () => {
  let home: string;
  let started: Awaited<ReturnType<typeof startEngine>> | undefined;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'loopback-engine-'));
    started = await startEngine({ home });
  });
  afterAll(async () => {
    await started?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('listens on loopback only: started with --http-addr 127.0.0.1:PORT, bound to 127.0.0.1, refused on other addresses', async () => {
    if (!started) throw new Error('no engine');
    const port = Number(new URL(started.url).port);
    expect(started.url).toBe(`http://127.0.0.1:${port}`);
    const args = readFileSync(`/proc/${started.pid}/cmdline`, 'utf8').split('\0');
    expect(args[args.indexOf('--http-addr') + 1]).toBe(`127.0.0.1:${port}`);
    // The kernel's own view of the listening socket: local address 127.0.0.1 (0100007F), state LISTEN (0A).
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = [readFileSync('/proc/net/tcp', 'utf8'), readFileSync('/proc/net/tcp6', 'utf8')]
      .join('\n')
      .split('\n')
      .map((line) => line.trim().split(/\s+/u))
      .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A')
      .map((fields) => fields[1]);
    expect(listening).toEqual([`0100007F:${hexPort}`]);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === 'IPv4')
      .map((address) => address?.address ?? '');
    for (const address of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port, timeout: 1000 });
        const settle = (refused: boolean) => {
          socket.destroy();
          resolve(refused);
        };
        socket.once('connect', () => settle(false));
        socket.once('error', () => settle(true));
        socket.once('timeout', () => settle(true));
      });
      expect(refused, address).toBe(true);
    }
  });

  it('keeps its data folder and master key file readable by the owner only', () => {
    expect(statSync(home).mode & 0o077).toBe(0);
    expect(statSync(join(home, 'master-key')).mode & 0o777).toBe(0o600);
  });
});
