import { describe, expect, it } from 'vitest';
import { orderWebhookPayload } from '../../infra/sandbox/shopify/serialize';
import { createApplyShopifyWebhookJob } from '../../shared/platforms/shopify/webhooks/apply';
import { integrationSecretName } from '../../shared/ports/secret-store';
import { recordingBus } from '../support/shopify-testbed';
import { shopifyTestbeds } from './shopify-testbeds';

const { synced } = shopifyTestbeds();

describe('apply-shopify-webhook', () => {
  it('keeps the newest order when updates arrive out of order', async () => {
    const b = await synced();
    const order = b.sandbox.store.orders[3]!;
    const id = `gid://shopify/Order/${order.legacyId}`;
    const older = orderWebhookPayload(order);
    const newer = {
      ...older,
      updated_at: b.sandbox.now(),
      cancelled_at: b.sandbox.now(),
      financial_status: 'voided',
    };
    await b.applyWebhook('orders/updated', newer);
    await b.applyWebhook('orders/updated', older);
    expect(await b.orderRow(id)).toMatchObject({
      financial_status: 'voided',
      updated_at: new Date(newer.updated_at).toISOString(),
    });
  });

  it('a webhook repeating the synced state keeps the synced customer journey', async () => {
    const b = await synced();
    const order = b.sandbox.store.orders.find((o) => o.journey)!;
    const id = `gid://shopify/Order/${order.legacyId}`;
    const count = async () =>
      (await b.deps.warehouse.query(b.ctx, 'SELECT * FROM {{touchpoints}} WHERE order_id = @id', { id }))
        .length;
    const before = await count();
    await b.applyWebhook('orders/updated', orderWebhookPayload(order));
    expect(before).toBeGreaterThan(0);
    expect(await count()).toBe(before);
  });

  it('a newer orders/updated carrying landing_site keeps a synced two-visit journey (its landing visit only stands in while there is none)', async () => {
    const b = await synced();
    const order = b.sandbox.store.orders.find(
      (o) => o.journey && o.journey.firstVisit !== o.journey.lastVisit,
    )!;
    const id = `gid://shopify/Order/${order.legacyId}`;
    const touches = async () =>
      (
        await b.deps.warehouse.query<{ touchpoint_id: string }>(
          b.ctx,
          'SELECT touchpoint_id FROM {{touchpoints}} WHERE order_id = @id ORDER BY touchpoint_id',
          { id },
        )
      ).map((t) => t.touchpoint_id);
    expect(await touches()).toEqual([`${id}:first_visit`, `${id}:last_visit`]);
    const later = new Date(Date.parse(order.updatedAt) + 60_000).toISOString();
    const payload = { ...orderWebhookPayload(order), updated_at: later };
    expect(payload.landing_site).toBeTruthy();
    await b.applyWebhook('orders/updated', payload);
    // The update was applied (it is newer), and still the journey stayed.
    const stored = (await b.orderRow(id))?.updated_at;
    const at = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).getTime();
    expect(Math.abs(at(stored) - Date.parse(later))).toBeLessThan(1_000);
    expect(await touches()).toEqual([`${id}:first_visit`, `${id}:last_visit`]);
  });

  it('customers/data_request exports the customer’s rows; customers/redact erases their PII in warehouse and store', async () => {
    const b = await synced();
    const customer = b.sandbox.store.orders[5]!.customer;
    const theirs = b.sandbox.store.orders.filter((o) => o.customer.legacyId === customer.legacyId);
    const someoneElse = b.sandbox.store.orders.find((o) => o.customer.legacyId !== customer.legacyId)!;
    const ref = { id: customer.legacyId, email: customer.email };
    await b.applyWebhook('customers/data_request', {
      shop_domain: 'demo-brand.myshopify.com',
      customer: ref,
      orders_requested: [],
      data_request: { id: 9 },
    });
    const exported = (await b.deps.store.auditEvents.list(b.ctx, { brandId: b.brandId })).find(
      (e) => e.action === 'shopify.customer_data_export',
    )!;
    expect(JSON.stringify(exported.details)).toContain(customer.email);
    expect((exported.details.data as { orders: unknown[] }).orders).toHaveLength(theirs.length);

    await b.applyWebhook('customers/redact', {
      shop_domain: 'demo-brand.myshopify.com',
      customer: ref,
      orders_to_redact: theirs.map((o) => o.legacyId),
    });
    for (const o of theirs)
      expect(await b.orderRow(`gid://shopify/Order/${o.legacyId}`)).toMatchObject({
        email: null,
        customer_name: null,
        city: null,
        total_minor: o.totalMinor,
      });
    expect(await b.orderRow(`gid://shopify/Order/${someoneElse.legacyId}`)).toMatchObject({
      email: someoneElse.customer.email,
    });
    const events = await b.deps.store.auditEvents.list(b.ctx, { brandId: b.brandId });
    expect(JSON.stringify(events)).not.toContain(customer.email);
  });

  it('shop/redact erases every PII column of the brand', async () => {
    const b = await synced();
    await b.applyWebhook('shop/redact', { shop_id: 1, shop_domain: 'demo-brand.myshopify.com' });
    const [left] = await b.deps.warehouse.query<{ n: number }>(
      b.ctx,
      'SELECT COUNT(*) AS n FROM {{orders}} WHERE email IS NOT NULL OR customer_name IS NOT NULL OR city IS NOT NULL',
    );
    expect(left?.n).toBe(0);
  });

  it("shop/redact naming another shop than the brand's erases nothing", async () => {
    const b = await synced();
    await expect(
      b.applyWebhook('shop/redact', { shop_id: 1, shop_domain: 'someone-else.myshopify.com' }),
    ).rejects.toThrow(/someone-else.myshopify.com/);
    const [left] = await b.deps.warehouse.query<{ n: number }>(
      b.ctx,
      'SELECT COUNT(*) AS n FROM {{orders}} WHERE email IS NOT NULL',
    );
    expect(left?.n).toBeGreaterThan(0);
  });

  it('app/uninstalled disconnects the integration and deletes the token', async () => {
    const b = await synced();
    await b.applyWebhook('app/uninstalled', { id: 1, domain: 'demo-brand.myshopify.com' });
    expect(await b.deps.secrets.get(b.ctx, integrationSecretName(b.brandId, 'shopify'))).toBeUndefined();
    const integration = await b.deps.store.integrations.getPlatform(b.ctx, b.brandId, 'shopify');
    expect(integration).toMatchObject({ status: 'disconnected' });
    expect(integration?.secretRef).toBeUndefined();
    expect(await b.sync()).toEqual({ status: 'skipped', reason: 'not_connected' });
  });

  it('inventory_levels/update changes available stock only when newer', async () => {
    const b = await synced();
    const [level] = await b.deps.store.inventory.list(b.ctx, b.brandId, { limit: 1 });
    const itemId = level!.inventoryItemId.split('/').pop();
    const locationId = level!.locationId.split('/').pop();
    const later = new Date(Date.parse(level!.updatedAt) + 60_000).toISOString();
    await b.applyWebhook('inventory_levels/update', {
      inventory_item_id: Number(itemId),
      location_id: Number(locationId),
      available: 3,
      updated_at: later,
    });
    await b.applyWebhook('inventory_levels/update', {
      inventory_item_id: Number(itemId),
      location_id: Number(locationId),
      available: 99,
      updated_at: level!.updatedAt,
    });
    expect(await b.deps.store.inventory.get(b.ctx, b.brandId, level!.id)).toMatchObject({
      available: 3,
      updatedAt: later,
    });
  });

  it('refunds/create adds that refund’s rows once, however often it is delivered', async () => {
    const b = await synced();
    const order = b.sandbox.store.orders.find((o) => o.refunds.length === 0)!;
    const line = order.lines[0]!;
    const payload = {
      id: 991,
      admin_graphql_api_id: 'gid://shopify/Refund/991',
      order_id: order.legacyId,
      created_at: b.sandbox.now(),
      refund_line_items: [
        {
          line_item_id: line.legacyId,
          quantity: 1,
          subtotal: '10.00',
          line_item: { variant_id: Number(line.variant.variantId.split('/').pop()) },
        },
      ],
      transactions: [{ kind: 'refund', status: 'success', amount: '12.50' }],
    };
    await b.applyWebhook('refunds/create', payload);
    await b.applyWebhook('refunds/create', payload);
    const rows = await b.deps.warehouse.query(
      b.ctx,
      "SELECT variant_id, amount_minor, kind FROM {{refunds}} WHERE refund_id = 'gid://shopify/Refund/991' ORDER BY kind",
    );
    expect(rows).toEqual([
      { variant_id: line.variant.variantId, amount_minor: 1000, kind: 'line' },
      { variant_id: null, amount_minor: 250, kind: 'other' },
    ]);
  });

  it('refunds/create stamps its rows with the order’s local day; before the order arrives they wait NULL and the order’s delivery fills them', async () => {
    const b = await synced();
    const orderDatesOf = async (refundId: string) =>
      (
        await b.deps.warehouse.query<{ order_date: string | null }>(
          b.ctx,
          'SELECT order_date FROM {{refunds}} WHERE refund_id = @id ORDER BY kind',
          { id: refundId },
        )
      ).map((r) => r.order_date);
    const [known, late] = b.sandbox.store.orders.filter((o) => o.refunds.length === 0 && o.lines.length > 0);
    const refund = (id: number, order: typeof known) => ({
      id,
      admin_graphql_api_id: `gid://shopify/Refund/${id}`,
      order_id: order!.legacyId,
      created_at: b.sandbox.now(),
      refund_line_items: [
        {
          line_item_id: order!.lines[0]!.legacyId,
          quantity: 1,
          subtotal: '4.00',
          line_item: { variant_id: Number(order!.lines[0]!.variant.variantId.split('/').pop()) },
        },
      ],
      transactions: [{ kind: 'refund', status: 'success', amount: '5.00' }],
    });
    await b.applyWebhook('refunds/create', refund(993, known));
    expect(await orderDatesOf('gid://shopify/Refund/993')).toEqual([known!.date, known!.date]);

    // The refund of an order the warehouse does not have yet (its orders/create is still in flight).
    const lateId = `gid://shopify/Order/${late!.legacyId}`;
    await b.deps.warehouse.deleteWhere(b.ctx, 'orders', b.brandId, { order_id: lateId });
    await b.applyWebhook('refunds/create', refund(994, late));
    expect(await orderDatesOf('gid://shopify/Refund/994')).toEqual([null, null]);
    await b.applyWebhook('orders/updated', {
      ...orderWebhookPayload(late!),
      updated_at: b.sandbox.now(),
      refunds: [refund(994, late)],
    });
    expect(await orderDatesOf('gid://shopify/Refund/994')).toEqual([late!.date, late!.date]);
  });

  it('orders and refunds announce the local days they changed, for incremental attribution', async () => {
    const b = await synced();
    const bus = recordingBus();
    const apply = (topic: string, payload: unknown, webhookId: string) =>
      createApplyShopifyWebhookJob({ ...b.deps, bus, residualPurge: b.embedded.residualPurge })(
        {
          tenantId: b.ctx.tenantId,
          brandId: b.brandId,
          idempotencyKey: webhookId,
          topic,
          webhookId,
          payload,
        },
        { attempt: 1, messageId: webhookId },
      );
    const order = b.sandbox.store.orders.find((o) => o.refunds.length === 0 && o.date < '2026-11-10')!;
    await apply('orders/updated', { ...orderWebhookPayload(order), updated_at: b.sandbox.now() }, 'w1');
    const refundAt = b.sandbox.now();
    await apply(
      'refunds/create',
      {
        id: 992,
        admin_graphql_api_id: 'gid://shopify/Refund/992',
        order_id: order.legacyId,
        created_at: refundAt,
        refund_line_items: [],
        transactions: [{ kind: 'refund', status: 'success', amount: '3.00' }],
      },
      'w2',
    );
    const [refund] = await b.deps.warehouse.query<{ date: string }>(
      b.ctx,
      "SELECT date FROM {{refunds}} WHERE refund_id = 'gid://shopify/Refund/992'",
    );
    const announced = bus.published.filter((p) => p.topic === 'orders.changed').map((p) => p.message);
    expect(announced).toEqual([
      expect.objectContaining({ brandId: b.brandId, days: [order.date] }),
      expect.objectContaining({ brandId: b.brandId, days: [order.date, refund!.date].sort() }),
    ]);
  });

  it('products/update changes title and price, keeps the synced unit cost, and ignores an older payload', async () => {
    const b = await synced();
    const [product] = await b.deps.store.products.list(b.ctx, b.brandId, { limit: 1 });
    const payload = (title: string, price: string, updated_at: string) => ({
      admin_graphql_api_id: product!.productId,
      title,
      status: 'active',
      updated_at,
      variants: [
        {
          admin_graphql_api_id: product!.id,
          title: product!.variantTitle ?? 'OS',
          sku: product!.sku ?? null,
          price,
          inventory_item_id: 1,
          updated_at,
        },
      ],
    });
    await b.applyWebhook('products/update', payload('Renamed', '99.00', b.sandbox.now()));
    await b.applyWebhook('products/update', payload('Stale', '1.00', '2020-01-01T00:00:00Z'));
    expect(await b.deps.store.products.get(b.ctx, b.brandId, product!.id)).toMatchObject({
      title: 'Renamed',
      priceMinor: 9900,
      unitCostMinor: product!.unitCostMinor,
    });
  });

  it('bulk_operations/finish resumes the Shopify sync', async () => {
    const b = await synced();
    const before = b.embedded.queue.backlog('tasks/sync-shopify');
    await b.applyWebhook('bulk_operations/finish', {
      admin_graphql_api_id: 'gid://shopify/BulkOperation/1',
      status: 'completed',
    });
    expect(b.embedded.queue.backlog('tasks/sync-shopify')).toBe(before + 1);
  });
});
