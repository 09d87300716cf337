import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createShopifyClient, paginate, shopifyGraphqlUrl } from './client';

const cost = (requested: number, available: number, restoreRate = 50) => ({
  requestedQueryCost: requested,
  actualQueryCost: requested,
  throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate },
});
const ok = (data: unknown, c = cost(10, 990)) =>
  new Response(JSON.stringify({ data, extensions: { cost: c } }), {
    headers: { 'content-type': 'application/json' },
  });
const throttled = (c: ReturnType<typeof cost>) =>
  new Response(
    JSON.stringify({
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
      extensions: { cost: c },
    }),
    {
      headers: { 'content-type': 'application/json' },
    },
  );

/** A client over scripted responses, with a fake clock and a sleep that only records. */
function scripted(responses: Response[]) {
  const sent: { url: string; body: Record<string, unknown>; token: string | null }[] = [];
  const slept: number[] = [];
  let t = 0;
  const client = createShopifyClient({
    shopDomain: 'a.myshopify.com',
    accessToken: 'shpat_x',
    apiVersion: '2025-10',
    now: () => t,
    http: {
      fetch: async (url, init) => {
        sent.push({
          url: String(url),
          body: JSON.parse(String(init?.body)),
          token: new Headers(init?.headers).get('x-shopify-access-token'),
        });
        const next = responses.shift();
        if (!next) throw new Error('no more scripted responses');
        return next;
      },
      sleep: async (ms) => {
        slept.push(ms);
        t += ms;
      },
      random: () => 0.5,
    },
  });
  return { client, sent, slept };
}

const shop = z.object({ shop: z.object({ name: z.string() }) });

describe('Shopify GraphQL client', () => {
  it('posts the named operation with its token to the pinned version’s endpoint', async () => {
    const { client, sent } = scripted([ok({ shop: { name: 'A' } })]);
    expect(await client.request('Shop', 'query Shop { shop { name } }', {}, shop)).toEqual({
      shop: { name: 'A' },
    });
    expect(sent[0]).toMatchObject({
      url: 'https://a.myshopify.com/admin/api/2025-10/graphql.json',
      token: 'shpat_x',
      body: { operationName: 'Shop' },
    });
  });

  it('uses a sandbox base URL when the integration names one', () => {
    expect(
      shopifyGraphqlUrl({
        shopDomain: 'a.myshopify.com',
        apiVersion: '2025-10',
        apiBaseUrl: 'http://127.0.0.1:9/',
      }),
    ).toBe('http://127.0.0.1:9/admin/api/2025-10/graphql.json');
  });

  it('retries THROTTLED in a 200 body after the time the bucket needs to refill', async () => {
    const { client, slept } = scripted([throttled(cost(300, 100, 50)), ok({ shop: { name: 'A' } })]);
    await client.request('Shop', 'q', {}, shop);
    expect(slept).toEqual([4000]); // (300 − 100) points at 50/s
  });

  it('waits before a query that would run the bucket dry, instead of being throttled', async () => {
    const { client, slept } = scripted([
      ok({ shop: { name: 'A' } }, cost(200, 120, 50)),
      ok({ shop: { name: 'B' } }),
    ]);
    await client.request('Orders', 'q', {}, shop);
    await client.request('Orders', 'q', {}, shop);
    // Needs 200 (last cost of Orders) + 50 reserve, has 120: 130 points at 50/s.
    expect(slept).toEqual([2600]);
  });

  it('does not wait while the bucket has room', async () => {
    const { client, slept } = scripted([
      ok({ shop: { name: 'A' } }, cost(50, 900)),
      ok({ shop: { name: 'B' } }),
    ]);
    await client.request('Shop', 'q', {}, shop);
    await client.request('Shop', 'q', {}, shop);
    expect(slept).toEqual([]);
  });

  it('rejects a response that does not have the promised shape', async () => {
    const { client } = scripted([ok({ shop: { title: 'A' } })]);
    await expect(client.request('Shop', 'q', {}, shop)).rejects.toThrow(
      'Shopify Shop: unexpected response shape',
    );
  });

  it('surfaces GraphQL errors other than THROTTLED without retrying', async () => {
    const body = JSON.stringify({ errors: [{ message: "Field 'x' doesn't exist" }] });
    const { client, sent } = scripted([
      new Response(body, { headers: { 'content-type': 'application/json' } }),
    ]);
    await expect(client.request('Shop', 'q', {}, shop)).rejects.toThrow("Field 'x' doesn't exist");
    expect(sent).toHaveLength(1);
  });
});

describe('paginate', () => {
  it('follows endCursor until hasNextPage is false', async () => {
    const pages: Record<
      string,
      { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: number[] }
    > = {
      start: { pageInfo: { hasNextPage: true, endCursor: 'c1' }, nodes: [1, 2] },
      c1: { pageInfo: { hasNextPage: true, endCursor: 'c2' }, nodes: [3] },
      c2: { pageInfo: { hasNextPage: false, endCursor: 'c3' }, nodes: [4] },
    };
    const seen: (string | null)[] = [];
    const out: number[][] = [];
    for await (const nodes of paginate(async (after) => {
      seen.push(after);
      return pages[after ?? 'start']!;
    }))
      out.push(nodes);
    expect(out).toEqual([[1, 2], [3], [4]]);
    expect(seen).toEqual([null, 'c1', 'c2']);
  });
});
