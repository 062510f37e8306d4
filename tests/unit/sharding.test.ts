import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.ts';
import { indexWriterLockName } from '../../src/engine/connect.ts';
import { nodeOfArticle } from '../../src/engine/shard-placement.ts';
import { readNetworkConfig } from '../../src/network-config.ts';

const KEY = 'a-master-key-of-24-bytes';
const network = (nodes: Record<string, unknown>) => JSON.stringify({ nodes });

describe('MEILI_NETWORK', () => {
  it('names the nodes with their URLs and keys, in JSON or in a file, the keys defaulting to MEILI_MASTER_KEY and MEILI_SEARCH_KEY', () => {
    const value = network({ a: { url: 'http://10.0.0.1:7700/' }, b: { url: 'https://b.example', masterKey: 'another-key-of-24-bytes!', searchKey: 'b-search' } });
    const expected = [
      { name: 'a', url: 'http://10.0.0.1:7700', masterKey: KEY, searchKey: 'shared-search' },
      { name: 'b', url: 'https://b.example', masterKey: 'another-key-of-24-bytes!', searchKey: 'b-search' },
    ];
    expect(readConfig({ MEILI_NETWORK: value, MEILI_MASTER_KEY: KEY, MEILI_SEARCH_KEY: 'shared-search' }).network).toEqual(expected);
    const files: Record<string, string> = { 'index-config/network.json': value };
    const fromFile = readNetworkConfig('index-config/network.json', { masterKey: KEY, searchKey: 'shared-search' }, (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    });
    expect(fromFile).toEqual(expected);
  });

  it('is not set by default: one engine, as before', () => {
    expect(readConfig({}).network).toBeNull();
  });

  it.each([
    [{ MEILI_NETWORK: '{"nodes": ' }, /MEILI_NETWORK is not valid JSON/u],
    [{ MEILI_NETWORK: '/no/such/file.json' }, /MEILI_NETWORK is neither JSON nor a readable file/u],
    [{ MEILI_NETWORK: network({}) }, /one node or more/u],
    [{ MEILI_NETWORK: '{"nodes": [{"url": "http://a:7700"}]}' }, /MEILI_NETWORK must be/u],
    [{ MEILI_NETWORK: network({ 'a b': { url: 'http://a:7700' } }), MEILI_MASTER_KEY: KEY }, /a node name may hold only/u],
    [{ MEILI_NETWORK: network({ a: {} }), MEILI_MASTER_KEY: KEY }, /node "a" needs a "url"/u],
    [{ MEILI_NETWORK: network({ a: { url: 'a:7700' } }), MEILI_MASTER_KEY: KEY }, /node "a"'s url must be an http\(s\) URL/u],
    [{ MEILI_NETWORK: network({ a: { url: 'http://a:7700' } }) }, /node "a" has no "masterKey" and MEILI_MASTER_KEY is not set/u],
    [{ MEILI_NETWORK: network({ a: { url: 'http://a:7700', masterKey: 'short' } }) }, /node "a"'s master key is too short/u],
    [{ MEILI_NETWORK: network({ a: { url: 'http://a:7700' }, b: { url: 'http://a:7700/' } }), MEILI_MASTER_KEY: KEY }, /names http:\/\/a:7700 twice/u],
    [{ MEILI_NETWORK: network({ a: { url: 'http://a:7700' } }), MEILI_URL: 'http://b:7700', MEILI_MASTER_KEY: KEY }, /MEILI_URL and MEILI_NETWORK are both set/u],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('gives one index lock per network and index, whatever the order its nodes are named in', () => {
    const config = (nodes: Record<string, unknown>, index = 'sections') => readConfig({ MEILI_NETWORK: network(nodes), MEILI_MASTER_KEY: KEY, MEILI_INDEX: index });
    const ab = config({ a: { url: 'http://a:7700' }, b: { url: 'http://b:7700' } });
    const ba = config({ y: { url: 'http://b:7700' }, x: { url: 'http://a:7700' } });
    expect(indexWriterLockName(ab)).toBe(indexWriterLockName(ba));
    expect(indexWriterLockName(ab)).not.toBe(indexWriterLockName(config({ a: { url: 'http://a:7700' }, b: { url: 'http://b:7700' } }, 'other')));
    expect(indexWriterLockName(ab)).not.toBe(indexWriterLockName(readConfig({ MEILI_URL: 'http://a:7700', MEILI_MASTER_KEY: KEY })));
  });
});

describe('placing an article on a node', () => {
  const ids = Array.from({ length: 3000 }, (_, i) => `article-${i}`);
  const three = ['node-0', 'node-1', 'node-2'];

  it('depends only on the article id and the node names, not on their order', () => {
    for (const id of ids.slice(0, 200)) expect(nodeOfArticle(id, three)).toBe(nodeOfArticle(id, [...three].reverse()));
  });

  it('spreads articles evenly over the nodes', () => {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(nodeOfArticle(id, three), (counts.get(nodeOfArticle(id, three)) ?? 0) + 1);
    for (const node of three) expect(counts.get(node) ?? 0, node).toBeGreaterThan(900);
  });

  it('moves only the articles a new node takes when one is added (about a quarter of four)', () => {
    const four = [...three, 'node-3'];
    const moved = ids.filter((id) => nodeOfArticle(id, three) !== nodeOfArticle(id, four));
    expect(moved.every((id) => nodeOfArticle(id, four) === 'node-3')).toBe(true);
    expect(moved.length).toBeGreaterThan(600);
    expect(moved.length).toBeLessThan(900);
  });
});
