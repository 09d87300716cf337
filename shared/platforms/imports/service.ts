import type { AdPlatform } from '../../domain/entities';
import type { TenantContext } from '../../domain/tenancy';
import { NotFoundError } from '../../kernel/errors';
import { createImportProblems, type ImportProblems } from '../../kernel/util/import-problems';
import type { Clock } from '../../ports/clock';
import type { FxRates } from '../../ports/fx-rates';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import { planAdImport } from './ads-plan';
import type { ImportPlan } from './plan';
import { planShopifyImport, type ShopifyPlanDeps } from './shopify-plan';
import type { ImportPreview, ImportRequest, ImportResult } from './types';

/**
 * Imports of a platform's own export files, the same for the API, the web page and the CLI:
 * `preview` reads and checks every file and says what would be written; `run` does the same and,
 * only if nothing is wrong, writes it all and queues the brand's attribution pass (and, for a
 * Shopify import that wrote orders, the brand's customers refresh: decision 1010).
 */
export interface ImportServiceDeps {
  store: Pick<OperationalStore, 'brands' | 'products' | 'inventory' | 'adAccounts' | 'integrations'>;
  warehouse: Warehouse;
  fxRates: FxRates;
  clock: Clock;
  /**
   * Queues the brand's attribution pass (the composition supplies it: attribution is another
   * feature), from the import's first day when that is older than the pass's usual look-back.
   */
  requestAttribution(ctx: TenantContext, brandId: string, from?: string): Promise<void>;
  /**
   * Queues the brand's customers refresh (identity re-resolution, then customer analytics): what
   * a Shopify sync's `brand.synced` starts, for orders that came from files instead (1010).
   */
  requestCustomersRefresh(ctx: TenantContext, brandId: string): Promise<void>;
  /** A customers export's marketing states into the brand's consent records (engagement: decision 1025). */
  recordExportedConsents: ShopifyPlanDeps['recordExportedConsents'];
}

export function createImportService(deps: ImportServiceDeps) {
  async function plan(ctx: TenantContext, brandId: string, request: ImportRequest, problems: ImportProblems) {
    const brand = await deps.store.brands.get(ctx, brandId);
    if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
    await deps.warehouse.ensureTenant(ctx);
    const planned =
      request.source === 'shopify'
        ? await planShopifyImport(deps, ctx, brand, request, problems)
        : await planAdImport(
            deps,
            ctx,
            brand,
            { ...request, source: request.source as AdPlatform },
            problems,
          );
    return planned;
  }

  const previewOf = (
    request: ImportRequest,
    planned: ImportPlan,
    problems: ImportProblems,
  ): ImportPreview => ({
    source: request.source,
    kinds: planned.kinds,
    counts: planned.counts,
    ...(planned.range ? { range: planned.range } : {}),
    sample: planned.sample,
    notes: planned.notes,
    valid: problems.count === 0,
    problemCount: problems.count,
    problems: problems.listed(),
  });

  return {
    async preview(ctx: TenantContext, brandId: string, request: ImportRequest): Promise<ImportPreview> {
      const problems = createImportProblems();
      return previewOf(request, await plan(ctx, brandId, request, problems), problems);
    },

    /** Writes the import if every file is valid; otherwise throws ImportRejectedError, writing nothing. */
    async run(ctx: TenantContext, brandId: string, request: ImportRequest): Promise<ImportResult> {
      const problems = createImportProblems();
      const planned = await plan(ctx, brandId, request, problems);
      problems.throwIfAny();
      const { summary } = await planned.commit();
      await deps.requestAttribution(ctx, brandId, planned.range?.from);
      const customersRefreshQueued = request.source === 'shopify' && (planned.counts.orders ?? 0) > 0;
      if (customersRefreshQueued) await deps.requestCustomersRefresh(ctx, brandId);
      return {
        preview: previewOf(request, planned, problems),
        summary,
        attributionQueued: true,
        customersRefreshQueued,
      };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
