import type { TenantContext } from '../domain/tenancy';

/**
 * After personal data is erased from the live records (customers/redact, shop/redact), copies can
 * survive below the records: SQLite free pages and journals, DuckDB's unreferenced blocks, bus
 * messages that carried the data. A backend that keeps such copies removes them here; the
 * Google Cloud backends keep none that this could reach (BigQuery time travel and Pub/Sub
 * retention expire on their own: docs/SECURITY.md), so they have no purge.
 */
export interface ResidualPurgeScope {
  brandId: string;
  /**
   * Strings that identify the erased data in a retained message (email, order and customer ids).
   * Absent: every finished message of the brand (shop/redact).
   */
  mentions?: readonly string[];
}

export interface ResidualDataPurge {
  purge(ctx: TenantContext, scope: ResidualPurgeScope): Promise<void>;
}
