import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCollectEvent } from '../../../extensions/web-pixel/src/to-collect-event.js';
import {
  SHOPIFY_CUSTOM_EVENT,
  SHOPIFY_PIXEL_EVENTS,
  SHOPPER_USER_AGENT,
} from '../../../test/support/customer-events/shopify-pixel-events';
import { type EventsWorld, openEventsWorld } from '../../../test/support/events-world';
import { parseTopicMessage } from '../../ports/events';
import { createEventIngestion, customerEventsKey } from './ingest';

const pixelBatch = () => [...SHOPIFY_PIXEL_EVENTS, SHOPIFY_CUSTOM_EVENT].map(toCollectEvent);

describe('event ingestion', () => {
  let w: EventsWorld;
  beforeEach(async () => {
    w = await openEventsWorld();
  });
  afterEach(() => w.close());
  const ingestion = () => createEventIngestion(w);

  it('stores every Shopify standard event the pixel forwards, with what its payload says', async () => {
    const result = await ingestion().ingest(w.scope, pixelBatch(), 'pixel');
    expect(result.rejected).toEqual([]);
    expect(result.accepted.map((a) => a.status)).toEqual(Array(14).fill('stored'));
    const stored = await w.storedEvents();
    expect(stored.map((e) => e.type).sort()).toEqual(
      [...SHOPIFY_PIXEL_EVENTS.map((e) => e.name), 'custom:wishlist_added'].sort(),
    );
    const viewed = stored.find((e) => e.type === 'product_viewed')!;
    expect(viewed).toMatchObject({
      source: 'pixel',
      product_id: 'gid://shopify/Product/8800000001',
      variant_id: 'gid://shopify/ProductVariant/49000000001',
      value_minor: 2550,
      currency: 'GBP',
      client_id: 'xxxx-xxxx-xxxx-xxxx-3b3c1d2e',
      day: '2026-11-21',
      url: 'https://acme.example/products/organic-tee',
    });
    const completed = stored.find((e) => e.type === 'checkout_completed')!;
    expect(completed.value_minor).toBe(5599);
    // Identifiers as received, not normalised (identity resolution owns that).
    expect(completed.identifiers).toEqual([
      { kind: 'shopify_client_id', value: 'xxxx-xxxx-xxxx-xxxx-3b3c1d2e' },
      { kind: 'email', value: 'Jane.Doe@Example.com' },
      { kind: 'phone', value: '+44 7700 900123' },
      { kind: 'shopify_customer_id', value: 'gid://shopify/Customer/7700000001' },
    ]);
    expect(completed.person).toMatchObject({
      first_name: 'Jane',
      last_name: 'Doe',
      postcode: 'SW1A 2AA',
      country: 'GB',
    });
    expect(completed.properties).toMatchObject({ order_id: 'gid://shopify/Order/5500000001' });
    const search = stored.find((e) => e.type === 'search_submitted')!;
    expect(search.properties).toEqual({ query: 'tee' });
  });

  it('a replayed batch changes nothing and announces nothing', async () => {
    const first = await ingestion().ingest(w.scope, pixelBatch(), 'pixel');
    const before = await w.storedEvents();
    w.clock.advance(3_600_000);
    const replay = await ingestion().ingest(w.scope, pixelBatch(), 'pixel');
    expect(replay.accepted.map((a) => a.status)).toEqual(Array(14).fill('duplicate'));
    expect(await w.storedEvents()).toEqual(before);
    expect(w.published).toHaveLength(1);
    // What identity resolution will be handed, valid for its topic's schema.
    expect(parseTopicMessage('customer.events', w.published[0]!.message).eventIds).toHaveLength(14);
    expect(w.published[0]).toEqual({
      topic: 'customer.events',
      message: expect.objectContaining({
        tenantId: w.ctx.tenantId,
        brandId: 'acme',
        eventIds: first.accepted.map((a) => a.id),
        idempotencyKey: customerEventsKey(
          'acme',
          first.accepted.map((a) => a.id),
        ),
      }),
    });
  });

  it('rejects invalid events one by one with a reason while the rest of the batch lands', async () => {
    const good = toCollectEvent(SHOPIFY_PIXEL_EVENTS[0]);
    const batch = [
      good,
      { ...good, id: 'bad-type', type: 'page_teleported' },
      { ...good, id: 'no-offset', occurredAt: '2026-11-21 10:00:00' },
      { ...toCollectEvent(SHOPIFY_PIXEL_EVENTS[3]), id: 'no-variant', data: {} },
      { ...good, id: 'future', occurredAt: '2026-11-22T12:00:00Z' },
      good,
      'not an object',
      { ...good, id: 'qr', type: 'qr_scan', data: { qr_id: 'QR-17' }, clientId: null },
    ];
    const result = await ingestion().ingest(w.scope, batch, 'pixel');
    expect(result.accepted.map((a) => [a.index, a.id])).toEqual([
      [0, good.id],
      [7, 'qr'],
    ]);
    expect(result.rejected.map((r) => [r.index, r.id, r.reason])).toEqual([
      [1, 'bad-type', 'invalid_event'],
      [2, 'no-offset', 'invalid_event'],
      [3, 'no-variant', 'invalid_event'],
      [4, 'future', 'occurred_in_future'],
      [5, good.id, 'duplicate_in_batch'],
      [6, null, 'invalid_event'],
    ]);
    expect(result.rejected[1]!.message).toMatch(/^occurredAt: /);
    expect(result.rejected[2]!.message).toMatch(/^data\.productVariant: /);
    const stored = await w.storedEvents();
    expect(stored.map((e) => e.event_id)).toEqual(['qr', good.id]);
    expect(stored[0]!.identifiers).toEqual([{ kind: 'qr_id', value: 'QR-17' }]);
  });

  it('accepts a late event on the day it happened, in the brand timezone', async () => {
    const late = {
      ...toCollectEvent(SHOPIFY_PIXEL_EVENTS[0]),
      id: 'late',
      occurredAt: '2026-03-29T23:30:00Z',
    };
    const result = await ingestion().ingest(w.scope, [late], 'pixel');
    expect(result.accepted).toEqual([{ index: 0, id: 'late', status: 'stored' }]);
    // 23:30 UTC on 29 March is 00:30 BST on the 30th in London.
    expect((await w.storedEvents())[0]!.day).toBe('2026-03-30');
  });

  describe('device class', () => {
    const GOOGLEBOT =
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.155 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const DESKTOP_CHROME =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
    const one = (id: string, extra: Record<string, unknown> = {}) => ({
      ...toCollectEvent(SHOPIFY_PIXEL_EVENTS[0]),
      id,
      ...extra,
    });

    it("stores the class of the pixel's context.navigator.userAgent and never the user agent itself", async () => {
      await ingestion().ingest(w.scope, pixelBatch(), 'pixel');
      const stored = await w.storedEvents();
      expect(stored.map((e) => e.device)).toEqual(Array(14).fill('mobile'));
      const raw = await w.warehouse.query(w.ctx, 'SELECT * FROM {{events}} WHERE brand_id = @b', {
        b: 'acme',
      });
      expect(JSON.stringify(raw)).not.toContain(SHOPPER_USER_AGENT);
      expect(JSON.stringify(raw)).not.toContain('iPhone');
    });

    it("marks a crawler's events bot and keeps them", async () => {
      const r = await ingestion().ingest(w.scope, [one('crawled', { userAgent: GOOGLEBOT })], 'pixel');
      expect(r.accepted).toEqual([{ index: 0, id: 'crawled', status: 'stored' }]);
      expect((await w.storedEvents())[0]!.device).toBe('bot');
    });

    it("takes the sender's user agent for an event without its own, and the event's own first", async () => {
      await ingestion().ingest(
        w.scope,
        [one('bare', { userAgent: null }), one('own', { userAgent: SHOPPER_USER_AGENT })],
        'pixel',
        { userAgent: DESKTOP_CHROME },
      );
      const device = Object.fromEntries((await w.storedEvents()).map((e) => [e.event_id, e.device]));
      expect(device).toEqual({ bare: 'desktop', own: 'mobile' });
    });

    it('is unknown when nothing names a browser (a till, a webhook, the API without one)', async () => {
      const visit = {
        id: 'visit-1',
        type: 'store_visit',
        occurredAt: '2026-11-21T09:00:00Z',
        data: { location_id: 'loc-1' },
        identifiers: [{ kind: 'loyalty_id', value: 'L-1' }],
      };
      await ingestion().ingest(w.scope, [visit], 'pos');
      expect((await w.storedEvents())[0]!.device).toBe('unknown');
    });
  });
});
