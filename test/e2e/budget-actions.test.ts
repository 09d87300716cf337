import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRAND } from '../../infra/local/seed';
import { sandboxFixingDay } from '../../infra/sandbox/ads/serve';
import { usdPer } from '../../infra/sandbox/world';
import { convertMinor } from '../../shared/domain/money';
import { NotFoundError, ValidationError } from '../../shared/kernel/errors';
import { createBudgetActions } from '../../shared/platforms/ads/budget-actions';
import type { ApprovedBudgetAction, BudgetAction, BudgetActions } from '../../shared/ports/budget-actions';
import { type AdsWorld, startAdsWorld } from './ads-fixture';

const END = '2026-03-10';
const META = 'meta:act_1001:120210000000102';
const TIKTOK = 'tiktok:7000000000002:1790000000000202';
const GOOGLE = 'google_ads:1234567890:20000000302';

const approve = (action: BudgetAction, approvedBy = 'uid-owner'): ApprovedBudgetAction => ({
  action,
  approvedBy,
  approvedAt: '2026-03-10T16:00:00Z',
  sourceRecommendationId: 'rec-1',
});
const budget = (
  platform: BudgetAction['platform'],
  campaignId: string,
  dailyBudgetMinor: number,
  currency = 'USD',
) =>
  ({
    kind: 'set_daily_budget',
    brandId: DEMO_BRAND,
    platform,
    campaignId,
    dailyBudgetMinor,
    currency,
  }) as const;

describe('budget actions against the sandboxes', () => {
  let world: AdsWorld;
  let actions: BudgetActions;
  beforeAll(async () => {
    world = await startAdsWorld({ endDate: END });
    actions = createBudgetActions(
      { ...world.deps, fx: world.fx },
      { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    );
  });
  afterAll(() => world?.close());

  it('a dry run reads the campaign, audits it and changes nothing', async () => {
    const result = await actions.execute(world.ctx, approve(budget('meta', META, 40_000)), { dryRun: true });
    expect(result).toEqual({
      dryRun: true,
      before: { status: 'active', dailyBudgetMinor: 25_000 },
      after: { status: 'active', dailyBudgetMinor: 25_000 },
    });
    expect(world.sandboxes.meta.settings.get('120210000000102')?.dailyBudgetMinor).toBe(25_000);
    const [event] = await world.deps.store.auditEvents.list(world.ctx, { brandId: DEMO_BRAND });
    expect(event).toMatchObject({
      action: 'budget.set_daily_budget',
      target: META,
      details: { dryRun: true },
    });
  });

  it('an approved budget change reaches Meta and is audited with before and after', async () => {
    const result = await actions.execute(world.ctx, approve(budget('meta', META, 40_000)));
    expect(result.after.dailyBudgetMinor).toBe(40_000);
    expect(world.sandboxes.meta.settings.get('120210000000102')?.dailyBudgetMinor).toBe(40_000);
    const events = await world.deps.store.auditEvents.list(world.ctx, { brandId: DEMO_BRAND });
    expect(events.find((e) => e.details.dryRun === false)).toMatchObject({
      actor: 'uid-owner',
      details: {
        before: { dailyBudgetMinor: 25_000 },
        after: { dailyBudgetMinor: 40_000 },
        sourceRecommendationId: 'rec-1',
      },
    });
  });

  it('pauses and resumes a TikTok campaign', async () => {
    await actions.execute(
      world.ctx,
      approve({ kind: 'pause', brandId: DEMO_BRAND, platform: 'tiktok', campaignId: TIKTOK }),
    );
    expect(world.sandboxes.tiktok.settings.get('1790000000000202')?.status).toBe('paused');
    const resumed = await actions.execute(
      world.ctx,
      approve({ kind: 'resume', brandId: DEMO_BRAND, platform: 'tiktok', campaignId: TIKTOK }),
    );
    expect(resumed).toMatchObject({ before: { status: 'paused' }, after: { status: 'active' } });
  });

  it('converts a USD budget into the EUR account’s currency with the day’s rate', async () => {
    await actions.execute(world.ctx, approve(budget('tiktok', TIKTOK, 10_000, 'USD')));
    const rate = 1 / usdPer('EUR', sandboxFixingDay('2026-03-10' as never));
    expect(world.sandboxes.tiktok.settings.get('1790000000000202')?.dailyBudgetMinor).toBe(
      convertMinor(10_000, 'USD', 'EUR', rate),
    );
  });

  it('changes a Google Ads campaign budget through campaignBudgets:mutate', async () => {
    const result = await actions.execute(world.ctx, approve(budget('google_ads', GOOGLE, 55_500)));
    expect(result).toMatchObject({
      before: { dailyBudgetMinor: 40_000 },
      after: { dailyBudgetMinor: 55_500 },
    });
    await actions.execute(
      world.ctx,
      approve({ kind: 'pause', brandId: DEMO_BRAND, platform: 'google_ads', campaignId: GOOGLE }),
    );
    expect(world.sandboxes.google.settings.get('20000000302')).toEqual({
      status: 'paused',
      dailyBudgetMinor: 55_500,
    });
  });

  it('refuses an action nobody approved, and the campaign stays as it was', async () => {
    const before = world.sandboxes.meta.settings.get('120210000000102');
    await expect(actions.execute(world.ctx, approve(budget('meta', META, 99_000), ' '))).rejects.toThrow(
      ValidationError,
    );
    expect(world.sandboxes.meta.settings.get('120210000000102')).toEqual(before);
  });

  it('refuses a campaign on an ad account not connected to the brand', async () => {
    await expect(
      actions.execute(world.ctx, approve(budget('meta', 'meta:act_999:120210000000102', 1_000))),
    ).rejects.toThrow(NotFoundError);
  });

  it('refuses a brand outside the caller’s allow-list', async () => {
    const agencyUser = { ...world.ctx, uid: 'u2', role: 'admin' as const, brandIds: ['other-brand'] };
    await expect(actions.execute(agencyUser, approve(budget('meta', META, 1_000)))).rejects.toThrow(
      NotFoundError,
    );
    expect(world.sandboxes.meta.settings.get('120210000000102')?.dailyBudgetMinor).toBe(40_000);
  });
});
