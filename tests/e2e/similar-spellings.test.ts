import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.ts';
import { listen } from '../harness.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// Similar articles under an article, and the spellings a name was searched in, in a browser with and
// without JavaScript, over tests/fixtures/similar (a flood story told three times) and
// tests/fixtures/spellings (Putin as بوتين and بوتن).
const seeded = useSeededSite('e2e-similar', { paths: [fixture('similar'), fixture('spellings')] });
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

async function open(path: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1280, height: 900 }, locale: 'ar', bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server?.origin}${path}`);
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: string) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run('body');
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
}

describe('similar articles in a browser', () => {
  it('are links under the article, followed without JavaScript', async () => {
    const page = await open('/articles/tabuk-floods-okaz', { javaScriptEnabled: false });
    const links = page.locator('aside.similar li a');
    expect(await page.locator('#similar-heading').textContent()).toBe('مقالات مشابهة');
    expect(await links.count()).toBeGreaterThanOrEqual(2);
    const first = await links.first().getAttribute('href');
    await Promise.all([page.waitForURL(`**${first}`), links.first().click()]);
    expect(['/articles/tabuk-floods-alyaum', '/articles/tabuk-floods-sabq']).toContain(new URL(page.url()).pathname);
    await page.context().close();
  });

  it.each([1280, 360])('have no serious accessibility violation and fit a %i px screen', async (width) => {
    const page = await open('/articles/tabuk-floods-okaz', { width });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});

describe('a name searched in every spelling, in a browser', () => {
  it('says which spellings were searched, with JavaScript and without', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await open(`/search?q=${encodeURIComponent('بوتن')}`, { javaScriptEnabled });
      await expect.poll(() => page.locator('.hit').count()).toBe(2);
      expect(await page.locator('.summary .notice').allTextContents()).toContain('بحثنا عن «بوتن» بكل صيغ كتابته في الأرشيف: بوتين، بوتن');
      // axe runs as a script: only where scripts run.
      if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }
  });
});
