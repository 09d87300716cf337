import type { Backend } from '../../compose/backend';
import { AD_IMPORTERS } from './import-ads';
import { POS_IMPORTERS } from './import-pos';
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
  options: {
    tenantId: string;
    brandId: string;
    file: string;
    /** CSV delimiter (`--delimiter`), for importers that take one. */
    delimiter?: string;
    /** Column mappings (`--map "<column>=<field>"`, repeatable), for importers that take them. */
    map?: string[];
  },
) => Promise<ImportResult>;

/** Source name → importer; each connector area registers its own here. */
export const IMPORTERS: Record<string, Importer> = {
  ...AD_IMPORTERS,
  ...SHOPIFY_IMPORTERS,
  ...POS_IMPORTERS,
};
