import { isIP } from 'node:net';
import type { Result } from '../kernel/result';
import { fail, ok } from '../kernel/result';

/**
 * Where a tenant may point alert webhooks. The URL comes from tenant admins, but a server-side
 * POST to it must not become a way into our own network (SSRF): in production only https to a
 * public host name or address is allowed. Development and tests post to loopback receivers.
 * Host names are not resolved here; a name that resolves to a private address is the residual
 * risk noted in decision 402.
 */
const PRIVATE_V4 = [
  [0x0a000000, 8], // 10/8
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0x7f000000, 8], // 127/8
  [0xa9fe0000, 16], // 169.254/16 (cloud metadata lives here)
  [0x00000000, 8], // 0/8
  [0x64400000, 10], // 100.64/10 (carrier-grade NAT)
] as const;

function v4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function isPrivateAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.internal')) return true;
  if (isIP(h) === 4) {
    const n = v4Number(h);
    return PRIVATE_V4.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
  }
  if (isIP(h) === 6)
    return h === '::1' || h === '::' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('::ffff:');
  return false;
}

export type WebhookTargetRefusal = 'not_a_url' | 'scheme' | 'private_address';

export function checkWebhookTarget(url: string, production: boolean): Result<URL, WebhookTargetRefusal> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('not_a_url');
  }
  const schemes = production ? ['https:'] : ['https:', 'http:'];
  if (!schemes.includes(parsed.protocol)) return fail('scheme', `${parsed.protocol} is not allowed`);
  if (production && isPrivateAddress(parsed.hostname))
    return fail('private_address', `${parsed.hostname} is private`);
  return ok(parsed);
}
