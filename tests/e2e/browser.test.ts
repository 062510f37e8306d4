import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/project-root.ts';
import { listen } from '../harness.ts';
import { useSeededSite } from '../helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = projectPath('test-output/screenshots/');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const seeded = useSeededSite('e2e');
let server: Awaited<ReturnType<typeof listen>> | undefined;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = await listen(seeded.site.app);
  base = server.origin;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(options: { javaScriptEnabled?: boolean; width?: number; bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
    locale: 'ar',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

const query = (page: Page) => new URL(page.url()).searchParams.get('q');

describe('the search page in a browser', () => {
  it('shows results while typing, without a page load, and replaces the URL', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.locator('#q').pressSequentially('حفتر', { delay: 30 });
    await page.locator('.hit mark').first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await expect.poll(() => query(page)).toBe('حفتر');
    // One result per article; its other matching sections are listed under it.
    expect(await page.locator('.hit').count()).toBe(1);
    expect(await page.locator('.hit .other-sections li').count()).toBe(3);
    await page.context().close();
  });

  it('restores the previous query and results on Back', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.fill('#q', 'حفتر');
    await page.press('#q', 'Enter');
    await expect.poll(() => query(page)).toBe('حفتر');
    await page.locator('.hit').first().waitFor();
    await page.fill('#q', 'لبنان');
    await page.press('#q', 'Enter');
    await expect.poll(() => query(page)).toBe('لبنان');
    await expect.poll(() => page.locator('.hit').count()).toBe(1);
    await page.goBack();
    await expect.poll(() => query(page)).toBe('حفتر');
    await expect.poll(() => page.locator('.hit').count()).toBe(1);
    expect(await page.inputValue('#q')).toBe('حفتر');
    await page.context().close();
  });

  it('searches with JavaScript disabled', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${base}/`);
    await page.fill('#q', 'المخابرات');
    await Promise.all([page.waitForURL(/\/search\?q=/u), page.press('#q', 'Enter')]);
    expect(query(page)).toBe('المخابرات');
    expect(await page.locator('.hit mark').first().textContent()).toBe('المخابرات');
    await page.context().close();
  });

  it('narrows the results with a facet and puts the filter in the URL', async () => {
    const page = await newPage();
    await page.goto(`${base}/search?q=${encodeURIComponent('طرابلس')}`);
    const before = await page.locator('.hit').count();
    expect(before).toBe(2);
    // A mark on the window survives only if htmx swapped the results in, without a page load.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.locator('#facet-region a[href*="region=LB"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('region')).toEqual(['LB']);
    await expect.poll(() => page.locator('.hit').count()).toBe(1);
    await expect.poll(() => page.locator('.active-filters .chip').count()).toBe(1);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    // Removing the filter from its chip is swapped in the same way.
    await page.locator('.active-filters .chip').click();
    await expect.poll(() => page.locator('.hit').count()).toBe(2);
    expect(new URL(page.url()).searchParams.getAll('region')).toEqual([]);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    await page.context().close();
  });

  it('works from the keyboard: / focuses the search, arrows walk the results, Enter opens one', async () => {
    const page = await newPage();
    await page.goto(`${base}/search?q=${encodeURIComponent('طرابلس')}`);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    const second = await page.locator('[data-hit-link]').nth(1).getAttribute('href');
    expect(focused).toBe(second);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(await page.locator('[data-hit-link]').first().getAttribute('href'));
    await Promise.all([page.waitForURL(/\/articles\//u), page.keyboard.press('Enter')]);
    await page.context().close();
  });

  it('lands a result link on its section with the matched words marked and visible', async () => {
    const page = await newPage();
    await page.goto(`${base}/search?q=${encodeURIComponent('الخرطوم')}`);
    const link = page.locator('[data-hit-link]').first();
    const href = (await link.getAttribute('href')) ?? '';
    const anchor = href.split('#')[1] ?? '';
    await Promise.all([page.waitForURL(/\/articles\//u), link.click()]);
    expect(new URL(page.url()).hash).toBe(`#${anchor}`);
    const section = page.locator(`#${anchor}`);
    expect(await section.evaluate((el) => el.matches(':target'))).toBe(true);
    const mark = section.locator('mark').first();
    await expect.poll(() => mark.isVisible()).toBe(true);
    const box = await mark.boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
    await page.context().close();
  });

  it.each([
    ['search', '/'],
    ['results', `/search?q=${encodeURIComponent('حفتر')}`],
    ['article', `/articles/seed?q=${encodeURIComponent('حفتر')}#s-2`],
  ])('has no serious or critical accessibility violations on the %s page, and screenshots at 1280 and 360 px', async (name, path) => {
    for (const width of [1280, 360]) {
      const page = await newPage({ width, bypassCSP: true });
      await page.goto(`${base}${path}`);
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${OUTPUT}${name}-${width}.png`, fullPage: true });
      await page.context().close();
    }
  });
});

describe('typing, then Enter', () => {
  it('shows what the URL shows: the scheduled "still typing" request does not replace the submitted results', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    // مصر typed as a prefix also finds مصرف; submitted, it is the word مصر only.
    await page.locator('#q').pressSequentially('مصر', { delay: 20 });
    await page.press('#q', 'Enter');
    await expect.poll(() => query(page)).toBe('مصر');
    await page.waitForTimeout(800);
    const typed = { summary: await page.locator('#results-summary').textContent(), first: await page.locator('[data-hit-link]').first().getAttribute('href') };
    await page.reload();
    const reloaded = { summary: await page.locator('#results-summary').textContent(), first: await page.locator('[data-hit-link]').first().getAttribute('href') };
    expect(typed).toEqual(reloaded);
    await page.context().close();
  });
});

describe('a clean console', () => {
  it('has no console error and no CSP violation on search, typing, Enter, Back and an article', async () => {
    const page = await newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP: ${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto(`${base}/`);
    await page.locator('#q').pressSequentially('حفتر', { delay: 20 });
    await page.press('#q', 'Enter');
    await expect.poll(() => query(page)).toBe('حفتر');
    await page.fill('#q', 'لبنان');
    await page.press('#q', 'Enter');
    await expect.poll(() => query(page)).toBe('لبنان');
    await page.goBack();
    await expect.poll(() => query(page)).toBe('حفتر');
    await page.locator('.hit').first().waitFor();
    await Promise.all([page.waitForURL(/\/articles\//u), page.locator('[data-hit-link]').first().click()]);
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
