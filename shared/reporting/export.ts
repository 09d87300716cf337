import type { Brand } from '../domain/entities';
import { formatMinor } from '../domain/money';
import { campaignLabel } from '../domain/names/names';
import type { Period } from '../domain/reporting/period';
import type { TenantContext } from '../domain/tenancy';
import { addDays, daysBetween, type LocalDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import { loadNameBook } from './names';

const COLUMNS = [
  'date',
  'channel',
  'platform',
  'campaign_id',
  'campaign_name',
  'region',
  'region_name',
  'product_id',
  'product_name',
  'currency',
  'spend',
  'revenue',
  'orders',
  'units',
  'cogs',
  'profit',
  'stock_available',
  'days_of_cover',
] as const;

/** Columns whose values come from outside (platform names and ids); amounts are ours. */
const TEXT_COLUMNS = new Set<string>([
  'channel',
  'platform',
  'campaign_id',
  'campaign_name',
  'region',
  'region_name',
  'product_id',
  'product_name',
]);

/** Counts carry attribution credit (fractions of an order): two places, as the app's tables round. */
const round2 = (n: number | null) => (n === null ? null : Math.round(Number(n) * 100) / 100);
/** Days of cover to a tenth: the 14th decimal of a forecast is noise. */
const round1 = (n: number | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);

/** Days per warehouse read: bounds memory whatever the range, and lets the first bytes go out early. */
const CHUNK_DAYS = 31;

/**
 * RFC 4180 quoting, plus a leading apostrophe on text that a spreadsheet would run as a formula
 * (campaign names come from ad platforms, i.e. from anyone: OWASP "CSV injection").
 */
export function csvCell(value: string | number | null, text = true): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

type Row = Record<(typeof COLUMNS)[number], string | number | null> & {
  spend_minor: number;
  revenue_minor: number;
  cogs_minor: number;
  profit_minor: number;
};

/**
 * Unified performance rows of one brand as CSV, money as decimal strings in the brand currency,
 * campaigns, regions and products by name beside their ids (the one name source,
 * shared/reporting/names.ts, and the catalog), yielded chunk by chunk so the response streams.
 */
export async function* exportPerformanceCsv(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brand: Brand,
  period: Period,
  productTitles: ReadonlyMap<string, string> = new Map(),
): AsyncGenerator<string> {
  yield `${COLUMNS.join(',')}\n`;
  const names = await loadNameBook(warehouse, ctx, brand.id, { regions: true });
  for (let from: LocalDate = period.from; from <= period.to; from = addDays(from, CHUNK_DAYS)) {
    const to = addDays(from, Math.min(CHUNK_DAYS - 1, daysBetween(from, period.to)));
    const rows = await warehouse.query<Row>(
      ctx,
      `SELECT date, channel, platform, campaign_id, region, product_id, currency, spend_minor, revenue_minor, orders, units, cogs_minor, profit_minor, stock_available, days_of_cover
       FROM {{unified_performance}} WHERE brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
       ORDER BY date, channel, campaign_id, region, product_id`,
      { brand: brand.id, from, to },
    );
    if (rows.length === 0) continue;
    const lines = rows.map((r) => {
      const money = (minor: number) => formatMinor(minor, r.currency as string);
      const out = {
        ...r,
        spend: money(r.spend_minor),
        revenue: money(r.revenue_minor),
        cogs: money(r.cogs_minor),
        profit: money(r.profit_minor),
        // Never empty: a platform's credit without a campaign reads "TikTok — campaign not identified".
        campaign_name: campaignLabel(names, String(r.channel), r.campaign_id ? String(r.campaign_id) : null),
        region_name: r.region ? names.region(String(r.region)) : null,
        product_name: r.product_id ? (productTitles.get(String(r.product_id)) ?? null) : null,
        orders: round2(r.orders as number | null),
        units: round2(r.units as number | null),
        days_of_cover: round1(r.days_of_cover as number | null),
      };
      return COLUMNS.map((c) => csvCell(out[c], TEXT_COLUMNS.has(c))).join(',');
    });
    yield `${lines.join('\n')}\n`;
  }
}
