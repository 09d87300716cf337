import type { Backend } from '../../compose/backend';
import { AD_IMPORTERS } from './import-ads';
import { SHOPIFY_IMPORTERS } from './import-shopify';

/**
 * `pulsepoint import <source> <file> --brand <id>`: loads a platform's own export file.
 * Each importer is all-or-nothing per file and reports errors as `file:line:column: message`.
 */
export interface ImportResult {
  rows: number;
  summary: string;
}
export type Importer = (
  deps: Backend,
  options: { tenantId: string; brandId: string; file: string },
) => Promise<ImportResult>;

/** Source name → importer; each connector area registers its own here. */
export const IMPORTERS: Record<string, Importer> = {
  ...AD_IMPORTERS,
  ...SHOPIFY_IMPORTERS,
};
