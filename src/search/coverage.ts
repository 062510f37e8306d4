import { dateOfDay, firstDayOfMonth, MAX_FACET_VALUES, monthOfDay, rangeDays, type DateRange } from '../archive-index/index.ts';

/** How long one bar of the coverage chart is. */
export type CoverageUnit = 'day' | 'week' | 'month' | 'year';

/** Matching articles dated from `from` to `to` (ISO dates, both included). */
export interface CoveragePeriod {
  from: string;
  to: string;
  count: number;
}

/** How many matching articles each day, week, month or year holds, over the range shown. */
export interface Coverage {
  unit: CoverageUnit;
  /** Oldest first; periods without articles are kept, so the bars stand evenly in time. */
  bars: CoveragePeriod[];
  /** Groups of bars to narrow to at once: the months of day and week bars, the years of month bars. */
  spans: CoveragePeriod[];
  /** Matching articles that carry a date (the bars' sum). */
  dated: number;
}

/** Matching articles per day number and per month number, as the engine's facet counts give them. */
export interface DateCounts {
  day: Record<string, number>;
  month: Record<string, number>;
}

/**
 * At most this many bars: the unit is the shortest whose bars over the range shown stay within it
 * (two months of days, a year and more of weeks, five years of months), so the chart stays readable
 * at 360 px (docs/decisions.md#coverage-buckets).
 */
export const MAX_BARS = 62;
const UNITS: readonly CoverageUnit[] = ['day', 'week', 'month', 'year'];
/** Weeks start on Saturday, as Arabic calendars print them; day 2 (1970-01-03) was a Saturday. */
const FIRST_SATURDAY = 2;

/** The day number of the first day of the unit's period holding `day`. */
function periodStart(unit: CoverageUnit, day: number): number {
  if (unit === 'day') return day;
  if (unit === 'week') return day - ((((day - FIRST_SATURDAY) % 7) + 7) % 7);
  const month = monthOfDay(day);
  return firstDayOfMonth(unit === 'month' ? month : month - (((month % 12) + 12) % 12));
}

function nextPeriod(unit: CoverageUnit, start: number): number {
  if (unit === 'day') return start + 1;
  if (unit === 'week') return start + 7;
  return firstDayOfMonth(monthOfDay(start) + (unit === 'month' ? 1 : 12));
}

/** How many of the unit's periods the days from `first` to `last` touch (counted, not listed: a range may span centuries). */
function periodCount(unit: CoverageUnit, first: number, last: number): number {
  if (unit === 'day' || unit === 'week') return (periodStart(unit, last) - periodStart(unit, first)) / (unit === 'day' ? 1 : 7) + 1;
  const months = monthOfDay(periodStart(unit, last)) - monthOfDay(periodStart(unit, first));
  return (unit === 'month' ? months : months / 12) + 1;
}

function periodStarts(unit: CoverageUnit, first: number, last: number): number[] {
  const starts: number[] = [];
  for (let start = periodStart(unit, first); start <= last; start = nextPeriod(unit, start)) starts.push(start);
  return starts;
}

const countOf = (counts: Record<string, number>) => Object.entries(counts).flatMap(([key, count]): [number, number][] => (/^-?\d+$/u.test(key) && count > 0 ? [[Number(key), count]] : []));

/**
 * The chart of a search from its counts per day and per month, over the range asked (an open side
 * ends at the first or last matching article); null when no matching article carries a date.
 * The engine gives at most MAX_FACET_VALUES day counts: days draw only ranges short enough to hold
 * fewer (day and week bars cover 62 weeks at most), months draw the rest.
 */
export function coverageOf(counts: DateCounts, range: DateRange): Coverage | null {
  const days = countOf(counts.day);
  const months = countOf(counts.month);
  if (months.length === 0 && days.length === 0) return null;
  const asked = rangeDays(range);
  const dayKeys = days.map(([day]) => day);
  const monthKeys = months.map(([month]) => month);
  const daysComplete = days.length > 0 && days.length < MAX_FACET_VALUES;
  const first = daysComplete ? Math.min(...dayKeys) : firstDayOfMonth(Math.min(...monthKeys));
  const last = daysComplete ? Math.max(...dayKeys) : firstDayOfMonth(Math.max(...monthKeys) + 1) - 1;
  // A range asked far wider than its articles (from the year 1000) is drawn over the articles alone.
  const wanted = { first: asked.from ?? first, last: asked.to ?? last };
  const shown = unitFor(wanted.first, wanted.last) ? wanted : { first, last };
  const unit = unitFor(shown.first, shown.last) ?? 'year';
  // A bar never reaches past the range asked: its link narrows, it never widens.
  const clip = (start: number, end: number) => ({ from: dateOfDay(Math.max(start, asked.from ?? start)), to: dateOfDay(Math.min(end, asked.to ?? end)) });
  const byDay = unit === 'day' || unit === 'week';
  const source = byDay ? days : months.map(([month, count]): [number, number] => [firstDayOfMonth(month), count]);
  const periods = (of: CoverageUnit): CoveragePeriod[] => {
    const totals = new Map<number, number>();
    for (const [day, count] of source) totals.set(periodStart(of, day), (totals.get(periodStart(of, day)) ?? 0) + count);
    return periodStarts(of, shown.first, shown.last).map((start) => ({ ...clip(start, nextPeriod(of, start) - 1), count: totals.get(start) ?? 0 }));
  };
  const bars = periods(unit);
  return { unit, bars, spans: unit === 'year' ? [] : periods(byDay ? 'month' : 'year'), dated: bars.reduce((sum, bar) => sum + bar.count, 0) };
}

/** The shortest unit that draws the range in MAX_BARS bars at most, or null when even years do not. */
function unitFor(first: number, last: number): CoverageUnit | null {
  return UNITS.find((unit) => periodCount(unit, first, last) <= MAX_BARS) ?? null;
}

/**
 * The date counts of a search: the engine's facet counts, or, when the search kept only some of the
 * engine's articles itself (a phrase held as written), those articles' days from its hits (one per article).
 */
export function searchDateCounts(main: { hits: readonly { articleId: string; day?: number }[]; facets: Record<string, Record<string, number>> }, kept?: readonly string[]): DateCounts {
  if (!kept) return { day: main.facets.day ?? {}, month: main.facets.month ?? {} };
  const dayOf = new Map(main.hits.map((hit) => [hit.articleId, hit.day]));
  return dateCountsOf(kept.map((articleId) => dayOf.get(articleId)));
}

/** Day and month counts of some articles' day numbers (articles the search kept itself, such as a phrase's). */
export function dateCountsOf(days: readonly (number | undefined)[]): DateCounts {
  const counts: DateCounts = { day: {}, month: {} };
  for (const day of days) {
    if (day === undefined || day <= 0) continue;
    counts.day[day] = (counts.day[day] ?? 0) + 1;
    counts.month[monthOfDay(day)] = (counts.month[monthOfDay(day)] ?? 0) + 1;
  }
  return counts;
}
