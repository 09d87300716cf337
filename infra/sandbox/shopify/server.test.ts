import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { localDate } from '../../../shared/domain/time';
import { DEV_SHOPIFY_API_SECRET } from '../../../shared/kernel/config';
import { createShopifyClient } from '../../../shared/platforms/shopify/client';
import { verifyWebhookHmac } from '../../../shared/platforms/shopify/hmac';
import type { FaultKind } from './faults';
import { SANDBOX_ACCESS_TOKEN, type ShopifySandbox, startShopifySandbox } from './server';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function sandbox(faults: FaultKind[] = [], bulkDelayMs?: number) {
  const queue = [...faults];
  const s = await startShopifySandbox({
    ...(bulkDelayMs ? { bulkDelayMs } : {}),
    endDate: localDate('2026-11-20'),
    seedOrdersScale: 0.01,
    faults: () => queue.shift(),
    retryAfterSeconds: 0.01,
    timeoutFaultMs: 300,
  });
  cleanup.push(() => s.close());
  return s;
}

const post = (s: ShopifySandbox, body: unknown, token = SANDBOX_ACCESS_TOKEN) =>
  fetch(`${s.url}/admin/api/2025-10/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify(body),
  });

describe('Shopify sandbox', () => {
  it('answers with Shopify’s cost extension and spends the bucket', async () => {
    const s = await sandbox();
    const body = (await (
      await post(s, { operationName: 'Orders', query: '', variables: { first: 10 } })
    ).json()) as {
      data: { orders: { nodes: unknown[] } };
      extensions: {
        cost: {
          requestedQueryCost: number;
          throttleStatus: { currentlyAvailable: number; maximumAvailable: number };
        };
      };
    };
    expect(body.data.orders.nodes).toHaveLength(10);
    expect(body.extensions.cost.requestedQueryCost).toBe(32);
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(
      body.extensions.cost.throttleStatus.maximumAvailable,
    );
  });

  it('refuses an unknown access token like Shopify does', async () => {
    const s = await sandbox();
    expect((await post(s, { operationName: 'Shop' }, 'shpat_wrong')).status).toBe(401);
  });

  it('injects a 429 with Retry-After and throttle status, then a truncated page', async () => {
    const s = await sandbox(['429', 'truncated']);
    const throttled = await post(s, { operationName: 'Shop' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('0.01');
    expect(((await throttled.json()) as { extensions: { cost: unknown } }).extensions.cost).toMatchObject({
      throttleStatus: { restoreRate: 50 },
    });
    const truncated = await (await post(s, { operationName: 'Shop' })).text();
    expect(() => JSON.parse(truncated)).toThrow();
  });

  it('a timed-out request is retried by the client and succeeds', async () => {
    const s = await sandbox(['timeout']);
    const client = createShopifyClient({
      shopDomain: 'demo-brand.myshopify.com',
      accessToken: SANDBOX_ACCESS_TOKEN,
      apiVersion: '2025-10',
      apiBaseUrl: s.url,
      http: { fetch, timeoutMs: 100, baseDelayMs: 1 },
    });
    const shop = await client.request(
      'Shop',
      'query Shop { shop { name } }',
      {},
      z.object({ shop: z.object({ name: z.string() }) }),
    );
    expect(shop.shop.name).toBe('Demo Brand');
    expect(s.stats.requests).toBe(2);
  });

  it('runs one bulk operation at a time and serves its JSONL when complete', async () => {
    // Long enough that the second request lands while the first runs, on a loaded machine too.
    const s = await sandbox([], 1_500);
    const run = async () =>
      (
        (await (
          await post(s, {
            operationName: 'BulkOperationRunQuery',
            variables: { query: '{ orders { edges { node { id } } } }' },
          })
        ).json()) as {
          data: {
            bulkOperationRunQuery: {
              bulkOperation: { id: string } | null;
              userErrors: { message: string }[];
            };
          };
        }
      ).data.bulkOperationRunQuery;
    const first = await run();
    expect(first.bulkOperation?.id).toBe('gid://shopify/BulkOperation/1');
    const second = await run();
    expect(second.userErrors[0]?.message).toContain('already in progress');
    const current = async () =>
      (await (await post(s, { operationName: 'CurrentBulkOperation' })).json()) as {
        data: { currentBulkOperation: { status: string; url: string } };
      };
    expect((await current()).data.currentBulkOperation.status).toBe('RUNNING');
    await vi.waitFor(
      async () => expect((await current()).data.currentBulkOperation.status).toBe('COMPLETED'),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
    const done = await current();
    const jsonl = await (await fetch(done.data.currentBulkOperation.url)).text();
    const roots = jsonl.split('\n').filter((l) => l && !l.includes('__parentId'));
    expect(roots).toHaveLength(s.store.orders.length);
  });

  it('announces a finished bulk operation to BULK_OPERATIONS_FINISH subscribers with a valid signature', async () => {
    const s = await sandbox();
    const received: { topic: string; valid: boolean; body: { admin_graphql_api_id: string } }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        received.push({
          topic: String(req.headers['x-shopify-topic']),
          valid: verifyWebhookHmac(DEV_SHOPIFY_API_SECRET, raw, String(req.headers['x-shopify-hmac-sha256'])),
          body: JSON.parse(raw.toString()),
        });
        res.end('{}');
      });
    }).listen(0, '127.0.0.1');
    cleanup.push(() => new Promise<void>((r) => receiver.close(() => r())));
    await new Promise((r) => receiver.once('listening', r));
    const { port } = receiver.address() as AddressInfo;
    await post(s, {
      operationName: 'WebhookSubscriptionCreate',
      variables: { topic: 'BULK_OPERATIONS_FINISH', uri: `http://127.0.0.1:${port}/` },
    });
    await post(s, {
      operationName: 'BulkOperationRunQuery',
      variables: { query: '{ orders { edges { node { id } } } }' },
    });
    await expect.poll(() => received.length, { timeout: 3_000 }).toBe(1);
    expect(received[0]).toEqual({
      topic: 'bulk_operations/finish',
      valid: true,
      body: expect.objectContaining({
        admin_graphql_api_id: 'gid://shopify/BulkOperation/1',
        status: 'completed',
      }),
    });
  });
});
