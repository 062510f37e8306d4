import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../../src/config.ts';

const root = new URL('../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as {
  services: Record<
    string,
    {
      image?: string;
      build?: string;
      profiles?: string[];
      environment?: Record<string, string>;
      ports?: string[];
      depends_on?: Record<string, { condition?: string }>;
      volumes?: string[];
      healthcheck?: unknown;
    }
  >;
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

describe('docker-compose.yml, profile "sharded"', () => {
  const nodes = ['meili-0', 'meili-1', 'meili-2'].map((name) => ({ name, service: compose.services[name] }));
  const app = compose.services['app-sharded'];

  it('runs three official Meilisearch 1.21 nodes, each with a volume of its own, a health check and the one master key, only under the profile', () => {
    const volumes = new Set<string>();
    for (const { name, service } of nodes) {
      expect(service?.image, name).toBe('getmeili/meilisearch:v1.21');
      expect(service?.profiles, name).toEqual(['sharded']);
      expect(service?.environment?.MEILI_MASTER_KEY, name).toBe(compose.services.meilisearch?.environment?.MEILI_MASTER_KEY);
      expect(service?.environment?.MEILI_NO_ANALYTICS, name).toBe('true');
      expect(service?.healthcheck, name).toBeDefined();
      const volume = service?.volumes?.[0]?.split(':')[0] ?? '';
      expect(compose.volumes, name).toHaveProperty(volume);
      volumes.add(volume);
    }
    expect(volumes.size).toBe(3);
    // The default `docker compose up` runs neither the nodes nor their app.
    expect(compose.services.meilisearch?.profiles).toBeUndefined();
    expect(compose.services.app?.profiles).toBeUndefined();
  });

  it('builds the app wired to the three nodes through MEILI_NETWORK, started once they are healthy, on a port of its own', () => {
    expect(app?.build).toBe('.');
    expect(app?.profiles).toEqual(['sharded']);
    for (const { name } of nodes) expect(app?.depends_on?.[name]?.condition, name).toBe('service_healthy');
    expect(app?.ports).toEqual(['3001:3000']);
    const env = Object.fromEntries(Object.entries(app?.environment ?? {}).map(([k, v]) => [k, v.startsWith('${') ? 'a-master-key-of-24-bytes' : v]));
    const config = readConfig(env);
    expect(config.network?.map(({ name, url, masterKey }) => ({ name, url, masterKey }))).toEqual(
      nodes.map(({ name }) => ({ name, url: `http://${name}:7700`, masterKey: 'a-master-key-of-24-bytes' })),
    );
    expect(config).toMatchObject({ meiliUrl: null, port: 3000, host: '0.0.0.0', index: 'sections' });
    const read = new Set([...configSource.matchAll(/env\.([A-Z_]+)/gu)].map((match) => match[1]));
    for (const name of Object.keys(app?.environment ?? {})) expect(read, `${name} is not read by src/config.ts`).toContain(name);
  });
});
