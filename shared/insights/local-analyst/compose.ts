import { z } from 'zod';
import type { Intent } from './plan';

/**
 * Turns tool results into the local analyst's answer. Every number it writes is a value a tool
 * returned (formatted, never recomputed), so its answers pass the same groundedness check as
 * Claude's.
 */
const num = z.number();
const period = z.object({ from: z.string(), to: z.string(), days: num });
const kpis = z.object({ spend: num, revenue: num, profit: num, orders: num, roas: num.nullable() });
const schemas = {
  get_kpis: kpis.extend({ period, currency: z.string() }),
  compare_periods: z.object({
    currency: z.string(),
    current: kpis.extend({ period }),
    previous: kpis.extend({ period }),
    change: z.object({
      revenue: num,
      revenue_pct: num.nullable(),
      spend_pct: num.nullable(),
      orders_pct: num.nullable(),
    }),
    channels: z.array(
      z.object({ channel: z.string(), revenue_change: num, revenue_current: num, revenue_previous: num }),
    ),
    products: z.array(
      z.object({ title: z.string(), revenue_change: num, revenue_current: num, revenue_previous: num }),
    ),
  }),
  get_channel_performance: z.object({
    period,
    currency: z.string(),
    channels: z.array(kpis.extend({ channel: z.string(), revenue_share_pct: num.nullable() })),
  }),
  get_campaigns: z.object({
    period,
    currency: z.string(),
    campaigns: z.array(kpis.extend({ name: z.string(), platform: z.string() })),
  }),
  get_products: z.object({
    period,
    currency: z.string(),
    products: z.array(
      z.object({
        title: z.string(),
        sku: z.string().nullable(),
        units: num,
        revenue: num,
        spend: num,
        stock_available: num.nullable(),
      }),
    ),
  }),
  get_inventory_risks: z.object({
    as_of: z.string(),
    currency: z.string(),
    window: period,
    thresholds: z.object({ low_cover_days: num, overstock_cover_days: num }),
    products: z.array(
      z.object({
        title: z.string(),
        status: z.string(),
        stock_available: num,
        days_of_cover: num.nullable(),
        projected_stockout_date: z.string().nullable(),
        units_sold: num,
        ad_spend: num,
      }),
    ),
  }),
  get_recommendations: z.object({
    recommendations: z.array(
      z.object({
        priority: z.string(),
        title: z.string(),
        action: z.string(),
        expected_impact: z.object({ description: z.string() }),
      }),
    ),
  }),
  get_alerts: z.object({
    alerts: z.array(z.object({ severity: z.string(), title: z.string(), recommended_action: z.string() })),
  }),
};
type Results = { [K in keyof typeof schemas]?: z.infer<(typeof schemas)[K]> };

export function readResults(raw: ReadonlyArray<{ name: string; content: string; isError?: boolean }>): {
  results: Results;
  errors: string[];
} {
  const results: Results = {};
  const errors: string[] = [];
  for (const r of raw) {
    const schema = schemas[r.name as keyof typeof schemas];
    const parsed = schema && !r.isError ? schema.safeParse(JSON.parse(r.content)) : undefined;
    if (parsed?.success) (results as Record<string, unknown>)[r.name] = parsed.data;
    else errors.push(`${r.name}: ${r.isError ? r.content : 'unexpected result'}`);
  }
  return { results, errors };
}

const money = (value: number, currency: string) =>
  `${currency} ${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const signed = (value: number, currency: string) =>
  `${value < 0 ? '−' : '+'}${money(Math.abs(value), currency)}`;
const pct = (value: number | null) => (value === null ? 'n/a' : `${value > 0 ? '+' : ''}${value}%`);
const roas = (value: number | null) => (value === null ? 'n/a (no spend)' : String(value));
const span = (p: { from: string; to: string }) => `${p.from} to ${p.to}`;

function kpiAnswer(r: NonNullable<Results['get_kpis']>): string {
  return `From ${span(r.period)}: revenue ${money(r.revenue, r.currency)} on ${money(r.spend, r.currency)} of ad spend (ROAS ${roas(r.roas)}), profit ${money(r.profit, r.currency)} from ${r.orders} orders.`;
}

function changeAnswer(r: NonNullable<Results['compare_periods']>): string {
  const c = r.currency;
  const dir = r.change.revenue < 0 ? 'fell' : 'rose';
  const lines = [
    `Revenue ${dir} by ${money(Math.abs(r.change.revenue), c)} (${pct(r.change.revenue_pct)}): ${money(r.current.revenue, c)} from ${span(r.current.period)} against ${money(r.previous.revenue, c)} from ${span(r.previous.period)}.`,
    `- Ad spend ${pct(r.change.spend_pct)} (${money(r.previous.spend, c)} → ${money(r.current.spend, c)}); ROAS ${roas(r.previous.roas)} → ${roas(r.current.roas)}; orders ${pct(r.change.orders_pct)}.`,
  ];
  for (const ch of r.channels.slice(0, 3))
    lines.push(
      `- Channel ${ch.channel}: ${signed(ch.revenue_change, c)} (${money(ch.revenue_previous, c)} → ${money(ch.revenue_current, c)}).`,
    );
  for (const p of r.products.slice(0, 3))
    lines.push(
      `- ${p.title}: ${signed(p.revenue_change, c)} (${money(p.revenue_previous, c)} → ${money(p.revenue_current, c)}).`,
    );
  return lines.join('\n');
}

function inventoryAnswer(r: NonNullable<Results['get_inventory_risks']>, overstock: boolean): string {
  const c = r.currency;
  if (r.products.length === 0)
    return overstock
      ? `No product has more than ${r.thresholds.overstock_cover_days} days of cover as of ${r.as_of}.`
      : `As of ${r.as_of} no product is out of stock or below ${r.thresholds.low_cover_days} days of cover.`;
  const head = overstock
    ? `${r.products.length} product(s) have more than ${r.thresholds.overstock_cover_days} days of cover as of ${r.as_of}; they are candidates to promote:`
    : `${r.products.length} product(s) are out of stock or will run out within ${r.thresholds.low_cover_days} days (as of ${r.as_of}):`;
  const lines = r.products.map((p) =>
    p.status === 'stockout'
      ? `- ${p.title}: out of stock (${p.stock_available} units), still ${money(p.ad_spend, c)} of ad spend from ${span(r.window)}.`
      : `- ${p.title}: ${p.stock_available} units, ${p.days_of_cover ?? 'unknown'} days of cover${p.projected_stockout_date ? `, projected to stock out on ${p.projected_stockout_date}` : ''}; ${p.units_sold} sold and ${money(p.ad_spend, c)} of ad spend from ${span(r.window)}.`,
  );
  return [head, ...lines].join('\n');
}

function campaignsAnswer(r: NonNullable<Results['get_campaigns']>, heading: string): string {
  if (r.campaigns.length === 0) return `No campaign had spend or revenue from ${span(r.period)}.`;
  const c = r.currency;
  return [
    `${heading} from ${span(r.period)}:`,
    ...r.campaigns.map(
      (x, i) =>
        `${i + 1}. ${x.name} (${x.platform}): profit ${money(x.profit, c)}, ROAS ${roas(x.roas)}, revenue ${money(x.revenue, c)} on ${money(x.spend, c)} of spend.`,
    ),
  ].join('\n');
}

export function compose(intent: Intent, results: Results): string | undefined {
  const r = results;
  switch (intent) {
    case 'kpis':
      return r.get_kpis && kpiAnswer(r.get_kpis);
    case 'why_change':
      return r.compare_periods && changeAnswer(r.compare_periods);
    case 'stockout':
      return r.get_inventory_risks && inventoryAnswer(r.get_inventory_risks, false);
    case 'overstock':
      return r.get_inventory_risks && inventoryAnswer(r.get_inventory_risks, true);
    case 'campaigns_profit':
      return r.get_campaigns && campaignsAnswer(r.get_campaigns, 'Most profitable campaigns');
    case 'campaigns_worst':
      return r.get_campaigns && campaignsAnswer(r.get_campaigns, 'Campaigns with the lowest ROAS');
    case 'campaigns_roas':
      return r.get_campaigns && campaignsAnswer(r.get_campaigns, 'Campaigns by ROAS');
    case 'channels': {
      const ch = r.get_channel_performance;
      if (!ch) return undefined;
      return [
        `Channels from ${span(ch.period)}, by revenue:`,
        ...ch.channels.map(
          (x) =>
            `- ${x.channel}: revenue ${money(x.revenue, ch.currency)} (${x.revenue_share_pct ?? 0}% of total), spend ${money(x.spend, ch.currency)}, ROAS ${roas(x.roas)}, profit ${money(x.profit, ch.currency)}.`,
        ),
      ].join('\n');
    }
    case 'products': {
      const p = r.get_products;
      if (!p) return undefined;
      return [
        `Top products by revenue from ${span(p.period)}:`,
        ...p.products.map(
          (x, i) =>
            `${i + 1}. ${x.title}${x.sku ? ` (${x.sku})` : ''}: revenue ${money(x.revenue, p.currency)}, ${x.units} units, ad spend ${money(x.spend, p.currency)}, ${x.stock_available ?? 'unknown'} in stock.`,
        ),
      ].join('\n');
    }
    case 'recommendations': {
      const recs = r.get_recommendations?.recommendations;
      if (!recs) return undefined;
      if (recs.length === 0) return 'There are no open recommendations right now.';
      return [
        `${recs.length} open recommendation(s), most important first:`,
        ...recs.map(
          (x, i) => `${i + 1}. [${x.priority}] ${x.title}. ${x.action} ${x.expected_impact.description}`,
        ),
      ].join('\n');
    }
    case 'alerts': {
      const alerts = r.get_alerts?.alerts;
      if (!alerts) return undefined;
      if (alerts.length === 0) return 'There are no open alerts.';
      return [
        `${alerts.length} open alert(s):`,
        ...alerts.map((a) => `- [${a.severity}] ${a.title}. ${a.recommended_action}`),
      ].join('\n');
    }
    case 'weekly_summary': {
      const parts = [
        r.compare_periods && `This week: ${changeAnswer(r.compare_periods)}`,
        r.get_inventory_risks && inventoryAnswer(r.get_inventory_risks, false),
        r.get_recommendations && compose('recommendations', { get_recommendations: r.get_recommendations }),
      ].filter(Boolean);
      return parts.length ? parts.join('\n\n') : undefined;
    }
  }
}
