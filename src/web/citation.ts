import { articleUrl } from '../archive-index/index.ts';
import type { SourceName } from '../sources/source-catalog.ts';
import { formatDate, formatNumber } from '../../views/numbers.ts';

/** A section's citation: its parts, and the Arabic text that joins them (what the copy button copies). */
export interface Citation {
  title: string;
  /** The section's heading, or its number. */
  section: string;
  /** The source's Arabic name (its id when index-config/sources.json does not name it). */
  source: string | null;
  /** The article's date: ISO, and as the pages write it in both calendars. */
  date: string | null;
  dateGregorian: string | null;
  dateHijri: string | null;
  /** The section's permalink: absolute, without the query that led to it. */
  url: string;
  /** The day the citation was made (ISO, UTC), and as the pages write it. */
  consulted: string;
  consultedGregorian: string;
  /** The whole citation; `url` stands between `textBeforeUrl` and `textAfterUrl`, so a page can isolate it as left-to-right text. */
  text: string;
  textBeforeUrl: string;
  textAfterUrl: string;
}

/** What a citation needs of the page: the site's absolute address and today's date. */
export interface CitationContext {
  /** The site's origin (and path prefix), no trailing slash; empty for site-relative links. */
  base: string;
  /** ISO date, UTC. */
  today: string;
}

export interface CitedSection {
  articleId: string;
  n: number;
  title: string;
  heading: string | null;
  date: string | null;
}

/** `«title»، source، date (Hijri date)، section. URL. تاريخ الاطلاع: day.` with whatever is missing left out. */
export function citationOf(section: CitedSection, sourceName: SourceName | null, context: CitationContext): Citation {
  const dates = formatDate(section.date);
  const label = section.heading?.trim() ? section.heading.trim() : `المقطع ${formatNumber(section.n)}`;
  const consultedGregorian = formatDate(context.today)?.gregorian ?? context.today;
  const url = `${context.base}${articleUrl(section.articleId, { section: section.n })}`;
  const parts = [`«${section.title.trim()}»`, sourceName?.name_ar ?? null, dates ? `${dates.gregorian} (${dates.hijri})` : null, label].filter((part): part is string => part !== null);
  const textBeforeUrl = `${parts.join('، ')}. `;
  const textAfterUrl = `. تاريخ الاطلاع: ${consultedGregorian}.`;
  return {
    title: section.title,
    section: label,
    source: sourceName?.name_ar ?? null,
    date: section.date,
    dateGregorian: dates?.gregorian ?? null,
    dateHijri: dates?.hijri ?? null,
    url,
    consulted: context.today,
    consultedGregorian,
    text: `${textBeforeUrl}${url}${textAfterUrl}`,
    textBeforeUrl,
    textAfterUrl,
  };
}

/** Today's ISO date in UTC, the day a citation says it was consulted. */
export const isoDay = (now: Date): string => now.toISOString().slice(0, 10);
