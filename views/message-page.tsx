import type { AssetUrls } from '../src/web/view-models.ts';
import { Layout } from './layout.tsx';

/** A page that says what went wrong in plain Arabic: not found, engine unavailable, bad request. */
export function MessagePage({ assets, title, message }: { assets: AssetUrls; title: string; message: string }) {
  return (
    <Layout title={`${title} — أرشيف الأخبار`} assets={assets}>
      <div class="message" role="alert">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">العودة إلى البحث</a>
        </p>
      </div>
    </Layout>
  );
}
