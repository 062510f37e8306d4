import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.ts';
import { settingsHold } from '../../src/engine/settings.ts';
import { BadParameterError, searchRequestFrom } from '../../src/web/request-params.ts';

const params = (query: string) => {
  const url = new URLSearchParams(query);
  return (name: string) => (url.has(name) ? url.getAll(name) : undefined);
};

describe('search parameters', () => {
  it('reads q, repeated filters, page and limit', () => {
    expect(searchRequestFrom(params('q=حفتر&region=LY&region=EG&actor=khalifa-haftar&page=2&limit=20'))).toEqual({
      q: 'حفتر',
      regions: ['LY', 'EG'],
      actors: ['khalifa-haftar'],
      sources: [],
      with: [],
      from: null,
      to: null,
      sort: 'relevance',
      page: 2,
      limit: 20,
    });
  });

  it('reads sources, a date range and the sort', () => {
    expect(searchRequestFrom(params('source=aawsat&source=okaz&from=2015-07-01&to=2015-07-31&sort=newest'))).toMatchObject({
      sources: ['aawsat', 'okaz'],
      from: '2015-07-01',
      to: '2015-07-31',
      sort: 'newest',
    });
    expect(searchRequestFrom(params('from=2015-07-01'))).toMatchObject({ from: '2015-07-01', to: null });
    expect(searchRequestFrom(params('from=&to=&sort='))).toMatchObject({ from: null, to: null, sort: 'relevance' });
  });

  it.each([
    ['from=2015-02-30', 'from'],
    ['from=15-07-01', 'from'],
    ['from=2015-7-1', 'from'],
    ['to=2015-07-01T00:00', 'to'],
    ['to=0201-07-01', 'to'],
    ['from=2015-07-01%22%20OR%20day%20%3E%200', 'from'],
    ['from=2015-08-01&to=2015-07-01', 'to'],
    ['sort=date', 'sort'],
    ['sort=%3Cscript%3E', 'sort'],
    [`source=${'x'.repeat(201)}`, 'source'],
  ])('rejects %s naming %s', (query, name) => {
    expect(() => searchRequestFrom(params(query))).toThrow(BadParameterError);
    try {
      searchRequestFrom(params(query));
    } catch (error) {
      expect((error as BadParameterError).parameter).toBe(name);
    }
  });

  it('reads the entities every result must mention too (with), as a list like the filters', () => {
    expect(searchRequestFrom(params('with=SA&with=YE&with=SA'))).toMatchObject({ with: ['SA', 'YE', 'SA'] });
    expect(() => searchRequestFrom(params(Array.from({ length: 21 }, (_, i) => `with=e${i}`).join('&')))).toThrow(/at most 20 with values/u);
  });

  it('takes the first of repeated single values and defaults the rest', () => {
    expect(searchRequestFrom(params('q=a&q=b'))).toEqual({ q: 'a', regions: [], actors: [], sources: [], with: [], from: null, to: null, sort: 'relevance', page: 1, limit: 10 });
  });

  it.each(['page=0', 'page=-1', 'page=abc', 'page=1.5', 'page=100000', 'limit=0', 'limit=51', 'limit=ten'])('rejects %s naming the parameter', (query) => {
    const name = query.split('=')[0];
    expect(() => searchRequestFrom(params(query))).toThrow(BadParameterError);
    try {
      searchRequestFrom(params(query));
    } catch (error) {
      expect((error as BadParameterError).parameter).toBe(name);
    }
  });
});

describe('configuration', () => {
  it('defaults to the embedded engine on port 3000', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      meiliUrl: null,
      meiliMasterKey: null,
      meiliSearchKey: null,
      network: null,
      index: 'sections',
      engineHome: '.meili',
      dataDir: 'data',
      publicUrl: null,
    });
  });

  it('reads PUBLIC_URL as an http(s) address without its trailing slash', () => {
    expect(readConfig({ PUBLIC_URL: 'https://archive.example.org/' }).publicUrl).toBe('https://archive.example.org');
    expect(readConfig({ PUBLIC_URL: ' http://Example.org:8080/news/ ' }).publicUrl).toBe('http://example.org:8080/news');
  });

  it.each([
    [{ MEILI_URL: 'http://engine:7700' }, /MEILI_MASTER_KEY is not/u],
    [{ MEILI_URL: 'http://engine:7700', MEILI_MASTER_KEY: 'short' }, /too short/u],
    [{ MEILI_URL: 'engine:7700', MEILI_MASTER_KEY: 'a-long-enough-master-key' }, /http\(s\) URL/u],
    [{ PORT: 'eighty' }, /PORT/u],
    [{ MEILI_INDEX: 'bad name' }, /MEILI_INDEX/u],
    [{ PUBLIC_URL: 'archive.example.org' }, /PUBLIC_URL/u],
    [{ PUBLIC_URL: 'javascript:alert(1)' }, /PUBLIC_URL/u],
    [{ PUBLIC_URL: 'https://archive.example.org/?a=1' }, /PUBLIC_URL/u],
    [{ PUBLIC_URL: 'https://user:pw@archive.example.org' }, /PUBLIC_URL/u],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});

describe('settings comparison', () => {
  it('holds when the engine has our values plus its defaults, in any order for sets', () => {
    expect(
      settingsHold({ filterableAttributes: ['b', 'a'], typoTolerance: { enabled: true } }, { filterableAttributes: ['a', 'b'], typoTolerance: { enabled: true, disableOnWords: [] }, other: 1 }),
    ).toBe(true);
  });
  it('does not hold when an ordered list differs', () => {
    expect(settingsHold({ searchableAttributes: ['a', 'b'] }, { searchableAttributes: ['b', 'a'] })).toBe(false);
  });
});
