import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from './errors';

/**
 * The one way to call a URL a merchant gave us (alert webhooks, n8n, Slack): a server-side request
 * to it must not become a way into our own network (SSRF). Every hop — the first URL and each
 * redirect — is checked after DNS resolution: scheme, then every address the name resolves to
 * must be public (not private, loopback, link-local/metadata, CGNAT, multicast or reserved).
 * Redirects are never followed by fetch itself (`redirect: 'manual'`); the guard follows at
 * most `maxRedirects`, each re-checked, with fetch's method rules (307/308 keep method and body,
 * 303 — and 301/302 after a POST — become a bodiless GET). docs/decisions/814.
 *
 * Residual: the check and fetch's own connection resolve the name separately, so a DNS server
 * that answers differently within milliseconds (rebinding) could still win; production egress
 * goes through a VPC connector whose firewall denies private ranges (docs/SECURITY.md).
 */
export class OutboundRefusedError extends AppError {
  override readonly code = 'outbound_refused';
  override readonly status = 422;
}

export interface OutboundGuardOptions {
  fetch: typeof fetch;
  /** Only https (production); development posts to http receivers on loopback. */
  requireHttps: boolean;
  /** Every address of a host name (default: the system resolver, all families). */
  resolve?: (hostname: string) => Promise<string[]>;
  /**
   * Addresses that may be reached although they are not public: development and tests point
   * webhooks at loopback receivers. Production passes nothing.
   */
  allow?: (address: string, url: URL) => boolean;
  /** Redirect hops followed at most (default 3). */
  maxRedirects?: number;
}

const BLOCKED_V4: ReadonlyArray<readonly [number, number]> = [
  [0x00000000, 8], // 0/8 "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local: cloud metadata (169.254.169.254)
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, broadcast
];

function v4Blocked(ip: string): boolean {
  const n = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  return BLOCKED_V4.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
}

/** The 8 16-bit groups of an IPv6 address (`::` expanded, an embedded dotted IPv4 converted). */
function v6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  return [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
}

/** True for any address a merchant-supplied URL must not reach. */
export function isBlockedAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return v4Blocked(bare);
  if (family !== 6) return true; // not an address: refuse rather than guess
  const g = v6Groups(bare);
  const first = g[0]!;
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 inside.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    const v4 = `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
    return v4Blocked(v4);
  }
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (first === 0x64 && g[1] === 0xff9b) return true; // 64:ff9b::/96 NAT64 can reach IPv4 inside
  return false;
}

/** Names that are internal by definition, refused before any lookup. */
function internalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.internal') || h.endsWith('.local');
}

const systemResolve = async (hostname: string) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export function createOutboundGuard(options: OutboundGuardOptions) {
  const resolve = options.resolve ?? systemResolve;
  const maxRedirects = options.maxRedirects ?? 3;

  async function check(url: URL): Promise<void> {
    const schemes = options.requireHttps ? ['https:'] : ['https:', 'http:'];
    if (!schemes.includes(url.protocol))
      throw new OutboundRefusedError(`${url.protocol} URLs are not allowed`);
    if (url.username || url.password) throw new OutboundRefusedError('URLs with credentials are not allowed');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const allowed = (address: string) => options.allow?.(address, url) === true;
    if (internalName(host) && !allowed(host)) throw new OutboundRefusedError(`${host} is an internal name`);
    const addresses = isIP(host) ? [host] : await resolve(host);
    if (addresses.length === 0) throw new OutboundRefusedError(`${host} does not resolve`);
    for (const address of addresses)
      if (isBlockedAddress(address) && !allowed(address))
        throw new OutboundRefusedError(
          `${host} resolves to ${address}, a private, loopback or metadata address`,
        );
  }

  return {
    check,
    /** fetch with every hop checked; a refusal throws OutboundRefusedError before connecting. */
    async fetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
      let url = new URL(String(input));
      let request = init;
      for (let hop = 0; ; hop++) {
        await check(url);
        const res = await options.fetch(url, { ...request, redirect: 'manual' });
        const location = res.headers.get('location');
        if (res.status < 300 || res.status > 399 || res.status === 304 || !location) return res;
        await res.body?.cancel();
        if (hop >= maxRedirects) throw new OutboundRefusedError(`more than ${maxRedirects} redirects`);
        url = new URL(location, url);
        const method = (request.method ?? 'GET').toUpperCase();
        const keepsBody = res.status === 307 || res.status === 308;
        const toGet = res.status === 303 ? method !== 'HEAD' : !keepsBody && method === 'POST';
        if (toGet) {
          const headers = new Headers(request.headers);
          headers.delete('content-type');
          headers.delete('content-length');
          const { body: _body, ...rest } = request;
          request = { ...rest, method: 'GET', headers };
        }
      }
    },
  };
}
export type OutboundGuard = ReturnType<typeof createOutboundGuard>;
