import { loadBrandWindow, WINDOW_DAYS } from '../attribution/brand-window';
import { createAcquisitionQueries } from '../customers/acquisition';
import { detectAlerts } from '../domain/alerts';
import type { SyncRun } from '../domain/entities';
import { generateRecommendations } from '../domain/recommendations';
import { judgedDay, olderWindowNote, stockDay } from '../domain/reporting/judged-window';
import { lastCompleteDay } from '../domain/reporting/named-period';
import { systemContext } from '../domain/tenancy';
import { addDays, type LocalDate, localDate, toLocalDate } from '../domain/time';
import type { Logger } from '../kernel/logging/logger';
import type { Clock, Ids } from '../ports/clock';
import type { EventBus, TopicMessage } from '../ports/events';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';
import { createPerformanceQueries } from '../reporting/read-model/performance-queries';
import { syncAlerts, syncRecommendations } from './action-sync';
import { createEngageSuggestions, type EngagementConversion } from './engage-suggestions';
import { createRecommendationService } from './service';
import { type EngagementStockoutPause, pauseEngagementOnStockouts } from './stockout-engagement';

export type RecommendJobDeps = {
  store: OperationalStore;
  warehouse: Warehouse;
  bus: EventBus;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Pauses engagement featuring a product out of stock; absent where engagement is not wired. */
  engagementPause?: EngagementStockoutPause;
  /** The brand's measured campaign conversion (decision 951); absent: the stated rates of 931. */
  engagementConversion?: EngagementConversion;
};

function latestRunPerPlatform(runs: readonly SyncRun[]): SyncRun[] {
  const latest = new Map<string, SyncRun>();
  for (const r of runs) {
    const seen = latest.get(r.platform);
    if (!seen || r.startedAt > seen.startedAt) latest.set(r.platform, r);
  }
  return [...latest.values()];
}

/** Alerts about what the data shows (not about syncs or budgets), which say the day they judged. */
const DATA_ALERTS: ReadonlySet<string> = new Set([
  'roas_drop',
  'anomaly',
  'stockout_risk',
  'spending_on_stockout',
]);

/**
 * `recommend` on `attribution.completed`: evaluates the rules and alert conditions for the brand
 * over complete days — up to the last complete day (or the attributed range's last day, if older),
 * or the brand's last day with data when that is older still (an imported store; decision 971),
 * saying so in each text — with stock as the pass recorded it (decision 977); reconciles them with
 * what is stored (idempotent under redelivery), measures outcomes of past decisions, and announces
 * what is new.
 */
export function createRecommendJob(deps: RecommendJobDeps) {
  const queries = createPerformanceQueries(deps.warehouse);
  const service = createRecommendationService(deps);
  const acquisition = createAcquisitionQueries(deps.warehouse);
  const engageSuggestions = createEngageSuggestions(deps);

  return async function recommend(message: TopicMessage<'attribution.completed'>) {
    const ctx = systemContext(message.tenantId, 'recommend', message.traceparent);
    const log = deps.logger.child({ tenant: message.tenantId, brand: message.brandId });
    const brand = await deps.store.brands.get(ctx, message.brandId);
    if (!brand) {
      log.warn('recommend: brand no longer exists; nothing to do');
      return { opened: 0, updated: 0, expired: 0, raised: 0 };
    }
    const now = deps.clock.now();
    const today = toLocalDate(now, brand.timezone);
    const latestWithData = await queries.latestDate(ctx, brand.id, brand.targets.attributionModel);
    // Sales, spend and curves over complete days; stock as the pass recorded it on its own day,
    // today, after them (decision 977). A window older than that (an imported store's last days, a
    // re-run over an older range) reads stock as it was then, as before.
    const passTo = localDate(message.range.to);
    const complete = lastCompleteDay(today);
    const asOf: LocalDate = judgedDay({ passTo, latestWithData, today });
    const current = asOf >= complete;
    const stockAsOf = stockDay({ judged: asOf, passTo, today });
    const recsNote = olderWindowNote(
      { from: addDays(asOf, -(WINDOW_DAYS - 1)), to: asOf },
      today,
      latestWithData,
    );
    const alertsNote = olderWindowNote({ from: asOf, to: asOf }, today, latestWithData);
    const month = now.toISOString().slice(0, 7);
    const [window, integrations, runs, tenant, usage] = await Promise.all([
      loadBrandWindow({ store: deps.store, queries, acquisition }, ctx, brand, asOf, stockAsOf),
      deps.store.integrations.list(ctx, brand.id),
      deps.store.syncRuns.list(ctx, brand.id, { limit: 50 }),
      deps.store.tenants.get(ctx),
      deps.store.aiUsage.month(ctx, month),
    ]);

    // Ads can finish their first sync before the store's orders are in; a pass then sees spend
    // and no sales. Judging spend against revenue waits for the store's first sync, or every
    // campaign would be "spending for nothing" until it lands.
    const shopify = integrations.find((i) => i.platform === 'shopify');
    const awaitingOrders = shopify !== undefined && shopify.lastSyncAt === undefined;
    if (awaitingOrders) log.info('recommend: waiting for the first Shopify sync before judging spend');
    const drafts = awaitingOrders
      ? []
      : [
          ...generateRecommendations(window.recommendations),
          ...(await engageSuggestions(ctx, brand, window.recommendations, asOf)),
        ]
          .sort((a, b) => b.score - a.score || a.dedupeKey.localeCompare(b.dedupeKey))
          .map((d) => (recsNote ? { ...d, reason: `${d.reason} ${recsNote}` } : d));
    const recs = await syncRecommendations(deps.store, ctx, brand.id, drafts, now.toISOString());
    // Messages are paused on stock as it is now: a pass over an older range (a re-attribution)
    // sees stock as it was then, and leaves engagement alone.
    const { engagementPause } = deps;
    const pausedAlerts =
      engagementPause && current && !awaitingOrders
        ? await pauseEngagementOnStockouts({ ...deps, pause: engagementPause }, ctx, brand, window.products)
        : [];
    const alerts = await syncAlerts(
      deps.store,
      ctx,
      brand.id,
      [
        ...pausedAlerts,
        ...detectAlerts({
          brandId: brand.id,
          currency: brand.currency,
          asOf,
          lastCompleteDay: complete,
          targets: brand.targets,
          recentDays: window.recommendations.recentDays,
          daily: awaitingOrders
            ? []
            : window.daily.map((d) => ({
                date: localDate(d.date),
                spendMinor: d.spend_minor,
                revenueMinor: d.revenue_minor,
              })),
          products: awaitingOrders ? [] : window.products,
          integrations,
          latestRuns: latestRunPerPlatform(runs),
          ...(tenant
            ? {
                aiBudget: { month, usedMicros: usage.costMicros, budgetMicros: tenant.aiMonthlyBudgetMicros },
              }
            : {}),
        }).map((a) =>
          alertsNote && DATA_ALERTS.has(a.type) ? { ...a, explanation: `${a.explanation} ${alertsNote}` } : a,
        ),
      ],
      now.toISOString(),
    );
    const measured = await service.measureOutcomes(ctx, brand.id, asOf);

    const envelope = {
      tenantId: message.tenantId,
      brandId: brand.id,
      ...(message.traceparent ? { traceparent: message.traceparent } : {}),
    };
    for (const alert of alerts.raised) {
      await deps.bus.publish('alert.raised', {
        ...envelope,
        alertId: alert.id,
        // The raise's own time: createdAt for a new one, and later for a snoozed one that got worse,
        // so that second announcement is not taken for a redelivery of the first.
        idempotencyKey: `alert.raised:${alert.id}:${alert.updatedAt}`,
      });
    }
    await deps.bus.publish('recommendations.generated', {
      ...envelope,
      opened: recs.opened,
      updated: recs.updated,
      idempotencyKey: `recommendations.generated:${message.idempotencyKey}`,
    });
    log.info('recommendations and alerts evaluated', {
      asOf,
      ...recs,
      alertsRaised: alerts.raised.length,
      alertsResolved: alerts.resolved,
      outcomesMeasured: measured,
    });
    return { ...recs, raised: alerts.raised.length };
  };
}
export type RecommendJob = ReturnType<typeof createRecommendJob>;
