/**
 * Warehouse table schemas, the one definition read by the DuckDB adapter, the BigQuery adapter
 * and Terraform. Every tenant table is partitioned by `date` (the brand-local day) and clustered
 * by `brand_id`; a re-run for a date range replaces that range.
 */
import { ATTRIBUTION_MODELS, type AttributionModel } from '../domain/entities/brand';
import { CUSTOMER_ANALYTICS_TABLES } from './warehouse-tables-customers';

export type ColumnType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP';
export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly required?: boolean;
  /** Personal data: exported on customers/data_request and erased on customers/redact. */
  readonly pii?: boolean;
}
export interface TableDef {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ColumnDef[];
  readonly partitionBy: string;
  readonly clusterBy: readonly string[];
  /**
   * Written only by the attribution pass from the other tables, so an outdated copy can be
   * dropped and made again (the next pass refills it) when its columns change.
   */
  readonly derived?: boolean;
  /** Columns copied from another table's row with the same key (see ColumnFill). */
  readonly fills?: readonly ColumnFill[];
}

/**
 * A column that copies `value` from the row of table `from` with the same brand and `key`, kept
 * on this table so reads need not join `from`: NULL where that row was not there when this one was
 * written (or the column is newer than the row). The warehouse fills the NULLs whose row has
 * arrived (`Warehouse.fillColumns`), and once when the column is added to an existing table.
 */
export interface ColumnFill {
  readonly column: string;
  readonly from: string;
  readonly key: string;
  readonly value: string;
}

/** The `attributions` columns holding one model's credit (0–1) and revenue (minor units). */
export const attributionColumns = <M extends AttributionModel>(model: M) =>
  ({ credit: `credit_${model}`, revenue: `revenue_${model}_minor` }) as const;
export type AttributionColumn = ReturnType<typeof attributionColumns<AttributionModel>>['credit' | 'revenue'];

// The helpers keep each column's name, type and requiredness as literal types, so a table's row
// type is derived from its definition (`TenantRow<'orders'>`): a mapper that forgets a required
// column or misspells one does not compile.
const col = <N extends string, T extends ColumnType>(
  name: N,
  type: T,
  opts: { pii?: boolean } = {},
): { readonly name: N; readonly type: T; readonly required?: false; readonly pii?: boolean } => ({
  name,
  type,
  ...opts,
});
const req = <N extends string, T extends ColumnType>(
  name: N,
  type: T,
): { readonly name: N; readonly type: T; readonly required: true; readonly pii?: boolean } => ({
  name,
  type,
  required: true,
});

function table<const C extends readonly ColumnDef[]>(
  name: string,
  description: string,
  columns: C,
  partitionBy = 'date',
) {
  return { name, description, columns, partitionBy, clusterBy: ['brand_id'] as const };
}
const derived = <D extends TableDef>(def: D): D & { readonly derived: true } => ({ ...def, derived: true });

export const TENANT_TABLES = {
  orders: table('orders', 'One row per Shopify order, amounts in shop currency minor units', [
    req('brand_id', 'STRING'),
    req('order_id', 'STRING'),
    col('order_number', 'STRING'),
    req('date', 'DATE'),
    req('created_at', 'TIMESTAMP'),
    req('updated_at', 'TIMESTAMP'),
    col('customer_id', 'STRING'),
    col('email', 'STRING', { pii: true }),
    col('customer_name', 'STRING', { pii: true }),
    req('currency', 'STRING'),
    col('presentment_currency', 'STRING'),
    req('subtotal_minor', 'INT64'),
    req('discount_minor', 'INT64'),
    req('shipping_minor', 'INT64'),
    req('tax_minor', 'INT64'),
    req('total_minor', 'INT64'),
    col('financial_status', 'STRING'),
    col('fulfillment_status', 'STRING'),
    col('cancelled_at', 'TIMESTAMP'),
    col('country', 'STRING'),
    col('region', 'STRING'),
    col('city', 'STRING', { pii: true }),
    col('discount_codes', 'STRING'),
    col('landing_site', 'STRING'),
    col('referring_site', 'STRING'),
    col('source_name', 'STRING'),
    /** Shipping labels, pick & pack, when a source knows it; unified_performance subtracts it. */
    col('fulfillment_cost_minor', 'INT64'),
    /**
     * The shipping province as the order names it ("New York"; `region` is its code): what the
     * name book shows for the region. Last, so existing embedded tables take it.
     */
    col('region_name', 'STRING'),
    /**
     * The shipping address's street lines and postcode (Shopify's MailingAddress `address1`,
     * `address2`, `zip`): what identity resolution compares beside the name (decision 1022).
     */
    col('address1', 'STRING', { pii: true }),
    col('address2', 'STRING', { pii: true }),
    col('postcode', 'STRING', { pii: true }),
  ]),
  order_lines: table('order_lines', 'One row per order line item', [
    req('brand_id', 'STRING'),
    req('order_id', 'STRING'),
    req('line_id', 'STRING'),
    req('date', 'DATE'),
    col('variant_id', 'STRING'),
    col('product_id', 'STRING'),
    col('sku', 'STRING'),
    col('title', 'STRING'),
    req('quantity', 'INT64'),
    req('price_minor', 'INT64'),
    req('discount_minor', 'INT64'),
    req('total_minor', 'INT64'),
    col('unit_cost_minor', 'INT64'),
    req('currency', 'STRING'),
  ]),
  refunds: {
    ...table('refunds', "Refunded amounts on the refund's own local day (and cancellations)", [
      req('brand_id', 'STRING'),
      req('refund_id', 'STRING'),
      req('order_id', 'STRING'),
      req('date', 'DATE'),
      req('created_at', 'TIMESTAMP'),
      col('variant_id', 'STRING'),
      req('quantity', 'INT64'),
      req('amount_minor', 'INT64'),
      req('currency', 'STRING'),
      req('kind', 'STRING'),
      /**
       * The refunded order's local day (its `orders.date`), so a brand booking refunds on the
       * order's day is read without joining every order (decision 1006). NULL until the order is
       * in the warehouse; readers fall back to the join for those rows.
       */
      col('order_date', 'DATE'),
    ]),
    fills: [{ column: 'order_date', from: 'orders', key: 'order_id', value: 'date' }],
  },
  touchpoints: table('touchpoints', 'Journey visits with UTMs and click ids', [
    req('brand_id', 'STRING'),
    req('touchpoint_id', 'STRING'),
    col('customer_id', 'STRING'),
    col('order_id', 'STRING'),
    req('date', 'DATE'),
    req('occurred_at', 'TIMESTAMP'),
    col('kind', 'STRING'),
    col('utm_source', 'STRING'),
    col('utm_medium', 'STRING'),
    col('utm_campaign', 'STRING'),
    col('utm_content', 'STRING'),
    col('utm_term', 'STRING'),
    col('landing_page', 'STRING'),
    col('referrer', 'STRING'),
    col('click_id', 'STRING'),
    col('click_id_type', 'STRING'),
  ]),
  event_identifiers: table(
    'event_identifiers',
    "Each customer event's normalised identifiers (kind:value), written by identity resolution: the timeline index",
    [
      req('brand_id', 'STRING'),
      req('event_id', 'STRING'),
      req('day', 'DATE'),
      req('identifier_key', 'STRING'),
    ],
    'day',
  ),
  ad_performance: table(
    'ad_performance',
    'date × platform × account × campaign × ad set (when the source had one) × region, brand currency',
    [
      req('brand_id', 'STRING'),
      req('date', 'DATE'),
      req('platform', 'STRING'),
      req('account_id', 'STRING'),
      req('campaign_id', 'STRING'),
      col('campaign_name', 'STRING'),
      col('country', 'STRING'),
      col('region', 'STRING'),
      req('spend_minor', 'INT64'),
      req('currency', 'STRING'),
      req('spend_original_minor', 'INT64'),
      req('original_currency', 'STRING'),
      req('fx_rate', 'FLOAT64'),
      req('impressions', 'INT64'),
      req('clicks', 'INT64'),
      req('platform_conversions', 'FLOAT64'),
      req('platform_conversion_value_minor', 'INT64'),
      col('attribution_setting', 'STRING'),
      col('account_timezone', 'STRING'),
      req('synced_at', 'TIMESTAMP'),
      /**
       * Meta's ad set, Google's and TikTok's ad group: `<platform>:<account>:<native id>`, null on rows
       * reported per campaign. A source replaces its account's days whole, so a campaign's day is all
       * per ad set or all per campaign and sums by campaign never count twice. Last, like every
       * column added later: an existing embedded table gains it at the end (the appender is positional).
       */
      col('adset_id', 'STRING'),
      col('adset_name', 'STRING'),
    ],
  ),
  campaigns: table('campaigns', 'Campaign metadata snapshot per sync (status, budget, promoted products)', [
    req('brand_id', 'STRING'),
    req('date', 'DATE'),
    req('platform', 'STRING'),
    req('account_id', 'STRING'),
    req('campaign_id', 'STRING'),
    col('name', 'STRING'),
    col('status', 'STRING'),
    col('objective', 'STRING'),
    col('daily_budget_minor', 'INT64'),
    col('lifetime_budget_minor', 'INT64'),
    col('currency', 'STRING'),
    col('promoted_product_ids', 'STRING'),
  ]),
  click_campaigns: table(
    'click_campaigns',
    "Click id → campaign (native id or name) from Google Ads click_view or an imported mapping; date = the click's day or the import's",
    [
      req('brand_id', 'STRING'),
      req('date', 'DATE'),
      req('platform', 'STRING'),
      req('click_id', 'STRING'),
      req('campaign', 'STRING'),
      req('source', 'STRING'),
    ],
  ),
  inventory_snapshots: table('inventory_snapshots', 'Daily stock per variant and location', [
    req('brand_id', 'STRING'),
    req('date', 'DATE'),
    req('variant_id', 'STRING'),
    req('location_id', 'STRING'),
    req('available', 'INT64'),
    req('on_hand', 'INT64'),
    req('committed', 'INT64'),
    req('incoming', 'INT64'),
  ]),
  attributions: derived(
    table(
      'attributions',
      "order × destination (channel + campaign): each model's credit and revenue, one column pair per model",
      [
        req('brand_id', 'STRING'),
        req('date', 'DATE'),
        req('order_id', 'STRING'),
        req('channel', 'STRING'),
        col('platform', 'STRING'),
        col('campaign_id', 'STRING'),
        col('touchpoint_id', 'STRING'),
        req('method', 'STRING'),
        req('confidence', 'FLOAT64'),
        req('currency', 'STRING'),
        ...ATTRIBUTION_MODELS.flatMap((m) => [
          req(attributionColumns(m).credit, 'FLOAT64'),
          req(attributionColumns(m).revenue, 'INT64'),
        ]),
      ],
    ),
  ),
  unified_performance: derived(
    table(
      'unified_performance',
      'date × channel × campaign × region × product: spend, revenue, profit, stock',
      [
        req('brand_id', 'STRING'),
        req('date', 'DATE'),
        req('channel', 'STRING'),
        col('platform', 'STRING'),
        col('campaign_id', 'STRING'),
        col('region', 'STRING'),
        col('product_id', 'STRING'),
        col('variant_id', 'STRING'),
        req('currency', 'STRING'),
        req('spend_minor', 'INT64'),
        req('revenue_minor', 'INT64'),
        req('orders', 'FLOAT64'),
        req('units', 'FLOAT64'),
        req('cogs_minor', 'INT64'),
        col('fulfillment_cost_minor', 'INT64'),
        req('profit_minor', 'INT64'),
        col('roas', 'FLOAT64'),
        col('poas', 'FLOAT64'),
        col('stock_available', 'INT64'),
        col('days_of_cover', 'FLOAT64'),
        col('spend_allocation_method', 'STRING'),
        req('model', 'STRING'),
      ],
    ),
  ),
  attribution_fit: derived(
    table(
      'attribution_fit',
      "What the last full attribution pass fitted over the brand's journeys and reused by incremental updates: each Markov state's removal effect, each campaign's sales mix per variant (date = the pass's last day)",
      [
        req('brand_id', 'STRING'),
        req('date', 'DATE'),
        req('kind', 'STRING'),
        req('subject', 'STRING'),
        col('variant_id', 'STRING'),
        req('value', 'FLOAT64'),
      ],
    ),
  ),
  reconciliation: derived(
    table(
      'reconciliation',
      'platform × ISO week (date = Monday): Shopify-attributed revenue vs the platform claimed conversion value',
      [
        req('brand_id', 'STRING'),
        req('date', 'DATE'),
        req('platform', 'STRING'),
        req('model', 'STRING'),
        req('currency', 'STRING'),
        req('attributed_revenue_minor', 'INT64'),
        req('claimed_value_minor', 'INT64'),
        col('over_claim_ratio', 'FLOAT64'),
      ],
    ),
  ),
  inventory_status: derived(
    table(
      'inventory_status',
      'Per variant and location (* = all) as of date: velocity, days of cover, status, spend alignment',
      [
        req('brand_id', 'STRING'),
        req('date', 'DATE'),
        req('variant_id', 'STRING'),
        col('product_id', 'STRING'),
        col('sku', 'STRING'),
        req('location_id', 'STRING'),
        req('available', 'INT64'),
        req('velocity_30d', 'FLOAT64'),
        req('velocity_recent', 'FLOAT64'),
        req('velocity_sba', 'FLOAT64'),
        req('velocity_rate', 'FLOAT64'),
        req('velocity_method', 'STRING'),
        col('days_of_cover', 'FLOAT64'),
        col('stockout_date', 'DATE'),
        req('status', 'STRING'),
        req('spend_minor', 'INT64'),
        req('spend_share', 'FLOAT64'),
        req('alignment', 'STRING'),
      ],
    ),
  ),
  /**
   * First-party customer events (collect, webhooks, imports), one row per event id and brand.
   * Identifiers and person fields are kept as received (JSON strings); identity resolution
   * normalises them. Partitioned by `day`, the brand-local day the event occurred.
   */
  events: table(
    'events',
    'First-party customer events: pixel, store webhooks, POS, API, messaging',
    [
      req('brand_id', 'STRING'),
      req('event_id', 'STRING'),
      req('type', 'STRING'),
      req('source', 'STRING'),
      req('occurred_at', 'TIMESTAMP'),
      req('received_at', 'TIMESTAMP'),
      req('day', 'DATE'),
      col('client_id', 'STRING', { pii: true }),
      req('identifiers', 'STRING'),
      col('person', 'STRING', { pii: true }),
      col('product_id', 'STRING'),
      col('variant_id', 'STRING'),
      col('value_minor', 'INT64'),
      col('currency', 'STRING'),
      col('url', 'STRING'),
      col('properties', 'STRING'),
      // mobile | tablet | desktop | bot | unknown, from the user agent (never stored); NULL on
      // rows from before the column, read as unknown (docs/decisions/940).
      col('device', 'STRING'),
    ],
    'day',
  ),
  ...CUSTOMER_ANALYTICS_TABLES,
} as const satisfies Record<string, TableDef>;

export type TenantTable = keyof typeof TENANT_TABLES;

/** What a column holds in a row (timestamps as ISO strings, dates as `YYYY-MM-DD`). */
type ValueOf<T extends ColumnType> = T extends 'INT64' | 'FLOAT64'
  ? number
  : T extends 'BOOL'
    ? boolean
    : string;
type ColumnsOf<D> = D extends { readonly columns: readonly (infer C)[] } ? C : never;

/**
 * The row type of a table definition: its required columns present and non-null, the others
 * optional or null (absent is written as null). `TenantRow<'orders'>` is what the Shopify mapping
 * produces for `orders`; both are derived from TENANT_TABLES, so they cannot drift apart.
 */
export type RowOf<D> = {
  [C in ColumnsOf<D> as C extends { required: true; name: infer N extends string } ? N : never]: C extends {
    type: infer T extends ColumnType;
  }
    ? ValueOf<T>
    : never;
} & {
  [C in ColumnsOf<D> as C extends { required: true }
    ? never
    : C extends { name: infer N extends string }
      ? N
      : never]?: (C extends { type: infer T extends ColumnType } ? ValueOf<T> : never) | null;
};
export type TenantRow<T extends TenantTable> = RowOf<(typeof TENANT_TABLES)[T]>;

/** The shared `pp_ops` dataset: rows carry their tenant. Finance views read these. */
export const OPS_TABLES = {
  ai_token_usage: {
    name: 'ai_token_usage',
    description: 'Every LLM call: tokens, cost, latency, per tenant',
    partitionBy: 'date',
    clusterBy: ['tenant_id'],
    columns: [
      req('date', 'DATE'),
      req('at', 'TIMESTAMP'),
      req('tenant_id', 'STRING'),
      col('brand_id', 'STRING'),
      col('uid', 'STRING'),
      req('operation', 'STRING'),
      req('model', 'STRING'),
      req('input_tokens', 'INT64'),
      req('output_tokens', 'INT64'),
      req('cache_creation_tokens', 'INT64'),
      req('cache_read_tokens', 'INT64'),
      req('cost_micros', 'INT64'),
      req('pricing_version', 'STRING'),
      req('latency_ms', 'INT64'),
      col('request_id', 'STRING'),
    ],
  },
  billing_invoices: {
    name: 'billing_invoices',
    description: 'Paid subscription invoices per tenant, with the plan they paid for (finance)',
    partitionBy: 'date',
    clusterBy: ['tenant_id'],
    columns: [
      req('date', 'DATE'),
      req('at', 'TIMESTAMP'),
      req('tenant_id', 'STRING'),
      req('provider', 'STRING'),
      req('invoice_id', 'STRING'),
      req('plan_id', 'STRING'),
      req('currency', 'STRING'),
      req('total_minor', 'INT64'),
      req('amount_paid_minor', 'INT64'),
    ],
  },
  observability_events: {
    name: 'observability_events',
    description: 'Request and job events (latency, status), batched',
    partitionBy: 'date',
    clusterBy: ['tenant_id'],
    columns: [
      req('date', 'DATE'),
      req('at', 'TIMESTAMP'),
      col('tenant_id', 'STRING'),
      req('kind', 'STRING'),
      req('name', 'STRING'),
      col('status', 'STRING'),
      col('duration_ms', 'FLOAT64'),
      col('trace', 'STRING'),
      col('attributes', 'STRING'),
    ],
  },
} as const satisfies Record<string, TableDef>;

export type OpsTable = keyof typeof OPS_TABLES;

export const OPS_DATASET = 'pp_ops';

/** `pp_<tenant>`; never a shared dataset, whatever id reaches it (tenant ids refuse those too). */
export function tenantDatasetName(tenantId: string): string {
  const name = `pp_${tenantId}`;
  if (name === OPS_DATASET) throw new Error(`tenant id "${tenantId}" would name the shared dataset ${name}`);
  return name;
}
