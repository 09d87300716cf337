import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSandbox } from '../../../infra/sandbox/smtp/server';
import type { TestApi } from '../../../test/support/api';
import { createEmailEngagementApi } from '../../../test/support/engagement-api';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';
import { seedTenantWithData } from '../../../test/support/tenants';
import { systemContext } from '../../domain/tenancy';
import type { Engagement } from '../../engagement/index';

/** The assistant's engagement tools over MCP: results for every member, drafts that never send. */
let api: TestApi;
let smtp: SmtpSandbox;
let engagement: Engagement;
let server: ReturnType<typeof serve>;
let base: string;
const T = 'mcp_eng';
const BRAND = 'mcp-eng-store';

beforeAll(async () => {
  ({ api, smtp, engagement } = await createEmailEngagementApi({
    now: '2026-11-20T16:00:00Z',
    rateLimits: NO_RATE_LIMITS,
  }));
  await seedTenantWithData(api, T, [BRAND]);
  server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await engagement.close();
  await api.close();
  await smtp.close();
});

async function connect(role: 'owner' | 'analyst' | 'viewer') {
  const token = await api.token({ tenantId: T, uid: `${role}-1`, role });
  const client = new Client({ name: 'pulsepoint-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}
const textOf = (r: Awaited<ReturnType<Client['callTool']>>) =>
  JSON.parse((r.content as Array<{ text: string }>)[0]?.text ?? 'null');

describe('MCP engagement tools', () => {
  it('offers results to every member and drafting only to owners and admins', async () => {
    const viewer = await connect('viewer');
    const names = (await viewer.listTools()).tools.map((t) => t.name);
    expect(names).toContain('get_campaign_results');
    expect(names).not.toContain('draft_campaign');
    await viewer.close();
  });

  it('draft_campaign saves a draft with its audience and preview, and sends nothing', async () => {
    const owner = await connect('owner');
    const drafted = textOf(
      await owner.callTool({
        name: 'draft_campaign',
        arguments: {
          brand_id: BRAND,
          name: 'Come back',
          channel: 'email',
          variants: [{ name: 'Plain', subject: 'Hi {{first_name|there}}', text: 'We miss you' }],
        },
      }),
    );
    expect(drafted).toMatchObject({
      status: 'draft',
      audience_customers: 2,
      preview: [{ subject: 'Hi Alex' }],
    });
    const scope = { ctx: systemContext(T, 'test'), brandId: BRAND };
    expect(await engagement.campaigns.get(scope, drafted.campaign_id)).toMatchObject({
      status: 'draft',
      sentAt: null,
    });
    expect(await engagement.outbox(scope)).toEqual([]);
    expect(smtp.received).toEqual([]);

    const listed = textOf(
      await owner.callTool({ name: 'get_campaign_results', arguments: { brand_id: BRAND } }),
    );
    expect(listed.campaigns).toEqual([expect.objectContaining({ name: 'Come back', status: 'draft' })]);
    await owner.close();
  });

  it("get_campaign_results reports money in the brand's currency and refuses another tenant's brand", async () => {
    const analyst = await connect('analyst');
    const scope = { ctx: systemContext(T, 'test'), brandId: BRAND };
    const [campaign] = await engagement.campaigns.list(scope);
    const r = textOf(
      await analyst.callTool({
        name: 'get_campaign_results',
        arguments: { brand_id: BRAND, campaign_id: campaign?.id },
      }),
    );
    expect(r).toMatchObject({
      campaign: 'Come back',
      currency: 'USD',
      treated: { revenue: '$0.00' },
      window: null,
    });
    // Email: opens per variant (none yet), labelled approximate.
    expect(r.opens_note).toMatch(/approximate/);
    for (const v of r.variants as Array<{ opened: unknown }>) expect(v.opened).toBe(0);
    const other = await analyst.callTool({
      name: 'get_campaign_results',
      arguments: { brand_id: 'eng-a-store' },
    });
    expect(other.isError).toBe(true);
    await analyst.close();
  });
});
