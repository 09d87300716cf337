import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../adapters/embedded/duckdb-warehouse';
import { DEFAULT_FUNNEL_STEPS, parseFunnelSteps } from '../domain/customers/funnels';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import type { Warehouse, WarehouseRow } from '../ports/warehouse';
import { readFunnel } from './funnel-query';

const ctx = systemContext('shop', 'test');
const SHOP = 'https://shop.example.com';
let dir: string;
let warehouse: Warehouse;
let n = 0;

/**
 * Each visitor's device class as ingestion stored it. H's events predate the device column
 * (NULL, read as unknown); Z is a crawler running the storefront's scripts.
 */
const DEVICE: Record<string, string | null> = {
  A: 'mobile',
  B: 'desktop',
  C: 'mobile',
  D: 'tablet',
  E: 'desktop',
  H: null,
  Z: 'bot',
};

/** One stored event (UTC brand, so `day` is the instant's UTC date). */
function ev(
  client: string | null,
  type: string,
  at: string,
  path = '/products/mug',
  brandId = 'b',
): WarehouseRow {
  return {
    brand_id: brandId,
    event_id: `e${++n}`,
    type,
    source: client ? 'pixel' : 'api',
    occurred_at: at,
    received_at: at,
    day: at.slice(0, 10),
    client_id: client,
    identifiers: '[]',
    person: null,
    product_id: null,
    variant_id: null,
    value_minor: null,
    currency: null,
    url: `${SHOP}${path}`,
    properties: '{}',
    device: client ? (DEVICE[client] ?? null) : null,
  };
}

/**
 * Eight visitors, written so each rule shows. Default funnel: visit → product → cart → checkout
 * started → completed; period November 2026; times UTC.
 */
const EVENTS: WarehouseRow[] = [
  // A: the whole funnel in five minutes, landing from a Meta ad (fbclid). Deepest step 5, meta.
  ev('A', 'page_viewed', '2026-11-10T10:00:00.000Z', '/?fbclid=abc'),
  ev('A', 'product_viewed', '2026-11-10T10:01:00.000Z'),
  ev('A', 'product_added_to_cart', '2026-11-10T10:02:00.000Z'),
  ev('A', 'checkout_started', '2026-11-10T10:03:00.000Z'),
  ev('A', 'checkout_completed', '2026-11-10T10:05:00.000Z'),
  // B: direct; starts checkout 23 h after the visit (inside a 1-day window), completes 49 h
  // after it (outside 1 and 2 days, inside 3). Its second visit (from email) goes nowhere.
  // Deepest step 4 with a 1-day window, 5 with 3 days; channel direct (the deeper visit's).
  ev('B', 'page_viewed', '2026-11-12T09:00:00.000Z', '/'),
  ev('B', 'product_viewed', '2026-11-12T09:05:00.000Z'),
  ev('B', 'product_added_to_cart', '2026-11-12T09:06:00.000Z'),
  ev('B', 'page_viewed', '2026-11-13T07:59:00.000Z', '/?utm_source=klaviyo&utm_medium=email'),
  ev('B', 'checkout_started', '2026-11-13T08:00:00.000Z'),
  ev('B', 'checkout_completed', '2026-11-14T10:00:00.000Z'),
  // C: adds to cart before viewing the product (out of order): the cart does not count.
  // Deepest step 2, google_ads (paid medium + Google's utm_source).
  ev('C', 'page_viewed', '2026-11-15T12:00:00.000Z', '/?utm_source=google&utm_medium=cpc'),
  ev('C', 'product_added_to_cart', '2026-11-15T12:01:00.000Z'),
  ev('C', 'product_viewed', '2026-11-15T12:02:00.000Z'),
  // D: a visit that began on 31 October from a TikTok ad and carried on past midnight: the
  // 1 November page view is in the period and keeps the visit's TikTok landing. Step 3, tiktok.
  ev('D', 'page_viewed', '2026-10-31T23:50:00.000Z', '/?ttclid=t1'),
  ev('D', 'page_viewed', '2026-11-01T00:05:00.000Z', '/collections/all'),
  ev('D', 'product_viewed', '2026-11-01T00:10:00.000Z'),
  ev('D', 'product_added_to_cart', '2026-11-01T00:11:00.000Z'),
  // E: two attempts; the first (5 Nov, direct) stops at the product, the second (20 Nov,
  // Instagram without a paid medium) completes. Counted once, at step 5, organic_social.
  ev('E', 'page_viewed', '2026-11-05T10:00:00.000Z', '/'),
  ev('E', 'product_viewed', '2026-11-05T10:01:00.000Z'),
  ev('E', 'page_viewed', '2026-11-20T15:00:00.000Z', '/?utm_source=instagram&utm_medium=social'),
  ev('E', 'product_viewed', '2026-11-20T15:01:00.000Z'),
  ev('E', 'product_added_to_cart', '2026-11-20T15:02:00.000Z'),
  ev('E', 'checkout_started', '2026-11-20T15:03:00.000Z'),
  ev('E', 'checkout_completed', '2026-11-20T15:04:00.000Z'),
  // H: a Google Ads click (gclid), then 40 minutes idle (a new visit, direct), then a product.
  // Both visits reach step 2; the tie goes to the earlier entry: google_ads.
  ev('H', 'page_viewed', '2026-11-25T10:00:00.000Z', '/?gclid=g1'),
  ev('H', 'page_viewed', '2026-11-25T10:40:00.000Z', '/'),
  ev('H', 'product_viewed', '2026-11-25T10:41:00.000Z'),
  // Z: a crawler (device bot) that walks to the cart from a Meta link: no funnel counts it.
  ev('Z', 'page_viewed', '2026-11-18T03:00:00.000Z', '/?fbclid=crawl'),
  ev('Z', 'product_viewed', '2026-11-18T03:00:01.000Z'),
  ev('Z', 'product_added_to_cart', '2026-11-18T03:00:02.000Z'),
  // Not counted: no clientId (an API event), another brand, an entry after the period.
  ev(null, 'page_viewed', '2026-11-10T10:00:00.000Z'),
  ev('X', 'page_viewed', '2026-11-10T10:00:00.000Z', '/', 'other'),
  ev('G', 'page_viewed', '2026-12-01T10:00:00.000Z'),
  ev('G', 'product_viewed', '2026-12-01T10:01:00.000Z'),
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-funnel-'));
  warehouse = await createDuckdbWarehouse(join(dir, 'wh.duckdb'));
  await warehouse.ensureTenant(ctx);
  for (const brandId of ['b', 'other'])
    await warehouse.replaceRange(
      ctx,
      'events',
      { brandId, from: localDate('2026-10-01'), to: localDate('2026-12-31') },
      EVENTS.filter((e) => e.brand_id === brandId),
    );
}, 60_000);
afterAll(async () => {
  await warehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

const november = { brandId: 'b', from: localDate('2026-11-01'), to: localDate('2026-11-30') };
const counts = (steps: Array<{ visitors: number }>) => steps.map((s) => s.visitors);

describe('readFunnel (hand-counted events)', () => {
  it('counts each visitor once at its deepest step reached in order within a 1-day window', async () => {
    const f = await readFunnel(warehouse, ctx, { ...november, steps: DEFAULT_FUNNEL_STEPS, windowDays: 1 });
    // Deepest steps: A 5, B 4, C 2, D 3, E 5, H 2.
    // Reached: step1 6 (A B C D E H), step2 6, step3 4 (A B D E), step4 3 (A B E), step5 2 (A E).
    expect(counts(f.steps)).toEqual([6, 6, 4, 3, 2]);
    expect(f.steps.map((s) => s.conversionFromPrevious)).toEqual([null, 1, 4 / 6, 3 / 4, 2 / 3]);
    expect(f.steps[4]!.conversionFromStart).toBe(2 / 6);
  });

  it('splits by the landing channel of the visit the deepest attempt began in', async () => {
    const f = await readFunnel(warehouse, ctx, { ...november, steps: DEFAULT_FUNNEL_STEPS, windowDays: 1 });
    expect(f.by).toBe('channel');
    const by = Object.fromEntries(f.breakdown.map((c) => [c.key, counts(c.steps)]));
    expect(by).toEqual({
      google_ads: [2, 2, 0, 0, 0], // C (stopped at the product), H (tie → the gclid visit)
      meta: [1, 1, 1, 1, 1], // A
      direct: [1, 1, 1, 1, 0], // B's first visit, not its email visit
      tiktok: [1, 1, 1, 0, 0], // D, landing from the day before the period
      organic_social: [1, 1, 1, 1, 1], // E's second attempt
    });
    expect(f.breakdown[0]!.key).toBe('google_ads');
  });

  it('splits by device class, with rows from before the device column as unknown and crawlers left out', async () => {
    const f = await readFunnel(warehouse, ctx, {
      ...november,
      steps: DEFAULT_FUNNEL_STEPS,
      windowDays: 1,
      by: 'device',
    });
    expect(f.by).toBe('device');
    // Deepest steps (1-day window): A 5 mobile, C 2 mobile; B 4 desktop, E 5 desktop; D 3 tablet;
    // H 2 unknown (NULL device). Z (bot) is in no row and not in the total.
    expect(f.breakdown.map((d) => [d.key, counts(d.steps)])).toEqual([
      ['desktop', [2, 2, 2, 2, 1]], // B E; tie on 2 visitors with mobile, alphabetical
      ['mobile', [2, 2, 1, 1, 1]], // A C
      ['tablet', [1, 1, 1, 0, 0]], // D
      ['unknown', [1, 1, 0, 0, 0]], // H
    ]);
    expect(counts(f.steps)).toEqual([6, 6, 4, 3, 2]);
    expect(f.breakdown[1]!.steps[2]!.conversionFromPrevious).toBe(1 / 2);
  });

  it("a longer window lets B's completion 49 hours after its visit count", async () => {
    const two = await readFunnel(warehouse, ctx, { ...november, steps: DEFAULT_FUNNEL_STEPS, windowDays: 2 });
    expect(counts(two.steps)).toEqual([6, 6, 4, 3, 2]);
    const three = await readFunnel(warehouse, ctx, {
      ...november,
      steps: DEFAULT_FUNNEL_STEPS,
      windowDays: 3,
    });
    expect(counts(three.steps)).toEqual([6, 6, 4, 3, 3]);
  });

  it('takes any funnel of accepted event types, entering at its own first step', async () => {
    const steps = parseFunnelSteps('product_viewed,checkout_completed|order_placed');
    if (!steps.ok) throw new Error(steps.reason);
    const f = await readFunnel(warehouse, ctx, { ...november, steps: steps.value, windowDays: 1 });
    // Product viewers in November: A B C D E H = 6; completed within a day of a view: A, E.
    expect(counts(f.steps)).toEqual([6, 2]);
    expect(f.steps[1]!.label).toBe('Completed checkout or order placed');
  });

  it('is empty, not an error, for a period without events', async () => {
    const f = await readFunnel(warehouse, ctx, {
      brandId: 'b',
      from: localDate('2025-01-01'),
      to: localDate('2025-01-31'),
      steps: DEFAULT_FUNNEL_STEPS,
      windowDays: 7,
    });
    expect(counts(f.steps)).toEqual([0, 0, 0, 0, 0]);
    expect(f.steps[1]!.conversionFromPrevious).toBeNull();
    expect(f.breakdown).toEqual([]);
  });
});

describe('parseFunnelSteps', () => {
  it.each([
    ['page_viewed', /2 to 8 steps/],
    ['page_viewed,nonsense_event', /unknown event type/],
    ['page_viewed,product_viewed|page_viewed', /more than one step/],
  ])('refuses %s', (text, reason) => {
    const r = parseFunnelSteps(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(reason);
  });
});
