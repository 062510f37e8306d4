import { readFileSync } from 'node:fs';
import { projectPath } from '../project-root.ts';

/** How a source is shown: its names and its home page. */
export interface SourceName {
  id: string;
  name_ar: string;
  name_en: string;
  /** The source's home page (http or https), or null. */
  url: string | null;
}

export class SourceCatalogError extends Error {
  override name = 'SourceCatalogError';
}

export const DEFAULT_SOURCES_PATH = projectPath('index-config/sources.json');

/** Source ids as the articles give them, mapped to display names; an id not in the file is shown as given. */
export interface SourceCatalog {
  name(id: string): SourceName;
  /** True when the file names the source. */
  known(id: string): boolean;
}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function readEntry(id: string, raw: unknown, file: string): SourceName {
  const where = `${file}: source "${id}"`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SourceCatalogError(`${where} is not an object`);
  const entry = raw as Record<string, unknown>;
  if (!text(entry.name_ar)) throw new SourceCatalogError(`${where} has no name_ar`);
  if (!text(entry.name_en)) throw new SourceCatalogError(`${where} has no name_en`);
  if (entry.url !== undefined && entry.url !== null && !(text(entry.url) && /^https?:\/\/[^\s]+$/u.test(entry.url))) throw new SourceCatalogError(`${where}: url must be an http(s) address`);
  return { id, name_ar: entry.name_ar.trim(), name_en: entry.name_en.trim(), url: text(entry.url) ? entry.url : null };
}

export function sourceCatalog(entries: Readonly<Record<string, unknown>>, file = 'sources'): SourceCatalog {
  const byId = new Map(Object.entries(entries).map(([id, raw]) => [id, readEntry(id, raw, file)]));
  return {
    name: (id) => byId.get(id) ?? { id, name_ar: id, name_en: id, url: null },
    known: (id) => byId.has(id),
  };
}

/** Reads index-config/sources.json (or `path`); a bad file stops the start with its name and the entry. */
export function loadSourceCatalog(path = DEFAULT_SOURCES_PATH): SourceCatalog {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SourceCatalogError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SourceCatalogError(`${path}: expected an object of source ids`);
  return sourceCatalog(parsed as Record<string, unknown>, path);
}
