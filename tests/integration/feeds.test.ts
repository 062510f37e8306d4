import { describe, expect, it } from 'vitest';
import { createSite } from '../../src/web/site.ts';
import { fixture, seedIndex, testEngine, useSeededSite } from '../helpers.ts';
import { childrenNamed, parseXml, type XmlElement } from '../xml-tree.ts';

// Atom feeds (RFC 4287) of searches and entities on the real engine, over tests/fixtures/dated (a port
// story, الميناء in 7 articles, one undated) and tests/fixtures/desk (three more, with hostile text).
const paths = [fixture('dated'), fixture('desk')];
const seeded = useSeededSite('feeds', { paths, throughProxy: true });
const ATOM = 'http://www.w3.org/2005/Atom';
const port = `q=${encodeURIComponent('الميناء')}`;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/u;

async function feed(path: string, headers: Record<string, string> = {}, app = seeded.site.app): Promise<{ response: Response; xml: string; root: XmlElement }> {
  const response = await app.request(path, { headers });
  expect(response.status, path).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await response.text();
  return { response, xml, root: parseXml(xml) };
}

const only = (element: XmlElement, name: string): XmlElement => {
  const found = childrenNamed(element, name);
  expect(found, `exactly one atom:${name} in atom:${element.name}`).toHaveLength(1);
  return found[0] as XmlElement;
};
const linkOf = (element: XmlElement, rel: string) => childrenNamed(element, 'link').filter((link) => (link.attributes.rel ?? 'alternate') === rel);
const entryIds = (root: XmlElement) => childrenNamed(root, 'entry').map((entry) => only(entry, 'id').text);

/** What RFC 4287 requires of a feed and its entries (4.1.1, 4.1.2), checked element by element. */
function expectValidAtom(root: XmlElement): XmlElement[] {
  expect([root.uri, root.name]).toEqual([ATOM, 'feed']);
  for (const name of ['id', 'title', 'updated']) only(root, name);
  expect(only(root, 'updated').text).toMatch(RFC3339);
  expect(linkOf(root, 'self')).toHaveLength(1);
  expect(linkOf(root, 'alternate').filter((link) => link.attributes.type === 'text/html')).toHaveLength(1);
  expect(only(only(root, 'author'), 'name').text).not.toBe('');
  const entries = childrenNamed(root, 'entry');
  for (const entry of entries) {
    for (const name of ['id', 'title', 'updated', 'summary']) only(entry, name);
    expect(only(entry, 'updated').text).toMatch(RFC3339);
    expect(linkOf(entry, 'alternate')).toHaveLength(1);
    expect(only(entry, 'summary').attributes.type).toBe('text');
    expect(new URL(only(entry, 'id').text).protocol).toBe('urn:');
  }
  return entries;
}

describe('the feed of a search', () => {
  it('is well-formed Atom with the required elements, the newest dated articles first, undated ones left out', async () => {
    const { root } = await feed(`/feed?${port}`);
    const entries = expectValidAtom(root);
    const updated = entries.map((entry) => only(entry, 'updated').text);
    expect(updated).toEqual([...updated].sort().reverse());
    expect(updated).toHaveLength(9);
    expect(only(root, 'updated').text).toBe('2025-03-13T00:00:00Z');
    const links = entries.map((entry) => linkOf(entry, 'alternate')[0]?.attributes.href ?? '');
    expect(links).toContain(`http://localhost/articles/port-2025-03-10?${port}#s-1`);
    expect(links.some((link) => link.includes('port-undated'))).toBe(false);
    expect(only(root, 'title').text).toBe('أرشيف الأخبار: «الميناء»');
  });

  it('gives each entry its snippet as plain text, and hostile article text as text (no control characters, no markup)', async () => {
    const { xml, root } = await feed(`/feed?${port}`);
    expect(xml).not.toContain('<mark>');
    expect(xml).not.toMatch(/[\u0001\u000b]/u);
    const hostile = childrenNamed(root, 'entry').find((entry) => linkOf(entry, 'alternate')[0]?.attributes.href?.includes('desk-formula'));
    expect(hostile && only(hostile, 'title').text).toBe('=HYPERLINK("http://evil.example","الميناء") عرض مريب');
    expect(hostile && only(hostile, 'summary').text).toContain('"الحركة <b>طبيعية</b> & مستقرة"');
    expect(hostile && only(only(hostile, 'author'), 'name').text).toBe('عكاظ');
  });

  it('escapes what the URL carries into the title and links', async () => {
    const q = encodeURIComponent('الميناء <script>&"\u0001\'');
    const { root } = await feed(`/feed?q=${q}&source=${encodeURIComponent('<x>&')}`);
    expectValidAtom(root);
    expect(only(root, 'title').text).toBe('أرشيف الأخبار: «الميناء <script>&"\'»، <x>&');
    const self = new URL(linkOf(root, 'self')[0]?.attributes.href ?? '');
    expect([self.origin, self.pathname, self.searchParams.get('q'), self.searchParams.get('source')]).toEqual(['http://localhost', '/feed', 'الميناء <script>&"\u0001\'', '<x>&']);
  });

  it("keeps the search's filters and range, lists newest first whatever sort the URL asks, and drops the page", async () => {
    const { root } = await feed(`/feed?${port}&source=okaz&from=2025-01-01&sort=oldest&page=3`);
    expectValidAtom(root);
    expect(entryIds(root)).toHaveLength(3);
    expect(childrenNamed(root, 'entry').map((entry) => only(entry, 'updated').text)).toEqual(['2025-03-11T00:00:00Z', '2025-03-10T00:00:00Z', '2025-01-15T00:00:00Z']);
    expect(linkOf(root, 'self')[0]?.attributes.href).toBe(`http://localhost/feed?${port}&source=okaz&from=2025-01-01`);
    expect(linkOf(root, 'alternate')[0]?.attributes.href).toBe(`http://localhost/search?${port}&source=okaz&from=2025-01-01&sort=newest`);
  });

  it('answers 400 naming a bad parameter', async () => {
    const response = await seeded.site.app.request(`/feed?${port}&from=2025-02-30`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('from');
  });
});

describe('entry ids', () => {
  it('are the same across requests, hosts and a reindexing into another index', async () => {
    const first = entryIds((await feed(`/feed?${port}`)).root);
    expect(new Set(first).size).toBe(first.length);
    expect(entryIds((await feed(`http://other.example/feed?${port}`)).root)).toEqual(first);
    const again = await seedIndex(testEngine('feeds-again'), { paths });
    const site = await createSite({ engineUrl: again.engine.url, apiKey: again.engine.key, index: again.engine.index, gazetteer: again.gazetteer });
    try {
      expect(entryIds((await feed(`/feed?${port}`, {}, site.app)).root)).toEqual(first);
    } finally {
      site.stop();
    }
  });
});

describe('polling', () => {
  it('gives an ETag, and 304 without a body to a reader that holds it', async () => {
    const { response } = await feed(`/feed?${port}`);
    const tag = response.headers.get('ETag') ?? '';
    expect(tag).toMatch(/^"[0-9a-f]{40}"$/u);
    const again = await seeded.site.app.request(`/feed?${port}`, { headers: { 'If-None-Match': tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(tag);
    const other = await feed(`/feed?${port}&source=okaz`, { 'If-None-Match': tag });
    expect(other.response.headers.get('ETag')).not.toBe(tag);
  });
});

describe('absolute links', () => {
  it('follow the Host header when PUBLIC_URL is unset, and PUBLIC_URL whatever the Host says when set', async () => {
    // app.request reads the origin from the URL as the Node server reads it from the Host header.
    const { root } = await feed(`http://evil.example/feed?${port}`);
    expect(linkOf(root, 'self')[0]?.attributes.href).toMatch(/^http:\/\/evil\.example\/feed\?/u);
    const site = await createSite({ engineUrl: seeded.engine.url, apiKey: seeded.readKey, index: seeded.engine.index, gazetteer: seeded.gazetteer, publicUrl: 'https://archive.example.org/news' });
    try {
      const pinned = await feed(`http://evil.example/feed?${port}`, {}, site.app);
      expect(linkOf(pinned.root, 'self')[0]?.attributes.href).toBe(`https://archive.example.org/news/feed?${port}`);
      for (const entry of childrenNamed(pinned.root, 'entry')) expect(linkOf(entry, 'alternate')[0]?.attributes.href).toMatch(/^https:\/\/archive\.example\.org\/news\/articles\//u);
    } finally {
      site.stop();
    }
  });
});

describe('the feed of an entity', () => {
  it('lists the newest articles that mention it, links to its page, and 404s for an unknown id', async () => {
    const { root } = await feed('/entities/LB/feed');
    expectValidAtom(root);
    expect(only(root, 'title').text).toBe('أرشيف الأخبار: لبنان');
    expect(linkOf(root, 'alternate')[0]?.attributes.href).toBe('http://localhost/entities/LB');
    expect(linkOf(root, 'self')[0]?.attributes.href).toBe('http://localhost/entities/LB/feed');
    expect(childrenNamed(root, 'entry').map((entry) => linkOf(entry, 'alternate')[0]?.attributes.href)).toEqual(['http://localhost/articles/desk-formula#s-1']);
    expect((await seeded.site.app.request('/entities/nope/feed')).status).toBe(404);
  });
});

describe('the pages name their feed', () => {
  it("in the head and in a visible link, with the search's filters", async () => {
    const html = await (await seeded.site.app.request(`/search?${port}&source=okaz&page=1&sort=oldest`)).text();
    const href = `/feed?${port}&amp;source=okaz`;
    expect(html).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="${href.replace(/[?+]/gu, '\\$&')}"/>`, 'u'));
    expect(html).toContain(`<a class="feed-link" href="${href}" type="application/atom+xml" data-feed-link="true">`);
    const entity = await (await seeded.site.app.request('/entities/LB')).text();
    expect(entity).toContain('<link rel="alternate" type="application/atom+xml" title="لبنان — أرشيف الأخبار" href="/entities/LB/feed"/>');
    expect(entity).toContain('<a class="feed-link" href="/entities/LB/feed"');
  });
});

describe('what a feed costs the engine', () => {
  const engineRequests = async (path: string) => {
    const before = seeded.proxy.seen.length;
    const response = await seeded.site.app.request(path);
    expect(response.status, path).toBe(200);
    await response.arrayBuffer();
    return seeded.proxy.seen.slice(before).filter((request) => request.method === 'POST').length;
  };

  it('is one request, no more than the results page of the same search, whose links to the feed and the export cost nothing', async () => {
    for (const search of [port, `${port}&source=okaz`, `q=${encodeURIComponent('الإضراب OR السوق')}`, 'region=LB']) {
      const api = await engineRequests(`/api/search?${search}`);
      await engineRequests(`/search?${search}`); // the newest date, read once per index version
      const results = await engineRequests(`/search?${search}`);
      const feedCost = await engineRequests(`/feed?${search}`);
      expect(feedCost, search).toBe(1);
      expect(results, search).toBe(api);
      expect(feedCost, search).toBeLessThanOrEqual(results);
    }
  });
});
