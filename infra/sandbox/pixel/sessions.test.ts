import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCollectEvent } from '../../../extensions/web-pixel/src/to-collect-event.js';
import { createMemoryRateLimiter } from '../../../shared/api/rate-limit/token-bucket';
import { createCollectFunction } from '../../../shared/customers/events/collect-function';
import { sameIdentifier } from '../../../shared/customers/events/redact';
import { readFunnel } from '../../../shared/customers/funnel-query';
import { toEventRecord } from '../../../shared/domain/customers/event-record';
import type { Identifier } from '../../../shared/domain/customers/events';
import { DEFAULT_FUNNEL_STEPS } from '../../../shared/domain/customers/funnels';
import { systemContext } from '../../../shared/domain/tenancy';
import { addDays, toLocalDate } from '../../../shared/domain/time';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { TEST_END_DATE } from '../../../test/support/shopify-testbed';
import { seedDemo } from '../../local/seed';
import { KATHERINE, PRIYA, SAM } from '../planted-people';
import { type GeneratedStore, generateShopifyStore } from '../shopify/generate';
import { STORE } from '../world';
import { DEMO_PIXEL_DAYS, playDemoCustomerEvents } from './play';
import { demoPixelEvents, plantedOfflineEvents, WORLD_VISITS } from './sessions';

let store: GeneratedStore;
beforeAll(() => {
  store = generateShopifyStore({ endDate: TEST_END_DATE, scale: 0.05 });
});
const receivedAt = () => new Date(Date.parse(store.now) + 3_600_000);
const records = (days: number) =>
  demoPixelEvents(store, days).map((e) => {
    const r = toEventRecord(toCollectEvent(e), {
      source: 'pixel',
      receivedAt: receivedAt(),
      timeZone: 'America/New_York',
    });
    if (!r.ok) throw new Error(`${e.id}: ${r.message}`);
    return r.value;
  });
const has = (ids: readonly Identifier[], wanted: Identifier) => ids.some((i) => sameIdentifier(i, wanted));

describe('the sandbox pixel', () => {
  it("emits events the collect schema accepts, and repeat customers' orders come from several devices", () => {
    const all = records(180);
    const completed = all.filter((r) => r.type === 'checkout_completed');
    const devicesByEmail = new Map<string, Set<string>>();
    for (const r of completed) {
      const email = r.identifiers.find((i) => i.kind === 'email')!.value;
      devicesByEmail.set(email, (devicesByEmail.get(email) ?? new Set()).add(r.clientId!));
    }
    const multiDevice = [...devicesByEmail.values()].filter((d) => d.size > 1);
    expect(multiDevice.length).toBeGreaterThan(5);
    // Browsing that never buys: devices with product views and no checkout.
    const buyers = new Set(completed.map((r) => r.clientId));
    expect(all.some((r) => r.type === 'product_viewed' && !buyers.has(r.clientId))).toBe(true);
  });

  it("checks a customer's second account out from their first account's home unless they moved, on a device of its own", () => {
    const byId = new Map(store.orders.map((o) => [o.customer.legacyId, o.customer] as const));
    const byAccountEmail = new Map(store.orders.map((o) => [o.customer.email, o.customer] as const));
    const completed = records(180).filter((r) => r.type === 'checkout_completed');
    const byEmail = new Map(completed.map((r) => [r.identifiers.find((i) => i.kind === 'email')?.value, r]));
    let sameHome = 0;
    let moved = 0;
    for (const [email, second] of byEmail) {
      // The planted people are not the store's customers.
      const account = byAccountEmail.get(email ?? '');
      if (account?.personOf === undefined) continue;
      const firstAccount = byId.get(account.personOf)!;
      const first = byEmail.get(firstAccount.email)!;
      const same = account.home === firstAccount.home;
      if (same) sameHome++;
      else moved++;
      // Each checkout gives the home its orders ship to.
      expect([second.person?.address1, second.person?.postcode]).toEqual([
        account.home?.address1,
        account.home?.zip,
      ]);
      expect(second.person?.address1 === first.person?.address1, email).toBe(same);
      expect(second.person?.address1).toBeTruthy();
      expect(second.clientId).not.toBe(first.clientId);
    }
    expect(sameHome).toBeGreaterThan(0);
    expect(sameHome + moved).toBeGreaterThan(0);
  });

  it('browses on realistic devices: mostly phones, then desktops, some tablets, one device per browser', () => {
    const all = records(DEMO_PIXEL_DAYS);
    const deviceOf = new Map<string, Set<string>>();
    for (const r of all) deviceOf.set(r.clientId!, (deviceOf.get(r.clientId!) ?? new Set()).add(r.device));
    expect([...deviceOf.values()].every((d) => d.size === 1)).toBe(true);
    const share = (device: string) =>
      [...deviceOf.values()].filter((d) => d.has(device)).length / deviceOf.size;
    expect(share('mobile')).toBeGreaterThan(0.5);
    expect(share('mobile')).toBeLessThan(0.8);
    expect(share('desktop')).toBeGreaterThan(0.15);
    expect(share('tablet')).toBeGreaterThan(0.02);
    expect(share('unknown') + share('bot')).toBe(0);
    // Phones convert at under half the desktops' rate, as on real stores (Monetate, 2Q 2013:
    // smartphone visits 0.96 %, desktop 2.56 %; marketingprofs.com/charts/2013/11664).
    const buyers = new Set(all.filter((r) => r.type === 'checkout_completed').map((r) => r.clientId!));
    const conversion = (device: string) => {
      const ids = [...deviceOf].filter(([, d]) => d.has(device)).map(([id]) => id);
      return ids.filter((id) => buyers.has(id)).length / ids.length;
    };
    expect(conversion('mobile')).toBeLessThan(conversion('desktop') / 2);
  });

  it('plants Priya on three devices with one email, Sam at the till and online with one phone, and Katherine four ways', () => {
    const all = records(DEMO_PIXEL_DAYS);
    const priya = all.filter(
      (r) => r.type === 'checkout_completed' && has(r.identifiers, { kind: 'email', value: PRIYA.email }),
    );
    expect(new Set(priya.map((r) => r.clientId))).toEqual(new Set(PRIYA.devices));
    // Her phone, laptop and tablet are what their user agents say.
    expect(new Set(priya.map((r) => r.device))).toEqual(new Set(['mobile', 'desktop', 'tablet']));

    const offline = plantedOfflineEvents(store);
    const till = offline.find(
      (o) => o.source === 'pos' && o.event.id.includes(SAM.posReceipt.receiptId),
    )!.event;
    expect(till.identifiers).toEqual([{ kind: 'phone', value: SAM.posPhone }]);
    const samOnline = all.find(
      (r) => r.type === 'checkout_completed' && has(r.identifiers, { kind: 'email', value: SAM.email }),
    )!;
    expect(has(samOnline.identifiers, { kind: 'phone', value: SAM.posPhone })).toBe(true);
    expect(Date.parse(till.occurredAt)).toBeLessThan(Date.parse(samOnline.occurredAt));

    const kRecords = [
      all.find((r) => r.eventId === KATHERINE.records[0]!.eventId)!.identifiers,
      ...offline.filter((o) => o.event.id.startsWith('pp-demo-katherine')).map((o) => o.event.identifiers),
    ];
    expect(kRecords).toHaveLength(4);
    const strong = (ids: readonly Identifier[]) =>
      ids.filter((i) => ['email', 'phone', 'whatsapp', 'loyalty_id'].includes(i.kind));
    for (let a = 0; a < 4; a++)
      for (let b = a + 1; b < 4; b++)
        expect(strong(kRecords[a]!).some((x) => strong(kRecords[b]!).some((y) => sameIdentifier(x, y)))).toBe(
          false,
        );
  });
});

describe('the demo replay', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ now: new Date(Date.parse(store.now) + 3_600_000).toISOString() });
    await seedDemo(api.deps);
  });
  afterAll(async () => api?.close());

  it('posts through collect from the shop origin, and a second start stores nothing new', async () => {
    const collect = createCollectFunction({
      ...api.deps,
      limiter: createMemoryRateLimiter({ clock: api.clock }),
    });
    const deps = {
      ...api.deps,
      fetch: ((url: string, init?: RequestInit) => collect(new Request(url, init))) as typeof fetch,
    };
    const first = await playDemoCustomerEvents(deps, 'http://127.0.0.1/collect', store);
    expect(first.stored).toBe(first.posted);
    expect(first.offline).toBe(4);
    const again = await playDemoCustomerEvents(deps, 'http://127.0.0.1/collect', store);
    expect(again).toEqual({ posted: first.posted, stored: 0, offline: 0 });
    const [count] = await api.deps.warehouse.query<{ n: number }>(
      systemContext('demo', 'test'),
      "SELECT COUNT(*) AS n FROM {{events}} WHERE brand_id = 'demo-brand'",
    );
    expect(count!.n).toBe(first.posted + 4);
  });

  it("reads, through the product's funnel, like a store: 2–3 % of visitors buy, 3–5 % start a checkout, 6–10 % add to cart", async () => {
    const collect = createCollectFunction({
      ...api.deps,
      limiter: createMemoryRateLimiter({ clock: api.clock }),
    });
    const deps = {
      ...api.deps,
      fetch: ((url: string, init?: RequestInit) => collect(new Request(url, init))) as typeof fetch,
    };
    await playDemoCustomerEvents(deps, 'http://127.0.0.1/collect', store);
    const to = toLocalDate(new Date(store.now), STORE.timezone);
    const funnel = await readFunnel(api.deps.warehouse, systemContext('demo', 'test'), {
      brandId: 'demo-brand',
      from: addDays(to, -(DEMO_PIXEL_DAYS - 1)),
      to,
      steps: DEFAULT_FUNNEL_STEPS,
      windowDays: 7,
    });
    const share = (type: string) => funnel.steps.find((s) => s.types[0] === type)!.conversionFromStart!;
    // The world's rates are per visit; the funnel counts each browser once (a repeat buyer's visits
    // are one visitor), so it reads a little lower than the world's rates, within the cited ranges.
    expect(funnel.steps[0]!.visitors).toBeGreaterThan(1_000);
    expect(share('checkout_completed')).toBeGreaterThan(0.02);
    expect(share('checkout_completed')).toBeLessThan(0.03);
    expect(share('checkout_started')).toBeGreaterThan(0.03);
    expect(share('checkout_started')).toBeLessThan(0.05);
    expect(share('product_added_to_cart')).toBeGreaterThan(0.06);
    expect(share('product_added_to_cart')).toBeLessThan(0.1);
    expect(share('product_viewed')).toBeCloseTo(WORLD_VISITS.productViewed, 1);
    // Ads and email bring visitors who leave too: no channel converts everyone it brings.
    const busy = funnel.breakdown.filter((b) => b.steps[0]!.visitors >= 50);
    expect(busy.filter((b) => b.key !== 'direct').length).toBeGreaterThan(0);
    for (const b of busy) expect(b.steps.at(-1)!.conversionFromStart!).toBeLessThan(0.1);
  });
});
