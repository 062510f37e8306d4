import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface NdjsonLine {
  text: string;
  /** 1-based, blank lines counted. */
  number: number;
}

/** The file could not be read to its end (missing, unreadable, a broken .gz); `line` is the last line read, if any. */
export class NdjsonReadError extends Error {
  override name = 'NdjsonReadError';
  constructor(
    readonly line: number | null,
    cause: Error,
  ) {
    super(cause.message, { cause });
  }
}

/**
 * The non-blank lines of an NDJSON file, gunzipped when its name ends in .gz, streamed so that a
 * large file is never held whole; a BOM before the first line is dropped. `onBytes` hears the bytes
 * read from disk (compressed bytes for .gz), for progress. Stopping early closes the file.
 */
export async function* readNdjsonLines(file: string, onBytes: (bytes: number) => void = () => {}): AsyncGenerator<NdjsonLine> {
  const raw = createReadStream(file);
  raw.on('data', (chunk: Buffer | string) => onBytes(chunk.length));
  const input = /\.gz$/iu.test(file) ? raw.pipe(createGunzip()) : raw;
  // readline ends quietly when its input fails: the failure is kept here and thrown after the last line.
  let failure: Error | null = null;
  input.on('error', (error: Error) => {
    failure = error;
  });
  raw.on('error', (error: Error) => input.destroy(error));
  let number = 0;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      number++;
      const text = number === 1 ? line.replace(/^\uFEFF/u, '') : line;
      if (text.trim() !== '') yield { text, number };
    }
  } catch (error) {
    failure = error as Error;
  } finally {
    raw.destroy();
  }
  if (failure) throw new NdjsonReadError(number || null, failure);
}
