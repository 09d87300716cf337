import { createEventIngestion } from '../../../customers/events/ingest';
import { shopifyCustomerEvent } from '../../../customers/events/shopify-customers';
import type { Brand } from '../../../domain/entities';
import type { TenantContext } from '../../../domain/tenancy';
import type { LocalDate } from '../../../domain/time';
import type { Logger } from '../../../kernel/logging/logger';
import type { Clock, Ids } from '../../../ports/clock';
import type { DocumentDb } from '../../../ports/document-db';
import type { EventBus } from '../../../ports/events';
import type { OperationalStore } from '../../../ports/operational-store';
import type { ResidualDataPurge } from '../../../ports/residual-purge';
import type { SecretStore } from '../../../ports/secret-store';
import { integrationSecretName } from '../../../ports/secret-store';
import type { TaskQueue } from '../../../ports/task-queue';
import type { Warehouse } from '../../../ports/warehouse';
import { refundRows } from '../../order-rows';
import { requestSync } from '../../sync-requests';
import { writeOrders } from '../sync/write-orders';
import {
  inventoryLevelIdOf,
  inventoryLevelPayloadSchema,
  orderFromPayload,
  orderPayloadSchema,
  productPayloadSchema,
  productsFromPayload,
  refundFromPayload,
  refundPayloadSchema,
} from './payloads';

/**
 * What each Shopify webhook topic does to our data. Every handler is idempotent and keeps the
 * newest state: orders compare updated_at in the warehouse, products and stock compare updatedAt
 * in the store, so a late, older delivery changes nothing. The comparison and the write are one
 * atomic step (a warehouse compare-and-set; a store transaction), because the bus applies
 * deliveries concurrently and a check followed by a separate write lets the older one land last.
 */
export type TopicDeps = {
  store: OperationalStore;
  documents: DocumentDb;
  warehouse: Warehouse;
  bus: EventBus;
  secrets: SecretStore;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Removes residual copies after an erasure (the embedded backends keep some; see the port). */
  residualPurge?: ResidualDataPurge;
};
export type TopicHandler = (
  deps: TopicDeps,
  ctx: TenantContext,
  brand: Brand,
  payload: unknown,
) => Promise<unknown>;

const newer = (incoming: string, stored: string | undefined) =>
  !stored || Date.parse(incoming) >= Date.parse(stored);

const applyOrder: TopicHandler = async (deps, ctx, brand, payload) => {
  const order = orderFromPayload(orderPayloadSchema.parse(payload));
  // Every line's product in one batched read, not one read per line item.
  const variantIds = order.lines.flatMap((l) => (l.variantId ? [l.variantId] : []));
  const costs = new Map<string, number>();
  for (const p of (await deps.store.products.getMany(ctx, brand.id, variantIds)).values())
    if (p.unitCostMinor !== undefined) costs.set(p.id, p.unitCostMinor);
  const written = await writeOrders(deps.warehouse, ctx, brand, [order], {
    unitCosts: costs,
    replaceEqual: false,
    // The payload's landing visit is written only while the order has no touchpoints: once a sync
    // has stored Shopify's journey (or this visit is already there), a later update keeps it.
    touchpoints: order.lastVisit !== null && !(await hasTouchpoints(deps.warehouse, ctx, brand.id, order.id)),
  });
  if (written.days?.length)
    await announceChange(deps, ctx, brand, `order:${order.id}:${order.updatedAt}`, written.days);
  return written;
};

async function hasTouchpoints(
  warehouse: Warehouse,
  ctx: TenantContext,
  brandId: string,
  orderId: string,
): Promise<boolean> {
  const found = await warehouse.query<{ n: number }>(
    ctx,
    'SELECT COUNT(*) AS n FROM {{touchpoints}} WHERE brand_id = @brand AND order_id = @order',
    { brand: brandId, order: orderId },
  );
  return Number(found[0]?.n ?? 0) > 0;
}

/** Days whose orders changed go to the incremental attribution update (docs/decisions/305). */
async function announceChange(
  deps: TopicDeps,
  ctx: TenantContext,
  brand: Brand,
  what: string,
  days: readonly string[],
): Promise<void> {
  await deps.bus.publish('orders.changed', {
    tenantId: ctx.tenantId,
    brandId: brand.id,
    idempotencyKey: `orders.changed:webhook:${brand.id}:${what}`,
    days: [...new Set(days)].sort(),
    ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
  });
}

/**
 * A refund's payload names its order but not the order's day: that is read from the order in the
 * warehouse. An order not there yet leaves it null; the order's own write replaces its refunds
 * with rows that carry it, and the fill after this write covers an order landing in between
 * (decision 1006).
 */
const applyRefund: TopicHandler = async (deps, ctx, brand, payload) => {
  const refund = refundPayloadSchema.parse(payload);
  const node = refundFromPayload(refund, brand.currency);
  const orderId = `gid://shopify/Order/${refund.order_id}`;
  const orderDays = await deps.warehouse.query<{ date: LocalDate }>(
    ctx,
    'SELECT date FROM {{orders}} WHERE brand_id = @brand AND order_id = @order',
    { brand: brand.id, order: orderId },
  );
  const orderDate = orderDays[0]?.date ?? null;
  const rows = refundRows(brand.id, { id: orderId, date: orderDate }, node, brand.currency, brand.timezone);
  await deps.warehouse.replaceKeys(
    ctx,
    'refunds',
    { brandId: brand.id, keyColumn: 'refund_id', keys: [node.id] },
    rows,
  );
  if (rows.length && orderDate === null) await deps.warehouse.fillColumns(ctx, 'refunds', brand.id);
  if (rows.length)
    // A brand that books refunds on the order's day needs that day rebuilt, not the refund's.
    await announceChange(deps, ctx, brand, `refund:${node.id}`, [
      ...rows.map((r) => String(r.date)),
      ...(orderDate ? [orderDate] : []),
    ]);
  return { refunds: rows.length };
};

const applyProduct: TopicHandler = async (deps, ctx, brand, payload) => {
  const incoming = productsFromPayload(productPayloadSchema.parse(payload), brand.currency);
  return deps.store.transaction(ctx, async (tx) => {
    // Every incoming variant's stored copy in one batched read, not one read per variant.
    const storedById = await tx.products.getMany(
      ctx,
      brand.id,
      incoming.map((p) => p.id),
    );
    const updated = [];
    for (const p of incoming) {
      const stored = storedById.get(p.id);
      if (!newer(p.updatedAt, stored?.updatedAt)) continue;
      updated.push({
        ...p,
        ...(stored?.unitCostMinor !== undefined ? { unitCostMinor: stored.unitCostMinor } : {}),
      });
    }
    await tx.products.upsertMany(ctx, brand.id, updated);
    return { products: updated.length };
  });
};

const applyInventoryLevel: TopicHandler = async (deps, ctx, brand, payload) => {
  const p = inventoryLevelPayloadSchema.parse(payload);
  const id = inventoryLevelIdOf(p.inventory_item_id, p.location_id);
  const updatedAt = new Date(p.updated_at).toISOString();
  return deps.store.transaction(ctx, async (tx) => {
    const stored = await tx.inventory.get(ctx, brand.id, id);
    if (!stored || !newer(updatedAt, stored.updatedAt) || p.available === null) {
      // An item we have not synced yet is left to the next sync, which reads all its quantities.
      return { updated: 0 };
    }
    const available = p.available;
    await tx.inventory.upsert(ctx, brand.id, {
      ...stored,
      available,
      onHand: available + stored.committed,
      updatedAt,
    });
    return { updated: 1 };
  });
};

const applyUninstalled: TopicHandler = async (deps, ctx, brand) => {
  await deps.secrets.delete(ctx, integrationSecretName(brand.id, 'shopify'));
  const integration = await deps.store.integrations.getPlatform(ctx, brand.id, 'shopify');
  if (integration) {
    const { secretRef: _dropped, ...rest } = integration;
    await deps.store.integrations.upsert(ctx, brand.id, {
      ...rest,
      status: 'disconnected',
      lastError: 'app uninstalled from the shop',
      updatedAt: deps.clock.now().toISOString(),
    });
  }
  await deps.store.auditEvents.append(ctx, {
    id: deps.ids.next(),
    brandId: brand.id,
    actor: 'shopify:app/uninstalled',
    action: 'integration.disconnected',
    target: 'shopify',
    details: {},
    at: deps.clock.now().toISOString(),
  });
  return { disconnected: true };
};

/** A finished bulk export resumes the sync that waits for it (it adopts the shop's current operation). */
const applyBulkFinished: TopicHandler = async (deps, ctx, brand) => {
  const integration = await deps.store.integrations.getPlatform(ctx, brand.id, 'shopify');
  if (!integration || integration.status === 'disconnected') return { requested: false };
  await requestSync(deps, ctx, brand.id, 'shopify', integration.cursor ? 'incremental' : 'backfill');
  return { requested: true };
};

/** customers/create|update become customer events (identity resolution picks them up). */
const applyCustomer =
  (topic: 'customers/create' | 'customers/update'): TopicHandler =>
  async (deps, ctx, brand, payload) => {
    const event = shopifyCustomerEvent(topic, payload);
    const result = await createEventIngestion(deps).ingest(
      { ctx, brandId: brand.id, timeZone: brand.timezone },
      [event],
      'shopify',
    );
    // A payload Shopify sent cannot be fixed by retrying: fail loudly so it is dead-lettered.
    if (result.rejected.length) throw new Error(`${topic}: ${result.rejected[0]!.message}`);
    return { event: event.id, status: result.accepted[0]!.status };
  };

export const TOPIC_HANDLERS: Readonly<Record<string, TopicHandler>> = {
  'orders/create': applyOrder,
  'orders/updated': applyOrder,
  'orders/cancelled': applyOrder,
  'refunds/create': applyRefund,
  'products/update': applyProduct,
  'inventory_levels/update': applyInventoryLevel,
  'customers/create': applyCustomer('customers/create'),
  'customers/update': applyCustomer('customers/update'),
  'app/uninstalled': applyUninstalled,
  'bulk_operations/finish': applyBulkFinished,
};
