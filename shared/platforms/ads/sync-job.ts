import { toAdPerformanceRows, toCampaignRows } from '../../domain/ads/normalize';
import type { AdAccount, AdCampaign, AdReportRow } from '../../domain/ads/report';
import type { AdPlatform, Integration, SyncRun } from '../../domain/entities';
import { adAccountDocId } from '../../domain/entities/ad-account';
import { systemContext, type TenantContext } from '../../domain/tenancy';
import { addDays, type LocalDate, toLocalDate } from '../../domain/time';
import { NotFoundError, ValidationError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logging/logger';
import type { Ids } from '../../ports/clock';
import type { EventBus } from '../../ports/events';
import type { FxRates } from '../../ports/fx-rates';
import type { Warehouse } from '../../ports/warehouse';
import { syncTaskSchema } from '../sync-requests';
import type { ClickCampaign } from './connector';
import { type AdSession, type AdSessionDeps, type AdSessionOptions, openAdSession } from './session';
import { syncFailure } from './sync-failure';

/**
 * `sync-meta`, `sync-tiktok`, `sync-google-ads`: one brand × platform per task. Platforms restate
 * recent days (late conversions, invalid-click credits), so every sync re-reads a trailing window
 * and replaces exactly those dates for that platform — a re-run never double counts.
 */
export interface SyncAdsOptions extends AdSessionOptions {
  /** Days re-read by an incremental sync (ending today, brand-local). */
  trailingDays?: number;
  /** Days read by a backfill. */
  backfillDays?: number;
  /**
   * Days of click ids (Google Ads click_view) read by an incremental sync: a click's order usually
   * follows within hours, and each day costs one query per account. A backfill reads 90, as far
   * back as click_view goes.
   */
  clickDays?: number;
}
export type SyncAdsDeps = AdSessionDeps & { warehouse: Warehouse; bus: EventBus; ids: Ids } & { fx: FxRates };

export const DEFAULT_TRAILING_DAYS = 28;
export const DEFAULT_BACKFILL_DAYS = 365;
export const DEFAULT_CLICK_DAYS = 3;
/** click_view answers for dates up to 90 days before the request (ClickView reference). */
const CLICK_VIEW_MAX_DAYS = 90;

export function createSyncAdsJob(deps: SyncAdsDeps, platform: AdPlatform, options: SyncAdsOptions = {}) {
  const trailing = options.trailingDays ?? DEFAULT_TRAILING_DAYS;
  const backfill = options.backfillDays ?? DEFAULT_BACKFILL_DAYS;
  const clickDays = options.clickDays ?? DEFAULT_CLICK_DAYS;

  /**
   * The accounts this sync read, with the currency and timezone the platform states, beside those
   * imports created (decision 822): a name or creation time already known is kept.
   */
  async function recordAccounts(
    ctx: TenantContext,
    brandId: string,
    accounts: readonly AdAccount[],
    at: string,
  ): Promise<void> {
    const ids = accounts.map((a) => adAccountDocId(platform, a.accountId));
    const known = await deps.store.adAccounts.getMany(ctx, brandId, ids);
    await deps.store.adAccounts.upsertMany(
      ctx,
      brandId,
      accounts.map((a, i) => {
        const before = known.get(ids[i]!);
        return {
          ...before,
          id: ids[i]!,
          platform,
          accountId: a.accountId,
          ...(a.name ? { name: a.name.slice(0, 200) } : {}),
          currency: a.currency,
          timezone: a.timezone,
          createdAt: before?.createdAt ?? at,
          updatedAt: at,
        };
      }),
    );
  }

  return async function syncAds(
    payload: unknown,
  ): Promise<{ rows: number; from: string; to: string } | undefined> {
    const task = syncTaskSchema.parse(payload);
    if (task.platform !== platform)
      throw new ValidationError(`sync-${platform} received a ${task.platform} task`);
    const ctx = systemContext(task.tenantId, `sync-${platform}`, task.traceparent);
    const log = deps.logger.child({ tenant: task.tenantId, brand: task.brandId, platform });
    const brand = await deps.store.brands.get(ctx, task.brandId);
    const integration = await deps.store.integrations.getPlatform(ctx, task.brandId, platform);
    if (!brand || !integration || integration.status === 'disconnected') {
      // Nothing to retry: the brand or its connection is gone. Acknowledge and say so.
      log.warn('sync skipped: brand or integration missing');
      return undefined;
    }
    const now = deps.clock.now();
    const to = toLocalDate(now, brand.timezone);
    const from = addDays(to, -((task.mode === 'backfill' ? backfill : trailing) - 1));
    const run: SyncRun = {
      id: deps.ids.next(),
      brandId: brand.id,
      platform,
      status: 'running',
      stage: 'reading',
      counts: {},
      from,
      to,
      startedAt: now.toISOString(),
    };
    await deps.store.syncRuns.upsert(ctx, brand.id, run);
    await setIntegration(ctx, brand.id, integration, { status: 'syncing' });
    try {
      const session = await openAdSession(deps, ctx, brand.id, platform, options);
      if (integration.accountIds.length === 0)
        throw new NotFoundError(`no ${platform} ad account selected for brand ${brand.id}`);
      const clicksFrom = maxDate(
        from,
        addDays(to, -((task.mode === 'backfill' ? CLICK_VIEW_MAX_DAYS : clickDays) - 1)),
      );
      const { accounts, rows, campaigns, clicks } = await readAccounts(
        session,
        integration.accountIds,
        { from, to, clicksFrom },
        log,
      );
      const rates = await deps.fx.series([...accounts.map((a) => a.currency), brand.currency], from, to);
      const timezones = new Map(accounts.map((a) => [a.accountId, a.timezone]));
      const syncedAt = deps.clock.now().toISOString();
      const performance = toAdPerformanceRows(rows, {
        brandId: brand.id,
        brandCurrency: brand.currency,
        accountTimezone: (id) => timezones.get(id),
        rates,
        syncedAt,
      });
      const scope = { brandId: brand.id, match: { platform } };
      await deps.warehouse.replaceRange(ctx, 'ad_performance', { ...scope, from, to }, performance);
      await deps.warehouse.replaceRange(
        ctx,
        'campaigns',
        { ...scope, from: to, to },
        toCampaignRows(campaigns, brand.id, to),
      );
      if (clicks)
        await deps.warehouse.replaceRange(
          ctx,
          'click_campaigns',
          { brandId: brand.id, from: clicksFrom, to, match: { platform, source: 'click_view' } },
          clicks.map((k) => ({
            brand_id: brand.id,
            date: k.date,
            platform,
            click_id: k.clickId,
            campaign: k.campaignId,
            source: 'click_view',
          })),
        );
      await recordAccounts(ctx, brand.id, accounts, syncedAt);
      const first = accounts[0];
      await setIntegration(ctx, brand.id, integration, {
        status: 'connected',
        lastSyncAt: syncedAt,
        lastError: undefined,
        ...(first ? { accountTimezone: first.timezone, accountCurrency: first.currency } : {}),
      });
      const counts = {
        rows: performance.length,
        campaigns: campaigns.length,
        accounts: accounts.length,
        ...(clicks ? { clickIds: clicks.length } : {}),
      };
      await deps.store.syncRuns.upsert(ctx, brand.id, {
        ...run,
        status: 'succeeded',
        stage: 'done',
        counts,
        finishedAt: syncedAt,
      });
      await deps.bus.publish('brand.synced', {
        tenantId: task.tenantId,
        brandId: brand.id,
        platform,
        idempotencyKey: `synced:${task.idempotencyKey}`,
        range: { from, to },
        ...(task.traceparent ? { traceparent: task.traceparent } : {}),
      });
      log.info('ad sync finished', { ...counts, from, to, tokenRefreshed: session.refreshed });
      return { rows: performance.length, from, to };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failure = syncFailure(platform, err);
      await setIntegration(ctx, brand.id, integration, { status: 'error', lastError: failure.lastError });
      await deps.store.syncRuns.upsert(ctx, brand.id, {
        ...run,
        status: 'failed',
        error: message,
        finishedAt: deps.clock.now().toISOString(),
      });
      log.error('ad sync failed', { error: err, retry: failure.retry });
      // Production alerts count this line (terraform/monitoring.tf): one is enough to page.
      if (failure.operator) log.error('ad platform refused pulsepoint app', { error: message });
      // Retrying cannot fix a missing connection, a refused token or a missing permission: the
      // integration says what to do instead (decision 1015).
      if (!failure.retry) return undefined;
      throw err;
    }
  };

  async function setIntegration(
    ctx: TenantContext,
    brandId: string,
    current: Integration,
    change: Partial<Integration>,
  ) {
    const latest = (await deps.store.integrations.getPlatform(ctx, brandId, platform)) ?? current;
    const next: Integration = { ...latest, ...change, updatedAt: deps.clock.now().toISOString() };
    if (change.lastError === undefined && 'lastError' in change) delete next.lastError;
    await deps.store.integrations.upsert(ctx, brandId, next);
  }
}
export type SyncAdsJob = ReturnType<typeof createSyncAdsJob>;

const maxDate = (a: LocalDate, b: LocalDate) => (a > b ? a : b);

/** Reads every account of the integration before anything is written, so a failure writes nothing. */
async function readAccounts(
  session: AdSession,
  accountIds: readonly string[],
  range: { from: LocalDate; to: LocalDate; clicksFrom: LocalDate },
  log: Logger,
) {
  const { from, to } = range;
  const accounts: AdAccount[] = [];
  const rows: AdReportRow[] = [];
  const campaigns: AdCampaign[] = [];
  // Null when the platform does not say which campaign a click id came from.
  let clicks: ClickCampaign[] | null = null;
  for (const accountId of accountIds) {
    const account = await session.run((c) => c.account(accountId));
    const report = await session.run((c) => c.report(account, from, to));
    if (report.unmappedRegions.length)
      log.warn('region names not in the ISO 3166-2 table; kept as country only', {
        account: accountId,
        names: report.unmappedRegions,
      });
    accounts.push(account);
    rows.push(...report.rows);
    campaigns.push(...(await session.run((c) => c.campaigns(account))));
    for (let day = range.clicksFrom; day <= to; day = addDays(day, 1)) {
      const found = await session.run(async (c) =>
        c.clickCampaigns ? c.clickCampaigns(account, day) : null,
      );
      if (found) clicks = [...(clicks ?? []), ...found];
    }
  }
  return { accounts, rows, campaigns, clicks };
}
