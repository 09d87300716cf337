/**
 * Per-customer segments and predictions of one brand as CSV, money as decimal strings in the
 * brand currency, read in pages by customer id (keyset) so memory stays bounded however large.
 */
import type { Brand } from '../domain/entities/brand';
import { formatMinor } from '../domain/money';
import type { TenantContext } from '../domain/tenancy';
import type { Warehouse } from '../ports/warehouse';
import { csvCell } from '../reporting/export';

export const CUSTOMER_CSV_COLUMNS = [
  'customer_id',
  'segment',
  'r_score',
  'f_score',
  'm_score',
  'orders',
  'revenue',
  'first_order_date',
  'last_order_date',
  'p_alive',
  'purchases_90',
  'purchases_365',
  'value_90',
  'value_365',
  'value_365_low',
  'value_365_high',
  'acquisition_channel',
  'acquisition_campaign_id',
  'model_id',
  'currency',
] as const;

const TEXT = new Set<string>(['customer_id', 'acquisition_channel', 'acquisition_campaign_id']);
const PAGE = 20_000;

type Row = Record<string, string | number | null>;

export async function* exportCustomersCsv(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brand: Brand,
): AsyncGenerator<string> {
  yield `${CUSTOMER_CSV_COLUMNS.join(',')}\n`;
  let after = '';
  for (;;) {
    const rows = await warehouse.query<Row>(
      ctx,
      `SELECT * FROM {{customer_predictions}} WHERE brand_id = @brandId AND customer_id > @after
       ORDER BY customer_id LIMIT ${PAGE}`,
      { brandId: brand.id, after },
    );
    if (rows.length === 0) return;
    const lines = rows.map((r) => {
      const money = (v: unknown) => formatMinor(Number(v), String(r.currency));
      const out: Record<(typeof CUSTOMER_CSV_COLUMNS)[number], string | number | null> = {
        customer_id: r.customer_id ?? null,
        segment: r.segment ?? null,
        r_score: r.r_score ?? null,
        f_score: r.f_score ?? null,
        m_score: r.m_score ?? null,
        orders: r.orders ?? null,
        revenue: money(r.revenue_minor),
        first_order_date: r.date ?? null,
        last_order_date: r.last_order_date ?? null,
        p_alive: r.p_alive ?? null,
        purchases_90: r.purchases_90 ?? null,
        purchases_365: r.purchases_365 ?? null,
        value_90: money(r.value_90_minor),
        value_365: money(r.value_365_minor),
        value_365_low: money(r.value_365_low_minor),
        value_365_high: money(r.value_365_high_minor),
        acquisition_channel: r.acquisition_channel ?? null,
        acquisition_campaign_id: r.acquisition_campaign_id ?? null,
        model_id: r.model_id ?? null,
        currency: r.currency ?? null,
      };
      return CUSTOMER_CSV_COLUMNS.map((c) => csvCell(out[c], TEXT.has(c))).join(',');
    });
    yield `${lines.join('\n')}\n`;
    after = String(rows[rows.length - 1]!.customer_id);
    if (rows.length < PAGE) return;
  }
}
