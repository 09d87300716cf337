import { creditedJourney, type OrderFacts, stateOf } from '../../domain/attribution/attribute';
import { type CampaignDirectory, resolveTouch } from '../../domain/attribution/channels';
import type { FallbackContext } from '../../domain/attribution/fallback';
import type { MarkovCounter } from '../../domain/attribution/markov';
import type { CreditedTouch, Touch, TouchShape } from '../../domain/attribution/types';
import type { LineFacts } from '../../domain/performance/types';
import { type LocalDate, toLocalDate } from '../../domain/time';
import type { LineRow, OrderRow, StrayRow, TouchRow } from './read';

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

export function toTouch(r: TouchRow): Touch {
  return {
    id: r.touchpoint_id,
    at: r.at_ms,
    source: r.utm_source,
    medium: r.utm_medium,
    campaign: r.utm_campaign,
    clickIdType: r.click_id_type,
  };
}

const shapeOf = (r: StrayRow): TouchShape => ({
  source: r.utm_source,
  medium: r.utm_medium,
  campaign: r.utm_campaign,
  clickIdType: r.click_id_type,
});

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
  // Lines and touches arrive in the order of their orders: walk the three side by side.
  let li = 0;
  let ti = 0;
  for (const o of orders) {
    const firstLine = li;
    while (li < lines.length && lines[li]!.order_id === o.order_id) li++;
    const firstTouch = ti;
    while (ti < touches.length && touches[ti]!.order_id === o.order_id) ti++;
    if (o.currency !== setup.currency) {
      foreignCurrency++;
      continue;
    }
    const orderLines: LineFacts[] = [];
    for (let k = firstLine; k < li; k++) {
      const l = lines[k]!;
      orderLines.push({
        variantId: l.variant_id,
        productId: l.product_id,
        quantity: l.quantity,
        totalMinor: l.total_minor,
        unitCostMinor: l.unit_cost_minor,
      });
    }
    const orderTouches: Touch[] = [];
    for (let k = firstTouch; k < ti; k++) orderTouches.push(toTouch(touches[k]!));
    const facts: OrderFacts = {
      orderId: o.order_id,
      at: o.created_ms,
      date: o.date as LocalDate,
      region: o.region,
      discountCodes: o.discount_codes ? o.discount_codes.split(',') : NO_CODES,
      revenueMinor: orderLines.reduce((a, l) => a + l.totalMinor, 0),
    };
    const journey = creditedJourney(facts, orderTouches, setup.campaigns, setup.fallback);
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
  let customer: string | null = null;
  let states: string[] = [];
  const flush = () => {
    if (states.length) {
      markov.add({ states, conversions: 0, nulls: 1 });
      paths++;
    }
    states = [];
  };
  // The read orders by customer and time, so a customer's touches arrive together, oldest first.
  for (const r of touches) {
    if (r.customer_id === null || r.customer_id !== customer) flush();
    customer = r.customer_id;
    states.push(stateOf(resolveTouch(shapeOf(r), campaigns)));
    if (customer === null) flush();
  }
  flush();
  return paths;
}
