import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';
import { WORLD } from '../../../test/support/world';
import { openWorld, recommendWorld, type World, worldDeps } from '../../../test/support/world-harness';
import type { BudgetActions } from '../../ports/budget-actions';
import { createApiApp } from '../app';

let w: World;
let url: URL;
let token: ReturnType<typeof worldDeps>['token'];
let server: ReturnType<typeof serve>;
const applied: string[] = [];
/** The ads area's side of the port: records the campaigns it was told to change. */
const budgetActions: BudgetActions = {
  async execute(_ctx, approved, options) {
    if (!options?.dryRun) applied.push(approved.action.campaignId);
    return {
      dryRun: options?.dryRun === true,
      before: { status: 'ACTIVE' },
      after: { status: options?.dryRun ? 'ACTIVE' : 'PAUSED' },
    };
  },
};

beforeAll(async () => {
  w = await openWorld();
  await recommendWorld(w);
  const built = worldDeps(w, { budgetActions });
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

  it('offers recommendation actions to owners only; apply dry-runs unless told otherwise', async () => {
    const viewer = await connect(await token('viewer'));
    expect((await viewer.listTools()).tools.map((t) => t.name)).not.toContain('apply_recommendation');
    await viewer.close();

    const owner = await connect(await token('owner'));
    expect((await owner.listTools()).tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['accept_recommendation', 'dismiss_recommendation', 'apply_recommendation']),
    );
    const recs = textOf(
      await owner.callTool({ name: 'get_recommendations', arguments: { brand_id: WORLD.brandId } }),
    );
    const pause = recs.recommendations.find((r: { type: string }) => r.type === 'pause');
    const target = { brand_id: WORLD.brandId, recommendation_id: pause.id };
    const early = await owner.callTool({ name: 'apply_recommendation', arguments: target });
    expect(early.isError).toBe(true);
    expect(textOf(early).code).toBe('conflict');
    expect(textOf(await owner.callTool({ name: 'accept_recommendation', arguments: target })).status).toBe(
      'accepted',
    );
    expect(
      textOf(await owner.callTool({ name: 'apply_recommendation', arguments: target })).result.dryRun,
    ).toBe(true);
    expect(applied).toEqual([]);
    const done = textOf(
      await owner.callTool({ name: 'apply_recommendation', arguments: { ...target, dry_run: false } }),
    );
    expect(done.recommendation.status).toBe('applied');
    expect(applied).toEqual([WORLD.campaigns.stockedOut.id]);
    await owner.close();

    const stranger = await connect(await token('owner', 't_other'));
    expect((await stranger.callTool({ name: 'accept_recommendation', arguments: target })).isError).toBe(
      true,
    );
    await stranger.close();
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
