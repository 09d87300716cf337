import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderWebhookPayload } from '../../infra/sandbox/shopify/serialize';
import { createApplyShopifyWebhookJob } from '../../shared/platforms/shopify/webhooks/apply';
import { createShopifyWebhookReceiver } from '../../shared/platforms/shopify/webhooks/receiver';
import { createShopifyTestbed, type ShopifyTestbed } from '../support/shopify-testbed';

/**
 * The probe found a redacted customer's email and name still readable in store.sqlite's free
 * pages (an earlier data export) and in queue.sqlite (the processed webhook payload). This suite
 * sends a customer through every path that copies personal data into the embedded backends —
 * an orders/updated webhook through the receiver and the persistent bus into the warehouse, a
 * customers/data_request export into the audit log — then customers/redact, and reads every byte
 * of every file in the data directory for the customer's email, name, phone and address.
 *
 * The payloads follow Shopify's REST order shape (shopify.dev/docs/api/admin-rest/2025-10/resources/order:
 * `email`, `phone`, `customer.first_name/last_name/phone`, `shipping_address.address1/phone/zip`)
 * and the compliance payloads of shopify.dev/docs/apps/build/privacy-law-compliance.
 */
const CUSTOMER = {
  email: 'zebulon.erasure-target@example.com',
  first: 'Zebulon',
  last: 'Quixotic-Erasemore',
  phone: '+1-555-014-29876',
  address: '742 Evergreen Terrace Apt 9Q',
};
const MARKERS = [CUSTOMER.email, CUSTOMER.last, CUSTOMER.phone, CUSTOMER.address];

/** Every file under the data dir that holds any marker, with the markers found. */
function filesHolding(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    const hits = MARKERS.filter((m) => bytes.includes(m) || bytes.includes(Buffer.from(m, 'utf16le')));
    if (hits.length) found.push(`${name}: ${hits.join(', ')}`);
  }
  return found;
}

let b: ShopifyTestbed;
const URL_ = 'http://127.0.0.1/webhooks/shopify';

beforeAll(async () => {
  // Not connected: no sync tasks wait in the queue, so draining it means the webhooks were applied.
  b = await createShopifyTestbed({ connect: false });
  b.embedded.bus.subscribe(
    'shopify.webhook',
    'apply-shopify-webhook',
    createApplyShopifyWebhookJob({ ...b.deps, residualPurge: b.embedded.residualPurge }),
  );
}, 120_000);
afterAll(async () => b?.close());

describe('customers/redact reaches every copy in the embedded backends', () => {
  it("leaves none of the customer's email, name, phone or address in any data file", async () => {
    const receive = createShopifyWebhookReceiver(b.deps);
    const deliver = async (topic: string, payload: unknown) => {
      const res = await receive(b.sandbox.webhookRequest(URL_, topic, payload));
      expect(await res.json()).toEqual({ status: 'accepted' });
      await b.embedded.queue.drain();
    };
    const order = b.sandbox.store.orders[3]!;
    const base = orderWebhookPayload(order);
    const customerId = 990_001;
    await deliver('orders/updated', {
      ...base,
      email: CUSTOMER.email,
      phone: CUSTOMER.phone,
      customer: {
        ...base.customer,
        id: customerId,
        admin_graphql_api_id: `gid://shopify/Customer/${customerId}`,
        email: CUSTOMER.email,
        first_name: CUSTOMER.first,
        last_name: CUSTOMER.last,
        phone: CUSTOMER.phone,
      },
      shipping_address: {
        ...base.shipping_address,
        name: `${CUSTOMER.first} ${CUSTOMER.last}`,
        address1: CUSTOMER.address,
        phone: CUSTOMER.phone,
      },
    });
    const compliance = { shop_id: 1, shop_domain: 'demo-brand.myshopify.com' };
    const customer = { id: customerId, email: CUSTOMER.email, phone: CUSTOMER.phone };
    await deliver('customers/data_request', {
      ...compliance,
      customer,
      orders_requested: [order.legacyId],
      data_request: { id: 77 },
    });
    // The copies exist before the redaction (so the check below can see them).
    expect(filesHolding(b.dir).length).toBeGreaterThan(0);

    await deliver('customers/redact', { ...compliance, customer, orders_to_redact: [order.legacyId] });
    expect(filesHolding(b.dir)).toEqual([]);
    // The rewritten files still hold everything else: the order is there, without its PII.
    expect(await b.orderRow(`gid://shopify/Order/${order.legacyId}`)).toMatchObject({
      email: null,
      customer_name: null,
      total_minor: order.totalMinor,
    });
    // …and after the backends close, which checkpoints their journals into the main files.
    await b.embedded.close(1_000);
    expect(filesHolding(b.dir)).toEqual([]);
  }, 120_000);

  it('keeps every data file private to its owner (0600) in a private directory (0700)', () => {
    const open: string[] = [];
    for (const name of readdirSync(b.dir, { recursive: true }) as string[]) {
      const mode = statSync(join(b.dir, name)).mode & 0o777;
      if (statSync(join(b.dir, name)).isFile() ? mode & 0o077 : mode !== 0o700)
        open.push(`${name}: ${mode.toString(8)}`);
    }
    expect(statSync(b.dir).mode & 0o777).toBe(0o700);
    expect(open).toEqual([]);
  });
});
