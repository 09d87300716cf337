import { type OrderFacts, stateOf } from '../../domain/attribution/attribute';
import { type CampaignDirectory, resolveTouch } from '../../domain/attribution/channels';
import { type FallbackContext, matchFallback } from '../../domain/attribution/fallback';
import type { MarkovCounter } from '../../domain/attribution/markov';
import type { CreditedTouch, Destination } from '../../domain/attribution/types';
import { allocateMinor } from '../../domain/money';
import { orderRevenueMinor, type RevenueBasis } from '../../domain/performance/revenue';
import type { LineFacts } from '../../domain/performance/types';
import type { LocalDate } from '../../domain/time';
import { createPackedBuilder, type PackedBuilder, type PackedOrders } from './packed';
import type { LineColumns, OrderColumns, ShapeColumns, StrayColumns, TouchColumns } from './read';

/** An order ready for the models: its facts, resolved journey, lines and cancellation day. */
export interface PreparedOrder {
  readonly facts: OrderFacts;
  readonly journey: readonly CreditedTouch[];
  /** Lines carrying the order's revenue under the brand's definition (they sum to `facts.revenueMinor`). */
  readonly lines: readonly LineFacts[];
  readonly fulfillmentCostMinor: number | null;
}

export interface JourneySetup {
  readonly currency: string;
  readonly timeZone: string;
  readonly campaigns: CampaignDirectory;
  readonly fallback: FallbackContext;
  readonly revenueBasis: RevenueBasis;
}

/**
 * Where each numbered shape of a read sends credit: resolved once per shape, from the row that
 * carries its strings.
 */
export function destinationsOf(shapes: ShapeColumns, campaigns: CampaignDirectory): Destination[] {
  const out: Destination[] = [];
  const c = shapes.columns;
  for (let i = 0; i < shapes.length; i++)
    if (c.defines[i])
      out[c.shape[i]!] = resolveTouch(
        {
          source: c.utm_source[i] ?? null,
          medium: c.utm_medium[i] ?? null,
          campaign: c.utm_campaign[i] ?? null,
          clickIdType: c.click_type[i] ?? null,
          clickPlatform: c.click_platform[i] ?? null,
          clickCampaign: c.click_campaign[i] ?? null,
        },
        campaigns,
      );
  return out;
}

function destinationOf(destinations: readonly Destination[], shape: number): Destination {
  const d = destinations[shape];
  if (!d) throw new Error(`attribution pass: touch shape ${shape} came without its definition`);
  return d;
}

/**
 * Resolves one chunk of orders into journeys (`lines` in the order of `orders`, `touches` tied to
 * theirs by `seq` in any order, as the pass reader returns them, read straight from their
 * columns), packed as they are resolved
 * (decision 976: no object per order, touch or line on the way), and feeds each converting
 * journey to the Markov counter. The journey is `journeyOf`'s, step for step: touches in the
 * window, oldest first (simultaneous ones by id), else the fallback. Orders in another currency
 * than the brand's are left out and counted: amounts here are shop-currency minor units, and a sum
 * across currencies would be meaningless. Cancelled orders are left out whole, whatever their
 * financial status (docs/decisions/832-revenue-definition.md).
 */
export function prepareOrders(
  orders: OrderColumns,
  lines: LineColumns,
  touches: TouchColumns,
  setup: JourneySetup,
  markov: MarkovCounter,
): { prepared: PackedOrders; foreignCurrency: number; cancelled: number } {
  let foreignCurrency = 0;
  let cancelled = 0;
  // A journey is a subset of the order's touches or the fallback alone; lines likewise, or one.
  const out = createPackedBuilder(
    orders.length,
    touches.length + orders.length,
    lines.length + orders.length,
  );
  const o = orders.columns;
  const l = lines.columns;
  const t = touches.columns;
  // Each shape's destination, its number in the packed table and its Markov state, once per chunk.
  const destinations = destinationsOf(touches, setup.campaigns);
  const packedOf: number[] = [];
  const stateIds: number[] = [];
  const shapeOf = (shape: number) => {
    let i = packedOf[shape];
    if (i === undefined) {
      i = out.destinationIndex(destinationOf(destinations, shape));
      packedOf[shape] = i;
    }
    return i;
  };
  const stateOfPacked = (i: number) => {
    let id = stateIds[i];
    if (id === undefined) {
      id = markov.stateId(stateOf(out.destinations[i]!));
      stateIds[i] = id;
    }
    return id;
  };
  const windowMs = setup.fallback.windowDays * DAY_MS;
  const byOrder = touchesByOrder(t.seq, orders.length);
  // The order's touches in the window, as positions in `touches`, sorted oldest first.
  let inWindow = new Int32Array(16);
  const path: number[] = [];
  let li = 0;
  for (let k = 0; k < orders.length; k++) {
    const seq = k + 1;
    const firstLine = li;
    while (li < lines.length && l.seq[li] === seq) li++;
    const firstTouch = byOrder.start[k]!;
    const ti = byOrder.start[k + 1]!;
    if (o.currency[k] !== setup.currency) {
      foreignCurrency++;
      continue;
    }
    if (o.cancelled_ms[k] !== null) {
      cancelled++;
      continue;
    }
    const at = o.created_ms[k]!;
    const revenueMinor = orderRevenueMinor(
      { totalMinor: o.total_minor[k]!, shippingMinor: o.shipping_minor[k]!, taxMinor: o.tax_minor[k]! },
      setup.revenueBasis,
    );
    const codes = o.discount_codes[k];
    const discountCodes = codes ? codes.split(',') : NO_CODES;
    const region = o.region[k] ?? null;
    const date = o.date[k] as LocalDate;
    out.addOrder(
      o.order_id[k]!,
      at,
      date,
      region,
      discountCodes,
      revenueMinor,
      o.fulfillment_cost_minor[k] ?? null,
    );
    // journeyOf: the touches in the window, whether one names a campaign or is a platform's click.
    if (inWindow.length < ti - firstTouch) inWindow = new Int32Array(2 * (ti - firstTouch));
    let count = 0;
    let named = false;
    let clicked = false;
    for (let q = firstTouch; q < ti; q++) {
      const j = byOrder.touches[q]!;
      const d = destinationOf(destinations, t.shape[j]!);
      const tAt = t.at_ms[j]!;
      if (!(tAt <= at && at - tAt <= windowMs)) continue;
      if (d.campaignId) named = true;
      else if (d.method === 'click_id_platform') clicked = true;
      // Insertion by time, then id: `byTime`'s order, and stable as its sort is.
      let p = count++;
      while (p > 0 && later(t, inWindow[p - 1]!, j)) {
        inWindow[p] = inWindow[p - 1]!;
        p--;
      }
      inWindow[p] = j;
    }
    path.length = 0;
    let fallback: Destination | undefined;
    if (!named) {
      const last = count > 0 ? destinationOf(destinations, t.shape[inWindow[count - 1]!]!) : undefined;
      const d = matchFallback(
        { date, region, discountCodes, journeyChannel: last?.channel ?? null },
        setup.fallback,
      );
      if (
        !clicked ||
        (d.method === 'discount_code' && someClickOf(t, destinations, inWindow, count, d.platform))
      )
        fallback = d;
    }
    if (fallback) {
      const i = out.destinationIndex(fallback);
      out.addTouch(null, at, i);
      path.push(stateOfPacked(i));
    } else
      for (let p = 0; p < count; p++) {
        const j = inWindow[p]!;
        const i = shapeOf(t.shape[j]!);
        out.addTouch(t.touchpoint_id[j]!, t.at_ms[j]!, i);
        path.push(stateOfPacked(i));
      }
    markov.addPath(path, 1, 0);
    addLines(out, l, firstLine, li, revenueMinor);
  }
  if (li !== lines.length)
    throw new Error('attribution pass: order lines did not arrive in the order of their orders');
  return { prepared: out.finish(), foreignCurrency, cancelled };
}

/**
 * The touches of each order (by `seq`, 1-based) together, in the order they were read: a counting
 * sort, so the reader need not sort every touch by its order (decision 987). Order k's touches are
 * `touches[start[k]] … touches[start[k + 1] - 1]`, positions in the read.
 */
export function touchesByOrder(
  seq: ArrayLike<number>,
  orders: number,
): { readonly start: Int32Array; readonly touches: Int32Array } {
  // Counts per order, then their running sum: order k's first position.
  const start = new Int32Array(orders + 1);
  for (let j = 0; j < seq.length; j++) {
    const s = seq[j]!;
    if (!(s >= 1 && s <= orders))
      throw new Error(`attribution pass: a touch of order ${s} in a chunk of ${orders} orders`);
    start[s]!++;
  }
  for (let k = 1; k <= orders; k++) start[k]! += start[k - 1]!;
  const next = start.slice(0, orders);
  const touches = new Int32Array(seq.length);
  for (let j = 0; j < seq.length; j++) touches[next[seq[j]! - 1]!++] = j;
  return { start, touches };
}

const DAY_MS = 86_400_000;

/** Whether touch `a` comes after touch `b` (by time, then id), as `byTime` sorts a journey. */
function later(t: TouchColumns['columns'], a: number, b: number): boolean {
  const x = t.at_ms[a]!;
  const y = t.at_ms[b]!;
  if (x !== y) return x > y;
  return t.touchpoint_id[a]! > t.touchpoint_id[b]!;
}

function someClickOf(
  t: TouchColumns['columns'],
  destinations: readonly Destination[],
  touches: Int32Array,
  count: number,
  platform: string | null,
): boolean {
  for (let p = 0; p < count; p++) {
    const d = destinationOf(destinations, t.shape[touches[p]!]!);
    if (d.method === 'click_id_platform' && d.platform === platform) return true;
  }
  return false;
}

/**
 * `linesWithRevenue`, step for step: the order's revenue over its lines by their value (all
 * alike when none has any), or one line without a variant when it has none.
 */
function addLines(
  out: PackedBuilder,
  l: LineColumns['columns'],
  from: number,
  to: number,
  revenueMinor: number,
): void {
  const n = to - from;
  if (n === 0) {
    out.addLine(null, null, 0, revenueMinor, null);
    return;
  }
  let shares: readonly number[] | undefined;
  if (n > 1) {
    const weights: number[] = [];
    let some = false;
    for (let j = from; j < to; j++) {
      const w = Math.max(0, l.total_minor[j]!);
      if (w > 0) some = true;
      weights.push(w);
    }
    shares = allocateMinor(revenueMinor, some ? weights : weights.map(() => 1));
  }
  for (let j = from; j < to; j++)
    out.addLine(
      l.variant_id[j] ?? null,
      l.product_id[j] ?? null,
      l.quantity[j]!,
      shares ? shares[j - from]! : revenueMinor,
      l.unit_cost_minor[j] ?? null,
    );
}

const NO_CODES: readonly string[] = Object.freeze([]);

/**
 * Touches that led to no order become non-converting journeys: a known customer's touches in the
 * chunk form one path (oldest first); an anonymous touch is a one-step path. Paths are cut at
 * chunk edges, a small bias towards shorter null paths that keeps memory bounded. `rows` are one
 * chunk's rows of a read that holds several (`destinations` then resolved once for all of them).
 */
export function addStrayJourneys(
  touches: StrayColumns,
  campaigns: CampaignDirectory,
  markov: MarkovCounter,
  rows: { readonly start: number; readonly end: number } = { start: 0, end: touches.length },
  destinations: readonly Destination[] = destinationsOf(touches, campaigns),
): number {
  let paths = 0;
  let customer: number | null = null;
  let states: string[] = [];
  const flush = () => {
    if (states.length) {
      markov.add({ states, conversions: 0, nulls: 1 });
      paths++;
    }
    states = [];
  };
  // The read orders by customer and time, so a customer's touches arrive together, oldest first.
  const { who, shape } = touches.columns;
  for (let i = rows.start; i < rows.end; i++) {
    if (who[i] === null || who[i] !== customer) flush();
    customer = who[i] ?? null;
    states.push(stateOf(destinationOf(destinations, shape[i]!)));
    if (customer === null) flush();
  }
  flush();
  return paths;
}
