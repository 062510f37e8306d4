import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, settled } from '../browser.ts';
import { listen } from '../harness.ts';
import { useSeededSite } from '../helpers.ts';

// Landing on a section from a link, and copying a section's link: what a reader who follows or
// shares a quote sees. The fixture article sudan-talks-2025 has a date and a source; seed is long.
const seeded = useSeededSite('e2e-landing');
let server: Awaited<ReturnType<typeof listen>> | undefined;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = await listen(seeded.site.app);
  base = server.origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Which of the texts some visible element shows whole inside the viewport (by its text, or a <time> by its datetime). */
const shownInViewport = (page: Page, texts: string[]) =>
  page.evaluate((wanted) => {
    const inView = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.top >= 0 && box.bottom <= innerHeight && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    };
    const shown = (text: string) => [...document.body.querySelectorAll('*')].some((el) => (el.textContent?.trim() === text || el.getAttribute('datetime') === text) && inView(el));
    return wanted.filter(shown);
  }, texts);

/** The top of the section and the lowest bottom of what stays stuck to the top of the viewport. */
const sectionAndCover = (page: Page, anchor: string) =>
  page.evaluate((id) => {
    const stuck = [...document.body.querySelectorAll('*')].filter((el) => {
      const position = getComputedStyle(el).position;
      return (position === 'fixed' || position === 'sticky') && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && el.getBoundingClientRect().top <= 0;
    });
    return { section: document.getElementById(id)?.getBoundingClientRect().top ?? Number.NaN, cover: Math.max(0, ...stuck.map((el) => el.getBoundingClientRect().bottom)) };
  }, anchor);

describe.each([
  [360, 740],
  [1280, 800],
])('landing on a section at %i×%i', (width, height) => {
  it.each([
    ['seed', 4],
    ['sudan-talks-2025', 3],
  ])('of %s (section %i) shows the article title, date and source, and leaves the section heading uncovered', async (id, n) => {
    const page = await openPage(browser, { viewport: { width, height } });
    await page.goto(`${base}/articles/${id}#s-${n}`);
    await settled(page);
    const title = ((await page.locator('h1').textContent()) ?? '').trim();
    const facts = id === 'seed' ? [title] : [title, '2025-03-14', 'تحرير الأرشيف'];
    expect(await shownInViewport(page, facts)).toEqual(facts);
    const { section, cover } = await sectionAndCover(page, `s-${n}`);
    expect(section).toBeGreaterThanOrEqual(cover - 1);
    // Landed: the section starts on screen (a short article's last one cannot reach the top).
    expect(section).toBeLessThan(height);
    await page.context().close();
  });
});

describe('copying a section link', () => {
  const path = `/articles/seed?q=${encodeURIComponent('حفتر')}`;

  /** Opens the article with section 3's link at the bottom of the viewport (following it would scroll) and clicks it. */
  async function copySection3(page: Page) {
    await page.goto(`${base}${path}`);
    await settled(page);
    const link = page.locator('#s-3 [data-copy-link]');
    await link.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await settled(page);
    const before = await page.evaluate(() => ({ scrollY: Math.round(scrollY), entries: history.length }));
    await link.click();
    // A smooth scroll to the anchor, had it started, would be well under way.
    await page.waitForTimeout(600);
    const after = await page.evaluate(() => ({ scrollY: Math.round(scrollY), entries: history.length }));
    return { before, after, link };
  }

  it('puts the absolute section URL on the clipboard without scrolling or adding a history entry', async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const { before, after, link } = await copySection3(page);
    expect(after).toEqual(before);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${base}${path}#s-3`);
    expect(await link.getAttribute('data-copied')).toBe('');
    await page.context().close();
  });

  it('without the Clipboard API (plain HTTP), copies the same URL with the copy command, still without moving', async () => {
    const page = await openPage(browser, { viewport: { width: 360, height: 740 } });
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
      // On window, the copy event's last stop: what the page put on the clipboard by then is what is copied.
      window.addEventListener('copy', (event) => Object.assign(window, { copiedText: event.clipboardData?.getData('text/plain') || String(document.getSelection()) }));
    });
    const { before, after } = await copySection3(page);
    expect(after).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { copiedText?: string }).copiedText)).toBe(`${base}${path}#s-3`);
    await page.context().close();
  });
});
