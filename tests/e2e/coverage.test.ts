import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/project-root.ts';
import { launchChromium } from '../browser.ts';
import { listen } from '../harness.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// The coverage chart and the entity dossier in a browser, with and without JavaScript, over
// tests/fixtures/dossier: عدن in six articles, five of them dated on five days from 2015-06-15 to
// 2015-07-23 (one bar each), one undated.
const seeded = useSeededSite('e2e-coverage', { paths: [fixture('dossier')] });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const OUTPUT = projectPath('test-output/screenshots/');
let server: Awaited<ReturnType<typeof listen>> | undefined;
let browser: Browser;

beforeAll(async () => {
  server = await listen(seeded.site.app);
  browser = await launchChromium();
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, { javaScriptEnabled = true, width = 1280, bypassCSP = false } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 }, locale: 'ar', bypassCSP });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server?.origin}${path}`);
  return page;
}

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);
const aden = `/search?q=${encodeURIComponent('عدن')}`;
const bars = (page: Page) => page.locator('.coverage-bars a');

describe('the coverage chart in a browser', () => {
  it('is drawn without JavaScript, and a bar is a plain link to the search narrowed to its day', async () => {
    const page = await open(aden, { javaScriptEnabled: false });
    expect(await page.locator('.hit').count()).toBe(6);
    await expect.poll(() => page.locator('.coverage-bars').isVisible()).toBe(true);
    expect(await bars(page).count()).toBe(5);
    // Time runs from right to left: the newest day is the leftmost bar.
    const newest = bars(page).last();
    expect(await newest.getAttribute('data-period')).toBe('2015-07-23/2015-07-23');
    const [left, right] = await Promise.all([newest.boundingBox(), bars(page).first().boundingBox()]);
    expect((left?.x ?? 0) < (right?.x ?? 0)).toBe(true);
    await Promise.all([page.waitForURL(/from=2015-07-23/u), newest.click()]);
    expect([param(page, 'q'), param(page, 'from'), param(page, 'to')]).toEqual(['عدن', '2015-07-23', '2015-07-23']);
    expect(await page.locator('.hit').count()).toBe(1);
    await page.context().close();
  });

  it('narrows the results in place with JavaScript, is redrawn with them, and Back restores the whole range', async () => {
    const page = await open(aden);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await bars(page).first().click();
    await expect.poll(() => [param(page, 'from'), param(page, 'to')]).toEqual(['2015-06-15', '2015-06-15']);
    await expect.poll(() => page.locator('.hit').count()).toBe(1);
    await expect.poll(() => bars(page).count()).toBe(1);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(await page.inputValue('input[name="from"]')).toBe('2015-06-15');
    await page.goBack();
    await expect.poll(() => param(page, 'from')).toBeNull();
    await expect.poll(() => page.locator('.hit').count()).toBe(6);
    await expect.poll(() => bars(page).count()).toBe(5);
    await page.context().close();
  });

  it('narrows to a month from the links under the bars, and a bar is chosen from the keyboard', async () => {
    const page = await open(aden);
    await page.locator('.coverage-spans a', { hasText: 'يوليو' }).click();
    await expect.poll(() => [param(page, 'from'), param(page, 'to')]).toEqual(['2015-07-01', '2015-07-31']);
    await expect.poll(() => page.locator('.hit').count()).toBe(4);
    await bars(page).last().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => param(page, 'from')).toBe('2015-07-23');
    await expect.poll(() => page.locator('.hit').count()).toBe(1);
    await page.context().close();
  });

  it("is on the entity's dossier too, without JavaScript, its bars leading to the entity's search of that day", async () => {
    const page = await open('/entities/aden', { javaScriptEnabled: false });
    await expect.poll(() => page.locator('.coverage-bars').isVisible()).toBe(true);
    expect(await page.locator('.stories > li').count()).toBe(5);
    await Promise.all([page.waitForURL(/\/search\?/u), bars(page).last().click()]);
    expect([param(page, 'region'), param(page, 'from')]).toEqual(['aden', '2015-07-23']);
    await page.context().close();
  });

  it.each([
    ['coverage-results', aden],
    ['entity-dossier', '/entities/aden'],
  ])('has no serious or critical accessibility violations on %s, nor a page wider than the screen at 1280 and 360 px', async (name, path) => {
    for (const width of [1280, 360]) {
      const page = await open(path, { width, bypassCSP: true });
      // The table of numbers open, so it is checked too.
      await page.locator('.coverage-table summary').click();
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${OUTPUT}${name}-${width}.png`, fullPage: true });
      await page.context().close();
    }
  });
});
