import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';
import { WORLD } from '../../../test/support/world';
import { openWorld, recommendWorld, type World, worldDeps } from '../../../test/support/world-harness';
import { createLocalMediaStore } from '../../adapters/embedded/local-media-store';
import { createApiApp } from '../app';

let w: World;
let base: string;
let token: ReturnType<typeof worldDeps>['token'];
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  w = await openWorld();
  await recommendWorld(w);
  const media = createLocalMediaStore({
    root: join(w.dir, 'media'),
    publicUrl: 'http://localhost:1',
    signingKey: randomBytes(32),
  });
  const built = worldDeps(w, { media });
  token = built.token;
  const app = createApiApp(built.deps, {
    version: 'test',
    startedAt: new Date(),
    healthChecks: [],
    rateLimits: NO_RATE_LIMITS,
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await w.close();
});

async function connect(bearer: string) {
  const client = new Client({ name: 'pulsepoint-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${bearer}` } },
    }),
  );
  return client;
}
const textOf = (r: Awaited<ReturnType<Client['callTool']>>) =>
  JSON.parse((r.content as Array<{ text: string }>)[0]!.text);

describe('MCP draft_posts', () => {
  it('is offered to those who may write content, not to viewers', async () => {
    const viewer = await connect(await token('viewer'));
    expect((await viewer.listTools()).tools.map((t) => t.name)).not.toContain('draft_posts');
    await viewer.close();
    const analyst = await connect(await token('analyst'));
    expect((await analyst.listTools()).tools.map((t) => t.name)).toContain('draft_posts');
    await analyst.close();
  });

  it('drafts the month from the brief over the store data, leaving every post a draft', async () => {
    const owner = await token('owner');
    const put = (path: string, json: unknown) =>
      fetch(`${base}/api/brands/${WORLD.brandId}/content/${path}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
    const client = await connect(await token('analyst'));
    const before = await client.callTool({
      name: 'draft_posts',
      arguments: { brand_id: WORLD.brandId, month: '2026-11' },
    });
    expect(before.isError).toBe(true);
    expect(textOf(before).error).toMatch(/no brief for 2026-11|brand profile/);

    expect((await put('briefs/2026-11', { postsPerWeek: 1 })).status).toBe(200);
    expect(
      (
        await put('profile', {
          name: 'World Brand',
          voice: 'Plain',
          audience: 'Everyone',
          pillars: ['Quality'],
          palette: ['#123456'],
          dos: [],
          donts: [],
        })
      ).status,
    ).toBe(200);
    const drafted = await client.callTool({
      name: 'draft_posts',
      arguments: { brand_id: WORLD.brandId, month: '2026-11' },
    });
    expect(drafted.isError).toBeFalsy();
    const body = textOf(drafted) as {
      drafted: number;
      posts: { status: string; product: string; why: string }[];
    };
    expect(body.drafted).toBeGreaterThan(0);
    expect(body.posts.every((p) => p.status === 'draft')).toBe(true);
    expect(body.posts.some((p) => /overstock/.test(p.why))).toBe(true);
    await client.close();
  });
});
