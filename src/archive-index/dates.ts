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
