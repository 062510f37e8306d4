import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.ts';
import { listen } from '../harness.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// The date range, the sort and the source filter in a browser, with and without JavaScript, over
// tests/fixtures/dated (newest article 2025-03-10; الميناء in 7 articles, 3 of them in March 2025).
const seeded = useSeededSite('e2e-dates', { paths: [fixture('dated')] });
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

async function open(path: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: 'ar' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server?.origin}${path}`);
  return page;
}

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);
const port = `/search?q=${encodeURIComponent('الميناء')}`;

describe('dates and sources in a browser', () => {
  it('narrow by a date range without JavaScript: the form is a plain GET', async () => {
    const page = await open(port, false);
    expect(await page.locator('.hit').count()).toBe(7);
    await page.fill('input[name="from"]', '2025-03-01');
    await page.fill('input[name="to"]', '2025-03-10');
    await Promise.all([page.waitForURL(/from=2025-03-01/u), page.click('.date-filter .apply')]);
    expect([param(page, 'q'), param(page, 'from'), param(page, 'to')]).toEqual(['الميناء', '2025-03-01', '2025-03-10']);
    expect(await page.locator('.hit').count()).toBe(3);
    // The quick choices and the sort are links.
    await Promise.all([page.waitForURL(/sort=oldest/u), page.click('.sort-choice a:text("الأقدم")')]);
    expect(await page.locator('.hit time').first().getAttribute('datetime')).toBe('2025-03-05');
    await page.context().close();
  });

  it('are set from the keyboard, and Back restores the range in the URL, the inputs and the results', async () => {
    const page = await open(port);
    await page.fill('input[name="from"]', '2025-03-01');
    await page.fill('input[name="to"]', '2025-03-10');
    // Enter in a date input submits the search form it belongs to.
    await page.press('input[name="to"]', 'Enter');
    await expect.poll(() => param(page, 'from')).toBe('2025-03-01');
    await expect.poll(() => page.locator('.hit').count()).toBe(3);
    // A source on top of the range, swapped in by htmx.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.locator('#facet-source a', { hasText: 'عكاظ' }).click();
    await expect.poll(() => param(page, 'source')).toBe('okaz');
    await expect.poll(() => page.locator('.hit').count()).toBe(1);
    expect(param(page, 'from')).toBe('2025-03-01');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    await page.goBack();
    await expect.poll(() => param(page, 'source')).toBeNull();
    await expect.poll(() => page.locator('.hit').count()).toBe(3);
    expect(await page.inputValue('input[name="from"]')).toBe('2025-03-01');
    expect(await page.inputValue('input[name="to"]')).toBe('2025-03-10');
    await page.goBack();
    await expect.poll(() => param(page, 'from')).toBeNull();
    await expect.poll(() => page.locator('.hit').count()).toBe(7);
    expect(await page.inputValue('input[name="from"]')).toBe('');
    await page.context().close();
  });

  it('offer the last week before the newest article, and keep the range when the query changes', async () => {
    const page = await open(port);
    await page.click('.date-choices a:text("آخر أسبوع")');
    await expect.poll(() => [param(page, 'from'), param(page, 'to')]).toEqual(['2025-03-04', '2025-03-10']);
    await expect.poll(() => page.locator('.hit').count()).toBe(3);
    await page.fill('#q', 'الإضراب');
    await page.press('#q', 'Enter');
    await expect.poll(() => param(page, 'q')).toBe('الإضراب');
    expect(param(page, 'from')).toBe('2025-03-04');
    await expect.poll(() => page.locator('.hit').count()).toBe(1);
    await page.context().close();
  });
});
