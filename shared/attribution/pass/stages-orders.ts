import type { ModelSettings } from '../../domain/attribution/attribute';
import { type CampaignDirectory, createCampaignDirectory } from '../../domain/attribution/channels';
import { createGeoActivity, type FallbackContext } from '../../domain/attribution/fallback';
import { createMarkovCounter } from '../../domain/attribution/markov';
import type { Destination } from '../../domain/attribution/types';
import type { Product } from '../../domain/entities';
import type { DatedAmount } from '../../domain/performance/reconciliation';
import type { RevenueDefinition } from '../../domain/performance/revenue';
import type { AttributedOrder } from '../../domain/performance/types';
import { createUnifiedBuilder, type UnifiedBuilder } from '../../domain/performance/unified';
import { addDays, type LocalDate } from '../../domain/time';
import { loadCampaignNames } from '../../reporting/names';
import { maxDate, minDate, type PassContext } from './context';
import { creditChunk } from './credit';
import { addStrayJourneys, destinationsOf, type JourneySetup, prepareOrders } from './journeys';
import type { PackedOrders } from './packed';
import type { RefundRow, SpendRow, StrayColumns } from './read';
import { resolvePromoted } from './write';

/**
 * The pass's first three stages: read what every order is matched against, resolve journeys chunk
 * by chunk (reading the next chunk while this one resolves), then credit all six models and write
 * attributions (the warehouse inserts one chunk while the next is credited, and commits a group of
 * chunks at a time) — decision 304's read/write overlap.
 */

export interface PassSetup {
  readonly spendRows: SpendRow[];
  readonly campaignRows: Awaited<ReturnType<PassContext['read']['campaigns']>>;
  readonly campaigns: CampaignDirectory;
  readonly journey: JourneySetup;
  readonly definition: RevenueDefinition;
}

/** Stage "read": spend (with the window before the range), campaigns and the fallback context. */
export async function readSetup(pass: PassContext): Promise<PassSetup> {
  const { brand, read, from, to, windowDays } = pass;
  const [spendRows, campaignRows, names] = await pass.timed('read', () =>
    Promise.all([
      read.spend(addDays(from, -windowDays), to),
      // What campaigns promote as of today, as the nightly pass (which ends today) reads it.
      read.campaigns(pass.options.fit ? maxDate(to, pass.asOf) : to),
      loadCampaignNames(pass.deps.warehouse, pass.ctx, pass.brandId),
    ]),
  );
  const campaigns = createCampaignDirectory([
    ...names.map((n) => ({ id: n.campaignId, name: n.name })),
    ...spendRows.map((r) => r.campaign_id),
    ...campaignRows.map((r) => r.campaign_id),
    ...Object.values(brand.discountCodeCampaigns),
  ]);
  const definition: RevenueDefinition = {
    basis: brand.targets.revenueBasis,
    refunds: brand.targets.refundTiming,
  };
  const fallback: FallbackContext = {
    geoFallback: brand.targets.geoFallback,
    campaigns,
    discountCodeCampaigns: upperKeys(brand.discountCodeCampaigns),
    geo: createGeoActivity(
      spendRows.map((r) => ({ ...r, campaignId: r.campaign_id, spendMinor: r.spend_minor })),
    ),
    windowDays,
  };
  const journey = {
    currency: brand.currency,
    timeZone: brand.timezone,
    campaigns,
    fallback,
    revenueBasis: definition.basis,
  };
  return { spendRows, campaignRows, campaigns, journey, definition };
}

export interface OrderChunk {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Held packed until the fit, released once credited (decision 964). */
  readonly prepared: PackedOrders;
}

export interface Journeys {
  readonly chunks: OrderChunk[];
  readonly foreignCurrencyOrders: number;
  readonly cancelledOrders: number;
  readonly settings: ModelSettings;
}

/** Stage "journeys": every order's journey, chunk by chunk, and the Markov removal effects. */
export async function resolveJourneys(pass: PassContext, setup: PassSetup): Promise<Journeys> {
  const { read, from, to, chunkDays, windowDays } = pass;
  const markov = createMarkovCounter();
  const chunks: OrderChunk[] = [];
  let foreignCurrencyOrders = 0;
  let cancelledOrders = 0;
  const readChunk = (cf: LocalDate, ct: LocalDate) =>
    Promise.all([read.orders(cf, ct), read.lines(cf, ct), read.orderTouches(cf, ct, windowDays)]);
  const ranges: Array<{ from: LocalDate; to: LocalDate }> = [];
  for (let cf = from; cf <= to; cf = addDays(cf, chunkDays))
    ranges.push({ from: cf, to: minDate(addDays(cf, chunkDays - 1), to) });
  // Touches that led to no order only feed the Markov chain, which an incremental update reuses:
  // read for several chunks at a time (STRAY_READ_CHUNKS), each chunk's rows counted with that chunk (978).
  const strayGroups: Array<typeof ranges> = [];
  const perStrayRead = pass.options.strayReadChunks ?? STRAY_READ_CHUNKS;
  for (let g = 0; g < ranges.length; g += perStrayRead) strayGroups.push(ranges.slice(g, g + perStrayRead));
  const strayReads = readAhead(strayGroups, 1, (group) =>
    read.strayTouches(
      group[0]!.from,
      group[group.length - 1]!.to,
      group.map((r) => r.from),
    ),
  );
  // The warehouse works on the next chunks' reads (on its own threads) while this one's journeys
  // are resolved (decision 978).
  const reads = readAhead(ranges, pass.options.readAheadChunks ?? READ_AHEAD_CHUNKS, (r) =>
    readChunk(r.from, r.to),
  );
  let strays: { touches: StrayColumns; destinations: Destination[]; bounds: Int32Array } | undefined;
  for (let i = 0; i < ranges.length; i++) {
    const inGroup = i % perStrayRead;
    const strayRead = !pass.options.fit && inGroup === 0 ? strayReads.take(i / perStrayRead) : undefined;
    const [orders, lines, touches] = await pass.timed('read', () => reads.take(i));
    if (strayRead) {
      const group = await pass.timed('read', () => strayRead);
      strays = {
        touches: group,
        destinations: destinationsOf(group, setup.campaigns),
        bounds: chunkBounds(group.columns.chunk, strayGroups[i / perStrayRead]!.length),
      };
    }
    await pass.timed('journeys', () => {
      const { prepared, foreignCurrency, cancelled } = prepareOrders(
        orders,
        lines,
        touches,
        setup.journey,
        markov,
      );
      foreignCurrencyOrders += foreignCurrency;
      cancelledOrders += cancelled;
      if (strays)
        addStrayJourneys(
          strays.touches,
          setup.campaigns,
          markov,
          { start: strays.bounds[inGroup]!, end: strays.bounds[inGroup + 1]! },
          strays.destinations,
        );
      chunks.push({ ...ranges[i]!, prepared });
    });
  }
  const fitted = pass.options.fit;
  const settings: ModelSettings = {
    windowDays,
    halfLifeDays: pass.brand.targets.timeDecayHalfLifeDays,
    removalEffects: fitted
      ? fitted.removalEffects
      : (await pass.timed('markov', () => markov.fit())).removalEffects,
  };
  return { chunks, foreignCurrencyOrders, cancelledOrders, settings };
}

export interface Credited {
  readonly unified: UnifiedBuilder;
  readonly refunds: RefundRow[];
  readonly products: Product[];
  /** The chosen-model view of orders a refund comes back to. */
  readonly adjusted: Map<string, AttributedOrder>;
  readonly platformRevenue: DatedAmount[];
  readonly attributionRows: number;
  readonly orders: number;
}

/**
 * Chunks whose stray touches are read together: one read (one scan of stray touches, which a
 * chunk's date bound does not narrow when they are stored out of date order) per half year of
 * 14-day chunks, so the columns held stay bounded however long the range (decision 978).
 */
export const STRAY_READ_CHUNKS = 13;

/** Where each chunk's rows start in a read ordered by chunk (`chunk` ascending), and where the last ends. */
export function chunkBounds(chunk: ArrayLike<number>, chunks: number): Int32Array {
  const bounds = new Int32Array(chunks + 1);
  let row = 0;
  for (let c = 0; c < chunks; c++) {
    bounds[c] = row;
    while (row < chunk.length && chunk[row]! <= c) row++;
  }
  bounds[chunks] = chunk.length;
  return bounds;
}

/**
 * Chunks whose reads are started before the one being resolved is taken: enough that DuckDB always
 * has a chunk's queries to run while the journeys are resolved, few enough that the columns waiting
 * stay small beside the packed orders (decision 978).
 */
export const READ_AHEAD_CHUNKS = 3;

/**
 * Reads of `items` started in order, at most `depth` beyond the one last taken; `take(i)` (i in
 * order) hands over item i's read and starts the next. A read's failure is kept for its `take`.
 */
export function readAhead<I, R>(items: readonly I[], depth: number, read: (item: I) => Promise<R>) {
  const started: Array<Promise<R> | undefined> = [];
  let next = 0;
  const startUpTo = (last: number) => {
    for (; next <= Math.min(last, items.length - 1); next++) {
      const p = read(items[next]!);
      p.catch(() => undefined); // awaited by its take; not "unhandled" while it waits
      started[next] = p;
    }
  };
  return {
    take(i: number): Promise<R> {
      startUpTo(i + depth);
      const p = started[i]!;
      started[i] = undefined;
      return p;
    },
  };
}

/**
 * Stage "credit and write": all six models per order into `attributions`, consecutive chunks in one
 * replacement of their range (`writeGroups`), each chunk inserted while the next is credited; the
 * chosen model's view goes into unified performance as it is credited, and journeys are let go
 * once credited.
 */
export async function creditAndWrite(
  pass: PassContext,
  setup: PassSetup,
  journeys: Journeys,
): Promise<Credited> {
  const { deps, ctx, brand, brandId, read, from, to } = pass;
  const [refunds, products] = await pass.timed('read', () =>
    Promise.all([read.refunds(from, to, setup.definition), deps.store.products.list(ctx, brandId)]),
  );
  const unified = createUnifiedBuilder({
    promotedVariants: resolvePromoted(
      withEditedProducts(setup.campaignRows, brand.campaignProducts),
      products,
    ),
    productOfVariant: new Map(products.map((p) => [p.id, p.productId])),
    ...(pass.options.fit ? { salesMix: pass.options.fit.salesMix } : {}),
  });
  // Orders are fed to unified performance chunk by chunk and let go; only those a refund will come
  // back to are kept.
  const refunded = new Set(refunds.map((r) => r.order_id));
  const adjusted = new Map<string, AttributedOrder>();
  const platformRevenue: DatedAmount[] = [];
  let attributionRows = 0;
  let orders = 0;
  const credit = (chunk: OrderChunk) =>
    pass.timed('models', () => {
      const credited = creditChunk(
        chunk.prepared,
        brandId,
        brand.currency,
        brand.targets.attributionModel,
        journeys.settings,
        (o) => {
          unified.addOrder(o);
          if (refunded.has(o.orderId)) adjusted.set(o.orderId, o);
        },
      );
      attributionRows += credited.batch.rowCount;
      orders += credited.orders;
      chunk.prepared.release();
      platformRevenue.push(...credited.platformRevenue);
      return credited.batch;
    });
  const batches = creditedAhead(journeys.chunks, credit);
  // Chunks are written in groups of at least WRITE_GROUP_ORDERS orders, one transaction each: a
  // commit per chunk cost more than the inserts, and one for the whole range held every
  // uncommitted row in the warehouse's memory (decision 304).
  for (const group of writeGroups(journeys.chunks, pass.options.writeGroupOrders ?? WRITE_GROUP_ORDERS)) {
    const t0 = performance.now();
    const modelsBefore = pass.timings.models ?? 0;
    await deps.warehouse.replaceRangeBatches(
      ctx,
      'attributions',
      { brandId, from: group[0]!.from, to: group[group.length - 1]!.to },
      batches(group.length),
    );
    pass.timings.write =
      (pass.timings.write ?? 0) + performance.now() - t0 - ((pass.timings.models ?? 0) - modelsBefore);
  }
  return { unified, refunds, products, adjusted, platformRevenue, attributionRows, orders };
}

/**
 * Batch sources for consecutive groups of `chunks`, each source yielding its group's chunks
 * credited, one chunk ahead of the warehouse: the next chunk is credited while the warehouse works
 * on this one's rows (crediting waits for the event loop, so it runs while the warehouse is
 * awaited), across groups too, so a group's commit overlaps the crediting of the next group's
 * first chunk (decision 967). Groups must be taken in order and in full, as `writeGroups` makes them.
 */
export function creditedAhead<C, R>(
  chunks: readonly C[],
  credit: (chunk: C) => Promise<R>,
): (count: number) => AsyncGenerator<R> {
  const later = (chunk: C) =>
    new Promise<R>((resolve, reject) => {
      setImmediate(() => credit(chunk).then(resolve, reject));
    });
  let taken = 0;
  let ahead: Promise<R> | undefined;
  return async function* (count) {
    for (let i = 0; i < count; i++) {
      const rows = await (ahead ?? later(chunks[taken]!));
      taken++;
      ahead = taken < chunks.length ? later(chunks[taken]!) : undefined;
      ahead?.catch(() => undefined); // awaited on the next turn; not "unhandled" while the warehouse works
      yield rows;
    }
  };
}

/**
 * Orders per attributions write (one transaction). Every order is at least one row, so a write
 * fills at least one DuckDB row group (122,880 rows), which DuckDB writes straight to the table's
 * blocks rather than through its log: at 200k orders this halved the commits' time (decision 304).
 */
export const WRITE_GROUP_ORDERS = 125_000;

/** Consecutive chunks grouped until each group holds at least `orders` orders (the last may hold fewer). */
export function writeGroups<C extends { readonly prepared: { readonly length: number } }>(
  chunks: readonly C[],
  orders: number,
): C[][] {
  const groups: C[][] = [];
  let group: C[] = [];
  let count = 0;
  for (const chunk of chunks) {
    group.push(chunk);
    count += chunk.prepared.length;
    if (count >= orders) {
      groups.push(group);
      group = [];
      count = 0;
    }
  }
  if (group.length) groups.push(group);
  return groups;
}

/** The merchant's own promoted-products list for a campaign wins over what its sync reported. */
function withEditedProducts(
  rows: ReadonlyArray<{ campaign_id: string; promoted_product_ids: string | null }>,
  edited: Readonly<Record<string, readonly string[]>> | undefined,
): Array<{ campaign_id: string; promoted_product_ids: string | null }> {
  if (!edited) return [...rows];
  const out = rows.filter((r) => !(r.campaign_id in edited));
  for (const [campaignId, products] of Object.entries(edited))
    out.push({ campaign_id: campaignId, promoted_product_ids: products.join(',') });
  return out;
}

function upperKeys(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toUpperCase(), v]));
}
