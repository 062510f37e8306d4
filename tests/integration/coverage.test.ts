import { describe, expect, it } from 'vitest';
import type { EngineRequest } from '../../src/engine/archive-reader.ts';
import { createSearchService } from '../../src/search/service.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// Coverage over time on the real engine, over tests/fixtures/dated: a port story from 2024-12-01 to
// 2025-03-10 (six dated articles and one undated), and a market article on 2025-03-09.
const seeded = useSeededSite('coverage', { paths: [fixture('dated')] });

interface Period {
  from: string;
  to: string;
  count: number;
}
interface Answer {
  total: number;
  coverage: { unit: string; bars: Period[]; spans: Period[]; dated: number; undated: number } | null;
}

async function api(query: string): Promise<Answer> {
  const response = await seeded.site.app.request(`/api/search?${query}`);
  expect(response.status, query).toBe(200);
  return (await response.json()) as Answer;
}
const port = `q=${encodeURIComponent('الميناء')}`;

/** Every bar and span counts what the same search restricted to its dates finds. */
async function expectBarsToMatchTotals(query: string): Promise<Answer> {
  const answer = await api(query);
  const periods = [...(answer.coverage?.bars ?? []), ...(answer.coverage?.spans ?? [])];
  expect(periods.length).toBeGreaterThan(0);
  const base = new URLSearchParams(query);
  for (const period of periods) {
    base.set('from', period.from);
    base.set('to', period.to);
    expect((await api(base.toString())).total, `${query} ${period.from}…${period.to}`).toBe(period.count);
  }
  return answer;
}

describe('coverage over time', () => {
  it('counts each week what the search finds in that week, and says how many are undated', async () => {
    const answer = await expectBarsToMatchTotals(port);
    // 2024-12-01 to 2025-03-10 is 100 days: too many for day bars, 15 weeks starting on Saturday.
    expect(answer.coverage?.unit).toBe('week');
    expect(answer.coverage?.bars).toHaveLength(15);
    expect(answer.coverage?.bars[0]).toEqual({ from: '2024-11-30', to: '2024-12-06', count: 1 });
    expect([answer.total, answer.coverage?.dated, answer.coverage?.undated]).toEqual([7, 6, 1]);
    expect(answer.coverage?.spans.map((span) => span.count)).toEqual([1, 1, 1, 3]);
  });

  it('follows the filters and the empty query too', async () => {
    expect((await expectBarsToMatchTotals(`${port}&source=aawsat&sort=newest`)).coverage?.dated).toBe(2);
    expect((await expectBarsToMatchTotals('from=2025-03-01')).coverage?.dated).toBe(4);
  });

  it('chooses days, weeks, months or years from the range asked', async () => {
    const march = await expectBarsToMatchTotals(`${port}&from=2025-03-01&to=2025-03-10`);
    expect(march.coverage?.unit).toBe('day');
    expect(march.coverage?.bars.map((bar) => bar.count)).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0, 1]);
    const months = await expectBarsToMatchTotals(`${port}&from=2023-01-01&to=2025-03-31`);
    expect(months.coverage?.unit).toBe('month');
    expect(months.coverage?.bars).toHaveLength(27);
    const years = await api(`${port}&from=1990-01-01`);
    expect(years.coverage?.unit).toBe('year');
    expect(years.coverage?.bars.map((bar) => bar.from)).toHaveLength(36);
    expect(years.coverage?.bars.at(-1)).toEqual({ from: '2025-01-01', to: '2025-12-31', count: 5 });
  });

  it('counts a phrase on the articles that hold it as written, as the total does', async () => {
    const phrase = await expectBarsToMatchTotals(`q=${encodeURIComponent('"ميناء جدة"')}`);
    expect(phrase.coverage?.dated).toBe(phrase.total);
  });

  it('has no chart when nothing matching is dated', async () => {
    const answer = await api(`q=${encodeURIComponent('القديم')}`);
    expect(answer.total).toBe(1);
    expect(answer.coverage).toBeNull();
  });

  it('draws bars in the results fragment that link to the search narrowed to their dates, keeping q, the filters and the sort', async () => {
    const response = await seeded.site.app.request(`/search?${port}&source=aawsat&source=okaz&sort=oldest`, { headers: { 'HX-Request': 'true' } });
    const html = await response.text();
    const figure = /<figure class="coverage"[\s\S]*?<\/figure>/u.exec(html)?.[0] ?? '';
    expect(figure).toContain('<figcaption');
    const svg = /<svg class="coverage-bars"[\s\S]*?<\/svg>/u.exec(figure)?.[0] ?? '';
    const bars = [...svg.matchAll(/<a href="([^"]+)" aria-label="([^"]+)"/gu)].map((match) => ({ href: (match[1] ?? '').replaceAll('&amp;', '&'), label: match[2] ?? '' }));
    // Four articles of these two sources are dated, in four weeks; empty weeks are not links.
    expect(bars).toHaveLength(4);
    for (const { href, label } of bars) {
      const params = new URL(href, 'http://x').searchParams;
      expect(params.get('q')).toBe('الميناء');
      expect(params.getAll('source')).toEqual(['aawsat', 'okaz']);
      expect(params.get('sort')).toBe('oldest');
      expect(params.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      expect(label).toMatch(/^الأسبوع من .+: .+ مقال/u);
      // The same link is in the table, for keyboards and screen readers.
      expect(figure).toContain(`<a href="${href.replaceAll('&', '&amp;')}">`);
    }
  });

  it('costs no engine search of its own: its counts come with the main search', async () => {
    const sent: EngineRequest[] = [];
    const { url, key, index } = seeded.engine;
    const service = await createSearchService({ engineUrl: url, apiKey: key, index, gazetteer: seeded.gazetteer, trace: (request) => sent.push(request) });
    try {
      const cases: [string, Partial<{ sources: string[]; from: string }>, number][] = [
        ['الميناء', {}, 2],
        ['الميناء', { sources: ['aawsat'] }, 3],
        ['', { from: '2025-01-01' }, 1],
        ['الإضراب OR السوق', {}, 4],
      ];
      for (const [q, filters, searches] of cases) {
        sent.length = 0;
        const result = await service.search({ q, regions: [], actors: [], page: 1, limit: 10, ...filters });
        expect(result.coverage, q).not.toBeNull();
        expect(
          sent.reduce((sum, request) => sum + request.searches, 0),
          q,
        ).toBe(searches);
        // The main search (plain, or the union of an OR's branches) asks the day and month counts beside the lists'.
        expect(JSON.stringify(sent[0]?.body), q).toContain(filters.sources ? '["regions","actors","day","month"]' : '["regions","actors","source","day","month"]');
      }
    } finally {
      service.stop();
    }
  });
});
