import { readFileSync } from 'node:fs';
import type { Settings } from 'meilisearch';
import { stems } from '../arabic/index.ts';
import { PROJECT_ROOT } from '../project-root.ts';

/** Engine settings as the engine takes them; typed here so only src/engine imports meilisearch. */
export type EngineSettings = Settings;

const CONFIG_DIR = new URL('index-config/', PROJECT_ROOT);

/**
 * The engine settings kept in index-config/. Synonyms are written in plain Arabic there and mapped
 * to stems here, because the engine only ever sees analyzed text. Stop words stay out of the
 * engine's settings: our analysis drops them before any text reaches it.
 */
export function loadEngineSettings(configDir: URL = CONFIG_DIR): EngineSettings {
  const settings = JSON.parse(readFileSync(new URL('settings.json', configDir), 'utf8')) as EngineSettings;
  const written = JSON.parse(readFileSync(new URL('synonyms.json', configDir), 'utf8')) as Record<string, string[]>;
  const synonyms: Record<string, string[]> = {};
  for (const [word, others] of Object.entries(written)) {
    const key = stems(word).join(' ');
    if (key !== '') synonyms[key] = others.map((other) => stems(other).join(' ')).filter(Boolean);
  }
  return { ...settings, synonyms };
}

/** Attributes whose order does not matter, so the engine may return them sorted. */
const UNORDERED = new Set(['filterableAttributes', 'sortableAttributes', 'disableOnAttributes', 'stopWords']);

/** True when every value of `wanted` is already in `actual` (extra keys in `actual` are the engine's defaults). */
export function settingsHold(wanted: unknown, actual: unknown, key = ''): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || wanted.length !== actual.length) return false;
    const [a, b] = UNORDERED.has(key) ? [[...wanted].sort(), [...actual].sort()] : [wanted, actual];
    return a.every((value, i) => settingsHold(value, b[i]));
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    const actualRecord = actual as Record<string, unknown>;
    return Object.entries(wanted).every(([k, v]) => settingsHold(v, actualRecord[k], k));
  }
  return wanted === actual;
}
