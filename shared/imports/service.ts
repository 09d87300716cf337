import type { AdPlatform } from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';
import { NotFoundError } from '../errors';
import { ATTRIBUTE_QUEUE, type AttributeTask } from '../jobs/attribute';
import type { Clock } from '../ports/clock';
import type { FxRates } from '../ports/fx-rates';
import type { OperationalStore } from '../ports/operational-store';
import type { TaskQueue } from '../ports/task-queue';
import type { Warehouse } from '../ports/warehouse';
import { createImportProblems, type ImportProblems } from '../util/import-problems';
import { planAdImport } from './ads-plan';
import type { ImportPlan } from './plan';
import { planShopifyImport } from './shopify-plan';
import type { ImportPreview, ImportRequest, ImportResult } from './types';

/**
 * Imports of a platform's own export files, the same for the API, the web page and the CLI:
 * `preview` reads and checks every file and says what would be written; `run` does the same and,
 * only if nothing is wrong, writes it all and queues the brand's attribution pass.
 */
export interface ImportServiceDeps {
  store: Pick<OperationalStore, 'brands' | 'products' | 'inventory' | 'adAccounts' | 'integrations'>;
  warehouse: Warehouse;
  tasks: TaskQueue;
  fxRates: FxRates;
  clock: Clock;
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

  /** Queued now, named per brand and minute, so a burst of imports causes one pass. */
  async function queueAttribution(ctx: TenantContext, brandId: string): Promise<void> {
    const minute = deps.clock.now().toISOString().slice(0, 16);
    const name = `attribute-import-${ctx.tenantId}-${brandId}-${minute}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const task: AttributeTask = { tenantId: ctx.tenantId, brandId, idempotencyKey: name };
    await deps.tasks.enqueue(ATTRIBUTE_QUEUE, task, { name });
  }

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
      await queueAttribution(ctx, brandId);
      return { preview: previewOf(request, planned, problems), summary, attributionQueued: true };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
