// Finding 7 of issue 13, on real processes: a taken port, a signal to `npm start`, state files that
// are stale, empty or name a pid that is not our engine, and a MEILI_HOME made beforehand for all to read.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isProcessAlive } from '../../src/engine/embedded.ts';
import { command, enginePids, eventually, indexCommand, npmStart, processesMentioning, stopEverything, type Command } from '../commands.ts';
import { fixture } from '../helpers.ts';

let root: string;
const started: Command[] = [];
const freshHome = () => mkdtempSync(join(root, 'home-'));
const siteEnv = async (home: string) => ({ MEILI_HOME: home, PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: fixture('articles') });

function start(env: Record<string, string>): Command {
  const server = command('start.ts', [], env);
  started.push(server);
  return server;
}

/** `npm start` on a fresh MEILI_HOME, once it serves. */
async function npmStarted() {
  const home = freshHome();
  const env = await siteEnv(home);
  const server = npmStart(env);
  started.push(server);
  await server.waitFor('Archive search ready', 90_000);
  return { home, env, server };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'clean-start-'));
});
afterEach(() => stopEverything(started, root));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm start', () => {
  it('says in one line that PORT is taken, exits 2, and leaves nothing running', async () => {
    const home = freshHome();
    const taken = createServer();
    const env = await siteEnv(home);
    await new Promise<void>((resolve) => taken.listen(Number(env.PORT), '127.0.0.1', resolve));
    try {
      const server = start(env);
      expect(await server.exited).toBe(2);
      expect(server.output().trim()).toBe(`error: port ${env.PORT} on 127.0.0.1 is in use: stop what listens there, or set PORT to another port.`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(processesMentioning(home)).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('stops the server and the engine when npm itself gets SIGTERM', async () => {
    const { home, env, server } = await npmStarted();
    expect(enginePids(home)).toHaveLength(1);
    process.kill(server.child.pid ?? 0, 'SIGTERM');
    await server.exited;
    await eventually(
      'the engine and the server stop',
      async () => {
        const listening = await fetch(`http://127.0.0.1:${env.PORT}/healthz`).then(
          () => true,
          () => false,
        );
        return processesMentioning(home).length === 0 && !listening;
      },
      20_000,
    );
    expect(server.output()).toMatch(/SIGTERM: finishing requests and stopping/u);
  });

  it('drains on Ctrl-C under load: the searches sent before are answered, none is cut off or told the engine is away', async () => {
    const { home, env, server } = await npmStarted();
    // Connections the server has accepted already, kept alive, as a browser's are.
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const search = () =>
      new Promise<string>((resolve) => {
        const request = get(`http://127.0.0.1:${env.PORT}/api/search?q=${encodeURIComponent('حفتر')}`, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(String(response.statusCode)));
        });
        request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'failed'));
      });
    expect(await Promise.all(Array.from({ length: 16 }, search))).toEqual(Array(16).fill('200'));
    const inFlight = Array.from({ length: 16 }, search);
    process.kill(-(server.child.pid ?? 0), 'SIGINT');
    // Every search sent before the Ctrl-C is answered, none cut off or told the engine is away.
    expect(await Promise.all(inFlight)).toEqual(Array(16).fill('200'));
    agent.destroy();
    await eventually('the engine stops after the server', () => enginePids(home).length === 0, 20_000);
  });

  it('trusts engine.json only for a pid that is its engine: a reused pid is left alone, an empty file is no error', async () => {
    const home = freshHome();
    const stranger = spawn('sleep', ['120'], { stdio: 'ignore' });
    try {
      writeFileSync(join(home, 'engine.json'), JSON.stringify({ pid: stranger.pid, url: 'http://127.0.0.1:1' }));
      const first = start(await siteEnv(home));
      await first.waitFor('Archive search ready', 90_000);
      expect(isProcessAlive(stranger.pid ?? 0)).toBe(true);
      await first.stop('SIGTERM');
      await eventually('the engine stops', () => enginePids(home).length === 0, 15_000);

      writeFileSync(join(home, 'engine.json'), '');
      const second = start(await siteEnv(home));
      await second.waitFor('Archive search ready', 90_000);
      expect(second.output()).not.toMatch(/SyntaxError|at .+\.ts:\d+/u);
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  it('gives the reason, not a stack trace, for an empty master-key, and starts nothing', async () => {
    const home = freshHome();
    writeFileSync(join(home, 'master-key'), '', { mode: 0o600 });
    const server = start(await siteEnv(home));
    expect(await server.exited).toBe(2);
    expect(server.output().trim()).toBe(`error: ${join(home, 'master-key')} is empty: restore the key, or delete the file to have a new one made (the site's read key is then made again).`);
    expect(processesMentioning(home)).toEqual([]);
  });
});

describe('MEILI_HOME', () => {
  it('is made owner-only whatever its mode was', async () => {
    const home = join(root, 'made-before');
    mkdirSync(home, { mode: 0o755 });
    chmodSync(home, 0o755);
    expect(await indexCommand([fixture('articles/seed.txt')], { MEILI_HOME: home })).toMatchObject({ code: 0 });
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });
});
