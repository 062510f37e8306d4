import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, useSeededSite } from '../helpers.ts';

// An article whose every field is hostile markup, and whose source link is a script URL.
const HOSTILE_ARTICLE = `---
id: hostile-markup
title: "عنوان <script>alert('title')</script> عن المكتبات"
date: 2025-04-01
source: <img src=x onerror=alert('source')>
url: javascript:alert(document.cookie)
---

مقدمة عن المكتبات فيها <iframe src="javascript:alert(1)"></iframe> و<a href="javascript:alert(2)">رابط</a>.

## عنوان فرعي <img src=x onerror=alert('heading')> عن المكتبات

نص <svg onload=alert('text')></svg> عن المكتبات و"><script>alert('quote')</script>.
`;

const folder = mkdtempSync(join(tmpdir(), 'hostile-'));
beforeAll(() => {
  cpSync(fixture('articles'), folder, { recursive: true });
  cpSync(fixture('bad/html-markup.md'), join(folder, 'html-markup.md'));
  writeFileSync(join(folder, 'hostile-markup.md'), HOSTILE_ARTICLE);
});
const seeded = useSeededSite('hostile', { paths: [folder] });
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const enc = encodeURIComponent;
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  "' onmouseover='alert(1)' x='",
  'javascript:alert(1)',
  '</textarea></title><script>alert(1)</script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<ScRiPt src=//evil.example/x.js></ScRiPt>',
];
const INJECTIONS = ['LY" OR id EXISTS', 'LY\\" OR id EXISTS', '"', '\\', 'LY\nOR id EXISTS', '\u0000', "LY' OR '1'='1", 'LY"] OR regions EXISTS OR x IN ["', 'ly', ' '];
const NUMBERS = ['-1', '0', '1e9', 'abc', '1.5', ' 2', '٢', '99999999999999999999', '0x10', '', '1000', '50', '51'];

/** Query strings, already encoded, each one hostile in its own way, and what the search routes answer (other routes ignore them: 200). */
const QUERIES: [string, string, 200 | 400][] = [
  ['a very long q', `q=${enc('حفتر '.repeat(2000))}`, 200],
  ['control characters', `q=${enc('حفتر\u0000\u0007\u001b[31m\r\n\t\u007f')}`, 200],
  ['bidi overrides and isolates', `q=${enc('\u202Eحفتر\u202C \u2066abc\u2069 \u200F\u061C\u202D')}`, 200],
  ['only punctuation', `q=${enc('!!! ... ،؛؟ «» "" -- * () [] {} \\ / | ~ ^ :')}`, 200],
  ['a lone quote', `q=${enc('"')}`, 200],
  ['a lone minus', 'q=-', 200],
  ['engine filter syntax in q', `q=${enc('حفتر AND id EXISTS OR _geoRadius(0,0,1)')}`, 200],
  ['bad percent-encoding', 'q=%E0%A4%A&region=%&actor=%ZZ', 200],
  ['invalid UTF-8 bytes', 'q=%ED%A0%80%FF%FE', 200],
  ['an encoded NUL', 'q=%00&region=%00', 200],
  ['unknown parameters', 'foo=bar&__proto__=x&constructor=1&hasOwnProperty=1&q[]=x', 200],
  ['repeated q', 'q=a&q=b', 200],
  ['repeated page and limit', 'page=1&page=2&limit=5&limit=500', 200],
  ['too many filter values', Array.from({ length: 21 }, (_, i) => `region=R${i}`).join('&'), 400],
  ['a deep page of a fan-out query', `q=${enc('حفتر مصر ليبيا السودان')}&page=1000&limit=50`, 200],
  ...XSS.map((payload): [string, string, 200] => [`XSS ${payload}`, `q=${enc(payload)}`, 200]),
  ...XSS.map((payload): [string, string, 200] => [`XSS in a filter ${payload}`, `region=${enc(payload)}&actor=${enc(payload)}`, 200]),
  ...INJECTIONS.map((value): [string, string, 200] => [`filter injection ${JSON.stringify(value)}`, `region=${enc(value)}&actor=${enc(value)}`, 200]),
  ...NUMBERS.flatMap((value): [string, string, 200 | 400][] => [
    [`page=${JSON.stringify(value)}`, `q=x&page=${enc(value)}`, ['', ' 2', '50', '51', '1000'].includes(value) ? 200 : 400],
    [`limit=${JSON.stringify(value)}`, `q=x&limit=${enc(value)}`, ['', ' 2', '50'].includes(value) ? 200 : 400],
  ]),
];

type Route = { name: string; path: (query: string) => string; headers?: Record<string, string>; kind: 'page' | 'fragment' | 'json'; searches?: true };
const ROUTES: Route[] = [
  { name: 'the search page /', path: (query) => `/?${query}`, kind: 'page' },
  { name: '/search (full page)', path: (query) => `/search?${query}`, kind: 'page', searches: true },
  { name: '/search (htmx fragment)', path: (query) => `/search?${query}`, headers: { 'HX-Request': 'true', 'HX-Trigger': 'q' }, kind: 'fragment', searches: true },
  { name: '/api/search', path: (query) => `/api/search?${query}`, kind: 'json', searches: true },
  { name: 'an article page', path: (query) => `/articles/seed?${query}`, kind: 'page' },
  { name: 'an entity page', path: (query) => `/entities/khalifa-haftar?${query}`, kind: 'page' },
];

/** The nonce of the response's CSP: the only scripts allowed to run carry it. */
function nonceOf(response: Response): string {
  const nonce = /script-src [^;]*'nonce-([^']+)'/u.exec(response.headers.get('Content-Security-Policy') ?? '')?.[1];
  expect(nonce, 'a CSP nonce').toBeTruthy();
  return nonce ?? '';
}

/** No markup of the input survives as markup: our scripts only, no event handlers, no script URLs. */
function expectSafeHtml(html: string, kind: 'page' | 'fragment', nonce: string) {
  const scripts = html.match(/<script[^>]*>/giu) ?? [];
  expect(scripts.length).toBe(kind === 'page' ? 2 : 0);
  for (const script of scripts) expect(script).toMatch(/^<script (?:type="module" )?src="\/assets\/[a-z]+\.[0-9a-f]{12}\.js" nonce="[^"]+"(?: defer(?:="")?)?>$/u);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  // The one <svg> a page may hold is the coverage chart's, written by the server with fixed attributes.
  expect(html).not.toMatch(/<script>alert|<img|<svg(?! class="coverage-bars" viewBox="0 0 \d+ 100" preserveAspectRatio="none" role="group" aria-label="[^"<>]*">)|<iframe|<a href="javascript/iu);
  for (const [tag] of html.matchAll(/<[a-z][a-z0-9-]*(?:\s[^>]*)?>/giu)) {
    // Attribute names only: an escaped payload inside a quoted value is text.
    expect(tag.replace(/="[^"]*"/gu, '=""'), 'no event handler attribute').not.toMatch(/\son[a-z]+\s*=/iu);
    for (const [, value = ''] of tag.matchAll(/\s(?:href|src|action|formaction)="([^"]*)"/giu)) expect(value).toMatch(/^(?:\/|#|https?:\/\/)/u);
  }
  // A bidi override echoed from the input stays isolated (in a <bdi> or an attribute value): it cannot flip the page around it.
  expect(html.replace(/<bdi[^>]*>[^<]*<\/bdi>/gu, '').replace(/="[^"]*"/gu, '=""')).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
}

describe('a matrix of hostile queries on every route', () => {
  for (const route of ROUTES) {
    it.each(QUERIES)(`${route.name}: %s → 200 or 400 as expected, never 5xx, nothing unescaped`, async (_name, query, searchStatus) => {
      const response = await seeded.site.app.request(route.path(query), { headers: route.headers });
      expect(response.status).toBe(route.searches ? searchStatus : 200);
      const body = await response.text();
      if (route.kind === 'json') {
        expect(response.headers.get('Content-Type')).toMatch(/^application\/json/u);
        const parsed = JSON.parse(body) as { hits?: unknown[]; error?: string };
        expect(response.status === 200 ? Array.isArray(parsed.hits) : typeof parsed.error === 'string').toBe(true);
      } else {
        expect(response.headers.get('Content-Type')).toMatch(/^text\/html/u);
        expectSafeHtml(body, response.status === 200 ? route.kind : 'page', nonceOf(response));
      }
    });
  }

  it.each([
    ['/articles/', '<script>alert(1)</script>'],
    ['/articles/', '"><img src=x onerror=alert(1)>'],
    ['/articles/', '../../etc/passwd'],
    ['/articles/', 'seed" OR id EXISTS'],
    ['/entities/', '"><img src=x onerror=alert(1)>'],
    ['/entities/', '__proto__'],
    ['/entities/', 'constructor'],
    ['/entities/', 'LY" OR id EXISTS'],
  ])('%s%s (a hostile id) → 404 page, escaped', async (prefix, id) => {
    const response = await seeded.site.app.request(`${prefix}${enc(id)}?q=${enc(id)}`);
    expect(response.status).toBe(404);
    expectSafeHtml(await response.text(), 'page', nonceOf(response));
  });
});

interface ApiAnswer {
  total: number;
  query: string;
  notices: string[];
  hits: { id: string; articleId: string; title: string; heading: string | null; snippet: string; source: string | null; otherSections: { n: number; heading: string | null }[] }[];
}
const api = async (query: string): Promise<ApiAnswer> => {
  const response = await seeded.site.app.request(`/api/search?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ApiAnswer;
};

describe('what hostile queries are turned into', () => {
  it('caps a very long query with a notice on the page and in the API', async () => {
    const long = enc('حفتر '.repeat(2000));
    const answer = await api(`q=${long}`);
    expect(answer.notices.join(' ')).toContain('اقتُطع الاستعلام');
    expect(answer.total).toBe(1);
    expect(await (await seeded.site.app.request(`/search?q=${long}`)).text()).toContain('اقتُطع الاستعلام');
  });

  it('treats control characters and bidi overrides as spaces in the search', async () => {
    const plain = await api(`q=${enc('حفتر')}`);
    expect((await api(`q=${enc('\u202Eحفتر\u202C')}`)).total).toBe(plain.total);
    expect((await api(`q=${enc('\u0000حفتر\u0007')}`)).total).toBe(plain.total);
  });

  it('takes the first of repeated single parameters', async () => {
    expect((await api('q=a&q=b')).query).toBe('a');
    const response = await seeded.site.app.request('/api/search?q=&page=1&page=2&limit=2&limit=500');
    expect(await response.json()).toMatchObject({ page: 1, pageSize: 2 });
  });

  it.each(['-1', '0', '1e9', 'abc', '1.5', '٢'])('answers page=%s and limit=%s with a 400 that names the parameter', async (value) => {
    for (const parameter of ['page', 'limit']) {
      const response = await seeded.site.app.request(`/api/search?q=x&${parameter}=${enc(value)}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ parameter });
      const page = await seeded.site.app.request(`/search?q=x&${parameter}=${enc(value)}`);
      expect(page.status).toBe(400);
      expect(await page.text()).toContain(`المعامل ${parameter} غير صالح`);
    }
  });

  it.each(INJECTIONS)('ignores the injected filter %j with a notice and never widens the results', async (value) => {
    const unknown = await api('q=&region=no-such-region');
    const injected = await api(`q=&region=${enc(value)}`);
    expect(injected.total).toBeLessThanOrEqual(unknown.total);
    if (value.trim() !== '') expect(injected.notices.join(' ')).toContain('تجاهلنا مرشحات غير معروفة');
    // Next to a real filter it must not add anything either.
    const egypt = await api('q=&region=EG');
    expect(egypt.total).toBeGreaterThan(0);
    expect((await api(`q=&region=EG&region=${enc(value)}`)).total).toBe(egypt.total);
    expect((await api(`q=&actor=khalifa-haftar&actor=${enc(value)}`)).total).toBe((await api('q=&actor=khalifa-haftar')).total);
  });
});

describe('markup inside indexed articles', () => {
  it('shows it escaped in the results fragment and the full results page', async () => {
    for (const headers of [{ 'HX-Request': 'true' }, {}] as Record<string, string>[]) {
      const response = await seeded.site.app.request(`/search?q=${enc('المكتبات')}&limit=50`, { headers });
      const html = await response.text();
      expect(html).toContain('&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;');
      expect(html).toContain('&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;');
      expectSafeHtml(html, 'HX-Request' in headers ? 'fragment' : 'page', nonceOf(response));
    }
  });

  it('sends it as text in the API, and escaped in the HTML snippets', async () => {
    const response = await seeded.site.app.request(`/api/search?q=${enc('المكتبات')}&limit=50`);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/u);
    const answer = (await response.json()) as ApiAnswer;
    // One result per article: the hostile article's other section is listed under it, its heading as text.
    const hostile = answer.hits.filter((hit) => hit.articleId === 'hostile-markup');
    expect(hostile.length).toBe(1);
    expect(hostile[0]?.title).toBe("عنوان <script>alert('title')</script> عن المكتبات");
    expect([hostile[0]?.heading, ...(hostile[0]?.otherSections ?? []).map((other) => other.heading)]).toContain("عنوان فرعي <img src=x onerror=alert('heading')> عن المكتبات");
    for (const hit of answer.hits) {
      expect(hit.snippet).not.toMatch(/<(?!\/?mark>)/u);
    }
    const second = (await (await seeded.site.app.request(`/api/search?q=onload`)).json()) as ApiAnswer;
    expect(second.hits.map((hit) => hit.snippet.replace(/<\/?mark>/gu, '')).join(' ')).toContain('&lt;svg onload=alert(&#39;text&#39;)&gt;');
  });

  it('shows it escaped on the article page, and does not link a script URL as the source', async () => {
    for (const id of ['hostile-markup', 'html-markup']) {
      const response = await seeded.site.app.request(`/articles/${id}?q=${enc('المكتبات')}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expectSafeHtml(html, 'page', nonceOf(response));
      expect(html).toContain('&lt;script&gt;');
    }
    const html = await (await seeded.site.app.request('/articles/hostile-markup')).text();
    expect(html).toContain('&lt;img src=x onerror=alert(&#39;heading&#39;)&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(&#39;source&#39;)&gt;');
    expect(html).not.toContain('javascript:alert(document.cookie)"');
  });
});
