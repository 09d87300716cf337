import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { WOO_CUSTOMER, WOO_ORDER } from '../../../test/support/customer-events/woocommerce';
import { createMemoryRateLimiter } from '../../api/rate-limit/token-bucket';
import { systemContext } from '../../domain/tenancy';
import { createCollectFunction } from './collect-function';
import { verifyWooCommerceSignature } from './woocommerce';

let api: TestApi;
let collect: ReturnType<typeof createCollectFunction>;
let secret: string;
let deliveryPath: string;
const ctx = systemContext('t_woo', 'test');

beforeAll(async () => {
  api = await createTestApi({ now: '2026-11-22T12:00:00Z' });
  await api.seedTenant('t_woo', [{ id: 'woo', timezone: 'America/Los_Angeles', currency: 'USD' }]);
  collect = createCollectFunction({ ...api.deps, limiter: createMemoryRateLimiter({ clock: api.clock }) });
  const owner = await api.token({ tenantId: 't_woo', role: 'owner' });
  const res = await api.request('/api/brands/woo/woocommerce/webhook-secret', {
    method: 'POST',
    token: owner,
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { secret: string; deliveryUrl: string };
  secret = body.secret;
  deliveryPath = new URL(body.deliveryUrl).pathname;
});
afterAll(async () => api?.close());

/** A delivery as WooCommerce makes it (#webhooks): topic header, base64 HMAC-SHA256 of the raw body. */
function deliver(topic: string, payload: unknown, key = secret, path = deliveryPath) {
  const body = JSON.stringify(payload);
  return collect(
    new Request(`https://app.example${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-resource': topic.split('.')[0]!,
        'x-wc-webhook-event': topic.split('.')[1]!,
        'x-wc-webhook-signature': createHmac('sha256', key).update(body).digest('base64'),
        'x-wc-webhook-id': '31',
        'x-wc-webhook-delivery-id': '4e2f9c',
      },
      body,
    }),
  );
}

const rows = () =>
  api.deps.warehouse.query<Record<string, unknown>>(
    ctx,
    'SELECT event_id, type, source, occurred_at, day, value_minor, currency, identifiers, person FROM {{events}} WHERE brand_id = @b ORDER BY event_id',
    { b: 'woo' },
  );

describe('WooCommerce webhooks', () => {
  it('checks the base64 HMAC-SHA256 signature over the raw body', () => {
    const raw = new TextEncoder().encode('{"id":1}');
    const sig = createHmac('sha256', 's3cret').update(raw).digest('base64');
    expect(verifyWooCommerceSignature('s3cret', raw, sig)).toBe(true);
    expect(verifyWooCommerceSignature('other', raw, sig)).toBe(false);
    expect(verifyWooCommerceSignature('s3cret', raw, null)).toBe(false);
    expect(verifyWooCommerceSignature('s3cret', raw, 'bm90IGEgc2lnbmF0dXJl')).toBe(false);
  });

  it('stores a signed order.created as an order event with the buyer’s identifiers, once', async () => {
    const res = await deliver('order.created', WOO_ORDER);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'stored', id: 'woocommerce:order:727:created' });
    expect((await (await deliver('order.created', WOO_ORDER)).json()) as object).toMatchObject({
      status: 'duplicate',
    });
    const [row] = (await rows()).filter((r) => r.event_id === 'woocommerce:order:727:created');
    expect(row).toMatchObject({
      type: 'order_placed',
      source: 'woocommerce',
      occurred_at: '2017-03-22T19:28:02.000Z',
      day: '2017-03-22',
      value_minor: 2935,
      currency: 'USD',
    });
    expect(JSON.parse(String(row!.identifiers))).toEqual([
      { kind: 'email', value: 'john.doe@example.com' },
      { kind: 'phone', value: '(555) 555-5555' },
    ]);
    expect(JSON.parse(String(row!.person))).toMatchObject({
      address1: '969 Market',
      postcode: '94103',
      country: 'US',
    });
  });

  it('stores customer.updated with the WooCommerce customer id as an identifier', async () => {
    const res = await deliver('customer.updated', WOO_CUSTOMER);
    expect(res.status).toBe(200);
    const [row] = (await rows()).filter((r) => String(r.event_id).startsWith('woocommerce:customer:25'));
    expect(JSON.parse(String(row!.identifiers))).toContainEqual({
      kind: 'woocommerce_customer_id',
      value: '25',
    });
    expect(row!.type).toBe('customer_updated');
  });

  it('refuses a wrong signature or another brand’s path, and stores nothing', async () => {
    const before = (await rows()).length;
    expect((await deliver('order.updated', WOO_ORDER, 'wrong-secret')).status).toBe(401);
    expect(
      (await deliver('order.updated', WOO_ORDER, secret, '/collect/woocommerce/t_woo/other-brand')).status,
    ).toBe(401);
    expect((await rows()).length).toBe(before);
  });

  it('acknowledges the creation ping and topics it does not collect', async () => {
    const ping = await collect(
      new Request(`https://app.example${deliveryPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'webhook_id=31',
      }),
    );
    expect(ping.status).toBe(200);
    const product = await deliver('product.updated', { id: 93 });
    expect(await product.json()).toEqual({ status: 'ignored', topic: 'product.updated' });
  });

  it('answers 400 naming the field when a signed order is not the documented shape', async () => {
    const res = await deliver('order.created', { ...WOO_ORDER, date_created_gmt: 'yesterday' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/date_created_gmt/);
  });
});
