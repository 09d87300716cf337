import { createAcquisitionQueries } from '../../customers/acquisition';
import { createNewCustomerQueries } from '../../customers/new-customers';
import type { Customer360 } from '../../customers/profiles/customer-360';
import { createCustomerReadModel } from '../../customers/read-model';
import type { Brand } from '../../domain/entities';
import type { TenantContext } from '../../domain/tenancy';
import { toLocalDate } from '../../domain/time';
import type { Clock } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import type { PerformanceQueries } from '../../reporting/read-model/performance-queries';
import type { ToolContext } from './types';

/** Tools see the brand's today (in its timezone) and its latest day with data, falling back to today. */
export async function toolContextFor(
  deps: {
    queries: PerformanceQueries;
    store: OperationalStore;
    clock: Clock;
    customers?: Customer360;
    warehouse?: Pick<Warehouse, 'query'>;
  },
  ctx: TenantContext,
  brand: Brand,
): Promise<ToolContext> {
  const now = deps.clock.now();
  const today = toLocalDate(now, brand.timezone);
  const asOf = (await deps.queries.latestDate(ctx, brand.id, brand.targets.attributionModel)) ?? today;
  const customerAnalytics = deps.warehouse
    ? {
        read: createCustomerReadModel(deps.warehouse),
        acquisition: createAcquisitionQueries(deps.warehouse),
        newCustomers: createNewCustomerQueries(deps.warehouse),
      }
    : undefined;
  return {
    ctx,
    brand,
    asOf,
    today,
    now,
    queries: deps.queries,
    store: deps.store,
    ...(deps.customers ? { customers: deps.customers } : {}),
    ...(customerAnalytics ? { customerAnalytics } : {}),
  };
}
