import { dayOf } from './section-document.ts';

/** How a results list is ordered; an empty query lists newest first whatever is asked. */
export type SortOrder = 'relevance' | 'newest' | 'oldest';
export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];

/** Inclusive bounds as ISO dates (YYYY-MM-DD); null leaves that side open. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

/** True for a real calendar date written YYYY-MM-DD (years 1000–9999): `2015-02-30` is not one. */
export function isIsoDate(value: string): boolean {
  if (!/^[1-9]\d{3}-\d{2}-\d{2}$/u.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** The day numbers the `day` attribute holds for a range's bounds (undated articles hold 0 and fall outside any range). */
export function rangeDays(range: DateRange): { from: number | null; to: number | null } {
  return { from: range.from ? dayOf(range.from) : null, to: range.to ? dayOf(range.to) : null };
}

/** The ISO date `days` days before (negative: after) `date`. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The ISO date of a day number. */
export const dateOfDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Months since January 1970 of a day number: the document's `month` attribute. */
export function monthOfDay(day: number): number {
  const date = new Date(day * 86_400_000);
  return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
}

/** The day number of the first day of a month number. */
export const firstDayOfMonth = (month: number): number => Math.floor(Date.UTC(1970 + Math.floor(month / 12), ((month % 12) + 12) % 12, 1) / 86_400_000);

/** The attributes whose facet counts draw the coverage chart: days, and months for spans the day counts cannot cover. */
export const COVERAGE_ATTRIBUTES = ['day', 'month'] as const;
