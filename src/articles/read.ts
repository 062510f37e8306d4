import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ReadResult } from './article.ts';
import { decodeText } from './decode.ts';
import { FrontMatterError, parseMarkdown } from './markdown.ts';
import { parseNdjsonLine } from './ndjson.ts';
import { NdjsonReadError, readNdjsonLines } from './ndjson-lines.ts';
import { parsePlainText } from './plain-text.ts';

type Format = 'text' | 'markdown' | 'ndjson';

const FORMATS: [RegExp, Format][] = [
  [/\.(ndjson|jsonl)(\.gz)?$/iu, 'ndjson'],
  [/\.(md|markdown)$/iu, 'markdown'],
  [/\.txt$/iu, 'text'],
];
/** One article file larger than this is a mistake (a whole archive in one file?), not an article. */
const MAX_ARTICLE_FILE_BYTES = 10 * 1024 * 1024;
const MAX_NDJSON_LINE_CHARS = 5 * 1024 * 1024;

export const formatOf = (file: string): Format | null => FORMATS.find(([pattern]) => pattern.test(file))?.[1] ?? null;

/** Files to read under the given paths: folders are walked (hidden entries skipped), in a stable order. */
export async function* listInputFiles(paths: string[]): AsyncGenerator<{ file: string } | { problem: ReadResult }> {
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      // A link whose target went away (a volume not mounted) is there, only unreadable.
      const there = await lstat(path).then(
        () => true,
        () => false,
      );
      yield { problem: { problem: { file: path, line: null, message: there ? cannotRead(error) : 'no such file or folder' } } };
      continue;
    }
    if (info.isDirectory()) {
      let entries;
      try {
        entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      } catch (error) {
        yield { problem: { problem: { file: path, line: null, message: cannotRead(error) } } };
        continue;
      }
      const children = entries.filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || formatOf(entry.name)));
      yield* listInputFiles(children.map((entry) => join(path, entry.name)));
    } else if (formatOf(path)) {
      yield { file: path };
    } else {
      yield { problem: { problem: { file: path, line: null, message: 'unknown format (expected .txt, .md, .ndjson, .jsonl, optionally .gz)' } } };
    }
  }
}

/** Why a file or folder could not be read, in the words of the system. */
const cannotRead = (error: unknown): string => `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;

/** Called with the number of bytes of input consumed (compressed bytes for .gz), for progress. */
export type OnBytes = (bytes: number) => void;

/** Every article under the given paths, streamed; a bad file or line becomes a problem, never an exception. */
export async function* readArticles(paths: string[], onBytes: OnBytes = () => {}): AsyncGenerator<ReadResult> {
  for await (const entry of listInputFiles(paths)) {
    if ('problem' in entry) yield entry.problem;
    else if (formatOf(entry.file) === 'ndjson') yield* readNdjson(entry.file, onBytes);
    else {
      yield await readArticleFile(entry.file);
      onBytes((await stat(entry.file).catch(() => ({ size: 0 }))).size);
    }
  }
}

/** Total size of the input files, for a progress bar. */
export async function inputBytes(paths: string[]): Promise<number> {
  let total = 0;
  for await (const entry of listInputFiles(paths)) if ('file' in entry) total += (await stat(entry.file)).size;
  return total;
}

async function readArticleFile(file: string): Promise<ReadResult> {
  const problem = (message: string, line: number | null = null): ReadResult => ({ problem: { file, line, message } });
  let bytes: Buffer;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_ARTICLE_FILE_BYTES) return problem(`${(size / 1048576).toFixed(1)} MB is too large for one article (limit ${MAX_ARTICLE_FILE_BYTES / 1048576} MB)`);
    bytes = await readFile(file);
  } catch (error) {
    return problem(cannotRead(error));
  }
  const decoded = decodeText(bytes);
  if ('error' in decoded) return problem(decoded.error);
  const id = basename(file).replace(/\.[^.]+$/u, '');
  try {
    const article = formatOf(file) === 'markdown' ? parseMarkdown(decoded.text, id, file) : parsePlainText(decoded.text, id, file);
    if (article.sections.every((section) => section.paragraphs.length === 0)) return problem('no text');
    return { article };
  } catch (error) {
    if (error instanceof FrontMatterError) return problem(error.message, error.line);
    throw error;
  }
}

async function* readNdjson(file: string, onBytes: OnBytes): AsyncGenerator<ReadResult> {
  try {
    for await (const { text: line, number } of readNdjsonLines(file, onBytes)) {
      if (line.length > MAX_NDJSON_LINE_CHARS) yield { problem: { file, line: number, message: `line of ${line.length} characters is over the ${MAX_NDJSON_LINE_CHARS} limit` } };
      else if (line.includes('\uFFFD')) yield { problem: { file, line: number, message: 'invalid UTF-8 bytes in this line' } };
      else yield parseNdjsonLine(line, file, number);
    }
  } catch (error) {
    if (!(error instanceof NdjsonReadError)) throw error;
    yield { problem: { file, line: error.line, message: `cannot read further: ${error.message}` } };
  }
}
