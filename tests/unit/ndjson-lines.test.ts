import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { NdjsonReadError, readNdjsonLines, type NdjsonLine } from '../../src/articles/ndjson-lines.ts';
import { readArticles } from '../../src/articles/read.ts';

const folder = mkdtempSync(join(tmpdir(), 'ndjson-lines-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const TEXT = '\uFEFF{"id":"a"}\r\n\n   \n{"id":"b"}\n{"id":"c"}';
const EXPECTED: NdjsonLine[] = [
  { text: '{"id":"a"}', number: 1 },
  { text: '{"id":"b"}', number: 4 },
  { text: '{"id":"c"}', number: 5 },
];

function write(name: string, bytes: string | Buffer): string {
  const file = join(folder, name);
  writeFileSync(file, bytes);
  return file;
}

/** How many of this process's file descriptors point at `file` (Linux). */
const openHandlesOf = (file: string): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;

async function lines(file: string, onBytes?: (bytes: number) => void): Promise<NdjsonLine[]> {
  const read: NdjsonLine[] = [];
  for await (const line of readNdjsonLines(file, onBytes)) read.push(line);
  return read;
}

describe('readNdjsonLines', () => {
  it('gives the non-blank lines with their numbers, blank lines counted, the BOM and CR dropped', async () => {
    expect(await lines(write('plain.ndjson', TEXT))).toEqual(EXPECTED);
  });

  it('reads a .gz file the same, and reports the compressed bytes it read', async () => {
    const compressed = gzipSync(TEXT);
    let bytes = 0;
    expect(await lines(write('packed.ndjson.GZ', compressed), (n) => (bytes += n))).toEqual(EXPECTED);
    expect(bytes).toBe(compressed.length);
  });

  it('closes the file when the caller stops early', async () => {
    // Far larger than one read: the stream is still open when the caller stops.
    const file = write('early.ndjson', `${'{"id":"x"}\n'.repeat(500_000)}`);
    for await (const line of readNdjsonLines(file)) {
      expect(line.number).toBe(1);
      expect(openHandlesOf(file)).toBe(1);
      break;
    }
    // The descriptor is closed on the thread pool, a moment after the stream is destroyed.
    for (let waited = 0; openHandlesOf(file) > 0 && waited < 1000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(openHandlesOf(file)).toBe(0);
  });

  it('throws a read error carrying the last line read when a .gz file is cut short', async () => {
    const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => `{"id":"${i}","pad":"${'x'.repeat(i % 97)}${i * 7919}"}`).join('\n'));
    const file = write('cut.ndjson.gz', whole.subarray(0, Math.floor(whole.length * 0.8)));
    const read: number[] = [];
    const error = await (async () => {
      for await (const line of readNdjsonLines(file)) read.push(line.number);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NdjsonReadError);
    expect((error as NdjsonReadError).message).toBe('unexpected end of file');
    expect(read.length).toBeGreaterThan(0);
    expect((error as NdjsonReadError).line).toBeGreaterThanOrEqual(read.at(-1) ?? 0);
  });

  it('throws a read error without a line when the file is missing', async () => {
    const error = await lines(join(folder, 'missing.ndjson')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NdjsonReadError);
    expect(error).toMatchObject({ line: null, message: expect.stringContaining('ENOENT') });
  });
});

describe('the article reader on a broken .gz file', () => {
  it('keeps the articles read before the break and reports where reading stopped', async () => {
    const articles = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `n${i}`, title: `عنوان ${i}`, body: `نص المقال رقم ${i} ${'كلمة '.repeat(i % 50)}` }));
    const whole = gzipSync(articles.join('\n'));
    const file = write('articles.ndjson.gz', whole.subarray(0, Math.floor(whole.length * 0.7)));
    const results = [];
    for await (const result of readArticles([file])) results.push(result);
    const problem = results.at(-1);
    expect(problem).toMatchObject({ problem: { file, line: expect.any(Number), message: 'cannot read further: unexpected end of file' } });
    expect(results.slice(0, -1).every((result) => 'article' in result)).toBe(true);
    expect(results.length).toBeGreaterThan(1);
  });
});
