import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/**
 * The browser-binding nonces of OAuth flows in flight (Shopify install, ad-platform connects), kept
 * in the one cookie Firebase Hosting forwards to a rewritten function: "only the specially-named
 * `__session` cookie is permitted to pass through", every other cookie is stripped
 * (https://firebase.google.com/docs/hosting/manage-cache#using_cookies). One entry per flow, so
 * installing Shopify in one tab and connecting Meta in another do not overwrite each other.
 */
export const SESSION_COOKIE = '__session';
const PATH = '/oauth';

function entries(c: Context): URLSearchParams {
  return new URLSearchParams(getCookie(c, SESSION_COOKIE) ?? '');
}

function write(c: Context, value: URLSearchParams, secure: boolean, maxAge: number) {
  setCookie(c, SESSION_COOKIE, value.toString(), {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    path: PATH,
    maxAge,
  });
  // A response that sets a cookie must never be kept by Hosting's CDN for someone else.
  c.header('cache-control', 'private, no-store');
}

/** Remembers `nonce` for `flow` in this browser for `ttlSeconds`. */
export function rememberNonce(
  c: Context,
  flow: string,
  nonce: string,
  o: { secure: boolean; ttlSeconds: number },
) {
  const value = entries(c);
  value.set(flow, nonce);
  write(c, value, o.secure, o.ttlSeconds);
}

/** The nonce this browser holds for `flow`, removed from the cookie (a nonce is good once). */
export function takeNonce(c: Context, flow: string, o: { secure: boolean }): string | undefined {
  const value = entries(c);
  const nonce = value.get(flow) ?? undefined;
  value.delete(flow);
  write(c, value, o.secure, value.size === 0 ? 0 : 600);
  return nonce;
}
