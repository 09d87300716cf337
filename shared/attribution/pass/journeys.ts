import { journeyOf, type OrderFacts, type ResolvedTouch, stateOf } from '../../domain/attribution/attribute';
import { type CampaignDirectory, resolveTouch } from '../../domain/attribution/channels';
import type { FallbackContext } from '../../domain/attribution/fallback';
import type { MarkovCounter } from '../../domain/attribution/markov';
import type { CreditedTouch, Destination } from '../../domain/attribution/types';
import { linesWithRevenue, orderRevenueMinor, type RevenueBasis } from '../../domain/performance/revenue';
import type { LineFacts } from '../../domain/performance/types';
import type { LocalDate } from '../../domain/time';
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
 * Resolves one chunk of orders into journeys (`lines` and `touches` in the order of `orders`, as
 * the pass reader returns them, read straight from their columns) and feeds each converting
 * journey to the Markov counter. Orders in another currency than the brand's are left out and counted: amounts here are
 * shop-currency minor units, and a sum across currencies would be meaningless. Cancelled orders are
 * left out whole, whatever their financial status (docs/decisions/832-revenue-definition.md).
 */
export function prepareOrders(
  orders: OrderColumns,
  lines: LineColumns,
  touches: TouchColumns,
  setup: JourneySetup,
  markov: MarkovCounter,
): { prepared: PreparedOrder[]; foreignCurrency: number; cancelled: number } {
  const prepared: PreparedOrder[] = [];
  let foreignCurrency = 0;
  let cancelled = 0;
  const destinations = destinationsOf(touches, setup.campaigns);
  const o = orders.columns;
  const l = lines.columns;
  const t = touches.columns;
  // Lines and touches carry their order's position (`seq`, 1-based): walk the three side by side.
  let li = 0;
  let ti = 0;
  for (let k = 0; k < orders.length; k++) {
    const seq = k + 1;
    const firstLine = li;
    while (li < lines.length && l.seq[li] === seq) li++;
    const firstTouch = ti;
    while (ti < touches.length && t.seq[ti] === seq) ti++;
    if (o.currency[k] !== setup.currency) {
      foreignCurrency++;
      continue;
    }
    if (o.cancelled_ms[k] !== null) {
      cancelled++;
      continue;
    }
    const orderLines: LineFacts[] = [];
    for (let j = firstLine; j < li; j++)
      orderLines.push({
        variantId: l.variant_id[j] ?? null,
        productId: l.product_id[j] ?? null,
        quantity: l.quantity[j]!,
        totalMinor: l.total_minor[j]!,
        unitCostMinor: l.unit_cost_minor[j] ?? null,
      });
    const orderTouches: ResolvedTouch[] = [];
    for (let j = firstTouch; j < ti; j++)
      orderTouches.push({
        id: t.touchpoint_id[j]!,
        at: t.at_ms[j]!,
        destination: destinationOf(destinations, t.shape[j]!),
      });
    const revenueMinor = orderRevenueMinor(
      { totalMinor: o.total_minor[k]!, shippingMinor: o.shipping_minor[k]!, taxMinor: o.tax_minor[k]! },
      setup.revenueBasis,
    );
    const codes = o.discount_codes[k];
    const facts: OrderFacts = {
      orderId: o.order_id[k]!,
      at: o.created_ms[k]!,
      date: o.date[k] as LocalDate,
      region: o.region[k] ?? null,
      discountCodes: codes ? codes.split(',') : NO_CODES,
      revenueMinor,
    };
    const journey = journeyOf(facts, orderTouches, setup.fallback);
    markov.add({ states: journey.map(stateOf), conversions: 1, nulls: 0 });
    prepared.push({
      facts,
      journey,
      lines: linesWithRevenue(orderLines, revenueMinor),
      fulfillmentCostMinor: o.fulfillment_cost_minor[k] ?? null,
    });
  }
  if (li !== lines.length || ti !== touches.length)
    throw new Error('attribution pass: order lines or touches did not arrive in the order of their orders');
  return { prepared, foreignCurrency, cancelled };
}

const NO_CODES: readonly string[] = Object.freeze([]);

/**
 * Touches that led to no order become non-converting journeys: a known customer's touches in the
 * chunk form one path (oldest first); an anonymous touch is a one-step path. Paths are cut at
 * chunk edges, a small bias towards shorter null paths that keeps memory bounded.
 */
export function addStrayJourneys(
  touches: StrayColumns,
  campaigns: CampaignDirectory,
  markov: MarkovCounter,
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
  const destinations = destinationsOf(touches, campaigns);
  // The read orders by customer and time, so a customer's touches arrive together, oldest first.
  const { who, shape } = touches.columns;
  for (let i = 0; i < touches.length; i++) {
    if (who[i] === null || who[i] !== customer) flush();
    customer = who[i] ?? null;
    states.push(stateOf(destinationOf(destinations, shape[i]!)));
    if (customer === null) flush();
  }
  flush();
  return paths;
}
