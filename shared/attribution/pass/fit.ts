import { z } from 'zod';
import type { LocalDate } from '../../domain/time';
import type { Warehouse, WarehouseRow } from '../../ports/warehouse';
import { type BrandScope, queryRows } from '../../ports/warehouse-rows';

/**
 * What a full pass fits over the whole brand and an incremental update of a few days cannot: the
 * Markov chain's removal effects (the data-driven model needs every journey, converting or not) and
 * each campaign's sales mix per variant over the range (where spend goes when a campaign sold
 * nothing on the day in the region it spent). The full pass stores them; incremental updates reuse
 * them until the next full pass refits (docs/decisions/305-incremental-attribution.md).
 */
export interface AttributionFit {
  /** The last day of the pass that fitted it. */
  readonly asOf: LocalDate;
  readonly removalEffects: ReadonlyMap<string, number>;
  readonly salesMix: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const REMOVAL_EFFECT = 'removal_effect';
const SALES_MIX = 'sales_mix';
/** Written by every fit, so a brand whose pass found nothing still has one. */
const FITTED = 'fitted';
/** The fit is one per brand: every write replaces whatever any earlier pass stored. */
const EVERY_DAY = { from: '1970-01-01' as LocalDate, to: '2159-12-31' as LocalDate };

const fitRowSchema = z.object({
  date: z.string(),
  kind: z.string(),
  subject: z.string(),
  variant_id: z.string().nullable(),
  value: z.number(),
});

export async function writeFit(warehouse: Warehouse, scope: BrandScope, fit: AttributionFit): Promise<void> {
  const base = { brand_id: scope.brandId, date: fit.asOf };
  const rows: WarehouseRow[] = [{ ...base, kind: FITTED, subject: '*', variant_id: null, value: 0 }];
  for (const [state, effect] of fit.removalEffects)
    rows.push({ ...base, kind: REMOVAL_EFFECT, subject: state, variant_id: null, value: effect });
  for (const [campaignId, mix] of fit.salesMix)
    for (const [variantId, sales] of mix)
      rows.push({ ...base, kind: SALES_MIX, subject: campaignId, variant_id: variantId, value: sales });
  await warehouse.replaceRange(scope.ctx, 'attribution_fit', { brandId: scope.brandId, ...EVERY_DAY }, rows);
}

/** The stored fit, or null when no full pass has run for the brand since the table existed. */
export async function readFit(warehouse: Warehouse, scope: BrandScope): Promise<AttributionFit | null> {
  const rows = await queryRows(
    warehouse,
    scope,
    fitRowSchema,
    `SELECT date, kind, subject, variant_id, value FROM {{attribution_fit}}
     WHERE brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`,
    EVERY_DAY,
  );
  if (rows.length === 0) return null;
  const removalEffects = new Map<string, number>();
  const salesMix = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.kind === REMOVAL_EFFECT) removalEffects.set(r.subject, r.value);
    else if (r.kind === SALES_MIX && r.variant_id !== null) {
      let mix = salesMix.get(r.subject);
      if (!mix) {
        mix = new Map();
        salesMix.set(r.subject, mix);
      }
      mix.set(r.variant_id, r.value);
    }
  }
  return { asOf: rows[0]!.date as LocalDate, removalEffects, salesMix };
}
