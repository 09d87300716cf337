import { defaultRegion } from '../../domain/customers/phone';
import { systemContext } from '../../domain/tenancy';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { TopicMessage } from '../../ports/events';
import type { BrandRepository } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import type { BrandScope } from '../../ports/warehouse-rows';
import { readEventRecords, writeEventIdentifiers } from './records-source';
import { createIdentityResolver } from './resolver';

export interface ResolveIdentitiesJobDeps {
  db: DocumentDb;
  warehouse: Warehouse;
  brands: Pick<BrandRepository, 'get'>;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/**
 * The `resolve-identities` function: on `customer.events`, reads those events' identifiers and
 * person fields from the warehouse by id and resolves each, oldest first. Every step is
 * idempotent (profile ids derive from the record, identifiers are a set), so a redelivered
 * message changes nothing.
 */
export function createResolveIdentitiesJob(deps: ResolveIdentitiesJobDeps) {
  const resolver = createIdentityResolver(deps);
  return async function resolveIdentities(message: TopicMessage<'customer.events'>) {
    const ctx = systemContext(message.tenantId, 'resolve-identities', message.traceparent);
    const brand = await deps.brands.get(ctx, message.brandId);
    if (!brand) {
      deps.logger.warn('resolve-identities: brand not found, message dropped', { brandId: message.brandId });
      return { resolved: 0 };
    }
    const scope: BrandScope = { ctx, brandId: brand.id };
    const { records, skipped, days } = await readEventRecords(
      deps.warehouse,
      scope,
      message.eventIds,
      defaultRegion(brand),
    );
    if (skipped.length > 0) {
      deps.logger.warn('resolve-identities: identifiers skipped', {
        brandId: brand.id,
        skipped: skipped.slice(0, 20),
      });
    }
    await writeEventIdentifiers(deps.warehouse, scope, records, days);
    let merged = 0;
    let reviews = 0;
    for (const record of records) {
      const outcome = await resolver.resolve(scope, record);
      merged += outcome.merged.length;
      reviews += outcome.reviews.length;
    }
    deps.logger.info('resolve-identities: done', {
      brandId: brand.id,
      events: records.length,
      merged,
      reviews,
    });
    return { resolved: records.length, merged, reviews };
  };
}
