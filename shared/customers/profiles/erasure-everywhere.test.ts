import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPredictionRow } from '../../../test/support/customer-analytics';
import { type EngagementWorld, openEngagementWorld } from '../../../test/support/engagement-world';
import { anEventRow } from '../../../test/support/identity-records';
import type { Brand } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { createOpenReceiver } from '../../engagement/opens';
import { createEngagementTimeline } from '../../engagement/timeline';
import { createTrackingLinks } from '../../engagement/tracking';
import { createMemoryLogger } from '../../kernel/logging/logger';
import { exportCustomerData, redactCustomer } from '../../platforms/shopify/webhooks/privacy';
import type { TopicDeps } from '../../platforms/shopify/webhooks/topics';
import type { BrandScope } from '../../ports/warehouse-rows';
import { createResolveIdentitiesJob } from '../identity/resolve-identities';
import { orderRow } from '../test-store';

/**
 * Decision 1019: customers/redact reaches every copy of the person, engagement included. The
 * check does not list collections or tables: after the redaction it reads every row of every table
 * of the SQLite document store and every row of every table in every schema of the DuckDB
 * warehouse, and fails naming each row of this brand that still holds the subject's email, phone,
 * name or Shopify id in any of the forms they were stored in. A collection or table added later is
 * read the same way. Another brand of the tenant and another tenant, with the same email, keep theirs.
 *
 * Compliance payloads as shopify.dev/docs/apps/build/privacy-law-compliance describes them
 * (`customer.id` numeric, `email`, `phone`, `orders_to_redact`).
 */
const SHOPIFY_ID = 6_041_775_203;
const GID = `gid://shopify/Customer/${SHOPIFY_ID}`;
const EMAIL = 'Maya.Quellstrom@Example.com';
const PHONE = '+44 7700 900123';
const E164 = '+447700900123';
const FIRST = 'Maya';
const LAST = 'Quellstrom';

/** The subject in every form a copy may take: any case, any phone formatting, gid or bare id. */
const MARKERS: ReadonlyArray<[string, RegExp]> = [
  ['email', /maya\.quellstrom@example\.com/i],
  ['phone', /(?:\+?44|0)\D{0,3}7\D?7\D?0\D?0\D{0,3}9\D?0\D?0\D?1\D?2\D?3(?!\d)/],
  ['name', /quellstrom|\bmaya\b/i],
  ['shopify id', new RegExp(`(?<!\\d)${SHOPIFY_ID}(?!\\d)`)],
  ['street', /brinkie road/i],
  ['postcode', /kw15\s*1xy/i],
];
const markersIn = (text: string) => MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name);

const json = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x instanceof Date ? x.toISOString() : x));

let w: EngagementWorld;
let deps: TopicDeps;
const NOW = '2026-11-21T12:00:00.000Z';
const other: BrandScope = { ctx: systemContext('t_events', 'test'), brandId: 'acme_eu' };
const otherTenant: BrandScope = { ctx: systemContext('t_other', 'test'), brandId: 'acme' };

/** Every row of every SQLite table and DuckDB table, labelled with where it is and whose it is. */
async function everyRow(): Promise<Array<{ where: string; owner: string; text: string }>> {
  const rows: Array<{ where: string; owner: string; text: string }> = [];
  const sqlite = new Database(join(w.dir, 'store.sqlite'), { readonly: true });
  try {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    for (const { name } of tables)
      for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
        const path = typeof row.path === 'string' ? row.path : '';
        const owner = /^tenants\/([^/]+)(?:\/brands\/([^/]+))?/.exec(path);
        rows.push({
          where: `store.sqlite ${name} ${path}`,
          owner: owner ? `${owner[1]}/${owner[2] ?? '*'}` : '*',
          text: json(row),
        });
      }
  } finally {
    sqlite.close();
  }
  const tables = await w.warehouse.query<{ table_schema: string; table_name: string }>(
    w.ctx,
    "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'",
  );
  for (const t of tables)
    for (const row of await w.warehouse.query<Record<string, unknown>>(
      w.ctx,
      `SELECT * FROM "${t.table_schema}"."${t.table_name}"`,
    )) {
      const tenant = t.table_schema.startsWith('pp_') ? t.table_schema.slice(3) : '*';
      rows.push({
        where: `warehouse.duckdb ${t.table_schema}.${t.table_name}`,
        owner: `${tenant}/${typeof row.brand_id === 'string' ? row.brand_id : '*'}`,
        text: json(row),
      });
    }
  return rows;
}

/** Where the subject survives in rows `owner` matches (`t/b`; `*` rows belong to no one brand). */
async function survivors(owners: (owner: string) => boolean) {
  return (await everyRow())
    .filter((r) => owners(r.owner))
    .flatMap((r) => {
      const found = markersIn(r.text);
      return found.length ? [`${r.where}: ${found.join(', ')}`] : [];
    });
}

async function seedOrders(scope: BrandScope, prefix: string) {
  await w.warehouse.ensureTenant(scope.ctx);
  const mine = (id: string, date: string, over: Record<string, unknown> = {}) => ({
    ...orderRow({
      brandId: scope.brandId,
      orderId: id,
      customerId: GID,
      date: localDate(date),
      totalMinor: 6_500,
    }),
    email: EMAIL,
    customer_name: `${FIRST} ${LAST}`,
    city: 'Kirkwall',
    address1: '17 Brinkie Road',
    address2: 'Flat 2',
    postcode: 'KW15 1XY',
    ...over,
  });
  await w.warehouse.replaceRange(
    scope.ctx,
    'orders',
    { brandId: scope.brandId, from: localDate('2026-09-01'), to: localDate('2026-11-30') },
    [
      mine(`${prefix}o1`, '2026-09-14'),
      mine(`${prefix}o2`, '2026-11-22'),
      // A guest checkout under the same address, typed differently.
      mine(`${prefix}o3`, '2026-10-03', { customer_id: null, email: ' MAYA.QUELLSTROM@example.com' }),
      {
        ...orderRow({
          brandId: scope.brandId,
          orderId: `${prefix}o9`,
          customerId: 'gid://shopify/Customer/42',
          date: localDate('2026-10-10'),
          totalMinor: 3_000,
        }),
        email: 'sam@example.com',
        customer_name: 'Sam Other',
      },
    ],
  );
  await w.warehouse.replaceRange(
    scope.ctx,
    'touchpoints',
    { brandId: scope.brandId, from: localDate('2026-09-14'), to: localDate('2026-09-14') },
    [
      {
        brand_id: scope.brandId,
        touchpoint_id: `${prefix}t1`,
        customer_id: GID,
        order_id: `${prefix}o1`,
        date: '2026-09-14',
        occurred_at: '2026-09-14T09:00:00.000Z',
        kind: 'last_visit',
        utm_source: 'pulsepoint',
        utm_campaign: 'autumn',
      },
    ],
  );
  await w.warehouse.replaceRange(
    scope.ctx,
    'customer_predictions',
    { brandId: scope.brandId, from: localDate('2026-09-14'), to: localDate('2026-10-10') },
    [
      aPredictionRow(scope.brandId, GID, {
        date: '2026-09-14',
        first_order_id: `${prefix}o1`,
        segment: 'at_risk',
      }),
      aPredictionRow(scope.brandId, 'gid://shopify/Customer/42', {
        date: '2026-10-10',
        first_order_id: `${prefix}o9`,
        segment: 'at_risk',
      }),
    ],
  );
}

beforeAll(async () => {
  w = await openEngagementWorld({ now: NOW });
  deps = {
    store: w.store,
    documents: w.db,
    warehouse: w.warehouse,
    bus: w.bus,
    secrets: undefined as never,
    tasks: undefined as never,
    clock: w.clock,
    ids: w.ids,
    logger: createMemoryLogger('ERROR'),
  };
  await seedOrders(w.scope, 'a');
  await seedOrders(other, 'b');
  await seedOrders(otherTenant, 'c');

  // Events: the storefront pixel saw her signed in, the POS by phone; identity resolution links them.
  await w.warehouse.replaceRange(
    w.ctx,
    'events',
    { brandId: w.brand.id, from: localDate('2026-11-20'), to: localDate('2026-11-20') },
    [
      anEventRow(w.brand.id, 'ev1', '2026-11-20T10:00:00Z', {
        identifiers: [
          { kind: 'email', value: EMAIL },
          { kind: 'shopify_customer_id', value: GID },
        ],
        person: { first_name: FIRST, last_name: LAST, city: 'Kirkwall' },
        clientId: 'device-maya',
      }),
      anEventRow(w.brand.id, 'ev2', '2026-11-20T11:00:00Z', {
        source: 'pos',
        identifiers: [
          { kind: 'phone', value: PHONE },
          { kind: 'email', value: EMAIL },
        ],
      }),
      anEventRow(w.brand.id, 'ev3', '2026-11-20T11:30:00Z', { clientId: 'device-maya' }),
    ],
  );
  await createResolveIdentitiesJob({
    db: w.db,
    warehouse: w.warehouse,
    brands: w.store.brands,
    clock: w.clock,
    logger: createMemoryLogger('ERROR'),
  })({ tenantId: w.ctx.tenantId, brandId: w.brand.id, idempotencyKey: 'k', eventIds: ['ev1', 'ev2', 'ev3'] });

  // The merchant asked the assistant about her; the customer tool answered from her profile.
  const question = (id: string, text: string, answer: string, output: unknown) => ({
    id,
    brandId: w.brand.id,
    uid: 'owner',
    question: text,
    answer,
    toolCalls: [{ name: 'get_customer', input: { query: text }, output }],
    grounded: true,
    ungroundedNumbers: [],
    model: 'local-analyst',
    inputTokens: 120,
    outputTokens: 40,
    costMicros: 0,
    createdAt: NOW,
  });
  await w.store.questions.upsert(
    w.ctx,
    w.brand.id,
    question('q1', `What has ${EMAIL} bought?`, `${FIRST} ${LAST} placed 2 orders.`, {
      name: `${FIRST} ${LAST}`,
      phone: E164,
    }),
  );
  await w.store.questions.upsert(w.ctx, w.brand.id, question('q2', 'What is my ROAS?', '3.1', { roas: 3.1 }));

  // Consent for email and SMS, a suppressed WhatsApp number.
  for (const scope of [w.scope, other, otherTenant])
    await w.consent.set(scope, 'email', EMAIL, 'opted_in', 'checkout');
  await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
  await w.consent.suppress(w.scope, 'whatsapp', E164, 'merchant', `${FIRST} asked by phone`);

  // An automation's SMS and email (cart abandonment, keyed by contact), and a campaign to her segment.
  const customer = {
    id: `contact:${EMAIL.toLowerCase()}`,
    timeZone: 'Europe/London',
    addresses: { email: EMAIL, sms: PHONE },
  };
  for (const channel of ['sms', 'email'] as const)
    await w.sender.send(w.scope, {
      source: { kind: 'automation', id: 'aut_cart' },
      step: `chk_1#${channel}`,
      customer,
      channel,
      group: 'treated',
      variantId: 'a',
      subject: channel === 'email' ? `${FIRST}, you left something` : null,
      text: `Hi ${FIRST}, your cart is waiting`,
    });
  await w.twilio.settled();
  for (const scope of [w.scope, other])
    await w.sender.send(scope, {
      source: { kind: 'automation', id: 'aut_cart' },
      step: 'chk_2#email',
      customer,
      channel: 'email',
      group: 'treated',
      variantId: 'a',
      subject: 'Still there?',
      text: `Hi ${FIRST}`,
    });
  const campaign = await w.campaigns.create(w.scope, {
    name: 'Win back',
    channel: 'email',
    segment: 'at_risk',
    holdoutShare: 0,
    variants: [
      { id: 'a', name: 'A', weight: 1, subject: 'We miss you, {{first_name}}', text: 'Hi {{first_name}}' },
    ],
  });
  await w.campaigns.send(w.scope, campaign.id);

  // She opened the campaign's email: the open pixel marks the send and her timeline.
  const secrets = new Map<string, string>();
  const links = createTrackingLinks({
    secrets: {
      put: async (ctx, name, value) => {
        secrets.set(`${ctx.tenantId}/${name}`, value);
        return name;
      },
      get: async (ctx, name) => secrets.get(`${ctx.tenantId}/${name}`),
      delete: async (ctx, name) => void secrets.delete(`${ctx.tenantId}/${name}`),
    },
    publicUrl: 'https://app.pulsepoint.example',
  });
  const timeline = createEngagementTimeline({
    warehouse: w.warehouse,
    bus: w.bus,
    clock: w.clock,
    timeZoneOf: async () => w.brand.timezone,
  });
  const [campaignSend] = await sendsTo(campaign.id);
  const open = new URL(await links.openUrl(w.scope, campaignSend!.id));
  const opened = await createOpenReceiver({ links, db: w.db, clock: w.clock, timeline })(
    new Request(`http://127.0.0.1${open.pathname}`),
  );
  expect(opened.status).toBe(200);
  // Then unsubscribed from email: an opt-out that must outlive her erasure.
  await w.consent.set(w.scope, 'email', EMAIL, 'opted_out', 'unsubscribe_link');
  campaignId = campaign.id;
}, 120_000);
afterAll(async () => w?.close());

let campaignId = '';
const sendsTo = async (id: string) =>
  (
    await w.db.query(`tenants/t_events/brands/acme/engagementSends`, {
      where: [['sourceKey', '==', `campaign:${id}`]],
    })
  ).map((d) => d.data as { id: string; customerId: string; opened: boolean; status: string });

const COMPLIANCE = { shop_id: 1, shop_domain: 'acme.myshopify.com' };
const SUBJECT = { id: SHOPIFY_ID, email: EMAIL, phone: PHONE };
/** Every row but those of the other brand and the other tenant: the tenant's own, the shared ones. */
const ours = (owner: string) => owner !== 't_events/acme_eu' && !owner.startsWith('t_other/');

describe('customers/redact reaches every copy of the person (decision 1019)', () => {
  it('data_request exports the engagement data held about her: consent, suppressions and sends', async () => {
    await exportCustomerData(deps, w.ctx, w.brand, {
      ...COMPLIANCE,
      customer: SUBJECT,
      orders_requested: [],
    });
    const [exported] = await w.store.auditEvents.list(w.ctx, { brandId: w.brand.id });
    const { data } = (exported?.details ?? {}) as {
      data: { engagement: Record<string, Array<Record<string, unknown>>> };
    };
    expect(data.engagement.consent?.map((c) => [c.channel, c.status]).sort()).toEqual([
      ['email', 'opted_out'],
      ['sms', 'opted_in'],
    ]);
    expect(data.engagement.suppressions?.map((s) => s.channel)).toEqual(['whatsapp']);
    expect(data.engagement.sends?.map((s) => s.sourceKey).sort()).toEqual(
      ['automation:aut_cart', 'automation:aut_cart', 'automation:aut_cart', `campaign:${campaignId}`].sort(),
    );
  });

  it('leaves nothing of her in any row of any table of either store, and the other brand and tenant untouched', async () => {
    const brand: Brand = w.brand;
    const before = await survivors(ours);
    // The scan sees her everywhere she was put before the erasure (so it can see her after).
    for (const where of [
      'engagementConsent',
      'engagementSuppressions',
      'engagementSends',

      'engagementRecentSends',
      'customerProfiles',
      'auditEvents',
      'questions',
      '.orders',
      '.touchpoints',
      '.customer_predictions',
      '.events',
    ])
      expect(
        before.some((s) => s.includes(where)),
        where,
      ).toBe(true);
    // Her shipping street and postcode (personal columns of orders) were there too.
    expect(before.some((s) => s.includes('.orders') && s.includes('street') && s.includes('postcode'))).toBe(
      true,
    );
    const totals = await w.campaigns.results(w.scope, campaignId);

    await redactCustomer(deps, w.ctx, brand, { ...COMPLIANCE, customer: SUBJECT, orders_to_redact: [] });

    expect(await survivors(ours)).toEqual([]);
    // The merchant's numbers stand: the campaign's sends, opens and her orders still count.
    const after = await w.campaigns.results(w.scope, campaignId);
    expect(after.variants).toEqual(totals.variants);
    // The assistant's record of the question about her keeps its cost, not its words.
    const questions = await w.store.questions.list(w.ctx, w.brand.id);
    expect(questions.map((q) => [q.id, q.inputTokens, q.answer]).sort()).toEqual([
      ['q1', 120, ''],
      ['q2', 120, '3.1'],
    ]);
    const campaignSends = await sendsTo(campaignId);
    expect(campaignSends).toHaveLength(2); // hers and Sam's
    expect(campaignSends.filter((s) => s.customerId.startsWith('erased:')).map((s) => s.opened)).toEqual([
      true,
    ]);
    // Another brand of the tenant and another tenant knew the same address: theirs is theirs.
    expect((await survivors((o) => o === 't_events/acme_eu')).length).toBeGreaterThan(3);
    expect((await survivors((o) => o === 't_other/acme')).length).toBeGreaterThan(2);
    expect((await w.consent.get(other, 'email', EMAIL))?.status).toBe('opted_in');
  });

  it('refuses her opted-out address if an import brings it back, a redelivered redact finishes what is new, and her own new sign-up is honoured', async () => {
    await w.consent.set(w.scope, 'email', EMAIL, 'opted_in', 'import');
    const again = await w.sender.send(w.scope, {
      source: { kind: 'automation', id: 'aut_cart' },
      step: 'chk_3#email',
      customer: {
        id: `contact:${EMAIL.toLowerCase()}`,
        timeZone: 'Europe/London',
        addresses: { email: EMAIL },
      },
      channel: 'email',
      group: 'treated',
      variantId: 'a',
      subject: 'Hello',
      text: 'Hello again',
    });
    expect(again.send).toMatchObject({ status: 'skipped', reason: 'suppressed' });
    // Shopify redelivers the request: it erases what came back and leaves the rest as it was.
    await redactCustomer(deps, w.ctx, w.brand, { ...COMPLIANCE, customer: SUBJECT, orders_to_redact: [] });
    expect(await survivors(ours)).toEqual([]);
    expect(await w.consent.get(w.scope, 'email', EMAIL)).toBeUndefined();

    // She signs up again herself, after the erasure: that consent is hers, and it is honoured.
    w.clock.set('2026-11-21T12:05:00.000Z');
    await w.consent.set(w.scope, 'email', EMAIL, 'opted_in', 'signup_form');
    const back = await w.sender.send(w.scope, {
      source: { kind: 'automation', id: 'aut_welcome' },
      step: 'welcome#email',
      customer: { id: 'contact:returning', timeZone: 'Europe/London', addresses: { email: EMAIL } },
      channel: 'email',
      group: 'treated',
      variantId: 'a',
      subject: 'Welcome back',
      text: 'Welcome back',
    });
    expect(back.send.status).toBe('sent');
  });
});
