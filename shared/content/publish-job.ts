import { systemContext } from '../domain/tenancy';
import type { Logger } from '../kernel/logging/logger';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { EventBus } from '../ports/events';
import type { MediaStore } from '../ports/media-store';
import type { OperationalStore, SystemDirectory } from '../ports/operational-store';
import type { SecretStore } from '../ports/secret-store';
import { createGraphClient } from './graph/client';
import { createPublisher, type PublisherDeps } from './publish';

export interface PublishContentJobDeps {
  directory: Pick<SystemDirectory, 'listTenantIds'>;
  documents: DocumentDb;
  store: Pick<OperationalStore, 'brands' | 'auditEvents' | 'alerts'>;
  secrets: SecretStore;
  media: MediaStore;
  bus: Pick<EventBus, 'publish'>;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  fetch: typeof fetch;
  /** Tests pass their own publisher knobs (backoff, attempts, sleeps). */
  publisher?: Partial<PublisherDeps>;
}

export interface PublishContentSummary {
  brands: number;
  published: number;
  deferred: number;
  retryLater: number;
  failed: number;
  /** Brands whose sweep stopped on an unexpected error (logged; the next run tries again). */
  errors: number;
}

/**
 * The `publish-content` sweep (Cloud Scheduler every few minutes; croner locally): every brand's
 * scheduled posts that are due, through the publisher and its safety layers. A transient failure
 * waits out a growing backoff on the post's publish record and is retried by later sweeps; when
 * the attempts run out, or a re-verification stops the post, it fails and raises an alert saying
 * which post and why (announced on `alert.raised`, which `notify` sends on). One brand's trouble
 * never stops another's.
 */
export function createPublishContentJob(deps: PublishContentJobDeps) {
  const graph = (baseUrl: string | undefined) =>
    createGraphClient({ fetch: deps.fetch, ...(baseUrl ? { baseUrl } : {}) });
  const publisher = createPublisher({ ...deps, graph, ...deps.publisher });

  return async function publishContent(): Promise<PublishContentSummary> {
    const sum: PublishContentSummary = {
      brands: 0,
      published: 0,
      deferred: 0,
      retryLater: 0,
      failed: 0,
      errors: 0,
    };
    for (const tenantId of await deps.directory.listTenantIds()) {
      const ctx = systemContext(tenantId, 'publish-content');
      for (const brand of await deps.store.brands.list(ctx)) {
        sum.brands++;
        try {
          for (const r of await publisher.publishDue({ ctx, brandId: brand.id })) {
            if (r.outcome === 'published') sum.published++;
            else if (r.outcome === 'deferred') sum.deferred++;
            else if (r.outcome === 'retry_later') sum.retryLater++;
            else if (r.outcome === 'failed' || r.outcome === 'blocked') sum.failed++;
          }
        } catch (err) {
          sum.errors++;
          deps.logger.error('publish-content: brand sweep failed', {
            tenantId,
            brandId: brand.id,
            error: err,
          });
        }
      }
    }
    if (sum.published + sum.deferred + sum.retryLater + sum.failed + sum.errors > 0)
      deps.logger.info('publish-content: swept', { ...sum });
    return sum;
  };
}
export type PublishContentJob = ReturnType<typeof createPublishContentJob>;
