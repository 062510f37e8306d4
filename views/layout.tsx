import { createContext, useContext, type Child } from 'hono/jsx';
import type { AssetUrls } from '../src/web/view-models.ts';

/** The CSP nonce of the current request: scripts without it do not run. */
export const NonceContext = createContext('');

export interface LayoutProps {
  title: string;
  assets: AssetUrls;
  children?: Child;
  /** Text for robots and link previews. */
  description?: string;
  /** The page's Atom feed, for feed readers to discover. */
  feed?: { href: string; title: string };
}

const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 20,
  refreshOnHistoryMiss: false,
  defaultSwapStyle: 'innerHTML',
});

/**
 * A <title> is plain text that cannot be isolated like <bdi>: a bidi override or control character
 * from the query or an article would reorder the site's name in the tab and history, so they go.
 */
const plainTitle = (title: string): string => title.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/gu, ' ');

export function Layout({ title, assets, children, description, feed }: LayoutProps) {
  const nonce = useContext(NonceContext) || undefined;
  return (
    <html lang="ar" dir="rtl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{plainTitle(title)}</title>
        {description ? <meta name="description" content={description} /> : null}
        <meta name="color-scheme" content="light dark" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <link rel="icon" href={assets.url('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.url('app.css')} />
        {feed ? <link rel="alternate" type="application/atom+xml" title={plainTitle(feed.title)} href={feed.href} /> : null}
        <script src={assets.url('htmx.js')} nonce={nonce} defer></script>
        {/* A module: deferred, strict, and its names stay out of the page's globals. */}
        <script type="module" src={assets.url('app.js')} nonce={nonce}></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          انتقل إلى المحتوى
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            أرشيف الأخبار
          </a>
          <span class="tagline">ابحث بأي صيغة للكلمة: مع التشكيل أو دونه، بأداة التعريف أو دونها</span>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            البحث بمحرك <bdi>Meilisearch</bdi> مع تحليل عربي خاص بنا. المقالات ملك ناشريها.
          </p>
        </footer>
      </body>
    </html>
  );
}
