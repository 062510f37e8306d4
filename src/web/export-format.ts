/** One exported article: the section that stands for it, as plain text. */
export interface ExportRow {
  id: string;
  title: string;
  /** ISO date, and the same day in the Umm al-Qura calendar written YYYY-MM-DD (sortable, Latin digits). */
  date: string | null;
  date_hijri: string | null;
  /** The source's Arabic name, and the article's own address at its source. */
  source: string | null;
  source_url: string | null;
  /** The section's permalink on this site. */
  section_url: string;
  regions: string[];
  actors: string[];
  snippet: string;
}

export type ExportFormat = 'csv' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson'];

const COLUMNS = ['id', 'title', 'date', 'date_hijri', 'source', 'source_url', 'section_url', 'regions', 'actors', 'snippet'] as const satisfies readonly (keyof ExportRow)[];

/** Names within one CSV cell (the Arabic semicolon: names hold commas). */
const LIST_SEPARATOR = '؛ ';

/**
 * A cell a spreadsheet program may take for a formula (= + - @, or a tab or carriage return before
 * one) gets a leading apostrophe, so it is shown as text and never run (OWASP's CSV injection
 * advice); every cell is then quoted as RFC 4180 says when it holds a comma, a quote or a line break.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const cellOf = (value: string | string[] | null): string => csvCell(Array.isArray(value) ? value.join(LIST_SEPARATOR) : (value ?? ''));

/** What a file of this format starts with: for CSV a byte order mark (spreadsheet programs then read UTF-8 Arabic) and the header line. */
export function exportHead(format: ExportFormat): string {
  return format === 'csv' ? `\ufeff${COLUMNS.join(',')}\r\n` : '';
}

export function exportLine(format: ExportFormat, row: ExportRow): string {
  return format === 'csv' ? `${COLUMNS.map((column) => cellOf(row[column])).join(',')}\r\n` : `${JSON.stringify(row)}\n`;
}

/**
 * What ends a capped export: NDJSON says it in a last line of its own shape (`{"notice": …}`); a
 * CSV says nothing in the file (a comment line would be read as a row): the response's headers and
 * the page beside the link say it.
 */
export function exportTail(format: ExportFormat, rows: number, total: number): string {
  if (format === 'csv' || rows >= total) return '';
  return `${JSON.stringify({ notice: { code: 'capped', rows, total, message: `the first ${rows} of ${total} articles` } })}\n`;
}

const hijriParts = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });

/** An ISO date's day in the Umm al-Qura calendar, written YYYY-MM-DD; null when undated. */
export function hijriIsoDate(date: string | null): string | null {
  const time = date ? Date.parse(`${date}T12:00:00Z`) : Number.NaN;
  if (Number.isNaN(time)) return null;
  const parts = hijriParts.formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}
