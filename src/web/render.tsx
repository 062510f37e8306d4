import type { Context } from 'hono';
import { html } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { SecureHeadersVariables } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { NonceContext } from '../../views/layout.tsx';
import { MessagePage } from '../../views/message-page.tsx';
import type { AssetUrls } from './view-models.ts';

export type AppEnv = { Variables: SecureHeadersVariables };
export type AppContext = Context<AppEnv>;

/** A whole page, rendered with the request's CSP nonce (the layout puts it on its script tags). */
export const page = (c: AppContext, element: JSX.Element, status: ContentfulStatusCode = 200) =>
  c.html(html`<!DOCTYPE html>${<NonceContext.Provider value={c.get('secureHeadersNonce') ?? ''}>{element}</NonceContext.Provider>}`, status);

/** A page that only says something: not found, bad request, engine down. */
export const messagePage = (c: AppContext, assets: AssetUrls, message: { title: string; message: string }, status: ContentfulStatusCode) =>
  page(c, <MessagePage assets={assets} title={message.title} message={message.message} />, status);

/** htmx asks for the results fragment, except when it restores history and needs the whole page. */
export const wantsFragment = (c: AppContext): boolean => c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';
