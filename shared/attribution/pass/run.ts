import type { TenantContext } from '../../domain/tenancy';
import { NotFoundError } from '../../kernel/errors';
import { openPass, type PassDeps, type PassOptions, type PassResult } from './context';
import { writeFit } from './fit';
import { creditAndWrite, readSetup, resolveJourneys } from './stages-orders';
import {
  applyAdjustments,
  buildUnified,
  inventoryOf,
  reconciliationOf,
  writeResults,
  writeUnified,
} from './stages-results';

export type { PassDeps, PassOptions, PassResult } from './context';

/**
 * One attribution pass for one brand: journeys and all six models per order, unified performance
 * for the brand's chosen model, reconciliation per platform × week and inventory intelligence.
 * Every table is written with replaceRange, so a re-run over a range replaces exactly that range.
 *
 * Stages, in order (each timed under its name in `timingsMs`): read → journeys (reading the next
 * chunk while this one resolves) → credit and write (a chunk inserted while the next is credited,
 * a group of chunks per transaction; decision 304) → adjustments → unified → inventory →
 * reconciliation → write results,
 * then the fit (removal effects, sales mix) incremental updates reuse until the next pass (305).
 */
export async function runAttributionPass(
  deps: PassDeps,
  ctx: TenantContext,
  brandId: string,
  options: PassOptions = {},
): Promise<PassResult> {
  const brand = await deps.store.brands.get(ctx, brandId);
  if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
  const pass = openPass(deps, ctx, brand, options);

  const setup = await readSetup(pass);
  const journeys = await resolveJourneys(pass, setup);
  const credited = await creditAndWrite(pass, setup, journeys);
  await applyAdjustments(pass, credited, setup.spendRows);
  const unified = await buildUnified(pass, credited);
  // Inventory reads the recent spend gathered while unified rows are written.
  const unifiedRows = await writeUnified(pass, unified);
  const inventory = inventoryOf(pass, credited, unified);
  const reconciliation = reconciliationOf(pass, credited, setup.spendRows);
  await writeResults(pass, reconciliation, inventory);
  await pass.timed('write unified', () =>
    writeFit(
      deps.warehouse,
      { ctx, brandId },
      {
        asOf: pass.to,
        removalEffects: journeys.settings.removalEffects ?? new Map(),
        salesMix: credited.unified.salesMix(),
      },
    ),
  );

  const result: PassResult = {
    range: { from: pass.from, to: pass.to },
    asOf: pass.asOf,
    orders: credited.orders,
    foreignCurrencyOrders: journeys.foreignCurrencyOrders,
    cancelledOrders: journeys.cancelledOrders,
    attributionRows: credited.attributionRows,
    unifiedRows,
    inventoryRows: inventory.length,
    timingsMs: pass.timings,
  };
  deps.logger.info('attribution pass done', { brandId, ...result });
  return result;
}
