import { describe, expect, it } from 'vitest';
import { loadSourceCatalog } from '../../src/sources/source-catalog.ts';
import { createApp } from '../../src/web/app.ts';
import { loadAssets } from '../../src/web/assets.ts';
import { parseCsv } from '../csv.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// Exports on the real engine over tests/fixtures/dated (الميناء in 7 articles, one undated) and
// tests/fixtures/desk (three more whose title, source or text a spreadsheet would take for a formula),
// with tests/fixtures/articles beside them (an article of three sections).
const seeded = useSeededSite('export', { paths: [fixture('dated'), fixture('desk'), fixture('articles')], throughProxy: true });
const port = `q=${encodeURIComponent('الميناء')}`;
const COLUMNS = ['id', 'title', 'date', 'date_hijri', 'source', 'source_url', 'section_url', 'regions', 'actors', 'snippet'] as const;
type Row = Record<(typeof COLUMNS)[number], string>;
const NEWEST = ['desk-minus', 'desk-plus', 'desk-formula', 'port-2025-03-10', 'port-2025-03-08', 'port-2025-03-05', 'port-2025-02-10', 'port-2025-01-15', 'port-2024-12-01', 'port-undated'];

/** A site over the same index with small export limits, so the cap and the batches show on 10 articles. */
const smallApp = (limits: { maxRows: number; batchSize: number; running: number }) =>
  createApp({ service: seeded.site.service, assets: loadAssets(), sources: loadSourceCatalog(), exportLimits: limits });

async function exported(path: string, app = seeded.site.app) {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return { response, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) };
}

async function csv(query: string, app = seeded.site.app) {
  const { response, text } = await exported(`/api/export?format=csv&${query}`, app);
  expect(text.startsWith('\ufeff')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual(COLUMNS);
  return { response, rows: rows.map((row) => Object.fromEntries(COLUMNS.map((column, i) => [column, row[i] ?? ''])) as Row) };
}

const engineRequests = () => seeded.proxy.seen.filter((request) => request.method === 'POST').length;

describe('CSV', () => {
  it('is UTF-8 with a BOM and RFC 4180 quoting, one row per article in the order the search asks for, undated last', async () => {
    const { response, rows } = await csv(`${port}&sort=newest`);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="archive-export-\d{4}-\d{2}-\d{2}\.csv"$/u);
    expect([response.headers.get('X-Export-Total'), response.headers.get('X-Export-Rows')]).toEqual(['10', '10']);
    expect(rows.map((row) => row.id)).toEqual(NEWEST);
    expect((await csv(`${port}&sort=oldest`)).rows.map((row) => row.id)).toEqual([...NEWEST.slice(0, -1).reverse(), 'port-undated']);
  });

  it('holds the columns: ISO and Hijri dates, the source by name, its article link, the absolute section link, names, the snippet as text', async () => {
    const { rows } = await csv(`${port}&sort=newest`);
    expect(rows.find((row) => row.id === 'port-2025-03-10')).toEqual({
      id: 'port-2025-03-10',
      title: 'وزير النقل يزور الميناء',
      date: '2025-03-10',
      date_hijri: '1446-09-10',
      source: 'عكاظ',
      source_url: 'https://example.org/port-6',
      section_url: 'http://localhost/articles/port-2025-03-10#s-1',
      regions: '',
      actors: '',
      snippet: 'زار وزير النقل الميناء واطلع على سير العمل في المنصة الرقمية وأعمال التوسعة.',
    });
    const formula = rows.find((row) => row.id === 'desk-formula');
    expect(formula?.regions.split('؛ ').sort()).toEqual(['بيروت', 'لبنان']);
    expect(formula?.source_url).toBe('');
    expect(formula?.snippet).toBe('قال مسؤول في الميناء، في بيان نشر في بيروت: "الحركة <b>طبيعية</b> & مستقرة" رغم الشائعات. وأضاف أن لبنان يتابع الوضع، وأن الشحنات تصل تباعًا.');
    expect(rows.find((row) => row.id === 'port-undated')).toMatchObject({ date: '', date_hijri: '' });
  });

  it('puts an apostrophe before a cell a spreadsheet would run as a formula (= + - @)', async () => {
    const { rows } = await csv(`${port}&sort=newest`);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get('desk-formula')?.title).toBe('\'=HYPERLINK("http://evil.example","الميناء") عرض مريب');
    expect(byId.get('desk-plus')?.title).toBe("'+966 رقم جديد لخدمة الميناء");
    expect(byId.get('desk-plus')?.source).toBe("'@handle");
    expect(byId.get('desk-minus')?.title.startsWith("'-10% تراجع")).toBe(true);
    expect(byId.get('desk-minus')?.snippet.startsWith("'@الميناء")).toBe(true);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell, row.id).not.toMatch(/^[=+\-@\t\r]/u);
  });
});

describe('NDJSON', () => {
  it('gives the same rows as JSON lines, lists as arrays', async () => {
    const { response, text } = await exported(`/api/export?format=ndjson&${port}&sort=newest`);
    expect(response.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.id)).toEqual(NEWEST);
    expect(Object.keys(lines[0] ?? {})).toEqual(COLUMNS);
    expect(lines.find((line) => line.id === 'desk-formula')).toMatchObject({ title: '=HYPERLINK("http://evil.example","الميناء") عرض مريب', source_url: null, source: 'عكاظ' });
    expect(((lines.find((line) => line.id === 'desk-formula')?.regions ?? []) as string[]).sort()).toEqual(['بيروت', 'لبنان']);
  });
});

describe('what is exported', () => {
  it("is every article the search matches, with its filters and range, in the engine's relevance order by default", async () => {
    const api = (await (await seeded.site.app.request(`/api/search?${port}&limit=50`)).json()) as { total: number; hits: { articleId: string }[] };
    const { rows } = await csv(port);
    expect(rows.map((row) => row.id).sort()).toEqual(api.hits.map((hit) => hit.articleId).sort());
    const filtered = await csv(`${port}&source=okaz&from=2025-03-01&sort=newest`);
    expect(filtered.rows.map((row) => row.id)).toEqual(['desk-formula', 'port-2025-03-10']);
    const or = await csv(`q=${encodeURIComponent('الإضراب OR السوق')}&sort=newest`);
    expect(or.rows.map((row) => row.id)).toEqual(['market-2025-03-09', 'port-2025-03-08']);
  });

  it('lists an article once when the branches of an OR each find another of its sections', async () => {
    const q = `q=${encodeURIComponent('دارفور OR المكتبات')}`;
    const api = (await (await seeded.site.app.request(`/api/search?${q}`)).json()) as { hits: { articleId: string }[] };
    expect(api.hits.map((hit) => hit.articleId)).toEqual(['sudan-talks-2025']);
    for (const batchSize of [1, 500]) {
      const { rows } = await csv(q, smallApp({ maxRows: 10_000, batchSize, running: 1 }));
      expect(
        rows.map((row) => row.id),
        `batch ${batchSize}`,
      ).toEqual(['sudan-talks-2025']);
    }
  });

  it('is read from the engine a batch at a time, the same rows whatever the batch size', async () => {
    const small = smallApp({ maxRows: 10_000, batchSize: 3, running: 2 });
    const before = engineRequests();
    const { rows, response } = await csv(`${port}&sort=newest`, small);
    expect(engineRequests() - before).toBe(4);
    expect(rows.map((row) => row.id)).toEqual(NEWEST);
    expect(response.headers.get('X-Export-Rows')).toBe('10');
    const relevance = await csv(port, small);
    expect(relevance.rows.map((row) => row.id)).toEqual((await csv(port)).rows.map((row) => row.id));
  });
});

describe('the cap', () => {
  it('stops at the row limit, says so in the headers, and in a last NDJSON line', async () => {
    const capped = smallApp({ maxRows: 4, batchSize: 3, running: 2 });
    const before = engineRequests();
    const { response, rows } = await csv(`${port}&sort=newest`, capped);
    expect(engineRequests() - before).toBe(2);
    expect(rows.map((row) => row.id)).toEqual(NEWEST.slice(0, 4));
    expect([response.headers.get('X-Export-Total'), response.headers.get('X-Export-Rows')]).toEqual(['10', '4']);
    const { text } = await exported(`/api/export?format=ndjson&${port}&sort=newest`, capped);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(0, 4).map((line) => line.id)).toEqual(NEWEST.slice(0, 4));
    expect(lines.slice(4)).toEqual([{ notice: { code: 'capped', rows: 4, total: 10, message: 'the first 4 of 10 articles' } }]);
  });
});

describe('limits and faults', () => {
  it('answers 400 naming a bad format or search parameter', async () => {
    for (const [query, parameter] of [
      [`format=xlsx&${port}`, 'format'],
      [port, 'format'],
      [`format=csv&${port}&from=2025-13-01`, 'from'],
      [`format=csv&${port}&sort=random`, 'sort'],
    ]) {
      const response = await seeded.site.app.request(`/api/export?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ parameter });
    }
  });

  it('lets only so many exports stream at once; one more is answered 503 with Retry-After, and a slot comes back when an export ends or is dropped', async () => {
    const app = smallApp({ maxRows: 10_000, batchSize: 2, running: 1 });
    const first = await app.request(`/api/export?format=csv&${port}`);
    expect(first.status).toBe(200);
    const refused = await app.request(`/api/export?format=ndjson&${port}`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('2');
    expect(await refused.json()).toEqual({ error: 'too many exports at once' });
    expect((await app.request(`/api/search?${port}`)).status).toBe(200);
    await first.body?.cancel();
    const next = await app.request(`/api/export?format=csv&${port}`);
    expect(next.status).toBe(200);
    await next.arrayBuffer();
    expect((await app.request(`/api/export?format=csv&${port}`)).status).toBe(200);
  });

  it('answers HEAD with the headers alone, without holding an export slot', async () => {
    const app = smallApp({ maxRows: 10_000, batchSize: 2, running: 1 });
    const head = await app.request(`/api/export?format=csv&${port}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect([head.headers.get('X-Export-Total'), head.headers.get('Content-Type')]).toEqual(['10', 'text/csv; charset=utf-8; header=present']);
    expect(await head.text()).toBe('');
    const next = await app.request(`/api/export?format=csv&${port}`);
    expect(next.status).toBe(200);
    await next.arrayBuffer();
  });

  it('cuts the response when the engine fails after the first rows, rather than ending a short file cleanly', async () => {
    const app = smallApp({ maxRows: 10_000, batchSize: 2, running: 1 });
    const response = await app.request(`/api/export?format=csv&${port}`);
    expect(response.status).toBe(200);
    seeded.proxy.fault = { kind: 'refuse', status: 503 };
    try {
      await expect(response.text()).rejects.toThrow();
    } finally {
      seeded.proxy.fault = { kind: 'pass' };
    }
    expect((await app.request(`/api/export?format=csv&${port}`)).status).toBe(200);
  });
});
