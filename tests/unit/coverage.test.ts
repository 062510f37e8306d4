import { describe, expect, it } from 'vitest';
import { dayOf, MAX_FACET_VALUES, monthOfDay } from '../../src/archive-index/index.ts';
import { coverageOf, dateCountsOf, MAX_BARS } from '../../src/search/coverage.ts';
import settings from '../../index-config/settings.json' with { type: 'json' };

/** No range asked: both sides end at the first and last matching article. */
const OPEN = { from: null, to: null };
/** Engine-shaped counts of articles on the given dates (one entry per article). */
const countsOn = (...dates: string[]) => dateCountsOf(dates.map(dayOf));

describe('the coverage chart', () => {
  it('draws a day per bar over two months at most, empty days kept so the bars stand evenly in time', () => {
    const chart = coverageOf(countsOn('2015-07-01', '2015-07-01', '2015-07-03'), OPEN);
    expect(chart?.unit).toBe('day');
    expect(chart?.bars).toEqual([
      { from: '2015-07-01', to: '2015-07-01', count: 2 },
      { from: '2015-07-02', to: '2015-07-02', count: 0 },
      { from: '2015-07-03', to: '2015-07-03', count: 1 },
    ]);
    expect(chart?.dated).toBe(3);
    expect(chart?.spans).toEqual([{ from: '2015-07-01', to: '2015-07-31', count: 3 }]);
  });

  it('keeps days up to 62 of them (July and August), then turns to weeks that start on Saturday', () => {
    expect(coverageOf(countsOn('2015-07-01', '2015-08-31'), OPEN)?.unit).toBe('day');
    const weeks = coverageOf(countsOn('2015-07-01', '2015-09-01'), OPEN);
    expect(weeks?.unit).toBe('week');
    // 2015-07-01 was a Wednesday: its week began on Saturday 2015-06-27.
    expect(weeks?.bars[0]).toEqual({ from: '2015-06-27', to: '2015-07-03', count: 1 });
    expect(weeks?.bars.at(-1)).toEqual({ from: '2015-08-29', to: '2015-09-04', count: 1 });
    expect(weeks?.spans.map((span) => [span.from, span.count])).toEqual([
      ['2015-07-01', 1],
      ['2015-08-01', 0],
      ['2015-09-01', 1],
    ]);
  });

  it('chooses the unit from the range asked, and never reaches past it', () => {
    const march = coverageOf(countsOn('2025-03-05', '2025-03-08'), { from: '2025-03-01', to: '2025-03-31' });
    expect(march?.unit).toBe('day');
    expect(march?.bars).toHaveLength(31);
    const year = coverageOf(countsOn('2025-03-05'), { from: '2025-01-01', to: '2025-12-31' });
    expect(year?.unit).toBe('week');
    // The first week began on Saturday 2024-12-28: its bar starts where the range does.
    expect(year?.bars[0]).toEqual({ from: '2025-01-01', to: '2025-01-03', count: 0 });
    expect(year?.bars.at(-1)?.to).toBe('2025-12-31');
    expect(year?.bars.length).toBeLessThanOrEqual(MAX_BARS);
  });

  it('draws months from the month counts when the range is longer than 62 weeks, and years past five years', () => {
    const months = coverageOf(countsOn('2014-01-15', '2015-06-02', '2015-06-30'), OPEN);
    expect(months?.unit).toBe('month');
    expect(months?.bars).toHaveLength(18);
    expect(months?.bars.at(-1)).toEqual({ from: '2015-06-01', to: '2015-06-30', count: 2 });
    expect(months?.spans).toEqual([
      { from: '2014-01-01', to: '2014-12-31', count: 1 },
      { from: '2015-01-01', to: '2015-12-31', count: 2 },
    ]);
    const years = coverageOf(countsOn('2001-05-01', '2015-06-02'), OPEN);
    expect(years?.unit).toBe('year');
    expect(years?.bars).toHaveLength(15);
    expect(years?.spans).toEqual([]);
  });

  it('reads the month counts, not the day counts, when the engine cut the day counts at its limit', () => {
    // 1,000 days listed (the engine's maxValuesPerFacet) and more in the month counts: the days are not all there.
    const counts = countsOn(...Array.from({ length: MAX_FACET_VALUES }, (_, i) => new Date(Date.UTC(2012, 0, 1 + i)).toISOString().slice(0, 10)));
    counts.month[monthOfDay(dayOf('2015-06-10'))] = 5;
    const chart = coverageOf(counts, OPEN);
    expect(chart?.unit).toBe('month');
    expect(chart?.bars.at(-1)).toEqual({ from: '2015-06-01', to: '2015-06-30', count: 5 });
    expect(chart?.dated).toBe(MAX_FACET_VALUES + 5);
  });

  it('draws a range asked far wider than its articles over the articles alone', () => {
    const chart = coverageOf(countsOn('2015-07-01', '2015-07-20'), { from: '1000-01-01', to: null });
    expect(chart?.unit).toBe('day');
    expect(chart?.bars[0]?.from).toBe('2015-07-01');
  });

  it('has nothing to draw when no matching article is dated', () => {
    expect(coverageOf({ day: {}, month: {} }, OPEN)).toBeNull();
    expect(coverageOf(dateCountsOf([undefined, 0]), OPEN)).toBeNull();
  });

  it('counts on the limit the engine is configured with', () => {
    expect(settings.faceting.maxValuesPerFacet).toBe(MAX_FACET_VALUES);
  });
});
