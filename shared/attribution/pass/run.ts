import type { ModelSettings } from '../../domain/attribution/attribute';
import { createCampaignDirectory } from '../../domain/attribution/channels';
import { createGeoActivity, type FallbackContext } from '../../domain/attribution/fallback';
import { createMarkovCounter } from '../../domain/attribution/markov';
import { type DatedAmount, reconcile } from '../../domain/performance/reconciliation';
import type { AttributedOrder, SpendFact } from '../../domain/performance/types';
import { createUnifiedBuilder } from '../../domain/performance/unified';
import type { TenantContext } from '../../domain/tenancy';
import { addDays, type LocalDate, toLocalDate, weekStart } from '../../domain/time';
import { NotFoundError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse, WarehouseRow } from '../../ports/warehouse';
import { buildAdjustments, type CancelledOrder, earlierOrders } from './adjustments';
import { creditChunk } from './credit';
import { computeInventory, inventoryStatusRow, recentSpend, unitSeries } from './inventory';
import { addStrayJourneys, type PreparedOrder, prepareOrders } from './journeys';
import { createPassReader, type SpendRow } from './read';
import { createStockHistory } from './stock';
import { reconciliationRow, resolvePromoted, unifiedRow } from './write';

export interface PassDeps {
  readonly warehouse: Warehouse;
  readonly store: OperationalStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface PassOptions {
  /** Days before today the pass recomputes (then aligned back to a Monday for weekly rows). */
  readonly lookbackDays?: number;
  /** Orders are read and credited this many days at a time. */
  readonly chunkDays?: number;
  readonly velocityDays?: number;
  /** Recent spend that alignment compares with stock. */
  readonly alignmentDays?: number;
  /** Explicit range (tests, backfills); defaults to the lookback ending today, brand-local. */
  readonly range?: { from: LocalDate; to: LocalDate };
}

export interface PassResult {
  readonly range: { from: LocalDate; to: LocalDate };
  readonly asOf: LocalDate;
  readonly orders: number;
  readonly foreignCurrencyOrders: number;
  readonly attributionRows: number;
  readonly unifiedRows: number;
  readonly inventoryRows: number;
  readonly timingsMs: Readonly<Record<string, number>>;
}

/**
 * One attribution pass for one brand: journeys and all six models per order, unified performance
 * for the brand's chosen model, reconciliation per platform × week and inventory intelligence.
 * Every table is written with replaceRange, so a re-run over a range replaces exactly that range.
 */
export async function runAttributionPass(
  deps: PassDeps,
  ctx: TenantContext,
  brandId: string,
  options: PassOptions = {},
): Promise<PassResult> {
  const brand = await deps.store.brands.get(ctx, brandId);
  if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = (timings[name] ?? 0) + performance.now() - t0;
    }
  };
  const asOf = toLocalDate(deps.clock.now(), brand.timezone);
  const to = options.range?.to ?? asOf;
  const from = weekStart(options.range?.from ?? addDays(to, -(options.lookbackDays ?? 90)));
  const window = brand.targets.attributionWindowDays;
  const chunkDays = options.chunkDays ?? 14;
  const read = createPassReader(deps.warehouse, { ctx, brandId });

  const [spendRows, campaignRows] = await timed('read', () =>
    Promise.all([read.spend(addDays(from, -window), to), read.campaigns(to)]),
  );
  const campaigns = createCampaignDirectory([
    ...spendRows.map((r) => r.campaign_id),
    ...campaignRows.map((r) => r.campaign_id),
    ...Object.values(brand.discountCodeCampaigns),
  ]);
  const fallback: FallbackContext = {
    campaigns,
    discountCodeCampaigns: upperKeys(brand.discountCodeCampaigns),
    geo: createGeoActivity(
      spendRows.map((r) => ({ ...r, campaignId: r.campaign_id, spendMinor: r.spend_minor })),
    ),
    windowDays: window,
  };
  const setup = { currency: brand.currency, timeZone: brand.timezone, campaigns, fallback };

  const markov = createMarkovCounter();
  const chunks: Array<{ from: LocalDate; to: LocalDate; prepared: PreparedOrder[] }> = [];
  let foreignCurrencyOrders = 0;
  const readChunk = (cf: LocalDate, ct: LocalDate) => {
    const rows = Promise.all([
      read.orders(cf, ct),
      read.lines(cf, ct),
      read.orderTouches(cf, ct, window),
      read.strayTouches(cf, ct),
    ]);
    rows.catch(() => undefined); // awaited below; a failure is not "unhandled" while it waits
    return rows;
  };
  // The warehouse works on the next chunk's reads while this one's journeys are resolved.
  let pending = readChunk(from, minDate(addDays(from, chunkDays - 1), to));
  for (let cf = from; cf <= to; cf = addDays(cf, chunkDays)) {
    const ct = minDate(addDays(cf, chunkDays - 1), to);
    const [orders, lines, touches, strays] = await timed('read', () => pending);
    const nf = addDays(cf, chunkDays);
    if (nf <= to) pending = readChunk(nf, minDate(addDays(nf, chunkDays - 1), to));
    await timed('journeys', () => {
      const { prepared, foreignCurrency } = prepareOrders(orders, lines, touches, setup, markov);
      foreignCurrencyOrders += foreignCurrency;
      addStrayJourneys(strays, campaigns, markov);
      chunks.push({ from: cf, to: ct, prepared });
    });
  }
  const settings: ModelSettings = {
    windowDays: window,
    halfLifeDays: brand.targets.timeDecayHalfLifeDays,
    removalEffects: (await timed('markov', () => markov.fit())).removalEffects,
  };

  const [refunds, products] = await timed('read', () =>
    Promise.all([read.refunds(from, to), deps.store.products.list(ctx, brandId)]),
  );
  const unified = createUnifiedBuilder({
    promotedVariants: resolvePromoted(campaignRows, products),
    productOfVariant: new Map(products.map((p) => [p.id, p.productId])),
  });
  // Orders are fed to unified performance chunk by chunk and let go; only those a refund or
  // cancellation will come back to are kept.
  const refunded = new Set(refunds.map((r) => r.order_id));
  const adjusted = new Map<string, AttributedOrder>();
  const platformRevenue: DatedAmount[] = [];
  const cancelled: CancelledOrder[] = [];
  let attributionRows = 0;
  let orderCount = 0;
  let writing: Promise<void> = Promise.resolve();
  for (const chunk of chunks) {
    const cancelledHere = new Set<string>();
    for (const p of chunk.prepared) {
      if (!p.cancelledOn) continue;
      cancelled.push({
        orderId: p.facts.orderId,
        cancelledOn: p.cancelledOn,
        revenueMinor: p.facts.revenueMinor,
        quantity: p.lines.reduce((a, l) => a + l.quantity, 0),
      });
      cancelledHere.add(p.facts.orderId);
    }
    // Each order's chosen-model view goes into unified performance as it is credited.
    const credited = await timed('models', () =>
      creditChunk(chunk.prepared, brandId, brand.currency, brand.targets.attributionModel, settings, (o) => {
        unified.addOrder(o);
        if (refunded.has(o.orderId) || cancelledHere.has(o.orderId)) adjusted.set(o.orderId, o);
      }),
    );
    // One write in flight: the warehouse commits a chunk while the next one is credited.
    await timed('write', () => writing);
    writing = deps.warehouse.replaceRange(
      ctx,
      'attributions',
      { brandId, from: chunk.from, to: chunk.to },
      credited.rows,
    );
    writing.catch(() => undefined); // awaited before the next write and after the loop
    attributionRows += credited.rows.length;
    orderCount += credited.orders;
    // Journeys are done with once credited.
    chunk.prepared.length = 0;
    platformRevenue.push(...credited.platformRevenue);
  }
  await timed('write', () => writing);

  const velocityDays = options.velocityDays ?? 90;
  const earlier = await timed('read', () =>
    earlierOrders(read, {
      refunds,
      known: new Set(adjusted.keys()),
      model: brand.targets.attributionModel,
      currency: brand.currency,
      timeZone: brand.timezone,
      range: { from, to },
    }),
  );
  await timed('unified', () => {
    const adjustments = buildAdjustments(
      refunds,
      [...cancelled, ...earlier.cancelled],
      brand.currency,
      { from, to },
      earlier.refundedBefore,
    );
    for (const adj of adjustments)
      unified.addAdjustment(adj, adjusted.get(adj.orderId) ?? earlier.orders.get(adj.orderId));
    unified.addSpend(spendRows.filter((r) => r.date >= from).map(toSpendFact));
  });
  const [dailyUnits, stockRows, levels] = await timed('read', () =>
    Promise.all([
      read.dailyUnits(addDays(minDate(from, asOf), -(velocityDays - 1)), asOf),
      read.stockByDay(from, to),
      deps.store.inventory.list(ctx, brandId),
    ]),
  );
  const series = unitSeries(dailyUnits, asOf, velocityDays);
  const stock = createStockHistory({
    snapshots: stockRows,
    levels,
    dailyUnits,
    from: minDate(from, asOf),
    asOf,
    velocityDays,
  });
  const alignmentDays = options.alignmentDays ?? 14;
  const spent = recentSpend(asOf, alignmentDays);
  const unifiedRows: WarehouseRow[] = [];
  await timed('unified', () =>
    unified.forEachRow(stock, (r) => {
      unifiedRows.push(unifiedRow(brand, r));
      spent.add(r);
    }),
  );
  const inventory = computeInventory(brand, {
    asOf,
    velocityDays,
    products,
    levels,
    series,
    recentSpend: spent.byVariant,
  });
  const claimed = spendRows
    .filter((r) => r.date >= from && r.claimed_minor !== 0)
    .map((r) => ({
      date: r.date as LocalDate,
      platform: r.platform as SpendFact['platform'],
      amountMinor: r.claimed_minor,
    }));
  const reconciliation = reconcile(platformRevenue, claimed);

  await timed('write unified', async () => {
    const range = { brandId, from, to };
    await deps.warehouse.replaceRange(ctx, 'unified_performance', range, unifiedRows);
    await deps.warehouse.replaceRange(
      ctx,
      'reconciliation',
      range,
      reconciliation.map((r) => reconciliationRow(brand, r)),
    );
    await deps.warehouse.replaceRange(
      ctx,
      'inventory_status',
      { brandId, from: asOf, to: asOf },
      inventory.map((s) => inventoryStatusRow(brandId, asOf, s)),
    );
  });
  const result: PassResult = {
    range: { from, to },
    asOf,
    orders: orderCount,
    foreignCurrencyOrders,
    attributionRows,
    unifiedRows: unifiedRows.length,
    inventoryRows: inventory.length,
    timingsMs: timings,
  };
  deps.logger.info('attribution pass done', { brandId, ...result });
  return result;
}

function upperKeys(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toUpperCase(), v]));
}

const minDate = (a: LocalDate, b: LocalDate) => (a < b ? a : b);

function toSpendFact(r: SpendRow): SpendFact {
  return {
    date: r.date as LocalDate,
    platform: r.platform as SpendFact['platform'],
    campaignId: r.campaign_id,
    region: r.region,
    spendMinor: r.spend_minor,
  };
}
