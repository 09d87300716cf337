import { useEffect, useState } from 'preact/hooks';

/**
 * A tiny history router: patterns like `/brands/:brandId/drilldown/:kind/:id`, matched in order.
 * Small enough to read in one sitting, which a full router library would not be.
 */
export type Params = Readonly<Record<string, string>>;

export interface RouteDef<N extends string> {
  name: N;
  pattern: string;
}

export interface Match<N extends string> {
  name: N;
  params: Params;
}

function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { regex: new RegExp(`^${source}/?$`), keys };
}

export function createMatcher<N extends string>(routes: readonly RouteDef<N>[]) {
  const compiled = routes.map((r) => ({ name: r.name, ...compile(r.pattern) }));
  return function match(path: string): Match<N> | undefined {
    for (const route of compiled) {
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { name: route.name, params };
    }
    return undefined;
  };
}

/** Fills a pattern's `:params`, encoding each value. */
export function pathTo(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`pathTo ${pattern}: missing ${key}`);
    return encodeURIComponent(value);
  });
}

const CHANGE = 'pp:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
}

const read = (): Location => ({
  pathname: window.location.pathname,
  search: new URLSearchParams(window.location.search),
});

export function useLocation(): Location {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () =>
      setLocation((prev) => {
        const next = read();
        return prev.pathname === next.pathname && prev.search.toString() === next.search.toString()
          ? prev
          : next;
      });
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    // A child's effect may have navigated before this listener existed (effects run child-first).
    update();
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return location;
}
