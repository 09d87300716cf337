import { describe, expect, it } from 'vitest';
import { aTouch } from '../../../test/support/attribution-touches';
import { ATTRIBUTION_MODELS } from '../entities/brand';
import { localDate } from '../time';
import { creditAllModels, creditedJourney, creditOrder, type OrderFacts } from './attribute';
import { createCampaignDirectory } from './channels';
import { createGeoActivity, type FallbackContext } from './fallback';
import { fitMarkov } from './markov';

const META = 'meta:act_1:101';
const TIKTOK = 'tiktok:700:201';
const GOOGLE = 'google_ads:123:301';
const campaigns = createCampaignDirectory([META, TIKTOK, GOOGLE]);
const AT = Date.UTC(2026, 2, 10, 15);

const anOrder = (over: Partial<OrderFacts> = {}): OrderFacts => ({
  orderId: 'o1',
  at: AT,
  date: localDate('2026-03-10'),
  region: 'US-CA',
  discountCodes: [],
  revenueMinor: 10_000,
  ...over,
});

const fallback = (over: Partial<FallbackContext> = {}): FallbackContext => ({
  campaigns,
  discountCodeCampaigns: {},
  geo: createGeoActivity([]),
  windowDays: 7,
  geoFallback: false,
  ...over,
});

describe('order → campaign matching', () => {
  it('a click id names the campaign on the platform that issued it', () => {
    const [t] = creditedJourney(
      anOrder(),
      [aTouch('t1').daysBefore(AT, 1).withClick('fbclid', '101').build()],
      campaigns,
      fallback(),
    );
    expect(t).toMatchObject({ campaignId: META, method: 'click_id', confidence: 0.95, channel: 'meta' });
  });

  it('a UTM campaign without a click id matches with lower confidence', () => {
    const [t] = creditedJourney(
      anOrder(),
      [aTouch('t1').daysBefore(AT, 1).withUtm('tiktok', 'paid_social', '201').build()],
      campaigns,
      fallback(),
    );
    expect(t).toMatchObject({ campaignId: TIKTOK, method: 'utm', confidence: 0.8 });
  });

  it('a mapped discount code attributes an order whose journey names no campaign', () => {
    const journey = creditedJourney(
      anOrder({ discountCodes: ['spring10'] }),
      [aTouch('t1').daysBefore(AT, 1).withUtm('klaviyo', 'email').build()],
      campaigns,
      fallback({ discountCodeCampaigns: { SPRING10: TIKTOK } }),
    );
    expect(journey).toEqual([expect.objectContaining({ campaignId: TIKTOK, method: 'discount_code' })]);
  });

  const nearby = () =>
    createGeoActivity([
      { date: '2026-03-05', region: 'US-CA', campaignId: META, spendMinor: 900 },
      { date: '2026-03-08', region: 'US-CA', campaignId: GOOGLE, spendMinor: 100 },
      { date: '2026-03-09', region: 'US-NY', campaignId: TIKTOK, spendMinor: 5000 },
    ]);

  it('a brand that turned the geo fallback on gets the campaign most recently active in the order region, with low confidence', () => {
    const [t] = creditedJourney(anOrder(), [], campaigns, fallback({ geo: nearby(), geoFallback: true }));
    expect(t).toMatchObject({ campaignId: GOOGLE, method: 'geo_time', confidence: 0.2 });
  });

  it('the geo fallback is off by default: a direct order stays direct however much ran nearby', () => {
    const [t] = creditedJourney(anOrder(), [], campaigns, fallback({ geo: nearby() }));
    expect(t).toMatchObject({ campaignId: null, method: 'unattributed', channel: 'direct' });
  });

  it('even when on, the geo fallback leaves an order whose journey shows email or organic search to that channel', () => {
    const [t] = creditedJourney(
      anOrder(),
      [aTouch('t1').daysBefore(AT, 1).withUtm('google', 'organic').build()],
      campaigns,
      fallback({ geo: nearby(), geoFallback: true }),
    );
    expect(t).toMatchObject({ campaignId: null, method: 'unattributed', channel: 'organic_search' });
  });

  it('geo activity older than the window does not count', () => {
    const geo = createGeoActivity([
      { date: '2026-03-02', region: 'US-CA', campaignId: META, spendMinor: 900 },
    ]);
    const [t] = creditedJourney(anOrder(), [], campaigns, fallback({ geo, geoFallback: true }));
    expect(t).toMatchObject({ campaignId: null, method: 'unattributed', channel: 'direct' });
  });

  it('an order with an email-only journey and nothing else stays unattributed on its email channel', () => {
    const [t] = creditedJourney(
      anOrder(),
      [aTouch('t1').daysBefore(AT, 1).withUtm('klaviyo', 'email').build()],
      campaigns,
      fallback(),
    );
    expect(t).toMatchObject({ campaignId: null, method: 'unattributed', channel: 'email' });
  });

  it('touches outside the window are ignored', () => {
    const journey = creditedJourney(
      anOrder(),
      [
        aTouch('old').daysBefore(AT, 8).withClick('fbclid', '101').build(),
        aTouch('new').daysBefore(AT, 2).withClick('gclid', '301').build(),
      ],
      campaigns,
      fallback({ windowDays: 7 }),
    );
    expect(journey.map((t) => t.touchId)).toEqual(['new']);
  });
});

/** A visit whose landing URL carried a platform's click id and no campaign tag (`/?ttclid=…`). */
const clickOnly = (id: string, type: string, days: number) => ({
  ...aTouch(id).daysBefore(AT, days).build(),
  clickIdType: type,
});

describe('a click id without a campaign tag (decision 981)', () => {
  it.each([
    ['ttclid', 'tiktok'],
    ['fbclid', 'meta'],
    ['gclid', 'google_ads'],
    ['gbraid', 'google_ads'],
    ['wbraid', 'google_ads'],
  ])('a %s credits %s, campaign not identified', (type, platform) => {
    const journey = creditedJourney(anOrder(), [clickOnly('t1', type, 1)], campaigns, fallback());
    expect(journey).toEqual([
      expect.objectContaining({
        channel: platform,
        platform,
        campaignId: null,
        method: 'click_id_platform',
        touchId: 't1',
      }),
    ]);
  });

  it('a utm_campaign the platform does not run leaves the campaign not identified, on the clicked platform', () => {
    const [t] = creditedJourney(
      anOrder(),
      [{ ...clickOnly('t1', 'ttclid', 1), source: 'tiktok', campaign: 'no-such-campaign' }],
      campaigns,
      fallback(),
    );
    expect(t).toMatchObject({ channel: 'tiktok', campaignId: null, method: 'click_id_platform' });
  });

  it('is evidence the geo-and-time guess does not overrule', () => {
    const geo = createGeoActivity([
      { date: '2026-03-09', region: 'US-CA', campaignId: META, spendMinor: 900 },
    ]);
    const [t] = creditedJourney(
      anOrder(),
      [clickOnly('t1', 'ttclid', 1)],
      campaigns,
      fallback({ geo, geoFallback: true }),
    );
    expect(t).toMatchObject({ channel: 'tiktok', method: 'click_id_platform' });
  });

  it('a discount code of a campaign on the clicked platform names the campaign; one of another platform does not', () => {
    const order = anOrder({ discountCodes: ['spring10'] });
    const touches = [clickOnly('t1', 'ttclid', 1)];
    const same = creditedJourney(
      order,
      touches,
      campaigns,
      fallback({ discountCodeCampaigns: { SPRING10: TIKTOK } }),
    );
    expect(same).toEqual([expect.objectContaining({ campaignId: TIKTOK, method: 'discount_code' })]);
    const other = creditedJourney(
      order,
      touches,
      campaigns,
      fallback({ discountCodeCampaigns: { SPRING10: META } }),
    );
    expect(other).toEqual([
      expect.objectContaining({ channel: 'tiktok', campaignId: null, method: 'click_id_platform' }),
    ]);
  });

  it('every model splits a click-then-email journey over both, and each model’s revenue is the order’s to the cent', () => {
    const order = anOrder({ revenueMinor: 10_001 });
    const journey = creditedJourney(
      order,
      [clickOnly('t1', 'ttclid', 3), aTouch('t2').daysBefore(AT, 1).withUtm('klaviyo', 'email').build()],
      campaigns,
      fallback(),
    );
    expect(journey.map((t) => [t.channel, t.method])).toEqual([
      ['tiktok', 'click_id_platform'],
      ['email', 'channel'],
    ]);
    const all = creditAllModels(order, journey, {
      windowDays: 7,
      halfLifeDays: 7,
      removalEffects: new Map(),
    });
    ATTRIBUTION_MODELS.forEach((model, m) => {
      expect(
        all.reduce((s, d) => s + d.revenueMinor[m]!, 0),
        model,
      ).toBe(10_001);
      const own = creditOrder(order, journey, model, {
        windowDays: 7,
        halfLifeDays: 7,
        removalEffects: new Map(),
      });
      expect(
        own.reduce((s, c) => s + c.revenueMinor, 0),
        model,
      ).toBe(10_001);
    });
    const tiktok = all.find((d) => d.channel === 'tiktok')!;
    const at = (model: string) => tiktok.revenueMinor[ATTRIBUTION_MODELS.indexOf(model as never)];
    expect([at('first_touch'), at('last_touch'), at('linear')]).toEqual([10_001, 0, 5_001]);
  });
});

describe('credits of an order', () => {
  const touches = [
    aTouch('a').daysBefore(AT, 6).withClick('fbclid', '101').build(),
    aTouch('b').daysBefore(AT, 3).withUtm('klaviyo', 'email').build(),
    aTouch('c').daysBefore(AT, 1).withClick('gclid', '301').build(),
  ];
  const journey = creditedJourney(anOrder({ revenueMinor: 10_001 }), touches, campaigns, fallback());
  const markov = fitMarkov([
    { states: [META, 'channel:email', GOOGLE], conversions: 1, nulls: 0 },
    { states: [META], conversions: 0, nulls: 1 },
  ]);

  it.each(ATTRIBUTION_MODELS)('%s credits sum to 1 and revenue to the order, to the cent', (model) => {
    const credits = creditOrder({ at: AT, revenueMinor: 10_001 }, journey, model, {
      windowDays: 7,
      halfLifeDays: 7,
      removalEffects: markov.removalEffects,
    });
    expect(credits.reduce((a, c) => a + c.credit, 0)).toBeCloseTo(1, 12);
    expect(credits.reduce((a, c) => a + c.revenueMinor, 0)).toBe(10_001);
  });

  it('linear splits 100.01 into two 33.34 and one 33.33 (largest remainder, no cent lost)', () => {
    const credits = creditOrder({ at: AT, revenueMinor: 10_001 }, journey, 'linear', {
      windowDays: 7,
      halfLifeDays: 7,
    });
    expect(credits.map((c) => c.revenueMinor).sort((a, b) => a - b)).toEqual([3333, 3334, 3334]);
  });

  it('last touch gives the Google click everything', () => {
    const credits = creditOrder({ at: AT, revenueMinor: 10_001 }, journey, 'last_touch', {
      windowDays: 7,
      halfLifeDays: 7,
    });
    expect(credits).toEqual([
      expect.objectContaining({ campaignId: GOOGLE, credit: 1, revenueMinor: 10_001 }),
    ]);
  });

  it('a zero-revenue order still has its credits', () => {
    const credits = creditOrder({ at: AT, revenueMinor: 0 }, journey, 'first_touch', {
      windowDays: 7,
      halfLifeDays: 7,
    });
    expect(credits).toEqual([expect.objectContaining({ campaignId: META, credit: 1, revenueMinor: 0 })]);
  });
});

describe('all six models per destination', () => {
  const journey = creditedJourney(
    anOrder(),
    [
      aTouch('first').daysBefore(AT, 5).withUtm('facebook', 'paid_social', '101').build(),
      aTouch('mid').daysBefore(AT, 3).withClick('gclid', '301').build(),
      aTouch('last').daysBefore(AT, 1).withClick('fbclid', '101').build(),
    ],
    campaigns,
    fallback(),
  );
  const settings = {
    windowDays: 7,
    halfLifeDays: 7,
    removalEffects: fitMarkov([{ states: [META, GOOGLE, META], conversions: 1, nulls: 0 }]).removalEffects,
  };
  const credited = creditAllModels({ at: AT, revenueMinor: 10_001 }, journey, settings);
  const at = (model: (typeof ATTRIBUTION_MODELS)[number]) => ATTRIBUTION_MODELS.indexOf(model);

  it('merges two visits of the same campaign into one destination with the latest touch and strongest method', () => {
    expect(credited).toEqual([
      expect.objectContaining({ campaignId: META, touchId: 'last', method: 'click_id' }),
      expect.objectContaining({ campaignId: GOOGLE, touchId: 'mid', method: 'click_id' }),
    ]);
    expect(credited[0]!.revenueMinor[at('linear')]).toBe(6668);
    expect(credited[0]!.credit[at('linear')]).toBeCloseTo(2 / 3, 12);
    expect(credited[1]!.revenueMinor[at('linear')]).toBe(3333);
  });

  it.each(ATTRIBUTION_MODELS)('%s gives each destination what its own credits sum to there', (model) => {
    const own = creditOrder({ at: AT, revenueMinor: 10_001 }, journey, model, settings);
    for (const d of credited) {
      const mine = own.filter((c) => c.campaignId === d.campaignId && c.channel === d.channel);
      expect(d.revenueMinor[at(model)]).toBe(mine.reduce((a, c) => a + c.revenueMinor, 0));
      expect(d.credit[at(model)]).toBeCloseTo(
        mine.reduce((a, c) => a + c.credit, 0),
        12,
      );
    }
    expect(credited.reduce((a, d) => a + d.revenueMinor[at(model)]!, 0)).toBe(10_001);
  });

  it('a destination a model skips is still listed, with zero from that model', () => {
    expect(credited[1]!.revenueMinor[at('first_touch')]).toBe(0);
    expect(credited[1]!.revenueMinor[at('last_touch')]).toBe(0);
    expect(credited[0]!.revenueMinor[at('last_touch')]).toBe(10_001);
  });

  it('a one-touch journey gets everything under every model', () => {
    const [only] = creditAllModels({ at: AT, revenueMinor: 500 }, journey.slice(0, 1), settings);
    expect(only!.credit).toEqual([1, 1, 1, 1, 1, 1]);
    expect(only!.revenueMinor).toEqual([500, 500, 500, 500, 500, 500]);
  });
});

describe('all six models for two touches', () => {
  it('gives exactly what each model gives on its own, over many random journeys', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const kinds = [META, TIKTOK, GOOGLE, 'email'];
    for (let n = 0; n < 2_000; n++) {
      const touch = (id: string) => {
        const kind = pick(kinds);
        const t = aTouch(id).at(AT - Math.floor(random() * 7 * 86_400_000));
        return (
          kind === 'email'
            ? t.withUtm('klaviyo', 'email')
            : t.withClick(
                kind === GOOGLE ? 'gclid' : kind === TIKTOK ? 'ttclid' : 'fbclid',
                kind.split(':')[2]!,
              )
        ).build();
      };
      const journey = creditedJourney(anOrder(), [touch('a'), touch('b')], campaigns, fallback());
      if (journey.length !== 2) continue;
      const effects = new Map(
        kinds.map((k) => [k === 'email' ? 'channel:email' : k, pick([0, 0.25, random()])]),
      );
      const settings = { windowDays: 7, halfLifeDays: pick([1, 7, 30]), removalEffects: effects };
      const order = { at: AT, revenueMinor: pick([0, 1, 999, 10_001, -2_501, Math.floor(random() * 1e6)]) };
      const all = creditAllModels(order, journey, settings);
      ATTRIBUTION_MODELS.forEach((model, m) => {
        const own = creditOrder(order, journey, model, settings);
        for (const d of all) {
          const mine = own.filter((c) => c.campaignId === d.campaignId && c.channel === d.channel);
          expect(d.revenueMinor[m]).toBe(mine.reduce((a, c) => a + c.revenueMinor, 0));
          expect(d.credit[m]).toBe(mine.reduce((a, c) => a + c.credit, 0));
        }
      });
    }
  });
});
