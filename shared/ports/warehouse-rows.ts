import type { z } from 'zod';
import type { TenantContext } from '../domain/tenancy';
import { UpstreamError } from '../kernel/errors';
import type { Warehouse, WarehouseParam } from './warehouse';

/** One brand of one tenant: what every warehouse read here is scoped to. */
export interface BrandScope {
  readonly ctx: TenantContext;
  readonly brandId: string;
}

/**
 * Runs a query and checks the first row against the schema: the SQL fixes the shape of every
 * row, so one check catches a renamed or retyped column without a per-row parse in loops that
 * read millions of rows.
 */
export async function queryRows<S extends z.ZodType>(
  warehouse: Warehouse,
  scope: BrandScope,
  schema: S,
  sql: string,
  params: Record<string, WarehouseParam>,
): Promise<z.infer<S>[]> {
  const rows = await warehouse.query<z.infer<S>>(scope.ctx, sql, { brand: scope.brandId, ...params });
  if (rows.length > 0) {
    const check = schema.safeParse(rows[0]);
    if (!check.success)
      throw new UpstreamError(`warehouse rows do not have the expected shape: ${check.error.message}`);
  }
  return rows;
}
