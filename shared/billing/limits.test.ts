import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/support/api';
import type { PlanId } from '../domain/billing/plans';
import { systemContext } from '../domain/tenancy';
import { PlanLimitError } from './errors';
import { createLimitsService } from './limits';

/** Every limit refused where the action happens, with the limit and the upgrade named. */
let api: TestApi;
const T = 't1';
const ctx = systemContext(T, 'test');

beforeEach(async () => {
  api = await createTestApi();
  await api.seedTenant(T, [{ id: 'b1', shopDomain: 'b1.myshopify.com' }]);
  await api.deps.store.users.upsert(ctx, {
    uid: 'owner-1',
    role: 'owner',
    createdAt: '2026-11-01T00:00:00Z',
  });
});
afterEach(() => api.close());

const onPlan = async (plan: PlanId) => {
  const tenant = (await api.deps.store.tenants.get(ctx))!;
  await api.deps.store.tenants.upsert(ctx, { ...tenant, plan });
};
const newBrand = {
  name: 'Second',
  shopDomain: 'b2.myshopify.com',
  currency: 'USD',
  timezone: 'Europe/London',
};
const owner = () => api.token({ tenantId: T, uid: 'owner-1', role: 'owner' });
const limits = () => createLimitsService({ store: api.deps.store, clock: api.clock });

describe('plan limits', () => {
  it('refuses a brand past the plan with 402 naming the limit and the upgrade', async () => {
    await onPlan('starter');
    const res = await api.request('/api/brands', {
      method: 'POST',
      token: await owner(),
      json: newBrand,
    });
    const body = (await res.json()) as {
      error: { code: string; message: string; details: Record<string, unknown> };
    };
    expect(res.status, JSON.stringify(body)).toBe(402);
    expect(body.error).toMatchObject({
      code: 'plan_limit_reached',
      details: {
        limit: 'brands',
        plan: 'starter',
        allowed: 1,
        used: 1,
        upgradeTo: 'growth',
        upgradeUrl: '/billing',
      },
    });
    expect(body.error.message).toMatch(/starter plan allows 1 brands.*upgrade to growth/);
    expect(await api.deps.store.brands.get(ctx, 'b2')).toBeUndefined();
    await onPlan('growth');
    expect(
      (
        await api.request('/api/brands', {
          method: 'POST',
          token: await owner(),
          json: newBrand,
        })
      ).status,
    ).toBe(201);
  });

  it('counts API keys as seats beside users', async () => {
    await onPlan('starter'); // 3 seats: the owner and two keys
    const token = await owner();
    const create = () =>
      api.request('/api/api-keys', { method: 'POST', token, json: { name: 'k', role: 'viewer' } });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    const refused = await create();
    expect(refused.status).toBe(402);
    expect(((await refused.json()) as { error: { details: { limit: string } } }).error.details.limit).toBe(
      'seats',
    );
    expect(await api.deps.store.apiKeys.list(ctx)).toHaveLength(2);
  });

  it('counts posts and messages per month and refuses a batch past the limit whole', async () => {
    await onPlan('free'); // 500 messages, no posts
    const l = limits();
    await expect(l.consume(ctx, 'messagesPerMonth', 495)).resolves.toEqual({ remaining: 5 });
    const refused = l.consume(ctx, 'messagesPerMonth', 10);
    await expect(refused).rejects.toThrow(PlanLimitError);
    await expect(refused).rejects.toMatchObject({
      status: 402,
      details: { limit: 'messagesPerMonth', used: 495, requested: 10 },
    });
    expect((await api.deps.store.billing.usage(ctx, '2026-11')).messagesPerMonth).toBe(495);
    await expect(l.consume(ctx, 'postsPerMonth', 1)).rejects.toMatchObject({
      details: { limit: 'postsPerMonth', upgradeTo: 'starter' },
    });
    // A new month starts from zero.
    api.clock.set('2026-12-01T00:00:00Z');
    await expect(l.consume(ctx, 'messagesPerMonth', 10)).resolves.toEqual({ remaining: 490 });
  });

  it('two concurrent sends cannot both take the last messages', async () => {
    await onPlan('free');
    const l = limits();
    await l.consume(ctx, 'messagesPerMonth', 499);
    const results = await Promise.allSettled([
      l.consume(ctx, 'messagesPerMonth'),
      l.consume(ctx, 'messagesPerMonth'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await api.deps.store.billing.usage(ctx, '2026-11')).messagesPerMonth).toBe(500);
  });

  it('AI calls stop at the included budget under a hard cap, and at the ceiling when metered', async () => {
    await onPlan('growth'); // USD 40 included
    const gate = limits().aiBudget;
    await expect(gate.assertWithinBudget(ctx, 39_999_999)).resolves.toBeUndefined();
    // No billing account yet: overage is metered by default, up to 5× the included budget.
    await expect(gate.assertWithinBudget(ctx, 40_000_000)).resolves.toBeUndefined();
    await expect(gate.assertWithinBudget(ctx, 200_000_000)).rejects.toMatchObject({
      status: 402,
      details: { limit: 'aiBudgetMicros', plan: 'growth', upgradeTo: 'agency' },
    });
    await api.deps.store.billing.saveAccount(ctx, {
      provider: 'stripe',
      aiOverage: 'hard_cap',
      updatedAt: '2026-11-20T00:00:00Z',
    });
    await expect(gate.assertWithinBudget(ctx, 40_000_000)).rejects.toThrow(
      /AI budget of \$40.00 on the growth plan is used up/,
    );
  });

  it('the free plan has no overage: its AI budget is a hard cap', async () => {
    await onPlan('free');
    await expect(limits().aiBudget.assertWithinBudget(ctx, 1_000_000)).rejects.toMatchObject({
      details: { limit: 'aiBudgetMicros', allowed: 1_000_000 },
    });
  });

  it('a question past the plan’s AI budget is refused by the API with the limit named', async () => {
    await onPlan('starter'); // USD 10 included, metered up to 5×
    await api.deps.store.aiUsage.record(ctx, {
      id: 'u1',
      at: '2026-11-20T10:00:00Z',
      month: '2026-11',
      uid: 'owner-1',
      operation: 'ask',
      model: 'claude-sonnet-4-5',
      inputTokens: 1,
      outputTokens: 1,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
      costMicros: 50_000_000,
      pricingVersion: 'x',
      latencyMs: 1,
    });
    const res = await api.request('/api/brands/b1/ask', {
      method: 'POST',
      token: await owner(),
      json: { question: 'What is my ROAS?' },
    });
    expect(res.status).toBe(402);
    expect(((await res.json()) as { error: { details: { limit: string } } }).error.details.limit).toBe(
      'aiBudgetMicros',
    );
  });

  it('refuses a report reaching back past the plan’s history, naming historyDays and the upgrade', async () => {
    await onPlan('free'); // 90 days
    const token = await owner();
    const ok = await api.request('/api/brands/b1/dashboard?from=2026-09-01&to=2026-11-20', { token });
    expect(ok.status).toBe(200);
    const res = await api.request('/api/brands/b1/dashboard?from=2026-05-01&to=2026-11-20', { token });
    expect(res.status).toBe(402);
    const body = (await res.json()) as { error: { message: string; details: Record<string, unknown> } };
    expect(body.error.details).toMatchObject({
      limit: 'historyDays',
      plan: 'free',
      allowed: 90,
      upgradeTo: 'starter',
    });
    expect(body.error.message).toMatch(/reach back 90 days.*upgrade to starter/);
  });

  it('refuses AI questions and MCP on plans without them', async () => {
    await onPlan('free');
    const token = await owner();
    const ask = await api.request('/api/brands/b1/ask', {
      method: 'POST',
      token,
      json: { question: 'ROAS?' },
    });
    expect(ask.status).toBe(402);
    expect(
      ((await ask.json()) as { error: { code: string; details: { upgradeTo: string } } }).error,
    ).toMatchObject({
      code: 'feature_not_in_plan',
      details: { feature: 'ai_questions', upgradeTo: 'starter' },
    });
    const mcp = await api.request('/mcp', {
      method: 'POST',
      token,
      json: { jsonrpc: '2.0', id: 1, method: 'ping' },
    });
    expect(mcp.status).toBe(402);
  });
});
