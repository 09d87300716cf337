import type { Brand } from '../../../domain/entities';
import type { TenantContext } from '../../../domain/tenancy';
import type { Logger } from '../../../kernel/logging/logger';
import type { Clock, Ids } from '../../../ports/clock';
import type { OperationalStore } from '../../../ports/operational-store';
import type { SecretStore } from '../../../ports/secret-store';
import { integrationSecretName } from '../../../ports/secret-store';
import type { TaskQueue } from '../../../ports/task-queue';
import type { Warehouse } from '../../../ports/warehouse';
import { requestSync } from '../../sync-requests';
import { refundRows } from '../mapping';
import { writeOrders } from '../sync/write-orders';
import {
  inventoryLevelIdOf,
  inventoryLevelPayloadSchema,
  orderNodeFromPayload,
  orderPayloadSchema,
  productPayloadSchema,
  productsFromPayload,
  refundNode,
  refundPayloadSchema,
  refundVariants,
} from './payloads';

/**
 * What each Shopify webhook topic does to our data. Every handler is idempotent and keeps the
 * newest state: orders compare updated_at in the warehouse, products and stock compare updatedAt
 * in the store, so a late, older delivery changes nothing.
 */
export type TopicDeps = {
  store: OperationalStore;
  warehouse: Warehouse;
  secrets: SecretStore;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
  logger: Logger;
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
  const order = orderNodeFromPayload(orderPayloadSchema.parse(payload));
  const costs = new Map<string, number>();
  for (const l of order.lineItems.nodes) {
    const p = l.variant ? await deps.store.products.get(ctx, brand.id, l.variant.id) : undefined;
    if (p?.unitCostMinor !== undefined) costs.set(p.id, p.unitCostMinor);
  }
  return writeOrders(deps.warehouse, ctx, brand, [order], {
    unitCosts: costs,
    replaceEqual: false,
    touchpoints: false,
  });
};

const applyRefund: TopicHandler = async (deps, ctx, brand, payload) => {
  const refund = refundPayloadSchema.parse(payload);
  const node = refundNode(refund, brand.currency);
  const rows = refundRows(
    brand.id,
    `gid://shopify/Order/${refund.order_id}`,
    node,
    refundVariants(refund),
    brand.currency,
    brand.timezone,
  );
  await deps.warehouse.replaceKeys(
    ctx,
    'refunds',
    { brandId: brand.id, keyColumn: 'refund_id', keys: [node.id] },
    rows,
  );
  return { refunds: rows.length };
};

const applyProduct: TopicHandler = async (deps, ctx, brand, payload) => {
  const incoming = productsFromPayload(productPayloadSchema.parse(payload), brand.currency);
  const updated = [];
  for (const p of incoming) {
    const stored = await deps.store.products.get(ctx, brand.id, p.id);
    if (!newer(p.updatedAt, stored?.updatedAt)) continue;
    updated.push({
      ...p,
      ...(stored?.unitCostMinor !== undefined ? { unitCostMinor: stored.unitCostMinor } : {}),
    });
  }
  await deps.store.products.upsertMany(ctx, brand.id, updated);
  return { products: updated.length };
};

const applyInventoryLevel: TopicHandler = async (deps, ctx, brand, payload) => {
  const p = inventoryLevelPayloadSchema.parse(payload);
  const id = inventoryLevelIdOf(p.inventory_item_id, p.location_id);
  const stored = await deps.store.inventory.get(ctx, brand.id, id);
  const updatedAt = new Date(p.updated_at).toISOString();
  if (!stored || !newer(updatedAt, stored.updatedAt) || p.available === null) {
    // An item we have not synced yet is left to the next sync, which reads all its quantities.
    return { updated: 0 };
  }
  const available = p.available;
  await deps.store.inventory.upsert(ctx, brand.id, {
    ...stored,
    available,
    onHand: available + stored.committed,
    updatedAt,
  });
  return { updated: 1 };
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

export const TOPIC_HANDLERS: Readonly<Record<string, TopicHandler>> = {
  'orders/create': applyOrder,
  'orders/updated': applyOrder,
  'orders/cancelled': applyOrder,
  'refunds/create': applyRefund,
  'products/update': applyProduct,
  'inventory_levels/update': applyInventoryLevel,
  'app/uninstalled': applyUninstalled,
  'bulk_operations/finish': applyBulkFinished,
};
