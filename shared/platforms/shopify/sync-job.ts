import { z } from 'zod';
import type { Integration, SyncRun } from '../../domain/entities';
import { systemContext, type TenantContext } from '../../domain/tenancy';
import { toLocalDate } from '../../domain/time';
import type { Config } from '../../kernel/config';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock, Ids } from '../../ports/clock';
import type { EventBus } from '../../ports/events';
import type { OperationalStore } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import type { Warehouse } from '../../ports/warehouse';
import { syncTaskSchema } from '../sync-requests';
import type { ShopifyClient } from './client';
import { SHOP_QUERY } from './queries';
import { shopSchema } from './schemas';
import { syncCatalog } from './sync/catalog';
import { openShopifyClient, type ShopifyHttpTuning } from './sync/connection';
import { backfillOrders, incrementalOrders, type OrdersStageOptions } from './sync/orders';
import { spanOf, type WriteOrdersResult } from './sync/write-orders';

/**
 * `sync-shopify`: one brand per task. Shop → catalog and stock → orders (bulk backfill the first
 * time or when asked, then incremental by updated_at). Every write is idempotent and the cursor
 * only moves after the rows it covers are written, so a crash anywhere and a re-run end in the
 * same state. The run is recorded as a SyncRun; the integration carries status and last error;
 * `brand.synced` announces the local days that changed.
 */
export interface SyncShopifyOptions extends Partial<OrdersStageOptions> {
  http?: ShopifyHttpTuning;
}

export type SyncShopifyOutcome =
  | { status: 'synced'; mode: 'backfill' | 'incremental'; written: WriteOrdersResult }
  | { status: 'skipped'; reason: 'brand_not_found' | 'not_connected' | 'no_token' };

const shopResult = z.object({ shop: shopSchema });

/** The ports `sync-shopify` uses. */
export interface SyncShopifyJobDeps {
  config: Config;
  store: OperationalStore;
  warehouse: Warehouse;
  secrets: SecretStore;
  bus: EventBus;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  fetch: typeof fetch;
}

export function createSyncShopifyJob(deps: SyncShopifyJobDeps, options: SyncShopifyOptions = {}) {
  const stage: OrdersStageOptions = {
    batchSize: options.batchSize ?? 2_000,
    pageSize: options.pageSize ?? 100,
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    sleep: options.sleep ?? options.http?.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  };
  const now = () => deps.clock.now().toISOString();

  return async function syncShopify(payload: unknown): Promise<SyncShopifyOutcome> {
    const task = syncTaskSchema.parse(payload);
    const ctx = systemContext(task.tenantId, 'sync-shopify', task.traceparent);
    const brand = await deps.store.brands.get(ctx, task.brandId);
    if (!brand) return { status: 'skipped', reason: 'brand_not_found' };
    let integration = await deps.store.integrations.getPlatform(ctx, brand.id, 'shopify');
    if (!integration || integration.status === 'disconnected')
      return { status: 'skipped', reason: 'not_connected' };
    const save = async (patch: Partial<Integration>) => {
      integration = { ...(integration as Integration), ...patch, updatedAt: now() };
      await deps.store.integrations.upsert(ctx, brand.id, integration);
    };
    const client = await openShopifyClient(deps, ctx, brand, integration, options.http);
    if (!client) {
      await save({ status: 'error', lastError: 'no access token: reconnect Shopify' });
      return { status: 'skipped', reason: 'no_token' };
    }
    const mode = task.mode === 'backfill' || !integration.cursor ? 'backfill' : 'incremental';
    const run: SyncRun = {
      id: deps.ids.next(),
      brandId: brand.id,
      platform: 'shopify',
      status: 'running',
      stage: 'shop',
      counts: {},
      startedAt: now(),
    };
    const record = (patch: Partial<SyncRun>) =>
      deps.store.syncRuns.upsert(ctx, brand.id, Object.assign(run, patch));
    await record({});
    await save({ status: 'syncing' });
    try {
      const written = await stages(ctx, client, brand, integration, mode, record, save);
      await save({ status: 'connected', lastSyncAt: now(), lastError: undefined });
      await record({ status: 'succeeded', stage: 'done', finishedAt: now(), ...(written.range ?? {}) });
      await deps.bus.publish('brand.synced', {
        tenantId: ctx.tenantId,
        brandId: brand.id,
        idempotencyKey: `brand.synced:shopify:${run.id}`,
        platform: 'shopify',
        ...(written.range ? { range: written.range } : {}),
        ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
      });
      deps.logger.info('shopify synced', { tenant: ctx.tenantId, brand: brand.id, mode, ...run.counts });
      return { status: 'synced', mode, written };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await record({ status: 'failed', error: message, finishedAt: now() }).catch(() => undefined);
      await save({ status: 'error', lastError: message }).catch(() => undefined);
      throw err;
    }
  };

  async function stages(
    ctx: TenantContext,
    client: ShopifyClient,
    brand: { id: string; timezone: string },
    integration: Integration,
    mode: 'backfill' | 'incremental',
    record: (patch: Partial<SyncRun>) => Promise<void>,
    save: (patch: Partial<Integration>) => Promise<void>,
  ): Promise<WriteOrdersResult> {
    const { shop } = await client.request('Shop', SHOP_QUERY, {}, shopResult);
    await save({
      accountIds: [shop.myshopifyDomain],
      accountCurrency: shop.currencyCode,
      accountTimezone: shop.ianaTimezone,
    });
    await record({ stage: 'catalog' });
    const today = toLocalDate(deps.clock.now(), brand.timezone);
    const catalog = await syncCatalog(
      deps,
      ctx,
      client,
      { id: brand.id, shopCurrency: shop.currencyCode },
      today,
    );
    const unitCosts = new Map(
      catalog.products.flatMap((p) =>
        p.unitCostMinor === undefined ? [] : [[p.id, p.unitCostMinor] as const],
      ),
    );
    await record({
      stage: `orders:${mode}`,
      counts: { products: catalog.products.length, inventoryLevels: catalog.levels.length },
    });
    let written: WriteOrdersResult;
    if (mode === 'backfill') {
      const result = await backfillOrders(deps, ctx, client, brand, unitCosts, stage);
      written = result.written;
      await save({ cursor: result.cursor });
    } else {
      written = await incrementalOrders(
        deps,
        ctx,
        client,
        brand,
        unitCosts,
        integration.cursor as string,
        async (cursor, page) => {
          await save({ cursor });
          // Each page's days are attributed incrementally now; the debounced pass follows the sync.
          if (page.days?.length)
            await deps.bus.publish('orders.changed', {
              tenantId: ctx.tenantId,
              brandId: brand.id,
              idempotencyKey: `orders.changed:shopify-sync:${brand.id}:${cursor}`,
              days: page.days,
            });
        },
        stage,
      );
    }
    // Today's inventory snapshot changed too.
    const range = spanOf(written.range, { from: today, to: today })!;
    await record({
      counts: {
        ...countsOf(written),
        products: catalog.products.length,
        inventoryLevels: catalog.levels.length,
      },
    });
    return { ...written, range };
  }
}
export type SyncShopifyJob = ReturnType<typeof createSyncShopifyJob>;

function countsOf(w: WriteOrdersResult): Record<string, number> {
  return {
    orders: w.orders,
    orderLines: w.lines,
    refunds: w.refunds,
    touchpoints: w.touchpoints,
    staleSkipped: w.stale,
  };
}
