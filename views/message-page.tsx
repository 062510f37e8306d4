import type { Assets } from '../src/web/assets.ts';
import { Layout } from './layout.tsx';

/** A page that says what went wrong in plain Arabic: not found, engine unavailable, bad request. */
export function MessagePage({ assets, title, message }: { assets: Assets; title: string; message: string }) {
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
