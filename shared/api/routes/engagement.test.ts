import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSandbox } from '../../../infra/sandbox/smtp/server';
import type { TestApi } from '../../../test/support/api';
import { createEmailEngagementApi } from '../../../test/support/engagement-api';
import { anEventRow } from '../../../test/support/identity-records';
import { mimeParts } from '../../../test/support/mime';
import { seedTenantWithData } from '../../../test/support/tenants';
import { orderRow } from '../../customers/test-store';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import type { Engagement } from '../../engagement/index';
import { createStockoutPause } from '../../engagement/stockout-pause';

/**
 * The engagement API over real embedded backends, with email going to the loopback SMTP server:
 * who may read and who may send, a campaign from draft to results, the outbox, one-click
 * unsubscribe, and another tenant's ids answering 404.
 */
let api: TestApi;
let smtp: SmtpSandbox;
let engagement: Engagement;
let owner: string;
let analyst: string;
let otherOwner: string;
const A = 'eng_a';
const B = 'eng_b';
const brand = 'eng-a-store';
const otherBrand = 'eng-b-store';

beforeAll(async () => {
  // One customer per batch: the send of the two scored customers takes two queued batches.
  ({ api, smtp, engagement } = await createEmailEngagementApi({
    now: '2026-11-20T16:00:00Z',
    campaignBatchSize: 1,
  }));
  await seedTenantWithData(api, A, [brand]);
  await seedTenantWithData(api, B, [otherBrand]);
  // The two scored customers of the seeded analytics, with the email of their orders.
  const ctx = systemContext(A, 'test');
  await api.deps.warehouse.replaceRange(
    ctx,
    'orders',
    { brandId: brand, from: localDate('2026-09-01'), to: localDate('2026-11-30') },
    [
      {
        ...orderRow({
          brandId: brand,
          orderId: 'o1',
          customerId: 'cust-1',
          date: localDate('2026-09-01'),
          totalMinor: 5_000,
        }),
        email: 'ada@example.com',
        customer_name: 'Ada Lovelace',
      },
      {
        ...orderRow({
          brandId: brand,
          orderId: 'o2',
          customerId: 'cust-2',
          date: localDate('2026-10-10'),
          totalMinor: 3_000,
        }),
        email: 'grace@example.com',
        customer_name: 'Grace Hopper',
      },
      {
        ...orderRow({
          brandId: brand,
          orderId: 'o3',
          customerId: 'cust-1',
          date: localDate('2026-11-22'),
          totalMinor: 7_500,
        }),
        email: 'ada@example.com',
        customer_name: 'Ada Lovelace',
      },
    ],
  );
  // Ada's November order came through the campaign's tagged link; a first visit does not count.
  const touch = (kind: string, campaign: string) => ({
    brand_id: brand,
    touchpoint_id: `o3:${kind}`,
    customer_id: 'cust-1',
    order_id: 'o3',
    date: '2026-11-22',
    occurred_at: '2026-11-22T10:00:00.000Z',
    kind,
    utm_source: 'pulsepoint',
    utm_medium: 'email',
    utm_campaign: campaign,
    utm_content: 'a',
    utm_term: null,
    landing_page: null,
    referrer: null,
    click_id: null,
    click_id_type: null,
  });
  await api.deps.warehouse.replaceRange(
    ctx,
    'touchpoints',
    { brandId: brand, from: localDate('2026-11-22'), to: localDate('2026-11-22') },
    [touch('last_visit', 'win-back'), touch('first_visit', 'win-back')],
  );
  const scope = { ctx, brandId: brand };
  for (const email of ['ada@example.com', 'grace@example.com'])
    await engagement.consent.set(scope, 'email', email, 'opted_in', 'checkout');
  owner = await api.token({ tenantId: A, uid: 'owner-a', role: 'owner' });
  analyst = await api.token({ tenantId: A, uid: 'analyst-a', role: 'analyst' });
  otherOwner = await api.token({ tenantId: B, uid: 'owner-b', role: 'owner' });
});
afterAll(async () => {
  await engagement.close();
  await api.close();
  await smtp.close();
});

const path = (p: string, b = brand) => `/api/brands/${b}/engagement${p}`;
const cartAbandonment = {
  name: 'Cart abandonment',
  triggerEvent: 'checkout_started',
  steps: [
    { waitMinutes: 60, channel: 'email', subject: 'You left something', text: 'Hi {{first_name|there}}' },
  ],
};
const winBack = {
  name: 'Win-back',
  channel: 'email',
  segment: null,
  holdoutShare: 0,
  variants: [
    {
      id: 'a',
      name: 'Ten percent',
      weight: 1,
      subject: 'We miss you, {{first_name|friend}}',
      text: 'Use BACK10 at https://shop.example/sale?x=1#top',
    },
  ],
};

describe('automations', () => {
  it('any member lists them; only an owner or admin creates, pauses and resumes', async () => {
    const refused = await api.request(path('/automations'), {
      method: 'POST',
      token: analyst,
      json: cartAbandonment,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });

    const created = await api.request(path('/automations'), {
      method: 'POST',
      token: owner,
      json: cartAbandonment,
    });
    expect(created.status).toBe(201);
    const automation = (await created.json()) as { id: string; status: string };
    expect(automation.status).toBe('active');

    const paused = await api.request(path(`/automations/${automation.id}/pause`), {
      method: 'POST',
      token: owner,
    });
    expect(await paused.json()).toMatchObject({ status: 'paused' });
    const list = await api.request(path('/automations'), { token: analyst });
    expect(await list.json()).toMatchObject({ automations: [{ id: automation.id, status: 'paused' }] });
    const resumed = await api.request(path(`/automations/${automation.id}/resume`), {
      method: 'POST',
      token: owner,
    });
    expect(await resumed.json()).toMatchObject({ status: 'active' });
  });

  it('refuses an automation without steps with the one error shape', async () => {
    const res = await api.request(path('/automations'), {
      method: 'POST',
      token: owner,
      json: { ...cartAbandonment, steps: [] },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });
});

describe('a campaign from draft to results', () => {
  let campaignId: string;

  it('is created by an owner, with its live audience and a preview for a real customer', async () => {
    expect(
      (await api.request(path('/campaigns'), { method: 'POST', token: analyst, json: winBack })).status,
    ).toBe(403);
    const created = await api.request(path('/campaigns'), { method: 'POST', token: owner, json: winBack });
    expect(created.status).toBe(201);
    campaignId = ((await created.json()) as { id: string }).id;

    const got = await api.request(path(`/campaigns/${campaignId}`), { token: analyst });
    expect(await got.json()).toMatchObject({ name: 'Win-back', status: 'draft', audienceCount: 2 });
    const preview = (await (
      await api.request(path(`/campaigns/${campaignId}/preview`), { token: analyst })
    ).json()) as {
      variants: Array<{ subject: string }>;
    };
    expect(preview.variants[0]?.subject).toBe('We miss you, Ada');
  });

  it('an analyst may not send; an owner sends through SMTP and the outbox shows it', async () => {
    const refused = await api.request(path(`/campaigns/${campaignId}/send`), {
      method: 'POST',
      token: analyst,
      json: {},
    });
    expect(refused.status).toBe(403);
    const res = await api.request(path(`/campaigns/${campaignId}/send`), {
      method: 'POST',
      token: owner,
      json: {},
    });
    expect(res.status).toBe(202);
    const { sendId } = (await res.json()) as { sendId: string };
    expect(sendId).toMatch(/^csr_/);
    await expect.poll(async () => smtp.received.length, { timeout: 5_000 }).toBe(2);
    const scope = { ctx: systemContext(A, 'test'), brandId: brand };
    await expect
      .poll(async () => (await engagement.campaignRuns.get(scope, campaignId, sendId)).status, {
        timeout: 5_000,
      })
      .toBe('done');
    const progress = await api.request(path(`/campaigns/${campaignId}/sends/${sendId}`), { token: analyst });
    // Two full batches of one, then an empty one that finds nobody after the last customer.
    expect(await progress.json()).toMatchObject({ batches: 3, customers: 2, statuses: { sent: 2 } });
    await expect
      .poll(
        async () =>
          (
            (await (await api.request(path(`/campaigns/${campaignId}`), { token: owner })).json()) as {
              status: string;
            }
          ).status,
      )
      .toBe('sent');
    const outbox = (await (
      await api.request(path(`/outbox?campaignId=${campaignId}`), { token: analyst })
    ).json()) as {
      messages: Array<{ to: string; status: string; subject: string }>;
    };
    expect(outbox.messages.map((m) => [m.to, m.status]).sort()).toEqual([
      ['ada@example.com', 'sent'],
      ['grace@example.com', 'sent'],
    ]);
    const again = await api.request(path(`/campaigns/${campaignId}/send`), {
      method: 'POST',
      token: owner,
      json: {},
    });
    expect(again.status).toBe(409);
  });

  it('one-click unsubscribe (RFC 8058 POST) records the opt-out at once; a GET or a forged link does not', async () => {
    const mail = smtp.received.find((m) => m.to.includes('grace@example.com'));
    const unfolded = (mail?.raw ?? '').replace(/\r?\n[ \t]+/g, '');
    const url = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(unfolded)?.[1] ?? '';
    expect(url).toMatch(/^https:\/\/app\.pulsepoint\.example\/unsubscribe\/eng_a\//);
    const local = new URL(url).pathname;
    const req = (method: string, p = local) =>
      engagement.unsubscribe(
        new Request(`http://127.0.0.1${p}`, {
          method,
          body: method === 'POST' ? 'List-Unsubscribe=One-Click' : null,
        }),
      );

    expect((await req('GET')).status).toBe(200);
    const scope = { ctx: systemContext(A, 'test'), brandId: brand };
    expect(await engagement.consent.get(scope, 'email', 'grace@example.com')).toMatchObject({
      status: 'opted_in',
    });
    const forged = local.replace(/\.[A-Za-z0-9_-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await req('POST', forged)).status).toBe(404);
    // The same token under another tenant is not valid: the key is the tenant's own.
    expect((await req('POST', local.replace('/eng_a/', '/eng_b/'))).status).toBe(404);

    expect((await req('POST')).status).toBe(200);
    expect(await engagement.consent.get(scope, 'email', 'grace@example.com')).toMatchObject({
      status: 'opted_out',
      source: 'unsubscribe_link',
    });
  });

  it("a message's link redirects through a signed click link to the UTM-tagged target, marking the send clicked once", async () => {
    const mail = smtp.received.find((m) => m.to.includes('ada@example.com'));
    // The text part is quoted-printable: soft line breaks and =XX escapes.
    const body = (mail?.raw ?? '')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    expect(body).not.toContain('https://shop.example/');
    const url = /https:\/\/app\.pulsepoint\.example\/click\/eng_a\/\S+/.exec(body)?.[0] ?? '';
    expect(url).not.toBe('');
    const local = new URL(url).pathname;
    const click = (p = local) => engagement.click(new Request(`http://127.0.0.1${p}`));
    const scope = { ctx: systemContext(A, 'test'), brandId: brand };
    const sentTo = async (to: string) =>
      (await engagement.outbox(scope, { sourceKey: `campaign:${campaignId}` })).find((m) => m.to === to);

    const forged = local.replace(/\.[A-Za-z0-9_-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const [payload = ''] = (local.split('/').at(-1) ?? '').split('.');
    const altered = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const alteredPath = local.replace(
      payload,
      Buffer.from(JSON.stringify({ ...altered, i: 1 })).toString('base64url'),
    );
    for (const bad of [forged, alteredPath, local.replace('/eng_a/', '/eng_b/')]) {
      const res = await click(bad);
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await sentTo('ada@example.com'))?.clicked).toBe(false);

    const first = await click();
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(
      'https://shop.example/sale?x=1&utm_source=pulsepoint&utm_medium=email&utm_campaign=win-back&utm_content=a#top',
    );
    const clicked = await sentTo('ada@example.com');
    expect(clicked?.clicked).toBe(true);
    const second = await click();
    expect(second.status).toBe(302);
    expect((await sentTo('ada@example.com'))?.updatedAt).toBe(clicked?.updatedAt);
  });

  it('the email carries a text part and an HTML part; the HTML links are click links and its pixel marks the send opened once', async () => {
    const mail = smtp.received.find((m) => m.to.includes('ada@example.com'));
    const parts = mimeParts(mail?.raw ?? '');
    expect(parts.map((p) => p.contentType)).toEqual(['text/plain', 'text/html']);
    const [text, html] = parts.map((p) => p.body);
    const textClick = /https:\/\/app\.pulsepoint\.example\/click\/eng_a\/\S+/.exec(text ?? '')?.[0];
    expect(html).toContain(`<a href="${textClick}"`);
    expect(html).not.toContain('https://shop.example/');
    const pixel =
      /<img src="(https:\/\/app\.pulsepoint\.example\/open\/eng_a\/[^"]+)" width="1" height="1"/.exec(
        html ?? '',
      )?.[1];
    expect(pixel).toBeDefined();
    const open = () => engagement.open(new Request(`http://127.0.0.1${new URL(pixel ?? '').pathname}`));
    const scope = { ctx: systemContext(A, 'test'), brandId: brand };
    const opens = async () =>
      (await engagement.outbox(scope, { sourceKey: `campaign:${campaignId}` })).filter((m) => m.opened)
        .length;
    expect(await opens()).toBe(0);
    for (let i = 0; i < 2; i++) {
      const res = await open();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      expect(res.headers.get('cache-control')).toMatch(/no-store/);
    }
    expect(await opens()).toBe(1);
  });

  it('reports results per variant with names, currency, orders, orders from links, opens, clicks and the unsubscribe', async () => {
    const res = await api.request(path(`/campaigns/${campaignId}/results`), { token: analyst });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: 'Win-back',
      currency: 'USD',
      window: { from: '2026-11-20', to: '2026-11-27' },
      variants: [
        {
          variantId: 'a',
          name: 'Ten percent',
          sent: 2,
          delivered: null,
          opened: 1,
          clicked: 1,
          unsubscribed: 1,
          orders: 1,
          revenueMinor: 7_500,
          fromLinks: { orders: 1, revenueMinor: 7_500 },
        },
      ],
      holdout: { customers: 0 },
      incrementalRevenueMinor: null,
    });
  });

  it("another tenant's campaign is a 404, through its own brand or the other's", async () => {
    const viaOwnBrand = await api.request(path(`/campaigns/${campaignId}`, otherBrand), {
      token: otherOwner,
    });
    expect(viaOwnBrand.status).toBe(404);
    expect(await viaOwnBrand.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(
      (await api.request(path(`/campaigns/${campaignId}/results`, otherBrand), { token: otherOwner })).status,
    ).toBe(404);
    expect((await api.request(path('/outbox'), { token: otherOwner })).status).toBe(404);
    const sends = await api.request(path(`/campaigns/${campaignId}/sends/csr_x`, otherBrand), {
      token: otherOwner,
    });
    expect(sends.status).toBe(404);
    const list = await api.request(path('/campaigns', otherBrand), { token: otherOwner });
    expect(await list.json()).toEqual({ campaigns: [] });
  });
});

describe('a campaign featuring a product that ran out of stock', () => {
  it('is paused by the stockout, cannot be sent, and an owner resumes it to a draft', async () => {
    const created = await api.request(path('/campaigns'), {
      method: 'POST',
      token: owner,
      json: { ...winBack, name: 'Bottle refill', productIds: ['gid://shopify/ProductVariant/303'] },
    });
    const { id } = (await created.json()) as { id: string };
    const pause = createStockoutPause({ db: api.deps.documents, clock: api.deps.clock });
    const { paused } = await pause.pauseFeaturing(
      { ctx: systemContext(A, 'recommend'), brandId: brand },
      { variantId: 'gid://shopify/ProductVariant/303', productId: null, title: 'Trail Bottle' },
    );
    expect(paused).toEqual([{ kind: 'campaign', id, name: 'Bottle refill' }]);
    const send = await api.request(path(`/campaigns/${id}/send`), { method: 'POST', token: owner, json: {} });
    expect(send.status).toBe(409);

    expect(
      (await api.request(path(`/campaigns/${id}/resume`), { method: 'POST', token: analyst })).status,
    ).toBe(403);
    const resumed = await api.request(path(`/campaigns/${id}/resume`), { method: 'POST', token: owner });
    expect(await resumed.json()).toMatchObject({ id, status: 'draft' });
    const again = await api.request(path(`/campaigns/${id}/resume`), { method: 'POST', token: owner });
    expect(again.status).toBe(409);
  });
});

describe('a campaign to the customers interested in a product', () => {
  it('counts and reaches only the scored customers with recent interest in it', async () => {
    const ctx = systemContext(A, 'test');
    const variant = 'gid://shopify/ProductVariant/202';
    const range = { brandId: brand, from: localDate('2026-11-01'), to: localDate('2026-11-30') };
    await api.deps.warehouse.replaceRange(
      ctx,
      'events',
      range,
      [anEventRow(brand, 'ev-int-1', '2026-11-18T10:00:00Z', { type: 'product_added_to_cart' })].map((e) => ({
        ...e,
        variant_id: variant,
      })),
    );
    await api.deps.warehouse.replaceRange(ctx, 'event_identifiers', range, [
      { brand_id: brand, event_id: 'ev-int-1', day: '2026-11-18', identifier_key: 'email:ada@example.com' },
    ]);

    const counted = await api.request(path(`/audience?product=${encodeURIComponent(variant)}`), {
      token: analyst,
    });
    expect(await counted.json()).toEqual({ count: 1 });
    const created = await api.request(path('/campaigns'), {
      method: 'POST',
      token: owner,
      json: { ...winBack, name: 'Throw lovers', interestIn: { variantId: variant }, productIds: [variant] },
    });
    const { id } = (await created.json()) as { id: string };
    const got = await api.request(path(`/campaigns/${id}`), { token: analyst });
    expect(await got.json()).toMatchObject({
      interestIn: { variantId: variant, productId: null },
      audienceCount: 1,
    });
    const preview = (await (
      await api.request(path(`/campaigns/${id}/preview`), { token: analyst })
    ).json()) as {
      sample: { customerId: string | null };
    };
    expect(preview.sample.customerId).toBe('cust-1');
  });
});

describe('what the campaign editor and automation builder pick featured products from', () => {
  it("lists the brand's products by name (variant, not archived), and a campaign not yet sent has no progress", async () => {
    const ctx = systemContext(A, 'test');
    const product = (id: string, title: string, over: Record<string, unknown> = {}) => ({
      id: `gid://shopify/ProductVariant/${id}`,
      productId: 'gid://shopify/Product/9',
      title,
      priceMinor: 2_500,
      currency: 'USD',
      status: 'active' as const,
      updatedAt: '2026-11-01T00:00:00Z',
      ...over,
    });
    await api.deps.store.products.upsertMany(ctx, brand, [
      product('901', 'Zip Hoodie', { variantTitle: 'Navy / M' }),
      product('902', 'Camp Mug', { variantTitle: 'Default Title' }),
      product('903', 'Old Cap', { status: 'archived' }),
    ]);
    const res = await api.request(path('/products'), { token: analyst });
    const { products } = (await res.json()) as { products: Array<{ id: string; name: string }> };
    const names = products.map((p) => p.name);
    expect(names).toContain('Zip Hoodie — Navy / M');
    expect(names).toContain('Camp Mug');
    expect(names).not.toContain('Old Cap');
    expect(names.indexOf('Camp Mug')).toBeLessThan(names.indexOf('Zip Hoodie — Navy / M'));

    const created = await api.request(path('/campaigns'), {
      method: 'POST',
      token: owner,
      json: { ...winBack, name: 'Mug drop', productIds: ['gid://shopify/ProductVariant/902'] },
    });
    const { id } = (await created.json()) as { id: string };
    const got = await api.request(path(`/campaigns/${id}`), { token: analyst });
    expect(await got.json()).toMatchObject({
      productIds: ['gid://shopify/ProductVariant/902'],
      progress: null,
    });
  });
});

describe('automation results', () => {
  const id = 'aut_cart_rescue';
  const ctx = systemContext(A, 'test');
  const scope = { ctx, brandId: brand };
  const resultsPath = `/automations/${id}/results?from=2026-11-01&to=2026-11-30`;

  beforeAll(async () => {
    // Holdout share ½: cust-1 and cust-2 are treated, cust-h held out (assignGroup, salted by the id).
    await engagement.automations.create(
      scope,
      {
        name: 'Cart rescue',
        triggerEvent: 'checkout_started',
        exitOnOrder: false,
        holdoutShare: 0.5,
        steps: [
          {
            waitMinutes: 60,
            channel: 'email',
            subject: 'Your cart',
            text: 'Back at https://shop.example/cart',
          },
          { waitMinutes: 1440, channel: 'email', subject: 'Still there', text: 'Last call' },
        ],
      },
      id,
    );
    const order = (orderId: string, customerId: string, date: string, totalMinor: number) =>
      orderRow({ brandId: brand, orderId, customerId, date: localDate(date), totalMinor });
    // cust-h bought on 5 Nov, before the automation reached anyone: not its doing.
    await api.deps.warehouse.replaceRange(
      ctx,
      'orders',
      { brandId: brand, from: localDate('2026-11-05'), to: localDate('2026-11-05') },
      [order('oh1', 'cust-h', '2026-11-05', 9_999)],
    );
    await api.deps.warehouse.replaceRange(
      ctx,
      'orders',
      { brandId: brand, from: localDate('2026-11-23'), to: localDate('2026-11-26') },
      [order('o4', 'cust-1', '2026-11-24', 2_000), order('oh2', 'cust-h', '2026-11-25', 4_000)],
    );
    // o4's converting visit came through step 2's link.
    await api.deps.warehouse.replaceRange(
      ctx,
      'touchpoints',
      { brandId: brand, from: localDate('2026-11-24'), to: localDate('2026-11-24') },
      [
        {
          brand_id: brand,
          touchpoint_id: 'o4:last_visit',
          customer_id: 'cust-1',
          order_id: 'o4',
          date: '2026-11-24',
          occurred_at: '2026-11-24T10:00:00.000Z',
          kind: 'last_visit',
          utm_source: 'pulsepoint',
          utm_medium: 'email',
          utm_campaign: 'cart-rescue',
          utm_content: 'step-2',
          utm_term: null,
          landing_page: null,
          referrer: null,
          click_id: null,
          click_id_type: null,
        },
      ],
    );
    const customers = {
      'cust-1': 'ada@example.com',
      // Grace unsubscribed from the win-back campaign: her step is recorded, not sent.
      'cust-2': 'grace@example.com',
      'cust-h': 'hedy@example.com',
    };
    for (const [customerId, email] of Object.entries(customers))
      for (const step of customerId === 'cust-2' ? [0] : [0, 1])
        await engagement.automations.runStep(scope, {
          tenantId: A,
          brandId: brand,
          automationId: id,
          occurrence: `checkout-${customerId}`,
          step,
          triggeredAt: '2026-11-20T15:00:00.000Z',
          customer: {
            customerId,
            timeZone: 'America/New_York',
            addresses: { email },
            values: { first_name: null },
          },
        });
    // Ada opens step 1 (its pixel, from the mail the SMTP sandbox kept), twice.
    const mail = smtp.received.find(
      (m) => m.to.includes('ada@example.com') && m.raw.includes('Subject: Your cart'),
    );
    const html = mimeParts(mail?.raw ?? '').find((p) => p.contentType === 'text/html')?.body ?? '';
    const pixel = /<img src="([^"]+)"/.exec(html)?.[1] ?? '';
    for (let i = 0; i < 2; i++)
      expect((await engagement.open(new Request(`http://127.0.0.1${new URL(pixel).pathname}`))).status).toBe(
        200,
      );
  });

  it('reports each step, orders from each customer’s entry day, orders from links and the lift over the holdout', async () => {
    const res = await api.request(path(resultsPath), { token: analyst });
    expect(res.status).toBe(200);
    // Treated: Ada 7,500 (o3) + 2,000 (o4); Grace nothing since entering → 9,500 over 2 customers.
    // Holdout: Hedy 4,000 (oh2; oh1 predates her entry) → 4,000 per customer.
    // Lift: 9,500 − 4,000 × 2 = 1,500; step 2 reached Ada alone: 9,500 − 4,000 = 5,500.
    expect(await res.json()).toEqual({
      automationId: id,
      name: 'Cart rescue',
      currency: 'USD',
      window: { from: '2026-11-01', to: '2026-11-30' },
      steps: [
        {
          step: 1,
          variantId: 'step-1',
          name: 'Your cart',
          channel: 'email',
          customers: 2,
          sent: 1,
          delivered: null,
          opened: 1,
          clicked: 0,
          unsubscribed: 0,
          orders: 2,
          revenueMinor: 9_500,
          revenuePerCustomerMinor: 4_750,
          fromLinks: { orders: 0, revenueMinor: 0 },
          incrementalRevenueMinor: 1_500,
        },
        {
          step: 2,
          variantId: 'step-2',
          name: 'Still there',
          channel: 'email',
          customers: 1,
          sent: 1,
          delivered: null,
          opened: 0,
          clicked: 0,
          unsubscribed: 0,
          orders: 2,
          revenueMinor: 9_500,
          revenuePerCustomerMinor: 9_500,
          fromLinks: { orders: 1, revenueMinor: 2_000 },
          incrementalRevenueMinor: 5_500,
        },
      ],
      treated: { customers: 2, orders: 2, revenueMinor: 9_500, revenuePerCustomerMinor: 4_750 },
      holdout: { customers: 1, orders: 1, revenueMinor: 4_000, revenuePerCustomerMinor: 4_000 },
      incrementalRevenueMinor: 1_500,
    });
  });

  it('a period before the automation reached anyone has every step at zero', async () => {
    const res = await api.request(path(`/automations/${id}/results?from=2026-10-01&to=2026-10-31`), {
      token: analyst,
    });
    const body = (await res.json()) as { steps: Array<{ sent: number; customers: number }>; treated: object };
    expect(body.steps.map((s) => [s.sent, s.customers])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(body.treated).toEqual({ customers: 0, orders: 0, revenueMinor: 0, revenuePerCustomerMinor: 0 });
  });

  it("another tenant's automation is a 404, through its own brand or the other's", async () => {
    const viaOwnBrand = await api.request(path(resultsPath, otherBrand), { token: otherOwner });
    expect(viaOwnBrand.status).toBe(404);
    expect(await viaOwnBrand.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await api.request(path(resultsPath), { token: otherOwner })).status).toBe(404);
  });
});
