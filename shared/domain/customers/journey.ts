import type { BehaviourEvent, Purchase } from './intent';

/**
 * Journey stage (awareness → consideration → purchase → retention → advocacy) and the moments it
 * moved. Awareness: any first contact. Consideration: a product looked at closely (view, search,
 * cart, checkout). Purchase: the first order. Retention: a second order. Advocacy: a third order,
 * or a review or referral. Stages only move forward; each transition keeps the time it happened.
 */
export const JOURNEY_STAGES = ['awareness', 'consideration', 'purchase', 'retention', 'advocacy'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

const CONSIDERATION = new Set([
  'product_viewed',
  'collection_viewed',
  'search_submitted',
  'product_added_to_cart',
  'cart_viewed',
  'checkout_started',
  'wishlist_added',
]);
const ADVOCACY = new Set(['review_submitted', 'referral_sent']);

export interface JourneyTransition {
  stage: JourneyStage;
  at: string;
}

export function journey(
  events: readonly BehaviourEvent[],
  purchases: readonly Purchase[],
): { stage: JourneyStage | null; transitions: JourneyTransition[] } {
  const moments: Array<{ at: string; kind: 'event' | 'order'; type: string }> = [
    ...events.map((e) => ({ at: e.at, kind: 'event' as const, type: e.type })),
    ...purchases.map((p) => ({ at: p.at, kind: 'order' as const, type: 'order' })),
  ].sort((a, b) =>
    a.at === b.at ? (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1) : a.at.localeCompare(b.at),
  );
  const transitions: JourneyTransition[] = [];
  let level = -1;
  let orders = 0;
  const reach = (stage: JourneyStage, at: string) => {
    const target = JOURNEY_STAGES.indexOf(stage);
    while (level < target) {
      level++;
      transitions.push({ stage: JOURNEY_STAGES[level]!, at });
    }
  };
  for (const m of moments) {
    if (m.kind === 'order') {
      orders++;
      reach(orders >= 3 ? 'advocacy' : orders === 2 ? 'retention' : 'purchase', m.at);
    } else if (ADVOCACY.has(m.type) && orders > 0) reach('advocacy', m.at);
    else if (m.type === 'checkout_completed') reach('purchase', m.at);
    else if (CONSIDERATION.has(m.type)) reach('consideration', m.at);
    else reach('awareness', m.at);
  }
  return { stage: level < 0 ? null : JOURNEY_STAGES[level]!, transitions };
}
