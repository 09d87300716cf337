import { describe, expect, it } from 'vitest';
import { createCampaignDirectory } from '../../domain/attribution/channels';
import { createGeoActivity } from '../../domain/attribution/fallback';
import { createMarkovCounter, fitMarkov } from '../../domain/attribution/markov';
import { addStrayJourneys, prepareOrders } from './journeys';
import type { OrderRow, StrayRow, TouchRow } from './read';

const META = 'meta:act_1:101';
const GOOGLE = 'google_ads:1:301';
const campaigns = createCampaignDirectory([META, GOOGLE]);
const setup = {
  currency: 'USD',
  timeZone: 'America/New_York',
  campaigns,
  fallback: { campaigns, discountCodeCampaigns: {}, geo: createGeoActivity([]), windowDays: 7 },
};

const noShape = {
  shape: 0,
  defines: true,
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  click_type: null,
};
const fb = { shape: 1, defines: true, click_type: 'fbclid', utm_campaign: '101' };
const gg = { shape: 2, defines: true, click_type: 'gclid', utm_campaign: '301' };
const touch = (id: string, seq: number, over: Partial<TouchRow>): TouchRow => ({
  ...noShape,
  seq,
  touchpoint_id: id,
  at_ms: Date.parse('2026-03-01T10:00:00.000Z'),
  ...over,
});
const stray = (who: number | null, over: Partial<StrayRow>): StrayRow => ({ ...noShape, who, ...over });

const order = (id: string, over: Partial<OrderRow> = {}): OrderRow => ({
  order_id: id,
  created_ms: Date.parse('2026-03-02T10:00:00.000Z'),
  date: '2026-03-02',
  currency: 'USD',
  region: null,
  discount_codes: null,
  cancelled_ms: null,
  fulfillment_cost_minor: null,
  ...over,
});

describe('journeys of a pass', () => {
  it('feeds the Markov chain the same paths as written out by hand', () => {
    const counter = createMarkovCounter();
    prepareOrders(
      [order('o1')],
      [],
      [touch('a', 1, { ...fb, at_ms: Date.parse('2026-03-01T09:00:00.000Z') }), touch('b', 1, gg)],
      setup,
      counter,
    );
    // Customer 7's two stray touches are one path; an anonymous touch is a path of its own.
    addStrayJourneys([stray(7, fb), stray(7, gg), stray(null, gg)], campaigns, counter);
    const expected = fitMarkov([
      { states: [META, GOOGLE], conversions: 1, nulls: 0 },
      { states: [META, GOOGLE], conversions: 0, nulls: 1 },
      { states: [GOOGLE], conversions: 0, nulls: 1 },
    ]);
    expect(counter.fit()).toEqual(expected);
  });

  it('leaves out and counts orders in another currency', () => {
    const { prepared, foreignCurrency } = prepareOrders(
      [order('o1'), order('o2', { currency: 'EUR' })],
      [],
      [],
      setup,
      createMarkovCounter(),
    );
    expect(prepared.map((p) => p.facts.orderId)).toEqual(['o1']);
    expect(foreignCurrency).toBe(1);
  });

  it('puts a cancellation at 23:30 New York time on that local day', () => {
    const { prepared } = prepareOrders(
      [order('o1', { cancelled_ms: Date.parse('2026-03-03T04:30:00.000Z') })],
      [],
      [],
      setup,
      createMarkovCounter(),
    );
    expect(prepared[0]!.cancelledOn).toBe('2026-03-02');
  });

  it('walks lines and touches alongside their orders by position, and refuses them out of step', () => {
    const line = (seq: number, total: number) => ({
      seq,
      variant_id: 'v',
      product_id: 'p',
      quantity: 1,
      total_minor: total,
      unit_cost_minor: null,
    });
    const { prepared } = prepareOrders(
      [order('o1'), order('o2'), order('o3')],
      [line(1, 100), line(1, 50), line(3, 70)],
      [touch('a', 2, fb)],
      setup,
      createMarkovCounter(),
    );
    expect(prepared.map((p) => [p.facts.orderId, p.facts.revenueMinor, p.journey[0]!.campaignId])).toEqual([
      ['o1', 150, null],
      ['o2', 0, META],
      ['o3', 70, null],
    ]);
    const run = (lines: ReturnType<typeof line>[], touches: TouchRow[]) => () =>
      prepareOrders([order('o1'), order('o2')], lines, touches, setup, createMarkovCounter());
    expect(run([line(2, 1), line(1, 1)], [])).toThrow(/did not arrive in the order of their orders/);
    expect(run([], [touch('a', 1, { shape: 5, defines: false })])).toThrow(
      /shape 5 came without its definition/,
    );
  });
});
