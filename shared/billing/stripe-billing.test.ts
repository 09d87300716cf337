import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StripeSandbox, startStripeSandbox } from '../../infra/sandbox/stripe/server';
import { stripeSignatureHeader } from '../../infra/sandbox/stripe/signing';
import { createTestApi, type TestApi } from '../../test/support/api';
import { createStripeClient } from '../adapters/stripe/client';
import { createStripeBillingProvider } from '../adapters/stripe/provider';
import { createStripeWebhookVerifier } from '../adapters/stripe/webhook-verifier';
import { systemContext } from '../domain/tenancy';
import { createBillingWebhookReceiver } from './webhooks';

/**
 * Billing end to end: the API and the webhook receiver over the embedded store, the `stripe` SDK
 * against the Stripe sandbox, webhooks delivered over loopback HTTP signed as Stripe signs them.
 */
let api: TestApi;
let sandbox: StripeSandbox;
let webhookUrl: string;
let closeReceiver: () => Promise<void>;
const T = 't1';
const ctx = systemContext(T, 'test');

beforeEach(async () => {
  let now = () => Date.parse('2026-11-20T12:00:00Z');
  sandbox = await startStripeSandbox({ now: () => now() });
  const stripe = createStripeClient({
    secretKey: sandbox.secretKey,
    host: sandbox.host,
    port: sandbox.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  api = await createTestApi({ billingProviders: { stripe: createStripeBillingProvider({ stripe }) } });
  now = () => api.clock.now().getTime();
  const receiver = createBillingWebhookReceiver({
    verifier: createStripeWebhookVerifier({ stripe, secret: sandbox.webhookSecret }),
    directory: api.deps.directory,
    store: api.deps.store,
    clock: api.clock,
    logger: api.logger,
  });
  const server = serve({ fetch: receiver, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  closeReceiver = () => new Promise((r) => server.close(() => r()));
  sandbox.addWebhookUrl(webhookUrl);
  await api.seedTenant(T, [{ id: 'b1', shopDomain: 'b1.myshopify.com' }]);
  await api.deps.store.users.upsert(ctx, {
    uid: 'owner-1',
    role: 'owner',
    createdAt: '2026-11-01T00:00:00Z',
  });
});

afterEach(async () => {
  await sandbox.close();
  await closeReceiver();
  await api.close();
});

const owner = () => api.token({ tenantId: T, uid: 'owner-1', role: 'owner' });
/** The fields these tests read from the API's JSON answers. */
interface Body {
  url: string;
  status: string;
  error: { code: string; details: Record<string, unknown> };
  invoices: Record<string, unknown>[];
  access: Record<string, unknown>;
  brands: { id: string }[];
  keys: unknown[];
}
const json = async (res: Response) => (await res.json()) as Body;

async function subscribe(planId = 'growth') {
  const res = await api.request('/api/billing/checkout', {
    method: 'POST',
    token: await owner(),
    json: { planId },
  });
  expect(res.status).toBe(200);
  const { url } = await json(res);
  const paid = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' });
  expect(paid.status).toBe(303);
  await sandbox.settle();
  return (await api.deps.store.billing.account(ctx))!;
}

/** Posts an event body to the receiver with a given signature header. */
const post = (body: string, signature: string) =>
  fetch(webhookUrl, {
    method: 'POST',
    headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
    body,
  });

describe('Stripe billing', () => {
  it('a completed Checkout becomes the tenant’s active subscription through signed webhooks', async () => {
    const account = await subscribe('growth');
    expect(account.subscription).toMatchObject({ provider: 'stripe', status: 'active', planId: 'growth' });
    expect((await api.deps.store.tenants.get(ctx))?.plan).toBe('growth');
    const overview = await json(await api.request('/api/billing', { token: await owner() }));
    expect(overview.invoices).toHaveLength(1);
    expect(overview.invoices[0]).toMatchObject({ status: 'paid', totalMinor: 14_900, currency: 'USD' });
  });

  it('the billing API is the owner’s alone', async () => {
    const admin = await api.token({ tenantId: T, uid: 'admin-1', role: 'admin' });
    expect((await api.request('/api/billing', { token: admin })).status).toBe(403);
    expect(
      (
        await api.request('/api/billing/checkout', {
          method: 'POST',
          token: admin,
          json: { planId: 'growth' },
        })
      ).status,
    ).toBe(403);
    expect((await api.request('/api/billing/status', { token: admin })).status).toBe(200);
  });

  it('refuses a forged webhook and changes nothing', async () => {
    const before = await subscribe();
    const event = sandbox.state.events.find((e) => e.type === 'customer.subscription.created')!;
    const forged = JSON.stringify({
      ...event,
      id: 'evt_forged',
      data: { object: { ...event.data.object, status: 'canceled' } },
    });
    const t = Math.floor(api.clock.now().getTime() / 1000);
    const res = await post(forged, stripeSignatureHeader('whsec_not_the_secret', forged, t));
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('bad_signature');
    // A genuine signature over other bytes does not verify either.
    const genuine = stripeSignatureHeader(sandbox.webhookSecret, JSON.stringify(event), t);
    expect((await post(forged, genuine)).status).toBe(401);
    expect((await post(forged, '')).status).toBe(401);
    expect(await api.deps.store.billing.account(ctx)).toEqual(before);
  });

  it('refuses a correctly signed webhook whose timestamp is stale', async () => {
    const before = await subscribe();
    const event = sandbox.state.events.find((e) => e.type === 'customer.subscription.created')!;
    const body = JSON.stringify({ ...event, id: 'evt_stale' });
    const stale = Math.floor(api.clock.now().getTime() / 1000) - 301;
    const res = await post(body, stripeSignatureHeader(sandbox.webhookSecret, body, stale));
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('stale_timestamp');
    expect(await api.deps.store.billing.account(ctx)).toEqual(before);
  });

  it('a replayed event changes nothing, even after newer ones', async () => {
    const account = await subscribe();
    api.clock.advance(60_000);
    sandbox.state.transition(account.subscription!.id, 'past_due');
    await sandbox.settle();
    const after = await api.deps.store.billing.account(ctx);
    expect(after?.subscription?.status).toBe('past_due');
    const created = sandbox.state.events.find((e) => e.type === 'customer.subscription.created')!;
    const from = sandbox.deliveries.length;
    sandbox.resend(created.id);
    await sandbox.settle();
    expect(sandbox.deliveries.slice(from)).toEqual([
      expect.objectContaining({ eventId: created.id, status: 200 }),
    ]);
    expect(await api.deps.store.billing.account(ctx)).toEqual(after);
    // Delivered and acknowledged as a duplicate.
    const body = JSON.stringify(created, null, 2);
    const res = await post(
      body,
      stripeSignatureHeader(sandbox.webhookSecret, body, Math.floor(api.clock.now().getTime() / 1000)),
    );
    expect(await json(res)).toEqual({ status: 'duplicate' });
  });

  it('an older customer.subscription.updated delivered after a newer one does not roll the state back', async () => {
    const account = await subscribe();
    const subId = account.subscription!.id;
    // Two changes a minute apart, held back, then delivered newest first.
    const [older, newer] = await withoutDelivery(async () => {
      api.clock.advance(60_000);
      sandbox.state.transition(subId, 'past_due');
      api.clock.advance(60_000);
      sandbox.state.updateSubscription(subId, { cancel_at_period_end: 'true' });
    });
    sandbox.resend(newer!);
    await sandbox.settle();
    const afterNewer = await api.deps.store.billing.account(ctx);
    expect(afterNewer?.subscription).toMatchObject({ status: 'past_due', cancelAtPeriodEnd: true });
    sandbox.resend(older!);
    await sandbox.settle();
    expect(await api.deps.store.billing.account(ctx)).toEqual(afterNewer);
  });

  it('a canceled subscription leaves the data intact and read-only', async () => {
    const account = await subscribe();
    await api.request('/api/api-keys', {
      method: 'POST',
      token: await owner(),
      json: { name: 'export', role: 'analyst' },
    });
    api.clock.advance(60_000);
    sandbox.state.cancelSubscription(account.subscription!.id);
    await sandbox.settle();
    const token = await owner();
    const brands = await api.request('/api/brands', { token });
    expect(brands.status).toBe(200);
    expect((await json(brands)).brands.map((b: { id: string }) => b.id)).toEqual(['b1']);
    expect((await json(await api.request('/api/api-keys', { token }))).keys).toHaveLength(1);
    const write = await api.request('/api/brands/b1', { method: 'PATCH', token, json: { name: 'Renamed' } });
    expect(write.status).toBe(403);
    expect((await json(write)).error).toMatchObject({
      code: 'subscription_read_only',
      details: { reason: 'ended', upgradeUrl: '/billing' },
    });
    expect(
      (await api.request('/api/brands', { method: 'POST', token, json: { shopDomain: 'b2.myshopify.com' } }))
        .status,
    ).toBe(403);
    expect((await api.deps.store.brands.get(ctx, 'b1'))?.name).not.toBe('Renamed');
    // Billing itself stays open so the owner can subscribe again.
    expect((await api.request('/api/billing/portal', { method: 'POST', token })).status).toBe(200);
  });

  it('past_due keeps working with a banner for the grace period, then turns read-only', async () => {
    const account = await subscribe();
    api.clock.advance(60_000);
    sandbox.state.transition(account.subscription!.id, 'past_due');
    await sandbox.settle();
    const token = await owner();
    const status = await json(await api.request('/api/billing/status', { token }));
    expect(status.access).toMatchObject({ level: 'grace', reason: 'past_due_grace' });
    expect(
      (await api.request('/api/brands/b1', { method: 'PATCH', token, json: { name: 'Still works' } })).status,
    ).toBe(200);
    api.clock.advance(8 * 86_400_000);
    const refused = await api.request('/api/brands/b1', {
      method: 'PATCH',
      token: await owner(),
      json: { name: 'Too late' },
    });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.details.reason).toBe('past_due_expired');
  });

  /** Runs `fn` with webhook delivery paused; returns the ids of the subscription events it caused. */
  async function withoutDelivery(fn: () => Promise<void>): Promise<string[]> {
    const from = sandbox.state.events.length;
    sandbox.pauseDelivery();
    try {
      await fn();
    } finally {
      sandbox.resumeDelivery();
    }
    return sandbox.state.events
      .slice(from)
      .filter((e) => e.type.startsWith('customer.subscription.'))
      .map((e) => e.id);
  }
});
