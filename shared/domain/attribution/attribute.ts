import { ATTRIBUTION_MODELS, type AttributionModel } from '../entities/brand';
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
 * sends credit. A journey is evidence when a touch names a campaign or carries a platform's click
 * id (`click_id_platform`: the platform is proven, its campaign not); then every model splits the
 * order over its touches. Otherwise the deterministic fallback (discount code, geo + time, direct)
 * stands in as the journey's only touch, so every model credits it fully. A discount code mapped
 * to a campaign still names the campaign a click id alone could not, unless that campaign is on
 * another platform than every click of the journey (the click id is the stronger evidence;
 * decision 981).
 */
export function creditedJourney(
  order: OrderFacts,
  touches: readonly Touch[],
  campaigns: CampaignDirectory,
  fallback: FallbackContext,
): CreditedTouch[] {
  return journeyOf(
    order,
    touches.map((t) => ({ id: t.id, at: t.at, destination: resolveTouch(t, campaigns) })),
    fallback,
  );
}

/** A touch already resolved to where it sends credit. */
export interface ResolvedTouch {
  readonly id: string;
  readonly at: number;
  readonly destination: Destination;
}

/** `creditedJourney` for touches resolved beforehand (a pass resolves each distinct shape once). */
export function journeyOf(
  order: OrderFacts,
  touches: readonly ResolvedTouch[],
  fallback: FallbackContext,
): CreditedTouch[] {
  const journey: CreditedTouch[] = [];
  let named = false;
  let clicked = false;
  for (const t of touches) {
    if (!inWindow(t.at, order.at, fallback.windowDays)) continue;
    const d = t.destination;
    if (d.campaignId) named = true;
    else if (d.method === 'click_id_platform') clicked = true;
    journey.push(credited(d, t.id, t.at));
  }
  if (journey.length > 1) journey.sort(byTime);
  if (named) return journey;
  const last = journey.at(-1);
  const d = matchFallback({ ...order, journeyChannel: last?.channel ?? null }, fallback);
  if (
    clicked &&
    !(
      d.method === 'discount_code' &&
      journey.some((t) => t.method === 'click_id_platform' && t.platform === d.platform)
    )
  )
    return journey;
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

/** The model's weights for a journey's touches (oldest first); they sum to 1. */
export function modelWeights(
  order: Pick<OrderFacts, 'at'>,
  journey: readonly CreditedTouch[],
  model: AttributionModel,
  settings: ModelSettings,
): number[] {
  if (journey.length === 1) return [1];
  return model === 'data_driven'
    ? normalize(removalEffectWeights(journey.map(stateOf), settings.removalEffects ?? new Map()))
    : heuristicWeights(
        model,
        journey.map((t) => t.at),
        order.at,
        settings.halfLifeDays,
      );
}

/** Credits of one order under one model: they sum to 1 and their revenue to the order's, exactly. */
export function creditOrder(
  order: Pick<OrderFacts, 'at' | 'revenueMinor'>,
  journey: readonly CreditedTouch[],
  model: AttributionModel,
  settings: ModelSettings,
): Credit[] {
  const weights = modelWeights(order, journey, model, settings);
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
 * One destination (channel + campaign) of an order's journey with what every model gives it:
 * `credit[m]` and `revenueMinor[m]` are model `ATTRIBUTION_MODELS[m]`'s. A journey that visits the
 * same campaign twice (Shopify's first and last visit often do) has one destination, named by its
 * latest touch and its strongest match method.
 */
export interface DestinationCredits extends Destination {
  readonly touchId: string | null;
  readonly credit: number[];
  readonly revenueMinor: number[];
}

/**
 * The order under all six models at once, one entry per destination. Each model's credits sum to
 * 1 and its revenue to the order's, to the cent (allocated over the touches, then summed per
 * destination). A destination some model gives nothing still appears, with zeros for that model.
 */
export function creditAllModels(
  order: Pick<OrderFacts, 'at' | 'revenueMinor'>,
  journey: readonly CreditedTouch[],
  settings: ModelSettings,
): DestinationCredits[] {
  const models = ATTRIBUTION_MODELS.length;
  // The common case (one visit, or the fallback): every model gives it everything.
  if (journey.length === 1) return [destination(journey[0]!, 1, order.revenueMinor)];
  const out: Array<{ -readonly [K in keyof DestinationCredits]: DestinationCredits[K] }> = [];
  const slot: number[] = [];
  for (const t of journey) {
    let i = out.findIndex((o) => o.campaignId === t.campaignId && o.channel === t.channel);
    if (i < 0) {
      i = out.length;
      out.push(destination(t, 0, 0));
    } else {
      const o = out[i]!;
      // The journey is oldest first, so this touch is the destination's latest.
      o.touchId = t.touchId;
      if (t.confidence > o.confidence) {
        o.method = t.method;
        o.confidence = t.confidence;
      }
    }
    slot.push(i);
  }
  if (journey.length === 2) {
    creditTwoTouches(order, journey, settings, out[slot[0]!]!, out[slot[1]!]!);
    return out;
  }
  for (let m = 0; m < models; m++) {
    const weights = modelWeights(order, journey, ATTRIBUTION_MODELS[m]!, settings);
    const revenue = allocateMinor(order.revenueMinor, weights);
    for (let k = 0; k < journey.length; k++) {
      const d = out[slot[k]!]!;
      d.credit[m] = d.credit[m]! + weights[k]!;
      d.revenueMinor[m] = d.revenueMinor[m]! + revenue[k]!;
    }
  }
  return out;
}

/**
 * A destination of `creditAllModels` with every model's credit and revenue set to the same. At
 * module level, not a closure in its caller: bundles keep function names (`keepNames`), which
 * names a closure anew on every call, and this one is made millions of times a pass (decision 976).
 */
function destination(t: CreditedTouch, credit: number, revenueMinor: number) {
  const models = ATTRIBUTION_MODELS.length;
  return {
    channel: t.channel,
    platform: t.platform,
    campaignId: t.campaignId,
    method: t.method,
    confidence: t.confidence,
    touchId: t.touchId,
    credit: new Array<number>(models).fill(credit),
    revenueMinor: new Array<number>(models).fill(revenueMinor),
  };
}

/**
 * `creditAllModels` for the most common multi-touch journey, two touches, without an array per
 * model: the same weights (`modelWeights`) and the same largest-remainder split (`allocateMinor`),
 * operation for operation, so the results are identical (checked by the tests against
 * `creditOrder`). A pass credits millions of these.
 */
function creditTwoTouches(
  order: Pick<OrderFacts, 'at' | 'revenueMinor'>,
  journey: readonly CreditedTouch[],
  settings: ModelSettings,
  first: { credit: number[]; revenueMinor: number[] },
  second: { credit: number[]; revenueMinor: number[] },
): void {
  const [a, b] = journey as readonly [CreditedTouch, CreditedTouch];
  for (let m = 0; m < ATTRIBUTION_MODELS.length; m++) {
    let w0: number;
    let w1: number;
    switch (ATTRIBUTION_MODELS[m]!) {
      case 'first_touch':
        w0 = 1;
        w1 = 0;
        break;
      case 'last_touch':
        w0 = 0;
        w1 = 1;
        break;
      case 'linear':
      case 'position_based':
        w0 = 0.5;
        w1 = 0.5;
        break;
      case 'time_decay': {
        const span = settings.halfLifeDays * DAY_MS;
        [w0, w1] = normalizeTwo(2 ** (-(order.at - a.at) / span), 2 ** (-(order.at - b.at) / span));
        break;
      }
      case 'data_driven': {
        const effects = settings.removalEffects ?? new Map<string, number>();
        const sa = stateOf(a);
        const sb = stateOf(b);
        const ea = effects.get(sa) ?? 0;
        const eb = effects.get(sb) ?? 0;
        if (sa === sb) {
          [w0, w1] = ea > 0 ? normalizeTwo(ea / ea / 2, ea / ea / 2) : normalizeTwo(1 / 2, 1 / 2);
        } else {
          const total = ea + eb;
          [w0, w1] = total > 0 ? normalizeTwo(ea / total, eb / total) : normalizeTwo(1 / 2, 1 / 2);
        }
        break;
      }
    }
    // allocateMinor(order.revenueMinor, [w0, w1]), step for step.
    const amount = order.revenueMinor;
    const total = 0 + w0 + w1;
    let p0: number;
    let p1: number;
    if (total <= 0) {
      p0 = amount;
      p1 = 0;
    } else {
      const sign = amount < 0 ? -1 : 1;
      const abs = Math.abs(amount);
      const x0 = (abs * w0) / total;
      const x1 = (abs * w1) / total;
      p0 = Math.floor(x0);
      p1 = Math.floor(x1);
      let rest = abs - p0 - p1;
      const secondFirst = x1 - p1 - (x0 - p0) > 0;
      for (let k = 0; rest > 0; k = (k + 1) % 2, rest--) {
        if ((k === 0) !== secondFirst) p0 += 1;
        else p1 += 1;
      }
      p0 *= sign;
      p1 *= sign;
    }
    first.credit[m] = first.credit[m]! + w0;
    first.revenueMinor[m] = first.revenueMinor[m]! + p0;
    second.credit[m] = second.credit[m]! + w1;
    second.revenueMinor[m] = second.revenueMinor[m]! + p1;
  }
}

/** `normalize` of two weights, step for step. */
function normalizeTwo(a: number, b: number): [number, number] {
  const total = 0 + a + b;
  const first = total > 0 ? a / total : 1 / 2;
  return [first, Math.max(0, 1 - first)];
}

const DAY_MS = 86_400_000;
