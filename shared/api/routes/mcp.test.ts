import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type World, worldDeps } from '../../analytics/test-harness';
import { WORLD } from '../../analytics/test-world';
import { createApiApp } from '../app';
import { NO_RATE_LIMITS } from '../testing';

let w: World;
let url: URL;
let token: ReturnType<typeof worldDeps>['token'];
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  w = await openWorld();
  const built = worldDeps(w);
  token = built.token;
  const app = createApiApp(built.deps, {
    version: 'test',
    startedAt: new Date(),
    healthChecks: [],
    rateLimits: NO_RATE_LIMITS,
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await w.close();
});

async function connect(bearer: string) {
  const client = new Client({ name: 'pulsepoint-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { authorization: `Bearer ${bearer}` } },
    }),
  );
  return client;
}
const textOf = (r: Awaited<ReturnType<Client['callTool']>>) =>
  JSON.parse((r.content as Array<{ text: string }>)[0]!.text);

describe('MCP server at /mcp', () => {
  it('lets the official client list the tools and call one for its own brand', async () => {
    const client = await connect(await token('viewer'));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'list_brands',
        'get_kpis',
        'compare_periods',
        'get_campaigns',
        'get_inventory_risks',
        'get_recommendations',
      ]),
    );
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(textOf(await client.callTool({ name: 'list_brands', arguments: {} })).brands).toEqual([
      expect.objectContaining({ brand_id: WORLD.brandId, currency: 'USD' }),
    ]);
    const kpis = await client.callTool({ name: 'get_kpis', arguments: { brand_id: WORLD.brandId, days: 7 } });
    expect(kpis.isError).toBeFalsy();
    expect(textOf(kpis)).toMatchObject({ spend: 2380, revenue: 9960.17, roas: 4.18 });
    await client.close();
  });

  it("refuses another tenant's brand as not found, and a brand outside the caller's allow-list", async () => {
    const stranger = await connect(await token('owner', 't_other'));
    const r = await stranger.callTool({ name: 'get_kpis', arguments: { brand_id: WORLD.brandId } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toEqual({ error: `brand ${WORLD.brandId} not found` });
    await stranger.close();
    const agencyClient = await connect(await token('viewer', WORLD.tenantId, ['some-other-brand']));
    expect(
      (await agencyClient.callTool({ name: 'get_campaigns', arguments: { brand_id: WORLD.brandId } }))
        .isError,
    ).toBe(true);
    await agencyClient.close();
  });

  it('rejects a request without a valid bearer token', async () => {
    await expect(connect('not-a-token')).rejects.toThrow();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });
});
