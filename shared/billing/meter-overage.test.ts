import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StripeSandbox, startStripeSandbox } from '../../infra/sandbox/stripe/server';
import { createTestApi, type TestApi } from '../../test/support/api';
import { createStripeClient } from '../adapters/stripe/client';
import { createStripeBillingProvider } from '../adapters/stripe/provider';
import type { AiOverageMode } from '../domain/billing/account';
import { decideSubscriptionUpdate } from '../domain/billing/subscription';
import { systemContext } from '../domain/tenancy';
import type { BillingProvider } from '../ports/billing-provider';
import type { BillingRepository } from '../ports/billing-store';
import { createMeterOverageJob, meterIdentifier } from './meter-overage';

/**
 * AI overage to Stripe billing meter events, exactly once per ledger entry: the Growth plan
 * includes USD 40; five calls of USD 15 each put the 3rd (5), 4th (15) and 5th (15) past it.
 */
let api: TestApi;
let sandbox: StripeSandbox;
let stripe: BillingProvider;
let customerId: string;
const T = 't1';
const ctx = systemContext(T, 'test');

async function record(id: string, at: string, costMicros: number) {
  await api.deps.store.aiUsage.record(ctx, {
    id,
    at,
    month: at.slice(0, 7),
    uid: 'owner-1',
    operation: 'ask',
    model: 'claude-sonnet-4-5',
    inputTokens: 1000,
    outputTokens: 100,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    costMicros,
    pricingVersion: 'test',
    latencyMs: 10,
  });
}

async function subscribe(aiOverage: AiOverageMode) {
  await api.deps.store.billing.saveAccount(ctx, {
    provider: 'stripe',
    customerId,
    aiOverage,
    updatedAt: '2026-11-01T00:00:00Z',
  });
  const snapshot = {
    provider: 'stripe' as const,
    id: 'sub_1',
    customerId,
    status: 'active' as const,
    planId: 'growth' as const,
    currency: 'USD' as const,
    addOns: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    cancelAtPeriodEnd: false,
  };
  await api.deps.store.billing.applyEvent(
    ctx,
    { id: 'evt_1', type: 'customer.subscription.created', created: 1, provider: 'stripe', customerId },
    '2026-11-01T00:00:00Z',
    (a) => decideSubscriptionUpdate(a?.subscription, snapshot, 1),
  );
}

const job = (billing: BillingRepository = api.deps.store.billing) =>
  createMeterOverageJob({
    store: { billing },
    directory: api.deps.directory,
    providers: { stripe },
    clock: api.clock,
    logger: api.logger,
  });

const sent = () =>
  [...sandbox.state.meterEvents.values()].map((e) => ({
    identifier: e.identifier,
    value: (e.payload as { value: string }).value,
    customer: (e.payload as { stripe_customer_id: string }).stripe_customer_id,
  }));

beforeEach(async () => {
  api = await createTestApi({ now: '2026-11-20T12:00:00Z' });
  sandbox = await startStripeSandbox({ now: () => api.clock.now().getTime() });
  stripe = createStripeBillingProvider({
    stripe: createStripeClient({
      secretKey: sandbox.secretKey,
      host: sandbox.host,
      port: sandbox.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    }),
  });
  await api.seedTenant(T, []);
  customerId = String(sandbox.state.createCustomer({ name: 'T1' }).id);
  for (let i = 1; i <= 5; i++) await record(`u${i}`, `2026-11-0${i}T10:00:00.000Z`, 15_000_000);
});
afterEach(async () => {
  await sandbox.close();
  await api.close();
});

describe('meter-ai-overage', () => {
  it('sends one meter event per ledger entry past the included budget, valued at its overage', async () => {
    await subscribe('metered');
    expect(await job().run()).toEqual({ tenants: 1, sent: 3, failed: 0 });
    expect(sent()).toEqual([
      { identifier: meterIdentifier(T, 'u3'), value: '5000000', customer: customerId },
      { identifier: meterIdentifier(T, 'u4'), value: '15000000', customer: customerId },
      { identifier: meterIdentifier(T, 'u5'), value: '15000000', customer: customerId },
    ]);
  });

  it('sends each entry once across a crash between the send and its mark, and a re-run', async () => {
    await subscribe('metered');
    let crashes = 1;
    const crashing: BillingRepository = {
      ...api.deps.store.billing,
      async markSent(c, entryId, at) {
        if (crashes-- > 0) throw new Error('crashed after the send');
        return api.deps.store.billing.markSent(c, entryId, at);
      },
    };
    expect(await job(crashing).run()).toMatchObject({ sent: 0, failed: 1 });
    expect(sent()).toHaveLength(1);
    expect(await job().run()).toMatchObject({ sent: 3, failed: 0 });
    expect(sent().map((e) => e.identifier)).toEqual(['u3', 'u4', 'u5'].map((id) => meterIdentifier(T, id)));
    expect((await api.deps.store.billing.outbox(ctx, '2026-11')).every((e) => e.status === 'sent')).toBe(
      true,
    );
    // A third run finds nothing left to send.
    expect(await job().run()).toMatchObject({ sent: 0, failed: 0 });
    expect(sent()).toHaveLength(3);
  });

  it('sends each entry once when Stripe stored an event but the response was lost', async () => {
    await subscribe('metered');
    sandbox.faults.meterEventsLostResponses = 1;
    expect(await job().run()).toMatchObject({ failed: 1 });
    expect(await job().run()).toMatchObject({ failed: 0 });
    expect(sent().map((e) => e.value)).toEqual(['5000000', '15000000', '15000000']);
  });

  it('reports only new entries on a later run, with amounts frozen when first enqueued', async () => {
    await subscribe('metered');
    await job().run();
    await record('u6', '2026-11-06T10:00:00.000Z', 2_000_000);
    expect(await job().run()).toMatchObject({ sent: 1 });
    expect(sent().at(-1)).toEqual({
      identifier: meterIdentifier(T, 'u6'),
      value: '2000000',
      customer: customerId,
    });
  });

  it('reports nothing for a tenant with a hard cap', async () => {
    await subscribe('hard_cap');
    expect(await job().run()).toMatchObject({ sent: 0, failed: 0 });
    expect(sent()).toEqual([]);
    expect(await api.deps.store.billing.outbox(ctx, '2026-11')).toEqual([]);
  });
});
