// Debian's Chromium, driven by playwright-core (playwright cannot download its own browsers here).
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

/** A page of its own context (Arabic locale) on which any script error fails the test. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'ar', ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/**
 * Until the web fonts are in and the page has stopped scrolling (the stylesheet asks for smooth
 * scrolling, so landing on an anchor far down takes a while): layout and scroll have settled.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const frames = (n: number) => new Promise<void>((resolve) => (n === 0 ? resolve() : requestAnimationFrame(() => void frames(n - 1).then(resolve))));
    let last = Number.NaN;
    while (scrollY !== last) {
      last = scrollY;
      await frames(10);
    }
  });
}
