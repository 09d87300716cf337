import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRAND } from '../../infra/local/seed';
import { factsFor } from '../../infra/sandbox/ads/facts';
import { sandboxFixingDay } from '../../infra/sandbox/ads/serve';
import { perAdGroup } from '../../infra/sandbox/tiktok';
import { REGIONS, usdPer } from '../../infra/sandbox/world';
import type { AdPlatform } from '../../shared/domain/entities';
import { convertMinor } from '../../shared/domain/money';
import { addDays, type LocalDate } from '../../shared/domain/time';
import { integrationSecretName } from '../../shared/ports/secret-store';
import { type AdsWorld, startAdsWorld } from './ads-fixture';

const END = '2026-03-10' as LocalDate;
const FROM = addDays(END, -27);
const PLATFORMS: AdPlatform[] = ['meta', 'tiktok', 'google_ads'];

interface Totals {
  spend: number;
  original: number;
  impressions: number;
  clicks: number;
  conversions: number;
}

async function totals(world: AdsWorld, platform: AdPlatform, date?: string): Promise<Totals> {
  const [row] = await world.deps.warehouse.query<Totals>(
    world.ctx,
    `SELECT COALESCE(SUM(spend_minor), 0) AS spend, COALESCE(SUM(spend_original_minor), 0) AS original,
            COALESCE(SUM(impressions), 0) AS impressions, COALESCE(SUM(clicks), 0) AS clicks,
            COALESCE(SUM(platform_conversions), 0) AS conversions
       FROM {{ad_performance}} WHERE brand_id = @brand AND platform = @platform ${date ? 'AND date = CAST(@date AS DATE)' : ''}`,
    { brand: DEMO_BRAND, platform, ...(date ? { date } : {}) },
  );
  return row!;
}

/**
 * What the sandbox itself reports, summed; spend converted to USD per row with the day's fixing.
 * TikTok (the EUR account) is synced per ad group, so its rows are the ad-group parts: converting
 * each part rounds on its own, which can move the USD sum by a cent per part, never the EUR one.
 */
function sandboxTotals(platform: AdPlatform, from: LocalDate, to: LocalDate, asOf: LocalDate): Totals {
  const campaignFacts = factsFor(platform, from, to, asOf);
  const facts = platform === 'tiktok' ? campaignFacts.flatMap(perAdGroup) : campaignFacts;
  const sum = (f: (x: (typeof facts)[number]) => number) => facts.reduce((s, x) => s + f(x), 0);
  return {
    spend: sum((x) =>
      convertMinor(
        x.spendMinor,
        x.campaign.accountCurrency,
        'USD',
        usdPer(x.campaign.accountCurrency, sandboxFixingDay(x.date)),
      ),
    ),
    original: sum((x) => x.spendMinor),
    impressions: sum((x) => x.impressions),
    clicks: sum((x) => x.clicks),
    conversions: sum((x) => x.conversions),
  };
}

describe('ad sync against the sandboxes', () => {
  let world: AdsWorld;
  beforeAll(async () => {
    world = await startAdsWorld({ endDate: END });
    for (const p of PLATFORMS) await world.sync(p);
  });
  afterAll(() => world?.close());

  it.each(PLATFORMS)('%s: totals equal the sandbox’s own over the trailing 28 days', async (platform) => {
    const got = await totals(world, platform);
    const want = sandboxTotals(platform, FROM, END, END);
    expect(got.spend).toBe(want.spend);
    expect(got.original).toBe(want.original);
    expect(got.impressions).toBe(want.impressions);
    expect(got.clicks).toBe(want.clicks);
    expect(got.conversions).toBeCloseTo(want.conversions, 1);
  });

  it('the EUR account is converted to USD with each day’s rate, and the rate is recorded', async () => {
    const rows = await world.deps.warehouse.query<{
      date: string;
      fx_rate: number;
      original_currency: string;
    }>(
      world.ctx,
      `SELECT DISTINCT date, fx_rate, original_currency FROM {{ad_performance}} WHERE platform = 'tiktok' ORDER BY date`,
    );
    expect(rows.every((r) => r.original_currency === 'EUR')).toBe(true);
    for (const r of rows) expect(r.fx_rate).toBe(usdPer('EUR', sandboxFixingDay(r.date as LocalDate)));
    const t = await totals(world, 'tiktok');
    expect(t.spend).not.toBe(t.original);
  });

  it('records each account’s timezone and maps region names to ISO 3166-2', async () => {
    const rows = await world.deps.warehouse.query<{
      platform: string;
      region: string | null;
      account_timezone: string;
    }>(world.ctx, `SELECT DISTINCT platform, region, account_timezone FROM {{ad_performance}}`);
    const known = new Set(REGIONS.map((r) => r.code));
    for (const p of PLATFORMS) {
      const regions = rows.filter((r) => r.platform === p && r.region).map((r) => r.region!);
      expect(new Set(regions)).toEqual(known);
    }
    expect(rows.find((r) => r.platform === 'google_ads')?.account_timezone).toBe('America/Los_Angeles');
    expect(rows.find((r) => r.platform === 'tiktok')?.account_timezone).toBe('Europe/Berlin');
  });

  it('marks the integration connected, records a sync run and publishes brand.synced with the range', async () => {
    for (const platform of PLATFORMS) {
      const integration = await world.deps.store.integrations.getPlatform(world.ctx, DEMO_BRAND, platform);
      expect(integration).toMatchObject({ status: 'connected', lastSyncAt: expect.any(String) });
      expect(integration?.lastError).toBeUndefined();
    }
    const runs = await world.deps.store.syncRuns.list(world.ctx, DEMO_BRAND);
    expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(3);
    expect(world.published.map((m) => [m.platform, m.range])).toEqual(
      PLATFORMS.map((p) => [p, { from: FROM, to: END }]),
    );
  });

  it('records each synced account with the currency and timezone its platform states', async () => {
    const accounts = await world.deps.store.adAccounts.list(world.ctx, DEMO_BRAND);
    const tz = await world.deps.warehouse.query<{
      platform: string;
      account_id: string;
      account_timezone: string;
      original_currency: string;
    }>(
      world.ctx,
      `SELECT DISTINCT platform, account_id, account_timezone, original_currency FROM {{ad_performance}}`,
    );
    expect(accounts.map((a) => [a.id, a.currency, a.timezone]).sort()).toEqual(
      tz.map((r) => [`${r.platform}:${r.account_id}`, r.original_currency, r.account_timezone]).sort(),
    );
    expect(accounts.length).toBeGreaterThanOrEqual(PLATFORMS.length);
    // Each platform states the account's name (Meta `name`, TikTok `name`, Google `descriptive_name`).
    expect(accounts.filter((a) => !a.name)).toEqual([]);
  });

  it('a re-sync changes nothing', async () => {
    const snapshot = () =>
      world.deps.warehouse.query(
        world.ctx,
        `SELECT * EXCLUDE (synced_at) FROM {{ad_performance}} ORDER BY platform, campaign_id, date, country, region`,
      );
    const before = await snapshot();
    for (const p of PLATFORMS) await world.sync(p);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps a campaign snapshot with budgets and statuses', async () => {
    const rows = await world.deps.warehouse.query<{
      campaign_id: string;
      daily_budget_minor: number;
      status: string;
    }>(
      world.ctx,
      `SELECT campaign_id, daily_budget_minor, status FROM {{campaigns}} WHERE platform = 'meta' ORDER BY campaign_id`,
    );
    expect(rows[0]).toEqual({
      campaign_id: 'meta:act_1001:120210000000101',
      daily_budget_minor: 90_000,
      status: 'active',
    });
  });

  it('google_ads: maps each click id click_view lists over the last days to its campaign', async () => {
    const rows = await world.deps.warehouse.query<{ date: string; click_id: string; campaign: string }>(
      world.ctx,
      `SELECT CAST(date AS VARCHAR) AS date, click_id, campaign FROM {{click_campaigns}}
        WHERE platform = 'google_ads' AND source = 'click_view' ORDER BY date, click_id`,
    );
    // The sandbox lists up to 20 clicks per campaign, region and day, each with a gclid that names them.
    const days = [addDays(END, -2), addDays(END, -1), END];
    const want = days
      .flatMap((day) => factsFor('google_ads', day, day, END))
      .flatMap((f) =>
        Array.from({ length: Math.min(f.clicks, 20) }, (_, k) => ({
          date: f.date,
          click_id: `Cj0KCQ${f.campaign.nativeId}${f.date.replace(/-/g, '')}${f.region.code.replace('-', '')}${k}`,
          nativeId: f.campaign.nativeId,
        })),
      );
    expect(want.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.click_id).sort()).toEqual(want.map((w) => w.click_id).sort());
    const byClick = new Map(rows.map((r) => [r.click_id, r]));
    for (const w of want) {
      const row = byClick.get(w.click_id)!;
      expect(row.date).toBe(w.date);
      expect(row.campaign).toContain(w.nativeId);
    }
  });

  it('refreshes an expired token, stores the new one and finishes the sync', async () => {
    world.sandboxes.google.tokens.expireAll();
    await world.sync('google_ads');
    expect(world.sandboxes.google.tokens.refreshes).toBe(1);
    const stored = JSON.parse(
      (await world.deps.secrets.get(world.ctx, integrationSecretName(DEMO_BRAND, 'google_ads')))!,
    );
    expect(world.sandboxes.google.tokens.accepts(stored.accessToken)).toBe(true);
    expect(world.logger.lines.join('\n')).not.toContain(stored.accessToken);
  });
});

describe('restatements', () => {
  let world: AdsWorld;
  beforeAll(async () => {
    world = await startAdsWorld({ endDate: END });
  });
  afterAll(() => world?.close());

  it('a restated day replaces the old figure', async () => {
    const day = addDays(END, -1);
    await world.sync('meta');
    const first = await totals(world, 'meta', day);
    expect(first.original).toBe(sandboxTotals('meta', day, day, END).original);

    const next = addDays(END, 1);
    world.sandboxes.setEndDate(next);
    world.clock.advance(86_400_000);
    await world.sync('meta');
    const second = await totals(world, 'meta', day);
    expect(second.original).toBe(sandboxTotals('meta', day, day, next).original);
    expect(second.original).toBeGreaterThan(first.original);
  });
});

describe('backfill', () => {
  let world: AdsWorld;
  beforeAll(async () => {
    world = await startAdsWorld({ endDate: END });
  });
  afterAll(() => world?.close());

  it.each(PLATFORMS)(
    '%s: a backfill reads the whole history the sandbox has (TikTok in 30-day chunks)',
    async (platform) => {
      await world.sync(platform, 'backfill');
      const got = await totals(world, platform);
      const want = sandboxTotals(platform, addDays(END, -364), END, END);
      expect(got.original).toBe(want.original);
      expect(got.spend).toBe(want.spend);
      expect(world.published.at(-1)?.range).toEqual({ from: addDays(END, -364), to: END });
    },
  );
});

describe('faults', () => {
  let world: AdsWorld;
  beforeAll(async () => {
    world = await startAdsWorld({
      endDate: END,
      faults: { throttleEvery: 3, serverErrorEvery: 4, timeoutEvery: 5, badPageEvery: 7, hangMs: 1_000 },
    });
  });
  afterAll(() => world?.close());

  it.each(PLATFORMS)(
    '%s: throttling, 5xx, timeouts and bad pages slow the sync but do not break it',
    async (platform) => {
      await world.sync(platform);
      expect(await totals(world, platform)).toMatchObject({
        spend: sandboxTotals(platform, FROM, END, END).spend,
        impressions: sandboxTotals(platform, FROM, END, END).impressions,
      });
      const sandbox = {
        meta: world.sandboxes.meta,
        tiktok: world.sandboxes.tiktok,
        google_ads: world.sandboxes.google,
      }[platform];
      expect(sandbox.faults.throttle).toBeGreaterThan(0);
      expect(sandbox.faults.server_error).toBeGreaterThan(0);
    },
  );
});

describe('a sync that cannot authenticate', () => {
  let world: AdsWorld;
  beforeAll(async () => {
    world = await startAdsWorld({ endDate: END });
  });
  afterAll(() => world?.close());

  it('records a refused token refresh on the integration and sync run, publishes nothing and does not retry', async () => {
    const name = integrationSecretName(DEMO_BRAND, 'tiktok');
    const stored = JSON.parse((await world.deps.secrets.get(world.ctx, name))!);
    await world.deps.secrets.put(world.ctx, name, JSON.stringify({ ...stored, refreshToken: 'revoked' }));
    world.sandboxes.tiktok.tokens.expireAll();

    await expect(world.sync('tiktok')).resolves.toBeUndefined();
    const integration = await world.deps.store.integrations.getPlatform(world.ctx, DEMO_BRAND, 'tiktok');
    expect(integration).toMatchObject({
      status: 'error',
      lastError: expect.stringContaining('refresh_token'),
    });
    const [run] = await world.deps.store.syncRuns.list(world.ctx, DEMO_BRAND);
    expect(run).toMatchObject({ platform: 'tiktok', status: 'failed' });
    expect(world.published).toEqual([]);
  });
});
