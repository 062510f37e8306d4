import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.ts';
import { listen } from '../harness.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// The feed link, the export links and "cite this section" in a browser, with JavaScript on and off,
// over tests/fixtures/dated and tests/fixtures/articles (الميناء in 7 articles; an article with headings).
const seeded = useSeededSite('e2e-desk', { paths: [fixture('dated'), fixture('articles')] });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: Awaited<ReturnType<typeof listen>> | undefined;
let browser: Browser;

beforeAll(async () => {
  server = await listen(seeded.site.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, options: { javaScriptEnabled?: boolean; width?: number; bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'ar',
    bypassCSP: options.bypassCSP ?? false,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server?.origin });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server?.origin}${path}`);
  return page;
}

const port = `/search?q=${encodeURIComponent('الميناء')}`;

async function download(page: Page, linkText: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`.export-links a:text-is("${linkText}")`)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe.each([
  ['on', true],
  ['off', false],
])('with JavaScript %s', (_state, javaScriptEnabled) => {
  it('the export links download the search as CSV and NDJSON, with its filters', async () => {
    const page = await open(`${port}&source=aawsat&sort=newest`, { javaScriptEnabled });
    const csv = await download(page, 'CSV');
    expect(csv.name).toMatch(/^archive-export-\d{4}-\d{2}-\d{2}\.csv$/u);
    expect(csv.text.startsWith('\ufeffid,title,date,date_hijri,source,source_url,section_url,regions,actors,snippet\r\n')).toBe(true);
    expect(
      csv.text
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(['port-2025-02-10', 'port-2024-12-01', 'port-undated']);
    const ndjson = await download(page, 'NDJSON');
    expect(
      ndjson.text
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id),
    ).toEqual(['port-2025-02-10', 'port-2024-12-01', 'port-undated']);
    expect(page.url()).toContain('source=aawsat');
    await page.context().close();
  });

  it('the citation opens beside a result and on the article page; the copy button only with JavaScript', async () => {
    const page = await open(port, { javaScriptEnabled });
    const first = page.locator('.hit').first();
    await first.locator('.cite summary').click();
    const citation = first.locator('.citation');
    expect(await citation.isVisible()).toBe(true);
    expect(await citation.textContent()).toMatch(/^«.+»، .+ المقطع 1\. http:\/\/127\.0\.0\.1:\d+\/articles\/[\w-]+#s-1\. تاريخ الاطلاع: .+\.$/u);
    expect(await first.locator('.copy-citation').isVisible()).toBe(javaScriptEnabled);
    const article = await open(`/articles/sudan-talks-2025#s-2`, { javaScriptEnabled });
    await article.locator('#s-2 .cite summary').click();
    expect(await article.locator('#cite-s-2').textContent()).toContain('مواقف الطرفين. ');
    await page.context().close();
    await article.context().close();
  });
});

describe('with JavaScript', () => {
  it('the copy button puts the citation on the clipboard', async () => {
    const page = await open(`/articles/sudan-talks-2025#s-3`);
    await page.locator('#s-3 .cite summary').click();
    await page.locator('#s-3 .copy-citation').click();
    await expect.poll(() => page.locator('#s-3 .copy-citation').getAttribute('data-copied')).toBe('');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.locator('#cite-s-3').textContent());
    expect(copied).toMatch(/المكتبات والتعليم\. http:\/\/127\.0\.0\.1:\d+\/articles\/sudan-talks-2025#s-3\. تاريخ الاطلاع: /u);
    await page.context().close();
  });

  it('the head names the feed of the results htmx swapped in', async () => {
    const page = await open(port);
    const head = () => page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
    expect(await head()).toBe(`/feed?q=${encodeURIComponent('الميناء')}`);
    await page.locator('#facet-source a', { hasText: 'عكاظ' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('source')).toBe('okaz');
    await expect.poll(head).toBe(`/feed?q=${encodeURIComponent('الميناء')}&source=okaz`);
    expect(await page.locator('.feed-link').getAttribute('href')).toBe(await head());
    await page.context().close();
  });
});

describe('accessibility of the new parts', () => {
  it.each([
    ['results', port],
    ['article', '/articles/sudan-talks-2025#s-2'],
    ['entity', '/entities/SD'],
  ])('the %s page, citations open, has no serious or critical violation at 1280 and 360 px', async (_name, path) => {
    for (const width of [1280, 360]) {
      const page = await open(path, { width, bypassCSP: true });
      await page.evaluate(() => {
        for (const details of document.querySelectorAll('details.cite')) details.setAttribute('open', '');
      });
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });
});
