import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.ts';
import { listen } from '../harness.ts';
import { useSeededSite } from '../helpers.ts';

// The rest of a facet list comes when its "more" is opened (docs/decisions.md#facet-options-on-demand).
// Browsing the fixtures, the region list has 14 options: 8 at once, 6 on demand (جدة among them).
const seeded = useSeededSite('e2e-facets');
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

async function newPage(javaScriptEnabled = true): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: 'ar' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  return { page, problems };
}

const regionMore = (page: Page) => page.locator('nav.facet:has(#facet-region) details.facet-more');
const restOptions = (page: Page) => page.locator('[data-list-of="facet-region"] .facet-option');

describe('a facet list’s "more"', () => {
  it('brings the rest of the options when opened, in place', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${server?.origin}/search`);
    expect(await page.locator('#facet-region .facet-option').count()).toBe(8);
    expect(await restOptions(page).count()).toBe(0);
    const url = page.url();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await regionMore(page).locator('summary').click();
    await expect.poll(() => restOptions(page).count()).toBe(6);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    // An option of the rest filters like any other.
    await restOptions(page).filter({ hasText: 'جدة' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('region')).toEqual(['jeddah']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('finds an option of the rest from the filter box', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${server?.origin}/search`);
    await page.locator('[data-filter-list="facet-region"]').fill('جدة');
    await expect.poll(() => restOptions(page).filter({ hasText: 'جدة' }).isVisible()).toBe(true);
    expect(await regionMore(page).getAttribute('open')).not.toBeNull();
    // The options the box does not match stay hidden once they arrive.
    await expect.poll(() => page.locator('nav.facet:has(#facet-region) .facet-option:visible').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('without JavaScript, opens a page with the list whole', async () => {
    const { page } = await newPage(false);
    await page.goto(`${server?.origin}/search`);
    await regionMore(page).locator('summary').click();
    await regionMore(page).locator('a.facet-all').click();
    await page.waitForURL(/more=region/u);
    expect(await restOptions(page).count()).toBe(6);
    expect(await regionMore(page).getAttribute('open')).not.toBeNull();
    await page.context().close();
  });
});
