/**
 * What Firebase Hosting does to a request it rewrites to a function: every cookie but `__session`
 * is stripped ("only the specially-named __session cookie is permitted to pass through to the
 * execution of your app", https://firebase.google.com/docs/hosting/manage-cache#using_cookies).
 */
export function cookiesForwardedByHosting(cookieHeader: string): string {
  return cookieHeader
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c.startsWith('__session='))
    .join('; ');
}

/** A browser's cookie jar for one site, fed by Set-Cookie headers (name=value only; enough here). */
export function createCookieJar() {
  const jar = new Map<string, string>();
  return {
    take(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at);
        const value = pair.slice(at + 1);
        if (/max-age=0/i.test(line) || value === '') jar.delete(name);
        else jar.set(name, value);
      }
    },
    set(name: string, value: string) {
      jar.set(name, value);
    },
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}
