import { describe, expect, it } from 'vitest';
import { localDate } from '../time';
import { postsInMonth } from './brief';
import { localPostCopy } from './copy';
import { type ProductSignal, pickFeaturedProducts } from './pick';
import { canTransition } from './post';
import { distribute, generateSlots, monthDays } from './slots';

const aSignal = (o: Partial<ProductSignal> & Pick<ProductSignal, 'variantId' | 'title'>): ProductSignal => ({
  priceMinor: 5000,
  unitCostMinor: 2500,
  currency: 'USD',
  stock: 100,
  daysOfCover: 40,
  status: 'healthy',
  unitsSold: 10,
  ...o,
});

describe('featured products', () => {
  const catalogue = [
    aSignal({ variantId: 'v-out', title: 'Trail Bottle', stock: 0, status: 'stockout', unitsSold: 90 }),
    aSignal({
      variantId: 'v-low',
      title: 'Velocity Runner',
      stock: 40,
      daysOfCover: 4,
      status: 'low',
      unitsSold: 80,
    }),
    aSignal({
      variantId: 'v-over',
      title: 'Alpine Throw',
      stock: 2600,
      daysOfCover: 900,
      status: 'overstock',
      unitsSold: 1,
    }),
    aSignal({
      variantId: 'v-margin',
      title: 'Summit Beanie',
      priceMinor: 2900,
      unitCostMinor: 700,
      unitsSold: 5,
    }),
    aSignal({ variantId: 'v-best', title: 'Merino Tee', unitsSold: 60 }),
  ];

  it('includes the overstocked item and never the stocked-out or about-to-run-out ones', () => {
    const picked = pickFeaturedProducts(catalogue, 12);
    expect(picked).toHaveLength(12);
    const ids = new Set(picked.map((p) => p.variantId));
    expect(ids.has('v-over')).toBe(true);
    expect(ids.has('v-out')).toBe(false);
    expect(ids.has('v-low')).toBe(false);
    expect(picked.slice(0, 3).map((p) => p.kind)).toEqual(['overstock', 'margin', 'bestseller']);
    expect(picked[0]!.reason).toMatch(/overstocked: 2,600 units in stock, over a year of cover/);
    // $29.00 at a $7.00 cost: a 75.9% margin, written as the app writes shares.
    expect(picked[1]!.reason).toMatch(/^healthy margin: 75\.9% with /);
  });

  it('features one colourway per product, however the variants are titled', () => {
    const beanies = ['Black', 'Fog', 'Sand'].map((c, i) =>
      aSignal({
        variantId: `v-b${i}`,
        productId: 'p-beanie',
        title: `Summit Beanie — ${c}`,
        unitsSold: 30 - i,
      }),
    );
    const tee = aSignal({ variantId: 'v-tee', productId: 'p-tee', title: 'Merino Tee — Rust', unitsSold: 5 });
    const picked = pickFeaturedProducts([...beanies, tee], 4);
    expect(new Set(picked.slice(0, 2).map((p) => p.variantId))).toEqual(new Set(['v-b0', 'v-tee']));
    // A small catalogue repeats its two products rather than showing the other beanies.
    expect(picked.map((p) => p.variantId).filter((v) => v.startsWith('v-b') && v !== 'v-b0')).toEqual([]);
  });

  it('puts what the brief pushes first, unless it cannot be sold', () => {
    const picked = pickFeaturedProducts(catalogue, 3, { push: ['Merino', 'Trail Bottle'] });
    expect(picked[0]!.variantId).toBe('v-best');
    expect(picked.map((p) => p.variantId)).not.toContain('v-out');
  });

  it('an empty or all-stocked-out catalogue yields no posts rather than bad ones', () => {
    expect(pickFeaturedProducts([catalogue[0]!], 5)).toEqual([]);
  });
});

describe('slots and distribution', () => {
  const rules = {
    days: [0, 2, 4],
    times: ['10:00', '18:30'],
    timezone: 'America/New_York',
    minGapMinutes: 240,
  };

  it('generates local posting times on the chosen weekdays, in the brand timezone', () => {
    // 2026-12-07 is a Monday.
    const slots = generateSlots(rules, localDate('2026-12-07'), localDate('2026-12-09'));
    expect(slots.map((d) => d.toISOString())).toEqual([
      '2026-12-07T15:00:00.000Z',
      '2026-12-07T23:30:00.000Z',
      '2026-12-09T15:00:00.000Z',
      '2026-12-09T23:30:00.000Z',
    ]);
  });

  it('keeps the minimum gap from posts already scheduled', () => {
    const taken = [new Date('2026-12-07T21:00:00.000Z')];
    const slots = generateSlots(rules, localDate('2026-12-07'), localDate('2026-12-07'), taken);
    expect(slots.map((d) => d.toISOString())).toEqual(['2026-12-07T15:00:00.000Z']);
  });

  it('spreads posts evenly over the slots', () => {
    const slots = [1, 2, 3, 4, 5, 6].map((h) => new Date(Date.UTC(2026, 11, 1, h)));
    expect(distribute(['a', 'b', 'c'], slots).map((x) => x.at.getUTCHours())).toEqual([1, 3, 5]);
  });

  it('a month has its own length and a brief its posts', () => {
    expect(monthDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(postsInMonth({ month: '2026-12', postsPerWeek: 3 })).toBe(13);
  });
});

describe('post lifecycle', () => {
  it.each([
    ['draft', 'scheduled', false],
    ['draft', 'approved', true],
    ['approved', 'scheduled', true],
    ['scheduled', 'publishing', true],
    ['draft', 'publishing', false],
    ['approved', 'publishing', false],
    ['published', 'draft', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe('local copy', () => {
  it('names the product and its formatted price and stays within hashtag limits', () => {
    const [product] = pickFeaturedProducts(
      [
        aSignal({
          variantId: 'v',
          title: 'Alpine Throw',
          priceMinor: 8900,
          status: 'overstock',
          daysOfCover: 300,
        }),
      ],
      1,
    );
    const copy = localPostCopy(
      { name: 'Demo Brand', pillars: ['Gear that lasts'] },
      { offers: '', goals: '' },
      product!,
      0,
    );
    expect(copy.caption).toContain('Alpine Throw');
    expect(copy.caption).toContain('$89.00');
    expect(copy.hashtags.length).toBeLessThanOrEqual(8);
    expect(copy.hashtags.every((h) => /^#[\p{L}\p{N}_]+$/u.test(h))).toBe(true);
  });

  it('ends every caption with the brand’s headline pillar, never a collection another product belongs to', () => {
    const products = pickFeaturedProducts(
      [
        aSignal({ variantId: 'v1', title: 'Merino Tee — Rust' }),
        aSignal({ variantId: 'v2', title: 'Trail Bottle' }),
      ],
      2,
    );
    const pillars = ['Gear for weekends outside', 'Cosy camp layers', 'Trail-tested footwear'];
    const captions = products.flatMap((p) =>
      [0, 1, 2, 3].map(
        (i) => localPostCopy({ name: 'Demo Brand', pillars }, { offers: '', goals: '' }, p, i).caption,
      ),
    );
    expect(captions.every((c) => c.endsWith('Gear for weekends outside.'))).toBe(true);
    expect(captions.some((c) => c.includes('footwear'))).toBe(false);
  });

  it('ends the brief’s offer and the pillar as sentences, whether or not the merchant typed the full stop', () => {
    const [product] = pickFeaturedProducts([aSignal({ variantId: 'v1', title: 'Alpine Throw' })], 1);
    for (const [offers, pillar] of [
      ['Free shipping over $75', 'Made to last, repaired for free'],
      ['Free shipping over $75.', 'Made to last, repaired for free!'],
    ] as const) {
      const { caption } = localPostCopy(
        { name: 'Demo Brand', pillars: [pillar] },
        { offers, goals: '' },
        product!,
        0,
      );
      expect(caption).toMatch(/Free shipping over \$75\. Made to last, repaired for free[.!]$/);
      expect(caption).not.toMatch(/\.\.|!\./);
    }
  });
});
