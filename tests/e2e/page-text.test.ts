import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGIT_SYSTEM } from '../../views/numbers.ts';
import { launchChromium, openPage, settled } from '../browser.ts';
import { listen } from '../harness.ts';
import { useSeededSite } from '../helpers.ts';

// How the pages write: one digit system in the page's own font, and Arabic placeholders laid out
// right to left. The fixture articles write their own numbers in Latin digits.
const seeded = useSeededSite('e2e-page-text');
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

const PAGE_FONT = 'Noto Naskh Arabic';
const SYSTEMS = ['latn', 'arab', 'arabext'] as const;
const zeroOf = (system: string): number => new Intl.NumberFormat(`en-u-nu-${system}`).format(0).codePointAt(0) ?? 0;
const systemOf = (digit: string): string =>
  SYSTEMS.find((system) => (digit.codePointAt(0) ?? 0) - zeroOf(system) <= 9 && (digit.codePointAt(0) ?? 0) >= zeroOf(system)) ?? `U+${digit.codePointAt(0)?.toString(16)}`;

/** Wraps every run of digits of the page's text in a probe element, and returns the runs. */
const markDigitRuns = (page: Page) =>
  page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    while (walker.nextNode()) if (/\p{Nd}/u.test(walker.currentNode.textContent ?? '')) nodes.push(walker.currentNode as Text);
    const runs: string[] = [];
    for (const node of nodes) {
      const parts = (node.textContent ?? '').split(/(\p{Nd}+)/u);
      node.replaceWith(
        ...parts.map((part, i) => {
          if (i % 2 === 0) return part;
          runs.push(part);
          const probe = document.createElement('span');
          probe.dataset.digitProbe = '';
          probe.textContent = part;
          return probe;
        }),
      );
    }
    return runs;
  });

/** The fonts Chromium drew each probe with (DevTools protocol: the platform fonts of a node). */
async function fontsOfProbes(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-digit-probe]' });
  const families = new Set<string>();
  for (const nodeId of nodeIds) for (const font of (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts) families.add(font.familyName);
  await cdp.detach();
  return [...families];
}

describe('numbers on the pages', () => {
  it.each([
    ['home', '/'],
    ['results', '/search?q='],
    ['results of a query', `/search?q=${encodeURIComponent('الخرطوم')}`],
    ['article', `/articles/sudan-talks-2025?q=${encodeURIComponent('الخرطوم')}`],
    ['long article', '/articles/seed'],
    ['entity', '/entities/SD'],
  ])('are written in one digit system, the chosen one, drawn in the page font: %s', async (_name, path) => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}${path}`);
    await settled(page);
    const runs = await markDigitRuns(page);
    expect(runs.length).toBeGreaterThan(0);
    expect([...new Set(runs.join('').split('').map(systemOf))]).toEqual([DIGIT_SYSTEM]);
    await settled(page);
    expect(await fontsOfProbes(page)).toEqual([PAGE_FONT]);
    await page.context().close();
  });
});

describe('placeholders', () => {
  /** Where the quotes of the placeholder land, laid out in the direction the box has while it shows it. */
  const quotePositions = (page: Page) =>
    page.locator('#q').evaluate((input: HTMLInputElement) => {
      const probe = document.createElement('div');
      probe.dir = getComputedStyle(input).direction;
      probe.textContent = input.placeholder;
      document.body.append(probe);
      const text = probe.firstChild as Text;
      const centre = (i: number) => {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const box = range.getBoundingClientRect();
        return box.x + box.width / 2;
      };
      const open = input.placeholder.indexOf('«');
      const close = input.placeholder.indexOf('»');
      const positions = { open: centre(open), first: centre(open + 1), last: centre(close - 1), close: centre(close) };
      probe.remove();
      return positions;
    });

  it('the search box shows its Arabic example right to left, the quotes around the phrase; typed Latin text stays left to right', async () => {
    const page = await openPage(browser, { viewport: { width: 360, height: 740 } });
    await page.goto(`${base}/search?q=`);
    const direction = (selector: string) => page.locator(selector).evaluate((el) => getComputedStyle(el).direction);
    expect(await direction('#q')).toBe('rtl');
    expect(await direction('.facet-filter >> nth=0')).toBe('rtl');
    const at = await quotePositions(page);
    // Right to left: « stands right of the phrase's first letter, » left of its last.
    expect(at.open).toBeGreaterThan(at.first);
    expect(at.close).toBeLessThan(at.last);
    await page.locator('#q').fill('Haftar');
    expect(await direction('#q')).toBe('ltr');
    await page.locator('#q').fill('حفتر');
    expect(await direction('#q')).toBe('rtl');
    await page.context().close();
  });
});
