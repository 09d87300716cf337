import type { ProductSignal } from '../domain/content/pick';
import { addDays, toLocalDate } from '../domain/time';
import { NotFoundError } from '../kernel/errors';
import type { Clock } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';
import type { BrandScope } from '../ports/warehouse-rows';
import { createPerformanceQueries } from '../reporting/read-model/performance-queries';

/** The window "recent sales" covers. */
const SALES_DAYS = 30;

/**
 * What the control tower knows per variant, for choosing post products: price and cost from the
 * catalogue, stock, days of cover and status from the attribution pass's inventory read model
 * (the same numbers the dashboard and the inventory tool show), and units sold over 30 days.
 * Stock is the latest pass's, whatever its day: the pass records stock for the day it runs
 * (today) while sales end at the last complete day, so reading stock "at the end of the sales
 * window" finds none on a brand's first day and every product looks unsellable.
 */
export function createProductSignals(deps: {
  store: Pick<OperationalStore, 'brands' | 'products'>;
  warehouse: Warehouse;
  clock: Clock;
}) {
  const queries = createPerformanceQueries(deps.warehouse);
  return async function productSignals(scope: BrandScope): Promise<ProductSignal[]> {
    const brand = await deps.store.brands.get(scope.ctx, scope.brandId);
    if (!brand) throw new NotFoundError(`brand ${scope.brandId} not found`);
    const model = brand.targets.attributionModel;
    const to =
      (await queries.latestDate(scope.ctx, brand.id, model)) ?? toLocalDate(deps.clock.now(), brand.timezone);
    const [rows, catalog] = await Promise.all([
      queries.products(
        scope.ctx,
        { brandId: brand.id, model, from: addDays(to, -(SALES_DAYS - 1)), to },
        { stock: 'latest' },
      ),
      deps.store.products.list(scope.ctx, brand.id),
    ]);
    const byVariant = new Map(rows.map((r) => [r.variant_id, r]));
    return catalog
      .filter((p) => p.status === 'active')
      .map((p) => {
        const r = byVariant.get(p.id);
        return {
          variantId: p.id,
          productId: p.productId,
          ...(p.sku ? { sku: p.sku } : {}),
          title: p.title,
          priceMinor: p.priceMinor,
          ...(p.unitCostMinor !== undefined ? { unitCostMinor: p.unitCostMinor } : {}),
          currency: p.currency,
          stock: r?.stock_available ?? null,
          daysOfCover: r?.days_of_cover ?? null,
          status: r?.status ?? null,
          unitsSold: r?.units ?? 0,
        };
      });
  };
}
export type ProductSignals = ReturnType<typeof createProductSignals>;
