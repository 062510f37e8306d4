// The smaller points of finding 10 of issue 13, against `npm start` as a process: an article of more
// than 1,000 sections is shown whole, a client trickling its headers is cut off within seconds, the
// results vary by every htmx header they depend on, and the security headers agree with each other.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/engine/embedded.ts';
import { command, type Command } from '../commands.ts';
import { testEngine } from '../helpers.ts';

const { url, key, index } = testEngine('http-limits');
const SECTIONS = 1050;
let folder: string;
let server: Command;
let port: number;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}${path}`, { headers });

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'http-limits-'));
  // One paragraph of 130 words is one section.
  const body = Array.from({ length: SECTIONS }, (_, i) => `${`فقرة رقم ${i + 1} عن المكتبات `.repeat(26).trim()}.`).join('\n\n');
  writeFileSync(join(folder, 'long.ndjson'), `${JSON.stringify({ id: 'long', title: 'مقال طويل جدا', date: '2025-05-01', body })}\n`);
  port = await freePort();
  server = command('start.ts', [], { MEILI_URL: url, MEILI_MASTER_KEY: key, MEILI_INDEX: index, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: folder });
  await server.waitFor('Archive search ready', 120_000);
}, 180_000);
afterAll(async () => {
  await server?.stop('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
});

describe('the site', () => {
  it('shows every section of an article of more than 1,000 sections', async () => {
    const html = await (await get('/articles/long')).text();
    expect(html).toContain('id="s-1000"');
    expect(html).toContain(`id="s-${SECTIONS}"`);
  });

  it('cuts off a client that trickles its headers within seconds, not a minute', async () => {
    const began = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: archive\r\n'));
      const trickle = setInterval(() => socket.write('X-Slow: yes\r\n'), 1000);
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(trickle);
        resolve(Date.now() - began);
      });
      setTimeout(() => socket.destroy(), 30_000);
    });
    expect(closedAfter).toBeLessThan(15_000);
  }, 40_000);

  it('says results vary by HX-Request, HX-Trigger and HX-History-Restore-Request', async () => {
    const response = await get(`/search?q=${encodeURIComponent('المكتبات')}`);
    expect(response.headers.get('Vary')).toMatch(/HX-Request, HX-Trigger, HX-History-Restore-Request/u);
  });

  it("sends no HSTS over plain HTTP (only behind a TLS proxy), and X-Frame-Options DENY as frame-ancestors 'none' says", async () => {
    const plain = await get('/');
    expect(plain.headers.get('Strict-Transport-Security')).toBeNull();
    expect(plain.headers.get('X-Frame-Options')).toBe('DENY');
    expect(plain.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    const proxied = await get('/', { 'X-Forwarded-Proto': 'https' });
    expect(proxied.headers.get('Strict-Transport-Security')).toBe('max-age=15552000; includeSubDomains');
  });
});
