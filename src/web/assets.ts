import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PROJECT_ROOT } from '../project-root.ts';

export interface Asset {
  body: Uint8Array;
  type: string;
  /** Strong validator: the fingerprint that is also in its path. */
  etag: string;
}

/** Static files under fingerprinted names, so browsers may keep them for a year. */
export interface Assets {
  /** Logical name (`app.css`) → URL path (`/assets/app.3f2a….css`). */
  url(name: string): string;
  /** URL path → file, or undefined. */
  get(path: string): Asset | undefined;
}

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  woff2: 'font/woff2',
  svg: 'image/svg+xml',
};

/**
 * Noto Naskh Arabic in two subsets of the package: the Arabic letters and digits, and the Latin
 * subset for the page's digits (docs/decisions.md#digit-system), punctuation such as « » and ( ),
 * and Latin names. A browser loads a subset only for the characters a page shows. Where the ranges
 * overlap (the space, a few marks) the face declared last is tried first, so Arabic comes last and
 * Arabic text keeps its own spaces.
 */
const FONT_SUBSETS = [
  { subset: 'latin', unicodeRange: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
  { subset: 'arabic', unicodeRange: 'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0898-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC' },
] as const;
const FONT_WEIGHTS = [400, 700] as const;

const fingerprint = (body: Uint8Array): string => createHash('sha256').update(body).digest('hex').slice(0, 12);

/** Reads every asset once, at start: htmx and the font from node_modules, our CSS and script from views/assets. */
export function loadAssets(): Assets {
  const require = createRequire(import.meta.url);
  const viewsAssets = new URL('views/assets/', PROJECT_ROOT);
  const byName = new Map<string, string>();
  const byPath = new Map<string, Asset>();
  const add = (name: string, body: Uint8Array) => {
    const extension = name.slice(name.lastIndexOf('.') + 1);
    const hash = fingerprint(body);
    const path = `/assets/${name.slice(0, name.lastIndexOf('.'))}.${hash}.${extension}`;
    byName.set(name, path);
    byPath.set(path, { body, type: TYPES[extension] ?? 'application/octet-stream', etag: `"${hash}"` });
  };

  add('htmx.js', readFileSync(require.resolve('htmx.org/dist/htmx.min.js')));
  for (const { subset } of FONT_SUBSETS) {
    for (const weight of FONT_WEIGHTS) add(`naskh-${subset}-${weight}.woff2`, readFileSync(require.resolve(`@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-${subset}-${weight}-normal.woff2`)));
  }
  add('app.js', readFileSync(new URL('app.js', viewsAssets)));
  add('favicon.svg', readFileSync(new URL('favicon.svg', viewsAssets)));
  // The stylesheet names the fonts by their fingerprinted URLs, so it is assembled after them.
  const fontFaces = FONT_SUBSETS.flatMap(({ subset, unicodeRange }) =>
    FONT_WEIGHTS.map(
      (weight) =>
        `@font-face{font-family:"Noto Naskh Arabic";font-style:normal;font-weight:${weight};font-display:swap;src:url(${byName.get(`naskh-${subset}-${weight}.woff2`)}) format("woff2");unicode-range:${unicodeRange};}`,
    ),
  ).join('\n');
  add('app.css', Buffer.from(`${fontFaces}\n${readFileSync(new URL('app.css', viewsAssets), 'utf8')}`));

  return {
    url: (name) => {
      const path = byName.get(name);
      if (!path) throw new Error(`unknown asset ${name}`);
      return path;
    },
    get: (path) => byPath.get(path),
  };
}
