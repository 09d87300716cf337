import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCollectEvent } from '../../../extensions/web-pixel/src/to-collect-event.js';
import { SHOPIFY_CUSTOMER_UPDATE } from '../../../test/support/customer-events/shopify-customer';
import { SHOPIFY_PIXEL_EVENTS } from '../../../test/support/customer-events/shopify-pixel-events';
import { type EventsWorld, openEventsWorld } from '../../../test/support/events-world';
import { createMemoryLogger } from '../../kernel/logging/logger';
import { exportCustomerData, redactCustomer, redactShop } from '../../platforms/shopify/webhooks/privacy';
import { TOPIC_HANDLERS } from '../../platforms/shopify/webhooks/topics';
import { createEventIngestion } from './ingest';
import { createEventRedaction, sameIdentifier } from './redact';

/** Jane: the fixture shopper (email, phone, name, address on her checkout; anonymous browsing on her clientId). */
const jane = SHOPIFY_PIXEL_EVENTS.map(toCollectEvent);
const bob = [
  {
    id: 'bob-visit',
    type: 'store_visit',
    occurredAt: '2026-11-20T15:00:00Z',
    identifiers: [{ kind: 'phone', value: '07700 900999' }],
    person: { first_name: 'Bob', last_name: 'Stone', postcode: 'E1 6AN' },
    data: { location_id: 'shoreditch' },
  },
  {
    id: 'bob-page',
    type: 'page_viewed',
    occurredAt: '2026-11-20T15:05:00Z',
    clientId: 'bob-device',
    data: {},
  },
];

describe('customer event redaction', () => {
  let w: EventsWorld;
  beforeEach(async () => {
    w = await openEventsWorld();
    await createEventIngestion(w).ingest(w.scope, [...jane, ...bob], 'pixel');
  });
  afterEach(() => w.close());
  const deps = () => ({
    ...w,
    documents: w.db,
    logger: createMemoryLogger('ERROR'),
    secrets: undefined as never,
    tasks: undefined as never,
  });

  it("erases every event of the customer, identified or from their device, and nobody else's", async () => {
    const erased = await createEventRedaction(w).redactCustomerEvents(w.scope, [
      { kind: 'email', value: 'jane.doe@example.com' },
    ]);
    expect(erased).toBe(jane.length);
    const left = await w.storedEvents();
    expect(left.map((e) => e.event_id)).toEqual(['bob-page', 'bob-visit']);
    const dump = JSON.stringify(await w.warehouse.query(w.ctx, 'SELECT * FROM {{events}}'));
    for (const pii of ['Jane', 'Doe', 'Downing', 'SW1A', '7700 900123', 'xxxx-xxxx-xxxx-xxxx-3b3c1d2e'])
      expect(dump).not.toContain(pii);
  });

  it.each([
    [{ kind: 'phone', value: '+44 7700 900999' }, { kind: 'phone', value: '07700 900999' }, true],
    [{ kind: 'whatsapp', value: '447700900999' }, { kind: 'phone', value: '07700900999' }, true],
    [{ kind: 'phone', value: '+44 7700 900999' }, { kind: 'phone', value: '+44 7700 900998' }, false],
    [{ kind: 'email', value: ' Jane@X.com' }, { kind: 'email', value: 'jane@x.com' }, true],
    [
      { kind: 'shopify_customer_id', value: 'gid://shopify/Customer/77' },
      { kind: 'shopify_customer_id', value: '77' },
      true,
    ],
    [{ kind: 'loyalty_id', value: 'L1' }, { kind: 'qr_id', value: 'L1' }, false],
  ] as const)('matches %o against %o: %s', (stored, wanted, same) => {
    expect(sameIdentifier(stored, wanted)).toBe(same);
  });

  it('customers/redact erases the events too; data_request exports them first', async () => {
    const payload = {
      shop_id: 954889,
      shop_domain: 'acme.myshopify.com',
      customer: { id: 7700000001, email: 'JANE.DOE@example.com', phone: null },
      orders_to_redact: [],
    };
    await exportCustomerData(deps(), w.ctx, w.brand, {
      ...payload,
      orders_requested: [],
      data_request: { id: 9 },
    });
    const exported = (await w.store.auditEvents.list(w.ctx, { brandId: 'acme' }))[0]!;
    expect((exported.details.data as { events: unknown[] }).events).toHaveLength(jane.length);
    const result = await redactCustomer(deps(), w.ctx, w.brand, payload);
    expect(result).toMatchObject({ events: jane.length });
    expect((await w.storedEvents()).map((e) => e.event_id)).toEqual(['bob-page', 'bob-visit']);
  });

  it('shop/redact erases every event of the brand', async () => {
    await redactShop(deps(), w.ctx, w.brand, { shop_domain: 'acme.myshopify.com' });
    expect(await w.storedEvents()).toEqual([]);
  });
});

describe('Shopify customers/create and customers/update', () => {
  let w: EventsWorld;
  beforeEach(async () => {
    w = await openEventsWorld();
  });
  afterEach(() => w.close());

  it('become one customer event per customer version with the identifiers Shopify sent', async () => {
    const handler = TOPIC_HANDLERS['customers/update']!;
    const deps = {
      ...w,
      documents: w.db,
      logger: createMemoryLogger('ERROR'),
      secrets: undefined as never,
      tasks: undefined as never,
    };
    expect(await handler(deps, w.ctx, w.brand, SHOPIFY_CUSTOMER_UPDATE)).toMatchObject({ status: 'stored' });
    expect(await handler(deps, w.ctx, w.brand, SHOPIFY_CUSTOMER_UPDATE)).toMatchObject({
      status: 'duplicate',
    });
    const [event] = await w.storedEvents();
    expect(event).toMatchObject({
      event_id: 'shopify:customer:706405506930370084:2021-12-31T19:00:00-05:00',
      type: 'customer_updated',
      source: 'shopify',
      occurred_at: '2022-01-01T00:00:00.000Z',
    });
    expect(event!.identifiers).toEqual([
      { kind: 'shopify_customer_id', value: 'gid://shopify/Customer/706405506930370084' },
      { kind: 'email', value: 'bob@biller.com' },
      { kind: 'phone', value: '123-123-1234' },
    ]);
    expect(event!.person).toMatchObject({
      first_name: 'Bob',
      city: 'Ottawa',
      postcode: 'K2H7A8',
      country: 'CA',
    });
    await expect(
      handler(deps, w.ctx, w.brand, { ...SHOPIFY_CUSTOMER_UPDATE, updated_at: 'soon' }),
    ).rejects.toThrow(/occurredAt/);
  });
});
