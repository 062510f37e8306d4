import { ISO_DATE, type ReadResult } from './article.ts';
import { decodeEntities } from './decode.ts';
import { sectionsFromParagraphs, splitParagraphs } from './sections.ts';

/** One NDJSON line `{"id","title","date","source","url","body"}` as an article, or what is wrong with it. */
export function parseNdjsonLine(line: string, file: string, lineNumber: number): ReadResult {
  const problem = (message: string): ReadResult => ({ problem: { file, line: lineNumber, message } });
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return problem(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return problem('not a JSON object');
  const fields = record as Record<string, unknown>;

  const id = typeof fields.id === 'number' ? String(fields.id) : fields.id;
  if (typeof id !== 'string' || id.trim() === '') return problem('"id" is missing or not a string');
  if (typeof fields.body !== 'string' || fields.body.trim() === '') return problem(`article ${id}: "body" is missing or not a string`);
  for (const key of ['title', 'date', 'source', 'url'] as const) {
    const value = fields[key];
    if (value !== undefined && value !== null && typeof value !== 'string') return problem(`article ${id}: "${key}" is not a string`);
  }
  const date = typeof fields.date === 'string' && fields.date.trim() !== '' ? fields.date.trim() : null;
  if (date !== null && !ISO_DATE.test(date)) return problem(`article ${id}: "date" ${JSON.stringify(date)} is not YYYY-MM-DD`);

  const paragraphs = splitParagraphs(decodeEntities(fields.body));
  const title = typeof fields.title === 'string' ? decodeEntities(fields.title).trim() : '';
  return {
    article: {
      id: id.trim(),
      title: title || (paragraphs[0] ?? id).slice(0, 80),
      date: date?.slice(0, 10) ?? null,
      source: typeof fields.source === 'string' && fields.source.trim() !== '' ? fields.source.trim() : null,
      url: typeof fields.url === 'string' && fields.url.trim() !== '' ? fields.url.trim() : null,
      sections: sectionsFromParagraphs(paragraphs),
      origin: { file, line: lineNumber },
    },
  };
}
