import type { CreditedTouch, Destination } from '../../domain/attribution/types';
import type { LineFacts } from '../../domain/performance/types';
import type { PreparedOrder } from './journeys';

/**
 * A chunk's prepared orders, packed into columns while they wait for the Markov fit. Every chunk's
 * orders are held from the journeys stage until the whole range has been read (data-driven credit
 * needs the whole chain), and as objects they cost about 500 bytes an order: at a million orders
 * that live set, and the garbage V8 lets grow in proportion to it, was most of the pass's peak
 * memory (decision 964). Packed, an order keeps its ids and shared strings plus a few numbers in
 * typed arrays; its objects are built again, equal field for field, only as it is credited.
 */
export interface PackedOrders extends Iterable<PreparedOrder> {
  /** Orders held (0 once released). */
  readonly length: number;
  /** Lets go of every column; the chunk's orders are credited and written. */
  release(): void;
  /** Where order `k`'s journey ends: its latest touch (the fallback when it stands in). */
  lastTouch(k: number): Destination;
  /** Order `k`'s revenue under the brand's definition. */
  revenueMinor(k: number): number;
}

interface Columns {
  // Per order.
  readonly orderIds: IdColumn;
  readonly at: Float64Array;
  readonly dates: PreparedOrder['facts']['date'][];
  readonly regions: Array<string | null>;
  readonly discountCodes: Array<readonly string[]>;
  readonly revenueMinor: Float64Array;
  /** NaN for no fulfillment cost. */
  readonly fulfillmentCostMinor: Float64Array;
  /** Order k's touches are [touchEnd[k-1], touchEnd[k]); lines likewise. */
  readonly touchEnd: Int32Array;
  readonly lineEnd: Int32Array;
  // Per journey touch.
  readonly touchIds: IdColumn;
  readonly touchAt: Float64Array;
  readonly touchDestination: Int32Array;
  /** The chunk's distinct destinations, each once. */
  readonly destinations: Destination[];
  // Per line.
  readonly variantIds: Array<string | null>;
  readonly productIds: Array<string | null>;
  readonly quantity: Float64Array;
  readonly totalMinor: Float64Array;
  /** NaN for no unit cost. */
  readonly unitCostMinor: Float64Array;
}

/** Where a chunk's prepared orders are written, field by field, as they are resolved. */
export interface PackedBuilder {
  /** Starts the next order; its touches and lines follow, then the next `addOrder`. */
  addOrder(
    orderId: string,
    at: number,
    date: PreparedOrder['facts']['date'],
    region: string | null,
    discountCodes: readonly string[],
    revenueMinor: number,
    fulfillmentCostMinor: number | null,
  ): void;
  /** A journey touch of the current order (oldest first); `destination` from `destinationIndex`. */
  addTouch(touchId: string | null, at: number, destination: number): void;
  addLine(
    variantId: string | null,
    productId: string | null,
    quantity: number,
    totalMinor: number,
    unitCostMinor: number | null,
  ): void;
  /** The number of a destination in the chunk's table, equal ones (every field) once. */
  destinationIndex(d: Destination): number;
  /** The chunk's destinations by number. */
  readonly destinations: readonly Destination[];
  /** The packed orders; the builder is spent. */
  finish(): PackedOrders;
}

/**
 * A builder for at most `orders` orders, `touches` journey touches and `lines` lines: the typed
 * columns are sized for that and cut to what was written when finished.
 */
export function createPackedBuilder(orders: number, touches: number, lines: number): PackedBuilder {
  const orderIds: string[] = [];
  const touchIds: Array<string | null> = [];
  const c: Omit<Columns, 'orderIds' | 'touchIds'> = {
    at: new Float64Array(orders),
    dates: [],
    regions: [],
    discountCodes: [],
    revenueMinor: new Float64Array(orders),
    fulfillmentCostMinor: new Float64Array(orders),
    touchEnd: new Int32Array(orders),
    lineEnd: new Int32Array(orders),
    touchAt: new Float64Array(touches),
    touchDestination: new Int32Array(touches),
    destinations: [],
    variantIds: [],
    productIds: [],
    quantity: new Float64Array(lines),
    totalMinor: new Float64Array(lines),
    unitCostMinor: new Float64Array(lines),
  };
  let n = 0;
  let t = 0;
  let l = 0;
  return {
    addOrder(orderId, at, date, region, discountCodes, revenueMinor, fulfillmentCostMinor) {
      orderIds.push(orderId);
      c.at[n] = at;
      c.dates.push(date);
      c.regions.push(region);
      c.discountCodes.push(discountCodes);
      c.revenueMinor[n] = revenueMinor;
      c.fulfillmentCostMinor[n] = fulfillmentCostMinor ?? Number.NaN;
      c.touchEnd[n] = t;
      c.lineEnd[n] = l;
      n++;
    },
    addTouch(touchId, at, destination) {
      touchIds.push(touchId);
      c.touchAt[t] = at;
      c.touchDestination[t] = destination;
      t++;
      c.touchEnd[n - 1] = t;
    },
    addLine(variantId, productId, quantity, totalMinor, unitCostMinor) {
      c.variantIds.push(variantId);
      c.productIds.push(productId);
      c.quantity[l] = quantity;
      c.totalMinor[l] = totalMinor;
      c.unitCostMinor[l] = unitCostMinor ?? Number.NaN;
      l++;
      c.lineEnd[n - 1] = l;
    },
    destinationIndex: createDestinationIndex(c.destinations),
    destinations: c.destinations,
    finish() {
      // Cut to size (a copy), so the spare capacity is not held until the fit. The result is made
      // outside this closure: closures over the builder would keep its id arrays (a string each)
      // and oversized columns alive as long as the orders are held.
      return packedOrders(
        {
          ...c,
          at: c.at.slice(0, n),
          revenueMinor: c.revenueMinor.slice(0, n),
          fulfillmentCostMinor: c.fulfillmentCostMinor.slice(0, n),
          touchEnd: c.touchEnd.slice(0, n),
          lineEnd: c.lineEnd.slice(0, n),
          touchAt: c.touchAt.slice(0, t),
          touchDestination: c.touchDestination.slice(0, t),
          quantity: c.quantity.slice(0, l),
          totalMinor: c.totalMinor.slice(0, l),
          unitCostMinor: c.unitCostMinor.slice(0, l),
          orderIds: idColumn(orderIds),
          touchIds: idColumn(touchIds),
        },
        n,
      );
    },
  };
}

function packedOrders(packed: Columns, count: number): PackedOrders {
  let columns: Columns | undefined = packed;
  const held = () => {
    if (!columns) throw new Error('attribution pass: packed orders read after release');
    return columns;
  };
  return {
    get length() {
      return columns ? count : 0;
    },
    release() {
      columns = undefined;
    },
    lastTouch(k) {
      const c = held();
      return c.destinations[c.touchDestination[c.touchEnd[k]! - 1]!]!;
    },
    revenueMinor(k) {
      return held().revenueMinor[k]!;
    },
    *[Symbol.iterator]() {
      if (columns) yield* unpack(columns, count);
    },
  };
}

function* unpack(c: Columns, n: number): Generator<PreparedOrder> {
  for (let k = 0, t = 0, l = 0; k < n; k++) {
    const journey: CreditedTouch[] = [];
    for (const end = c.touchEnd[k]!; t < end; t++) {
      const d = c.destinations[c.touchDestination[t]!]!;
      // The fields in journeyOf's order, so a credited touch is the same object shape as before.
      journey.push({
        channel: d.channel,
        platform: d.platform,
        campaignId: d.campaignId,
        method: d.method,
        confidence: d.confidence,
        touchId: idAt(c.touchIds, t),
        at: c.touchAt[t]!,
      });
    }
    const lines: LineFacts[] = [];
    for (const end = c.lineEnd[k]!; l < end; l++) {
      const cost = c.unitCostMinor[l]!;
      lines.push({
        variantId: c.variantIds[l]!,
        productId: c.productIds[l]!,
        quantity: c.quantity[l]!,
        totalMinor: c.totalMinor[l]!,
        unitCostMinor: Number.isNaN(cost) ? null : cost,
      });
    }
    const fulfillment = c.fulfillmentCostMinor[k]!;
    yield {
      facts: {
        orderId: idAt(c.orderIds, k) as string,
        at: c.at[k]!,
        date: c.dates[k]!,
        region: c.regions[k]!,
        discountCodes: c.discountCodes[k]!,
        revenueMinor: c.revenueMinor[k]!,
      },
      journey,
      lines,
      fulfillmentCostMinor: Number.isNaN(fulfillment) ? null : fulfillment,
    };
  }
}

/**
 * A column of ids (order and touch ids, unique per row) as one string and where each id ends: an
 * id held as its own string costs about 32 bytes of heap beyond its characters; here it costs its
 * characters and four bytes. Ids are cut out again as they are credited.
 */
interface IdColumn {
  readonly text: string;
  readonly ends: Int32Array;
  /** 1 where the id is null (the fallback's touch); null when none is. */
  readonly nulls: Uint8Array | null;
}

function idColumn(ids: ReadonlyArray<string | null>): IdColumn {
  const ends = new Int32Array(ids.length);
  let nulls: Uint8Array | null = null;
  let end = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === null || id === undefined) {
      nulls ??= new Uint8Array(ids.length);
      nulls[i] = 1;
    } else end += id.length;
    ends[i] = end;
  }
  // join writes null as '', which the mask tells apart from an empty id.
  return { text: ids.join(''), ends, nulls };
}

function idAt(column: IdColumn, i: number): string | null {
  if (column.nulls?.[i]) return null;
  return column.text.slice(i === 0 ? 0 : column.ends[i - 1]!, column.ends[i]!);
}

/**
 * Numbers destinations as they are met, equal ones (every field) once: a chunk has a few dozen,
 * looked up by campaign, then channel and the rest.
 */
function createDestinationIndex(table: Destination[]): (d: Destination) => number {
  const byCampaign = new Map<string | null, number[]>();
  return (d) => {
    let candidates = byCampaign.get(d.campaignId);
    if (!candidates) {
      candidates = [];
      byCampaign.set(d.campaignId, candidates);
    }
    for (const i of candidates) {
      const e = table[i]!;
      if (
        e.channel === d.channel &&
        e.platform === d.platform &&
        e.method === d.method &&
        e.confidence === d.confidence
      )
        return i;
    }
    const i = table.length;
    table.push({
      channel: d.channel,
      platform: d.platform,
      campaignId: d.campaignId,
      method: d.method,
      confidence: d.confidence,
    });
    candidates.push(i);
    return i;
  };
}
