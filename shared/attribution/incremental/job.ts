import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock, Ids } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { TopicMessage } from '../../ports/events';
import type { OperationalStore } from '../../ports/operational-store';
import type { TaskQueue } from '../../ports/task-queue';
import type { Warehouse } from '../../ports/warehouse';
import { createPerformanceFreshness } from '../../reporting/freshness';
import { createAttributionRequester } from '../request-pass';
import { type IncrementalOutcome, runIncrementalUpdate } from './update';

/**
 * The `attribute-incremental` function (topic `orders.changed`): re-credits the orders of the days
 * a webhook or sync page changed and rebuilds those days of unified performance, then moves the
 * brand's freshness version so every API instance reloads its dashboard rollup. A brand no full
 * pass has fitted yet gets one queued instead. Idempotent: a redelivered message rebuilds the same
 * days from the same rows (docs/decisions/305-incremental-attribution.md).
 */
export function createIncrementalAttributionJob(deps: {
  warehouse: Warehouse;
  store: OperationalStore;
  documents: DocumentDb;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
  logger: Logger;
}) {
  const freshness = createPerformanceFreshness(deps.documents);
  const requestPass = createAttributionRequester(deps, 'first-fit');
  return {
    async onOrdersChanged(message: TopicMessage<'orders.changed'>): Promise<IncrementalOutcome> {
      const ctx = systemContext(message.tenantId, 'attribute-incremental', message.traceparent);
      const days = message.days.map(localDate);
      const outcome = await runIncrementalUpdate(deps, ctx, message.brandId, days);
      if (outcome.ok)
        await freshness.touch(ctx, message.brandId, { version: deps.ids.next(), at: deps.clock.now(), days });
      else await requestPass(ctx, message.brandId);
      return outcome;
    },
  };
}
export type IncrementalAttributionJob = ReturnType<typeof createIncrementalAttributionJob>;
