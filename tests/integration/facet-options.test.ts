import { describe, expect, it } from 'vitest';
import { useSeededSite } from '../helpers.ts';

// A facet list sends its first options with the results and the rest when its "more" is opened
// (htmx), or, without JS, on a page that shows that list whole (docs/decisions.md#facet-options-on-demand).
const seeded = useSeededSite('facet-options');
const SHOWN = 8;

const get = (path: string, headers: Record<string, string> = {}) => seeded.site.app.request(path, { headers });
const fragment = async (path: string): Promise<string> => {
  const response = await get(path, { 'HX-Request': 'true' });
  expect(response.status).toBe(200);
  return await response.text();
};
/** Region ids of the option links of an HTML text, in order. */
const regionOptions = (html: string, listId = 'facet-region'): string[] => {
  const list = new RegExp(`<ul (?:id|data-list-of)="${listId}">(.*?)</ul>`, 'gsu');
  return [...html.matchAll(list)].flatMap((match) => [...(match[1] ?? '').matchAll(/class="facet-option[^"]*" href="([^"]*)"/gu)].map((link) => (link[1] ?? '').replaceAll('&amp;', '&')));
};
const regionsOf = async (query: string): Promise<Record<string, number>> => ((await (await get(`/api/search?${query}`)).json()) as { facets: { region: Record<string, number> } }).facets.region;

describe('facet options on demand', () => {
  it('sends the first options with the results, and the rest when asked', async () => {
    const counts = await regionsOf('');
    expect(Object.keys(counts).length).toBeGreaterThan(SHOWN);
    const results = await fragment('/search');
    expect(regionOptions(results)).toHaveLength(SHOWN);
    expect(results).toMatch(/<details class="facet-more"><summary hx-get="\/search\/facet-options\?facet=region" hx-trigger="toggle once from:closest details"/u);
    expect(results).toContain('href="/search?more=region"');
    const rest = await fragment('/search/facet-options?facet=region');
    expect(rest).not.toContain('<html');
    // Together, once each, every option the API counts.
    const all = [...regionOptions(results), ...[...rest.matchAll(/href="([^"]*)"/gu)].map((link) => (link[1] ?? '').replaceAll('&amp;', '&'))];
    expect(new Set(all).size).toBe(all.length);
    expect(all.map((href) => new URLSearchParams(href.split('?')[1]).get('region')).sort()).toEqual(Object.keys(counts).sort());
  });

  it('keeps the search in the request for the rest, and shows a selected option at once wherever it ranks', async () => {
    const dated = 'from=2020-01-01&sort=oldest';
    const ranked = Object.entries(await regionsOf(dated)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    expect(ranked.length).toBeGreaterThan(SHOWN + 1);
    const last = ranked.at(-1)?.[0] ?? '';
    const results = await fragment(`/search?${dated}&region=${last}`);
    const shown = regionOptions(results);
    // The first ones, then the selected one (its link takes the filter off).
    expect(shown).toHaveLength(SHOWN + 1);
    expect(results).toMatch(
      /class="facet-option selected" href="\/search\?from=2020-01-01&amp;sort=oldest" aria-current="true"><span class="check" aria-hidden="true"><\/span><span class="facet-name">[^<]+<\/span><span class="count">1<\/span>/u,
    );
    const more = (/hx-get="(\/search\/facet-options[^"]*facet=region)"/u.exec(results)?.[1] ?? '').replaceAll('&amp;', '&');
    expect(Object.fromEntries(new URLSearchParams(more.split('?')[1]))).toEqual({ region: last, from: '2020-01-01', sort: 'oldest', facet: 'region' });
    const rest = [...(await fragment(more)).matchAll(/href="([^"]*)"/gu)].map((link) => new URLSearchParams((link[1] ?? '').replaceAll('&amp;', '&').split('?')[1]).getAll('region'));
    expect(rest).toHaveLength(ranked.length - SHOWN - 1);
    // Each option of the rest adds its region to the selected one.
    for (const regions of rest) expect(regions[0]).toBe(last);
    const ids = [...shown.map((href) => new URLSearchParams(href.split('?')[1]).getAll('region').find((id) => id !== last) ?? last), ...rest.map((regions) => regions[1])];
    expect(ids.sort()).toEqual(ranked.map(([id]) => id).sort());
  });

  it('without JS: the link opens the page with that list whole, and the options route sends there', async () => {
    const page = await (await get('/search?more=region')).text();
    expect(page).toContain('<!DOCTYPE html>');
    expect(page).toMatch(/<details class="facet-more" open="">/u);
    expect(regionOptions(page).length + regionOptions(page, 'facet-region').length).toBeGreaterThan(SHOWN);
    const redirect = await get('/search/facet-options?q=x&facet=actor');
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('Location')).toBe('/search?q=x&more=actor');
  });

  it('refuses a facet it does not know, naming the parameter', async () => {
    for (const [path, parameter] of [
      ['/search?more=country', 'more'],
      ['/search/facet-options?facet=%3Cscript%3E', 'facet'],
      ['/search/facet-options', 'facet'],
    ] as const) {
      const response = await get(path, { 'HX-Request': 'true' });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(parameter);
    }
  });
});
