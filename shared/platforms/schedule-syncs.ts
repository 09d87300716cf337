import { systemContext } from '../domain/tenancy';
import type { Logger } from '../kernel/logging/logger';
import type { Clock } from '../ports/clock';
import type { OperationalStore, SystemDirectory } from '../ports/operational-store';
import type { TaskQueue } from '../ports/task-queue';
import { requestSync } from './sync-requests';

/** Cron sweep: one sync task per brand × connected platform, across all tenants. */
export function createScheduleSyncsJob(deps: {
  store: OperationalStore;
  directory: SystemDirectory;
  tasks: TaskQueue;
  clock: Clock;
  logger: Logger;
}) {
  return async function scheduleSyncs(): Promise<{ requested: number }> {
    let requested = 0;
    for (const tenantId of await deps.directory.listTenantIds()) {
      const ctx = systemContext(tenantId, 'schedule-syncs');
      for (const brand of await deps.store.brands.list(ctx)) {
        for (const integration of await deps.store.integrations.list(ctx, brand.id)) {
          if (integration.status === 'disconnected') continue;
          await requestSync(deps, ctx, brand.id, integration.platform);
          requested++;
        }
      }
    }
    deps.logger.info('syncs scheduled', { requested });
    return { requested };
  };
}
export type ScheduleSyncsJob = ReturnType<typeof createScheduleSyncsJob>;
