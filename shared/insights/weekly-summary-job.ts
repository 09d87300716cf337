import { systemContext } from '../domain/tenancy';
import { addDays, toLocalDate, weekStart } from '../domain/time';
import { BudgetExceededError } from '../kernel/errors';
import type { Logger } from '../kernel/logging/logger';
import type { Clock } from '../ports/clock';
import type { OperationalStore, SystemDirectory } from '../ports/operational-store';
import type { InsightsService } from './service';

/**
 * `weekly-summary` (Monday cron): one AI summary per brand of every tenant for the week that just
 * ended, stored as a Question. A brand over its AI budget, or one that fails, is logged and
 * skipped so the others still get theirs; re-runs of the same week cost nothing.
 */
export function createWeeklySummaryJob(
  deps: { store: OperationalStore; directory: SystemDirectory; clock: Clock; logger: Logger } & {
    insights: InsightsService;
  },
) {
  return async function weeklySummary(): Promise<{ created: number; skipped: number; failed: number }> {
    const counts = { created: 0, skipped: 0, failed: 0 };
    for (const tenantId of await deps.directory.listTenantIds()) {
      const ctx = systemContext(tenantId, 'weekly-summary');
      for (const brand of await deps.store.brands.list(ctx)) {
        // The week that ended: the Monday before the brand's current local week.
        const week = addDays(weekStart(toLocalDate(deps.clock.now(), brand.timezone)), -7);
        try {
          const { created } = await deps.insights.weeklySummary(ctx, brand, week);
          counts[created ? 'created' : 'skipped']++;
        } catch (err) {
          counts.failed++;
          deps.logger[err instanceof BudgetExceededError ? 'warn' : 'error']('weekly summary not written', {
            tenant: tenantId,
            brand: brand.id,
            error: err,
          });
        }
      }
    }
    deps.logger.info('weekly summaries', counts);
    return counts;
  };
}
