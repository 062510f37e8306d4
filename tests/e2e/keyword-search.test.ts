import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../harness.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// What the page shows of a keyword query's meaning: the syntax, phrases, OR, the required words and
// what was searched instead, and one result per article with its other sections.
const seeded = useSeededSite('e2e-keywords', { paths: [fixture('keywords')] });
let server: Awaited<ReturnType<typeof listen>> | undefined;
let browser: Browser;

beforeAll(async () => {
  server = await listen(seeded.site.app);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function results(q: string, javaScriptEnabled = true): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled, locale: 'ar' })).newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server?.origin}/`);
  await page.fill('#q', q);
  await Promise.all([page.waitForURL(/\/search\?q=/u), page.press('#q', 'Enter')]);
  await page.locator('#results-summary, .empty-state').first().waitFor();
  return page;
}

const titles = (page: Page) => page.locator('.hit-title').allTextContents();

describe('keyword search on the page', () => {
  it('documents the syntax under the search box', async () => {
    const page = await results('زلزال');
    const help = await page.locator('#search-help').textContent();
    for (const part of ['كل الكلمات', 'OR', '-كلمة', '«…»']) expect(help).toContain(part);
    await page.context().close();
  });

  it.each([true, false])('shows a phrase as written, OR, and the notices (JavaScript %s)', async (javaScriptEnabled) => {
    let page = await results('"مجلس الأمن الدولي"', javaScriptEnabled);
    expect(await titles(page)).toEqual(['اجتماع طارئ لمجلس الأمن الدولي']);
    await page.context().close();

    page = await results('زلزال OR بركان', javaScriptEnabled);
    expect((await titles(page)).sort()).toEqual(['ثوران بركان في إندونيسيا', 'زلزال قوي يضرب اليابان']);
    await page.context().close();

    page = await results('زلزال المريخ', javaScriptEnabled);
    expect(await page.locator('.notice').allTextContents()).toContainEqual(expect.stringContaining('لا ترد في الأرشيف: المريخ'));
    expect(await titles(page)).toEqual(['زلزال قوي يضرب اليابان']);
    await page.context().close();

    page = await results('زلزال إندونيسيا', javaScriptEnabled);
    expect((await page.locator('.notice').allTextContents()).join(' ')).toContain('لا يوجد مقال يضم كل الكلمات');
    expect(await page.locator('.hit').count()).toBe(2);
    await page.context().close();
  });

  it('lists an article once, its other matching sections under it, each a link to its section', async () => {
    const page = await results('الكهرباء');
    expect(await page.locator('.hit').count()).toBe(1);
    expect(await page.locator('#results-summary').textContent()).toContain('مقال');
    const others = page.locator('.other-sections');
    await others.locator('summary').click();
    const links = await others.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toHaveLength(2);
    const own = await page.locator('[data-hit-link]').getAttribute('href');
    for (const href of links) expect(href).toMatch(/^\/articles\/power-cuts\?q=.+#s-[1-3]$/u);
    expect(new Set([own, ...links]).size).toBe(3);
    await Promise.all([page.waitForURL(/#s-[1-3]$/u), others.locator('a').first().click()]);
    await page.context().close();
  });
});
