import { UNATTRIBUTED_CHANNEL } from '../domain/attribution/types';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../domain/entities/brand';
import type { ModelCreditDay } from '../domain/reporting/reattribute';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import { attributionColumns } from '../ports/warehouse-tables';

type Row = { d: LocalDate; ch: string; k: string } & Record<string, number | null>;

/**
 * Every model's credit per day × channel × campaign from `attributions`, in one read (a few
 * thousand rows): what the dashboard needs to show the channels under a model other than the
 * brand's (shared/domain/reporting/reattribute.ts). A geo-and-time guess counts where the pass
 * puts it in unified performance: not attributed (`direct`, no campaign).
 */
export async function loadModelCredits(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brandId: string,
): Promise<ReadonlyMap<AttributionModel, ModelCreditDay[]>> {
  const sums = ATTRIBUTION_MODELS.map((m, i) => {
    const { credit, revenue } = attributionColumns(m);
    return `SUM(${revenue}) AS r${i}, SUM(${credit}) AS c${i}`;
  }).join(', ');
  const rows = await warehouse.query<Row>(
    ctx,
    `SELECT date AS d,
       CASE WHEN method = 'geo_time' THEN @unattributed ELSE channel END AS ch,
       CASE WHEN method = 'geo_time' THEN 'unknown' ELSE COALESCE(campaign_id, 'unknown') END AS k,
       ${sums}
     FROM {{attributions}} WHERE brand_id = @brand
     GROUP BY date, ch, k`,
    { brand: brandId, unattributed: UNATTRIBUTED_CHANNEL },
  );
  return new Map(
    ATTRIBUTION_MODELS.map((m, i) => [
      m,
      rows.map((r) => ({
        day: r.d,
        channel: r.ch,
        campaign: r.k,
        revenue: Number(r[`r${i}`] ?? 0),
        orders: Number(r[`c${i}`] ?? 0),
      })),
    ]),
  );
}
