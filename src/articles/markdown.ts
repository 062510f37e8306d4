import { ISO_DATE, type Article, type Section } from './article.ts';
import { sectionsFromParagraphs, splitParagraphs } from './sections.ts';
import { titleFromLead } from './plain-text.ts';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[^\S\n]*(?:\r?\n|$)/u;

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The `key: value` subset of YAML that article front matter uses; quotes around values are optional. */
export function parseFrontMatter(block: string): Record<string, string> {
  const fields: Record<string, string> = {};
  block.split(/\r?\n/u).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/u.exec(line);
    if (!match) throw new FrontMatterError(`front matter line is not "key: value": ${line.slice(0, 60)}`, i + 2);
    const [, key = '', value = ''] = match;
    fields[key] = value.replace(/^(["'])(.*)\1$/u, '$2');
  });
  return fields;
}

/**
 * Markdown with front matter (`title`, `date`, `source`, `url`, optional `id`): text before the
 * first `## ` heading is the lead (section 1), each `## ` heading opens a section. A `# ` line can
 * give the title when the front matter does not.
 */
export function parseMarkdown(text: string, fallbackId: string, file: string): Article {
  const match = FRONT_MATTER.exec(text);
  const fields = match ? parseFrontMatter(match[1] ?? '') : {};
  const body = match ? text.slice(match[0].length) : text;
  const bodyLine = match ? match[0].split('\n').length : 1;

  let title = fields.title ?? null;
  const sections: Section[] = [];
  let heading: string | null = null;
  let block: string[] = [];
  const close = () => {
    const paragraphs = splitParagraphs(block.join('\n'));
    if (paragraphs.length > 0 || heading !== null) sections.push({ n: sections.length + 1, heading, paragraphs });
  };
  for (const line of body.split(/\r?\n/u)) {
    const h2 = /^##\s+(.+?)\s*#*\s*$/u.exec(line);
    const h1 = /^#\s+(.+?)\s*#*\s*$/u.exec(line);
    if (h2) {
      close();
      heading = h2[1] ?? '';
      block = [];
    } else if (h1 && title === null) {
      title = h1[1] ?? '';
    } else {
      block.push(line);
    }
  }
  close();

  const hasHeadings = sections.some((section) => section.heading !== null);
  const finalSections = hasHeadings ? sections : sectionsFromParagraphs(sections.flatMap((s) => s.paragraphs));
  const date = fields.date?.trim() ?? '';
  if (date !== '' && !ISO_DATE.test(date)) throw new FrontMatterError(`date "${date}" is not YYYY-MM-DD`, 2);
  return {
    id: fields.id?.trim() || fallbackId,
    title: title?.trim() || titleFromLead(finalSections[0]?.paragraphs[0] ?? fallbackId),
    date: date === '' ? null : date.slice(0, 10),
    source: fields.source?.trim() || null,
    url: fields.url?.trim() || null,
    sections: finalSections,
    origin: { file, line: bodyLine },
  };
}
