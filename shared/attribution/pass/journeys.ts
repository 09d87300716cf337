import { journeyOf, type OrderFacts, type ResolvedTouch, stateOf } from '../../domain/attribution/attribute';
import { type CampaignDirectory, resolveTouch } from '../../domain/attribution/channels';
import type { FallbackContext } from '../../domain/attribution/fallback';
import type { MarkovCounter } from '../../domain/attribution/markov';
import type { CreditedTouch, Destination } from '../../domain/attribution/types';
import type { LineFacts } from '../../domain/performance/types';
import { type LocalDate, toLocalDate } from '../../domain/time';
import type { LineRow, OrderRow, ShapeRow, StrayRow, TouchRow } from './read';

/** An order ready for the models: its facts, resolved journey, lines and cancellation day. */
export interface PreparedOrder {
  readonly facts: OrderFacts;
  readonly journey: readonly CreditedTouch[];
  readonly lines: readonly LineFacts[];
  readonly cancelledOn: LocalDate | null;
  readonly fulfillmentCostMinor: number | null;
}

export interface JourneySetup {
  readonly currency: string;
  readonly timeZone: string;
  readonly campaigns: CampaignDirectory;
  readonly fallback: FallbackContext;
}

/**
 * Where each numbered shape of a read sends credit: resolved once per shape, from the row that
 * carries its strings.
 */
export function destinationsOf(rows: readonly ShapeRow[], campaigns: CampaignDirectory): Destination[] {
  const out: Destination[] = [];
  for (const r of rows)
    if (r.defines)
      out[r.shape] = resolveTouch(
        { source: r.utm_source, medium: r.utm_medium, campaign: r.utm_campaign, clickIdType: r.click_type },
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
 * the pass reader returns them) and feeds each converting journey to the Markov
 * counter. Orders in another currency than the brand's are left out and counted: amounts here are
 * shop-currency minor units, and a sum across currencies would be meaningless.
 */
export function prepareOrders(
  orders: readonly OrderRow[],
  lines: readonly LineRow[],
  touches: readonly TouchRow[],
  setup: JourneySetup,
  markov: MarkovCounter,
): { prepared: PreparedOrder[]; foreignCurrency: number } {
  const prepared: PreparedOrder[] = [];
  let foreignCurrency = 0;
  const destinations = destinationsOf(touches, setup.campaigns);
  // Lines and touches carry their order's position (`seq`, 1-based): walk the three side by side.
  let li = 0;
  let ti = 0;
  for (let k = 0; k < orders.length; k++) {
    const o = orders[k]!;
    const seq = k + 1;
    const firstLine = li;
    while (li < lines.length && lines[li]!.seq === seq) li++;
    const firstTouch = ti;
    while (ti < touches.length && touches[ti]!.seq === seq) ti++;
    if (o.currency !== setup.currency) {
      foreignCurrency++;
      continue;
    }
    const orderLines: LineFacts[] = [];
    for (let j = firstLine; j < li; j++) {
      const l = lines[j]!;
      orderLines.push({
        variantId: l.variant_id,
        productId: l.product_id,
        quantity: l.quantity,
        totalMinor: l.total_minor,
        unitCostMinor: l.unit_cost_minor,
      });
    }
    const orderTouches: ResolvedTouch[] = [];
    for (let j = firstTouch; j < ti; j++) {
      const t = touches[j]!;
      orderTouches.push({
        id: t.touchpoint_id,
        at: t.at_ms,
        destination: destinationOf(destinations, t.shape),
      });
    }
    const facts: OrderFacts = {
      orderId: o.order_id,
      at: o.created_ms,
      date: o.date as LocalDate,
      region: o.region,
      discountCodes: o.discount_codes ? o.discount_codes.split(',') : NO_CODES,
      revenueMinor: orderLines.reduce((a, l) => a + l.totalMinor, 0),
    };
    const journey = journeyOf(facts, orderTouches, setup.fallback);
    markov.add({ states: journey.map(stateOf), conversions: 1, nulls: 0 });
    prepared.push({
      facts,
      journey,
      lines: orderLines,
      // A cancellation belongs to the brand-local day it happened (23:30 in New York is that day).
      cancelledOn: o.cancelled_ms === null ? null : toLocalDate(new Date(o.cancelled_ms), setup.timeZone),
      fulfillmentCostMinor: o.fulfillment_cost_minor,
    });
  }
  if (li !== lines.length || ti !== touches.length)
    throw new Error('attribution pass: order lines or touches did not arrive in the order of their orders');
  return { prepared, foreignCurrency };
}

const NO_CODES: readonly string[] = Object.freeze([]);

/**
 * Touches that led to no order become non-converting journeys: a known customer's touches in the
 * chunk form one path (oldest first); an anonymous touch is a one-step path. Paths are cut at
 * chunk edges, a small bias towards shorter null paths that keeps memory bounded.
 */
export function addStrayJourneys(
  touches: readonly StrayRow[],
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
  for (const r of touches) {
    if (r.who === null || r.who !== customer) flush();
    customer = r.who;
    states.push(stateOf(destinationOf(destinations, r.shape)));
    if (customer === null) flush();
  }
  flush();
  return paths;
}
