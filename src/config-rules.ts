/** A setting of the environment that cannot be used; the commands print its message in one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Meilisearch refuses master keys shorter than this in production. */
export const MIN_MASTER_KEY_BYTES = 16;

export function checkEngineUrl(what: string, url: string): string {
  if (!/^https?:\/\/\S+$/u.test(url)) throw new ConfigError(`${what} must be an http(s) URL, not "${url}"`);
  return url.replace(/\/+$/u, '');
}

export function checkMasterKey(what: string, key: string): string {
  const bytes = Buffer.byteLength(key);
  if (bytes < MIN_MASTER_KEY_BYTES) throw new ConfigError(`${what} is too short (${bytes} bytes; at least ${MIN_MASTER_KEY_BYTES}).`);
  return key;
}
