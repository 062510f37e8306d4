import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../../src/config.ts';

const root = new URL('../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as {
  services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; ports?: string[]; depends_on?: Record<string, unknown>; volumes?: string[]; healthcheck?: unknown }>;
  volumes: Record<string, unknown>;
};
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
const configSource = readFileSync(new URL('src/config.ts', root), 'utf8');

describe('docker-compose.yml', () => {
  const { meilisearch, app } = compose.services;

  it('runs the official Meilisearch 1.21 image with a volume, a health check and the master key from the environment', () => {
    expect(meilisearch?.image).toBe('getmeili/meilisearch:v1.21');
    expect(meilisearch?.environment?.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY/u);
    expect(meilisearch?.environment?.MEILI_NO_ANALYTICS).toBe('true');
    const volume = meilisearch?.volumes?.[0]?.split(':')[0] ?? '';
    expect(compose.volumes).toHaveProperty(volume);
    expect(meilisearch?.healthcheck).toBeDefined();
  });

  it('builds the app from the Dockerfile and wires it to the engine service through MEILI_URL', () => {
    expect(app?.build).toBe('.');
    expect(app?.environment?.MEILI_URL).toBe('http://meilisearch:7700');
    expect(app?.environment?.MEILI_MASTER_KEY).toBe(meilisearch?.environment?.MEILI_MASTER_KEY);
    expect(app?.depends_on).toHaveProperty('meilisearch');
  });

  it('publishes the port the app listens on, which the Dockerfile exposes', () => {
    const port = app?.environment?.PORT ?? '';
    expect(app?.ports).toContain(`${port}:${port}`);
    expect(dockerfile).toMatch(new RegExp(`EXPOSE ${port}\\b`, 'u'));
  });

  it('sets only variables the app reads, and the app accepts them', () => {
    const read = new Set([...configSource.matchAll(/env\.([A-Z_]+)/gu)].map((match) => match[1]));
    for (const name of Object.keys(app?.environment ?? {})) expect(read, `${name} is not read by src/config.ts`).toContain(name);
    const env = Object.fromEntries(Object.entries(app?.environment ?? {}).map(([k, v]) => [k, v.startsWith('${') ? 'a-master-key-of-24-bytes' : v]));
    expect(readConfig(env)).toMatchObject({ meiliUrl: 'http://meilisearch:7700', port: 3000, host: '0.0.0.0', index: 'sections' });
  });
});
