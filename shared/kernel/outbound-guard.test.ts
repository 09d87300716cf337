import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundGuard, isBlockedAddress, OutboundRefusedError } from './outbound-guard';

/** A loopback server that records what reached it and answers with `respond`. */
async function receiver(respond: (req: IncomingMessage) => { status: number; location?: string }) {
  const hits: Array<{ method: string; path: string; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      hits.push({ method: req.method ?? '', path: req.url ?? '', body });
      const r = respond(req);
      res.writeHead(r.status, r.location ? { location: r.location } : {});
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { hits, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('isBlockedAddress', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:8.8.8.8', false],
    ['8.8.8.8', false],
    ['2001:4860:4860::8888', false],
  ])('%s is blocked: %s', (ip, expected) => {
    expect(isBlockedAddress(ip)).toBe(expected);
  });
});

describe('outbound guard (SSRF)', () => {
  let metadata: Awaited<ReturnType<typeof receiver>>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let bouncer: Awaited<ReturnType<typeof receiver>>;
  // The merchant's "public" host answers 307 to wherever the test points it.
  let bounceTo = '';

  beforeAll(async () => {
    metadata = await receiver(() => ({ status: 200 }));
    hook = await receiver(() => ({ status: 204 }));
    bouncer = await receiver(() => ({ status: 307, location: bounceTo }));
  });
  afterAll(async () => {
    await Promise.all([metadata.close(), hook.close(), bouncer.close()]);
  });

  /**
   * Production policy, except that the loopback ports standing in for the merchant's public
   * hosts are allowed (by port); DNS maps `*.example` names to loopback.
   */
  function guard(allowedPorts: number[]) {
    return createOutboundGuard({
      fetch,
      requireHttps: false,
      resolve: async (host) => (host.endsWith('.example') ? ['127.0.0.1'] : [host]),
      allow: (address, url) => address === '127.0.0.1' && allowedPorts.includes(Number(url.port)),
    });
  }
  const post = (g: ReturnType<typeof guard>, url: string) =>
    g.fetch(url, { method: 'POST', body: '{"alert":1}', headers: { 'content-type': 'application/json' } });

  it('refuses a redirect to a metadata path on a private address, and never reaches it', async () => {
    bounceTo = `http://127.0.0.1:${metadata.port}/computeMetadata/v1/instance/service-accounts/default/token`;
    const g = guard([bouncer.port]);
    await expect(post(g, `http://127.0.0.1:${bouncer.port}/hook`)).rejects.toThrow(OutboundRefusedError);
    expect(metadata.hits).toEqual([]);
    expect(bouncer.hits).toHaveLength(1);
  });

  it('refuses a name that resolves to a private address before connecting', async () => {
    const g = guard([]);
    await expect(post(g, `http://merchant.example:${hook.port}/hook`)).rejects.toThrow(/private|loopback/);
    expect(hook.hits).toEqual([]);
  });

  it('refuses metadata host names and non-http schemes without resolving them', async () => {
    const g = createOutboundGuard({
      fetch,
      requireHttps: true,
      resolve: async () => {
        throw new Error('must not resolve');
      },
    });
    for (const url of ['http://hooks.example/x', 'https://metadata.google.internal/x', 'file:///etc/passwd'])
      await expect(g.fetch(url, {})).rejects.toThrow(OutboundRefusedError);
  });

  it('follows a redirect to an allowed target, re-checked, keeping the POST body on 307', async () => {
    bounceTo = `http://127.0.0.1:${hook.port}/final`;
    const g = guard([bouncer.port, hook.port]);
    const res = await post(g, `http://127.0.0.1:${bouncer.port}/hook`);
    expect(res.status).toBe(204);
    expect(hook.hits.at(-1)).toEqual({ method: 'POST', path: '/final', body: '{"alert":1}' });
  });

  it('stops after a bounded number of redirects', async () => {
    bounceTo = `http://127.0.0.1:${bouncer.port}/again`;
    const g = guard([bouncer.port]);
    const before = bouncer.hits.length;
    await expect(post(g, `http://127.0.0.1:${bouncer.port}/hook`)).rejects.toThrow(/redirects/);
    expect(bouncer.hits.length - before).toBe(4);
  });
});
