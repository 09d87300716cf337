import { describe, expect, it } from 'vitest';
import {
  type BehaviourEvent,
  categoryAffinity,
  categoryOfProperties,
  channelPreference,
  productIntent,
} from './intent';
import { journey } from './journey';

const ev = (
  type: string,
  at: string,
  productId: string | null = 'p1',
  over: Partial<BehaviourEvent> = {},
) => ({
  type,
  at,
  source: 'pixel',
  productId,
  category: 'shoes',
  ...over,
});
const NOW = '2026-03-15T00:00:00Z';

describe('product intent', () => {
  it('weighs a cart above a view and decays with a 7-day half-life', () => {
    const [cart] = productIntent([ev('product_added_to_cart', NOW)], [], NOW);
    const [view] = productIntent([ev('product_viewed', NOW)], [], NOW);
    // 100·(1 − e^(−4/6)) = 48.7; 100·(1 − e^(−1/6)) = 15.4
    expect(cart!.score).toBe(49);
    expect(view!.score).toBe(15);
    const [weekOld] = productIntent([ev('product_added_to_cart', '2026-03-08T00:00:00Z')], [], NOW);
    expect(weekOld!.score).toBe(Math.round(100 * (1 - Math.exp(-2 / 6))));
  });

  it('stays within 0–100 however many signals there are', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      ev('checkout_started', `2026-03-14T00:${String(i % 60).padStart(2, '0')}:00Z`),
    );
    const [p] = productIntent(many, [], NOW);
    expect(p!.score).toBeLessThanOrEqual(100);
    expect(p!.score).toBeGreaterThan(95);
  });

  it('expires on purchase: signals before buying the product no longer count', () => {
    const events = [
      ev('product_added_to_cart', '2026-03-10T00:00:00Z'),
      ev('product_viewed', '2026-03-12T00:00:00Z', 'p2'),
    ];
    const intents = productIntent(
      events,
      [{ at: '2026-03-11T00:00:00Z', productIds: ['p1'], channel: 'online' }],
      NOW,
    );
    expect(intents.map((i) => i.productId)).toEqual(['p2']);
  });
});

describe('affinity and channel preference', () => {
  it('shares interest by category and prefers the channel people buy in', () => {
    const events = [
      ev('product_viewed', NOW),
      ev('product_viewed', NOW, 'p2', { category: 'bags' }),
      ev('product_added_to_cart', NOW),
    ];
    expect(categoryAffinity(events, NOW)[0]).toEqual({ key: 'shoes', share: 0.833 });
    const channels = channelPreference(events, [{ at: NOW, productIds: ['p1'], channel: 'store' }]);
    expect(channels[0]).toEqual({ key: 'store', share: 0.625 });
  });
});

describe('journey stage', () => {
  it('moves forward through the stages with the time of each transition', () => {
    const { stage, transitions } = journey(
      [ev('page_viewed', '2026-01-01T00:00:00Z', null), ev('product_viewed', '2026-01-02T00:00:00Z')],
      [
        { at: '2026-01-03T00:00:00Z', productIds: ['p1'], channel: 'online' },
        { at: '2026-02-03T00:00:00Z', productIds: ['p1'], channel: 'store' },
      ],
    );
    expect(stage).toBe('retention');
    expect(transitions).toEqual([
      { stage: 'awareness', at: '2026-01-01T00:00:00Z' },
      { stage: 'consideration', at: '2026-01-02T00:00:00Z' },
      { stage: 'purchase', at: '2026-01-03T00:00:00Z' },
      { stage: 'retention', at: '2026-02-03T00:00:00Z' },
    ]);
  });

  it('a phone-only buyer at the till jumps straight to purchase; a third order is advocacy', () => {
    const orders = ['2026-01-01', '2026-01-05', '2026-01-09'].map((d) => ({
      at: `${d}T00:00:00Z`,
      productIds: [],
      channel: 'store',
    }));
    const { stage, transitions } = journey([], orders);
    expect(stage).toBe('advocacy');
    expect(transitions.map((t) => t.stage)).toEqual([
      'awareness',
      'consideration',
      'purchase',
      'retention',
      'advocacy',
    ]);
    expect(journey([], []).stage).toBeNull();
  });
});

describe("an event's category", () => {
  it.each([
    ['{"category":"Knitwear"}', 'Knitwear'],
    ['{"product_type":"Blankets"}', 'Blankets'],
    ['{"category":""}', null],
    ['not json', null],
    [null, null],
  ])('of properties %s is %s', (properties, category) => {
    expect(categoryOfProperties(properties)).toBe(category);
  });
});
