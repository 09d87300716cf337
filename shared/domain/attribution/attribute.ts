import type { AttributionModel } from '../entities/brand';
import { allocateMinor } from '../money';
import type { CampaignDirectory } from './channels';
import { resolveTouch } from './channels';
import { type FallbackContext, type FallbackInput, matchFallback } from './fallback';
import { removalEffectWeights } from './markov';
import { heuristicWeights, inWindow, normalize } from './models';
import type { Credit, CreditedTouch, Destination, Touch } from './types';

export interface OrderFacts extends Omit<FallbackInput, 'journeyChannel'> {
  readonly orderId: string;
  /** created_at, epoch ms. */
  readonly at: number;
  readonly revenueMinor: number;
}

export interface ModelSettings {
  readonly windowDays: number;
  readonly halfLifeDays: number;
  /** Removal effects from fitMarkov over the brand's journeys; needed for `data_driven`. */
  readonly removalEffects?: ReadonlyMap<string, number>;
}

/** The Markov state a credited touch stands for: its campaign, else its channel. */
export const stateOf = (t: { campaignId: string | null; channel: string }): string =>
  t.campaignId ?? `channel:${t.channel}`;

/**
 * The order's journey: its touches (oldest first) inside the window, each resolved to where it
 * sends credit. When none of them names a campaign, the deterministic fallback (discount code,
 * geo + time, direct) stands in as the journey's only touch, so every model credits it fully.
 */
export function creditedJourney(
  order: OrderFacts,
  touches: readonly Touch[],
  campaigns: CampaignDirectory,
  fallback: FallbackContext,
): CreditedTouch[] {
  const journey: CreditedTouch[] = [];
  let named = false;
  for (const t of touches) {
    if (!inWindow(t.at, order.at, fallback.windowDays)) continue;
    const d = resolveTouch(t, campaigns);
    if (d.campaignId) named = true;
    journey.push(credited(d, t.id, t.at));
  }
  if (journey.length > 1) journey.sort(byTime);
  if (named) return journey;
  const last = journey.at(-1);
  const d = matchFallback({ ...order, journeyChannel: last?.channel ?? null }, fallback);
  return [credited(d, null, order.at)];
}

const credited = (d: Destination, touchId: string | null, at: number): CreditedTouch => ({
  channel: d.channel,
  platform: d.platform,
  campaignId: d.campaignId,
  method: d.method,
  confidence: d.confidence,
  touchId,
  at,
});

/** Oldest first; simultaneous touches by id, so a re-run picks the same "last" touch. */
function byTime(a: CreditedTouch, b: CreditedTouch): number {
  if (a.at !== b.at) return a.at - b.at;
  const x = a.touchId ?? '';
  const y = b.touchId ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Credits of one order under one model: they sum to 1 and their revenue to the order's, exactly. */
export function creditOrder(
  order: Pick<OrderFacts, 'at' | 'revenueMinor'>,
  journey: readonly CreditedTouch[],
  model: AttributionModel,
  settings: ModelSettings,
): Credit[] {
  const weights =
    model === 'data_driven'
      ? normalize(removalEffectWeights(journey.map(stateOf), settings.removalEffects ?? new Map()))
      : heuristicWeights(
          model,
          journey.map((t) => t.at),
          order.at,
          settings.halfLifeDays,
        );
  const revenue = allocateMinor(order.revenueMinor, weights);
  const out: Credit[] = [];
  for (let i = 0; i < journey.length; i++) {
    if (weights[i] === 0 && revenue[i] === 0) continue;
    const t = journey[i]!;
    out.push({
      channel: t.channel,
      platform: t.platform,
      campaignId: t.campaignId,
      method: t.method,
      confidence: t.confidence,
      touchId: t.touchId,
      at: t.at,
      credit: weights[i]!,
      revenueMinor: revenue[i]!,
    });
  }
  return out;
}

/**
 * One credit per destination (channel + campaign) of an order: `attributions` is order × model →
 * campaign. A journey that visits the same campaign twice (Shopify's first and last visit often
 * do) gets one row with the summed credit and revenue, the latest touch's id and the strongest
 * match method among them.
 */
export function mergeByDestination(credits: readonly Credit[]): Credit[] {
  const out: Credit[] = [];
  for (const c of credits) {
    const i = out.findIndex((o) => o.campaignId === c.campaignId && o.channel === c.channel);
    if (i < 0) {
      out.push(c);
      continue;
    }
    const o = out[i]!;
    const strongest = c.confidence > o.confidence ? c : o;
    out[i] = {
      ...strongest,
      touchId: c.at >= o.at ? c.touchId : o.touchId,
      at: Math.max(c.at, o.at),
      credit: o.credit + c.credit,
      revenueMinor: o.revenueMinor + c.revenueMinor,
    };
  }
  return out;
}
