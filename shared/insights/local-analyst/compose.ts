import { z } from 'zod';
import { SEGMENT_LABELS, SEGMENTS, type Segment } from '../../domain/customers/segments/rfm';
import { humanize } from '../../domain/format';
import { channelName, platformName } from '../../domain/names/names';
import { campaignsLtvAnswer, growthSchemas, newCustomersAnswer } from './growth';
import type { Metric, Plan, PlannedCall } from './plan';
import { capitalize, noDataYet, type Writer, when, writer } from './writer';

/**
 * Turns tool results into the local analyst's answer: the question answered first, in one
 * sentence with its numbers, then the supporting rows. Every number is a value a tool returned,
 * written through the shared format (domain/format.ts: "$85,463.06", "3.42×", "2.5 days") with
 * display names, so its answers pass the same groundedness check as Claude's and read like the app.
 */
const num = z.number();
const period = z.object({ from: z.string(), to: z.string(), days: num });
const kpis = z.object({ spend: num, revenue: num, profit: num, orders: num, roas: num.nullable() });
const schemas = {
  get_kpis: kpis.extend({ period, currency: z.string(), latest_day_with_data: z.string() }),
  compare_periods: z.object({
    currency: z.string(),
    comparison_warning: z.string().optional(),
    current: kpis.extend({ period }),
    previous: kpis.extend({ period }),
    change: z.object({
      revenue: num,
      revenue_pct: num.nullable(),
      spend_pct: num.nullable(),
      profit_pct: num.nullable(),
      orders_pct: num.nullable(),
      roas_pct: num.nullable(),
    }),
    channels: z.array(
      z.object({
        channel: z.string(),
        name: z.string(),
        revenue_change: num,
        revenue_current: num,
        revenue_previous: num,
      }),
    ),
    products: z.array(
      z.object({ title: z.string(), revenue_change: num, revenue_current: num, revenue_previous: num }),
    ),
  }),
  get_channel_performance: z.object({
    period,
    latest_day_with_data: z.string(),
    currency: z.string(),
    channels: z.array(
      kpis.extend({ channel: z.string(), name: z.string(), revenue_share_pct: num.nullable() }),
    ),
  }),
  get_campaigns: z.object({
    period,
    currency: z.string(),
    campaigns: z.array(kpis.extend({ name: z.string(), platform: z.string() })),
    campaign_not_identified: z
      .array(kpis.extend({ name: z.string(), why_and_what_to_do: z.string() }))
      .optional(),
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
        profit: num,
        roas: num.nullable(),
        stock_available: num.nullable(),
      }),
    ),
  }),
  get_inventory_risks: z.object({
    as_of: z.string(),
    currency: z.string(),
    window: period,
    thresholds: z.object({ low_cover_days: num, overstock_cover_days: num }),
    products_with_stock: num.optional(),
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
        type: z.string(),
        platform: z.string().nullable().optional(),
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
  get_segments: z.object({
    as_of: z.string(),
    currency: z.string(),
    totals: z.object({ customers: num, revenue_to_date: num, predicted_value_365d: num }),
    segments: z.array(
      z.object({
        segment: z.enum(SEGMENTS),
        definition: z.string(),
        customers: num,
        change_since_previous_run: num,
        revenue_to_date: num,
        predicted_value_365d: num,
      }),
    ),
    repeat_rate: num,
    median_days_between_orders: num.nullable(),
  }),
  get_cohorts: z.object({
    as_of: z.string(),
    dimension: z.string(),
    currency: z.string(),
    cohorts: z.array(
      z.object({
        name: z.string(),
        cohort: z.string(),
        customers: num,
        months: z.array(z.object({ month: num, retention: num, cumulative_revenue_per_customer: num })),
      }),
    ),
  }),
  get_funnel: z.object({
    period: z.object({ from: z.string(), to: z.string() }),
    window_days: num,
    steps: z.array(
      z.object({
        step: z.string(),
        visitors: num,
        conversion_from_previous: num.nullable(),
        conversion_from_start: num.nullable(),
      }),
    ),
  }),
  find_customer: z.object({
    customers: z.array(
      z.object({ customer_id: z.string(), name: z.string().nullable(), emails: z.array(z.string()) }),
    ),
  }),
  get_customer: z.object({
    name: z.string().nullable(),
    emails: z.array(z.string()),
    order_count: num,
    revenue: num,
    currency: z.string(),
    first_order_at: z.string().nullable(),
    last_order_at: z.string().nullable(),
    journey_stage: z.string(),
    predictions: z.object({
      not_yet_computed: z.string().optional(),
      segment: z.enum(SEGMENTS).optional(),
      p_alive: num.nullable().optional(),
      churn_probability: num.nullable().optional(),
      note: z.string().optional(),
      predicted_value_365d: num.optional(),
    }),
  }),
  ...growthSchemas,
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

/** One metric of one row in words: "a ROAS of 2.45×", "$1,234.56 of ad spend". */
function metricPhrase(w: Writer, m: Metric, k: z.infer<typeof kpis>): string {
  switch (m) {
    case 'spend':
      return `${w.money(k.spend)} of ad spend`;
    case 'revenue':
      return `${w.money(k.revenue)} of revenue`;
    case 'roas':
      return k.roas === null ? 'no ROAS (no ad spend)' : `a ROAS of ${w.fmt.ratio(k.roas)}`;
    case 'profit':
      return `a profit of ${w.money(k.profit)}`;
    case 'orders':
      return w.orders(k.orders);
  }
}

/** The metrics asked about, or the headline ones when none was named. */
const asked = (plan: Plan): Metric[] => (plan.metrics.length ? plan.metrics : ['revenue', 'spend', 'roas']);

function channelAnswer(r: NonNullable<Results['get_channel_performance']>, plan: Plan): string {
  const w = writer(r.currency);
  const empty = noDataYet(w, plan, r);
  if (empty) return empty;
  const period = when(w, plan, r.period);
  const named = plan.channels.map(
    (key) => r.channels.find((c) => c.channel === key) ?? { channel: key, name: channelName(key) },
  );
  const metrics = asked(plan);
  const parts = named.map((c) =>
    'spend' in c
      ? `${c.name} had ${metrics.map((m) => metricPhrase(w, m, c)).join(', ')}`
      : `${c.name} had no spend or attributed revenue`,
  );
  const lines = [`${capitalize(period)}, ${joinAnd(parts)}.`, ''];
  for (const c of named)
    lines.push('spend' in c ? `- ${c.name}: ${w.row(c)}` : `- ${c.name}: no data in this period`);
  return lines.join('\n');
}

/**
 * The brand's totals for the period, or the row of a campaign or product the question names. With
 * `namedOnly` (a question that names no metric or period), only such a row: no totals in its place.
 */
/** Recommendation types that lower a budget, and those that raise one. */
const CUTS = new Set(['reduce_spend', 'pause']);
const RAISES = new Set(['increase_spend', 'promote']);

/**
 * "Should I spend more on TikTok?": what Pulsepoint's open recommendations say about the channel
 * named (the platform whose budget each changes), yes or no first, then each of them and the channel's
 * own numbers. Without a channel named, the store's open recommendations.
 */
function adviceAnswer(r: Results, plan: Plan, question: string): string | undefined {
  const recs = r.get_recommendations?.recommendations;
  if (!recs) return undefined;
  if (plan.channels.length === 0) return compose({ ...plan, intent: 'recommendations' }, r, question);
  const names = plan.channels.map(channelName);
  const about = recs.filter((x) => x.platform && plan.channels.includes(x.platform));
  const cuts = about.filter((x) => CUTS.has(x.type));
  const raises = about.filter((x) => RAISES.has(x.type));
  const wantsLess = /\b(cut|reduce|lower|pause|stop|less)\b/.test(question.toLowerCase());
  const who = joinAnd(names);
  const count = (n: number, what: string) => `${n} open ${n === 1 ? what : `${what}s`}`;
  const campaigns = (n: number) => (n === 1 ? 'one campaign' : `${n} campaigns`);
  let first: string;
  if (about.length === 0)
    first = `Pulsepoint has no open recommendation to change ${who}'s budgets; its numbers are below`;
  else if (raises.length === 0)
    first = `${wantsLess ? 'Yes' : 'No'}: Pulsepoint recommends cutting ${who}, not raising it (${count(cuts.length, 'recommendation')} for its campaigns; the most important: ${cuts[0]!.title})`;
  else if (cuts.length === 0)
    first = `${wantsLess ? 'No' : 'Yes'}: Pulsepoint recommends raising ${who} (${count(raises.length, 'recommendation')} for its campaigns; the most important: ${raises[0]!.title})`;
  else
    first = `On some campaigns: Pulsepoint recommends raising ${campaigns(raises.length)} of ${who} and cutting ${campaigns(cuts.length)}`;
  const lines = [first.endsWith('.') ? first : `${first}.`];
  if (about.length > 0) {
    lines.push('');
    for (const [i, x] of about.entries())
      lines.push(
        `${i + 1}. ${humanize(x.priority)}: ${sentence(x.title)} ${sentence(x.action)} ${sentence(x.expected_impact.description)}`,
      );
  }
  const numbers =
    r.get_channel_performance &&
    channelAnswer(r.get_channel_performance, { ...plan, metrics: ['spend', 'revenue', 'roas', 'profit'] });
  if (numbers) lines.push('', numbers);
  return lines.join('\n');
}

function kpiAnswer(r: Results, plan: Plan, question: string, namedOnly = false): string | undefined {
  const k = r.get_kpis;
  if (!k) return undefined;
  const w = writer(k.currency);
  const empty = noDataYet(w, plan, k);
  if (empty) return empty;
  const metrics = asked(plan);
  const q = question.toLowerCase();
  // A campaign or product named in the question is answered from its own row.
  const campaign = bestMatch(r.get_campaigns?.campaigns ?? [], q, (c) => [c.name]);
  if (campaign) {
    return [
      `${capitalize(when(w, plan, k.period))}, the campaign ${campaign.name} (${platformName(campaign.platform)}) had ${metrics.map((m) => metricPhrase(w, m, campaign)).join(', ')}.`,
      '',
      `- ${campaign.name}: ${w.row(campaign)}`,
    ].join('\n');
  }
  const product = bestMatch(r.get_products?.products ?? [], q, (p) => [p.title, ...(p.sku ? [p.sku] : [])]);
  if (product) {
    const said = metrics
      .map((m) =>
        m === 'orders'
          ? `${w.fmt.decimal(product.units)} units sold`
          : metricPhrase(w, m, { ...product, orders: product.units }),
      )
      .join(', ');
    return [
      `${capitalize(when(w, plan, k.period))}, ${product.title} had ${said}.`,
      '',
      `- ${product.title}: revenue ${w.money(product.revenue)} · ${w.fmt.decimal(product.units)} units · ad spend ${w.money(product.spend)} · ROAS ${w.roas(product.roas)} · profit ${w.money(product.profit)}${product.stock_available === null ? '' : ` · ${w.fmt.integer(product.stock_available)} in stock`}`,
    ].join('\n');
  }
  if (namedOnly) return CANNOT_ANSWER;
  return [
    `${capitalize(when(w, plan, k.period))}, you had ${metrics.map((m) => metricPhrase(w, m, k)).join(', ')}.`,
    '',
    `- All channels: ${w.row(k)}`,
  ].join('\n');
}

function changeAnswer(r: NonNullable<Results['compare_periods']>, plan: Plan): string {
  const w = writer(r.currency);
  const cur = `${w.span(r.current.period)}`;
  const prev = `${w.span(r.previous.period)}`;
  const metric = plan.metrics[0] ?? 'revenue';
  const values: Record<Metric, [string, string, number | null]> = {
    revenue: [w.money(r.previous.revenue), w.money(r.current.revenue), r.change.revenue_pct],
    spend: [w.money(r.previous.spend), w.money(r.current.spend), r.change.spend_pct],
    roas: [w.roas(r.previous.roas), w.roas(r.current.roas), r.change.roas_pct],
    profit: [w.money(r.previous.profit), w.money(r.current.profit), r.change.profit_pct],
    orders: [w.orders(r.previous.orders), w.orders(r.current.orders), r.change.orders_pct],
  };
  const [before, now, change] = values[metric];
  const label = metric === 'roas' ? 'ROAS' : capitalize(metric === 'spend' ? 'ad spend' : metric);
  const head =
    metric === 'revenue'
      ? `Revenue ${r.change.revenue < 0 ? 'fell' : 'rose'} by ${w.money(Math.abs(r.change.revenue))} (${w.pct(r.change.revenue_pct)}): ${now} from ${cur} against ${before} from ${prev}.`
      : `${label} went from ${before} (${prev}) to ${now} (${cur}), ${w.pct(change)}.`;
  const lines = [
    head,
    ...(r.comparison_warning ? [r.comparison_warning] : []),
    '',
    `- Revenue ${w.pct(r.change.revenue_pct)} (${w.money(r.previous.revenue)} → ${w.money(r.current.revenue)}); ad spend ${w.pct(r.change.spend_pct)} (${w.money(r.previous.spend)} → ${w.money(r.current.spend)}); ROAS ${w.roas(r.previous.roas)} → ${w.roas(r.current.roas)}; profit ${w.money(r.previous.profit)} → ${w.money(r.current.profit)}; orders ${w.pct(r.change.orders_pct)}.`,
  ];
  for (const ch of r.channels.slice(0, 3))
    lines.push(
      `- ${ch.name}: revenue ${w.signedMoney(ch.revenue_change)} (${w.money(ch.revenue_previous)} → ${w.money(ch.revenue_current)}).`,
    );
  for (const p of r.products.slice(0, 3))
    lines.push(
      `- ${p.title}: revenue ${w.signedMoney(p.revenue_change)} (${w.money(p.revenue_previous)} → ${w.money(p.revenue_current)}).`,
    );
  return lines.join('\n');
}

const YEAR = 365;
/** Days of cover in words; beyond a year the exact figure says nothing a merchant can act on. */
const coverWords = (w: Writer, days: number | null) =>
  days === null ? 'unknown' : days > YEAR ? 'more than a year' : w.fmt.daysLong(days);
/** Lines shown under an answer; the rest are counted. */
const SHOWN = 8;
const listed = (lines: string[], n: number) =>
  n > lines.length ? [...lines, `- …and ${n - lines.length} more.`] : lines;

/** How the named channels' attributed revenue moved against the period before. */
function channelChangeAnswer(r: NonNullable<Results['compare_periods']>, plan: Plan): string {
  const w = writer(r.currency);
  const named = plan.channels.map((key) => ({
    key,
    row: r.channels.find((c) => c.channel === key),
  }));
  const parts = named.map(({ key, row }) =>
    row
      ? `${row.name}'s revenue ${row.revenue_change < 0 ? 'fell' : 'rose'} by ${w.money(Math.abs(row.revenue_change))}, from ${w.money(row.revenue_previous)} to ${w.money(row.revenue_current)}`
      : `${channelName(key)} had no attributed revenue in either period`,
  );
  return [
    `${capitalize(when(w, plan, r.current.period))}, against ${w.span(r.previous.period)}: ${joinAnd(parts)}.`,
    '',
    `- All channels: revenue ${w.pct(r.change.revenue_pct)} (${w.money(r.previous.revenue)} → ${w.money(r.current.revenue)}); ad spend ${w.pct(r.change.spend_pct)}; ROAS ${w.roas(r.previous.roas)} → ${w.roas(r.current.roas)}.`,
    ...r.products
      .slice(0, 3)
      .map(
        (p) =>
          `- ${p.title}: revenue ${w.signedMoney(p.revenue_change)} (${w.money(p.revenue_previous)} → ${w.money(p.revenue_current)}).`,
      ),
  ].join('\n');
}

type InventoryRow = NonNullable<Results['get_inventory_risks']>['products'][number];
function inventoryLine(w: Writer, r: NonNullable<Results['get_inventory_risks']>, p: InventoryRow): string {
  const spend = `${w.money(p.ad_spend)} of ad spend and ${w.fmt.decimal(p.units_sold)} sold ${w.span(r.window)}`;
  if (p.status === 'stockout') return `- ${p.title}: out of stock (${p.stock_available} units); ${spend}.`;
  const cover = `${coverWords(w, p.days_of_cover)} of cover`;
  const soon = p.days_of_cover !== null && p.days_of_cover <= YEAR;
  const date =
    p.projected_stockout_date && soon
      ? `, projected to stock out on ${w.fmt.day(p.projected_stockout_date)}`
      : '';
  return `- ${p.title}: ${w.fmt.integer(p.stock_available)} units, ${cover}${date}; ${spend}.`;
}

function inventoryAnswer(
  r: NonNullable<Results['get_inventory_risks']>,
  plan: Plan,
  overstock: boolean,
): string {
  const w = writer(r.currency);
  const asOf = w.fmt.day(r.as_of);
  const n = r.products.length;
  const noun = n === 1 ? 'product' : 'products';
  // No stock level at all (an import of orders and ad spend only): "nothing is low" would be a guess.
  if (r.products_with_stock === 0)
    return 'There are no stock levels for any product yet, so stock cover cannot be judged: sync Shopify or import its inventory export.';
  if (overstock) {
    if (n === 0)
      return `No product has more than ${w.fmt.daysLong(r.thresholds.overstock_cover_days)} of cover as of ${asOf}.`;
    return [
      `${n} ${noun} ${n === 1 ? 'has' : 'have'} more than ${w.fmt.daysLong(r.thresholds.overstock_cover_days)} of cover as of ${asOf}, led by ${r.products[0]!.title}; ${n === 1 ? 'it is a candidate' : 'they are candidates'} to promote.`,
      '',
      ...listed(
        r.products.slice(0, SHOWN).map((p) => inventoryLine(w, r, p)),
        n,
      ),
    ].join('\n');
  }
  const low = w.fmt.daysLong(r.thresholds.low_cover_days);
  const advertised = plan.advertised ? ' while ads still spend on them' : '';
  if (n === 0)
    return `As of ${asOf} no product${plan.advertised ? ' that ads spend on' : ''} is out of stock or below ${low} of cover.`;
  const out = r.products.filter((p) => p.status === 'stockout').map((p) => p.title);
  const running = r.products
    .filter((p) => p.status !== 'stockout')
    .map((p) => `${p.title} has ${coverWords(w, p.days_of_cover)} of cover left`);
  const said = [
    out.length ? `${joinAnd(out)} ${out.length === 1 ? 'is' : 'are'} out of stock` : '',
    ...running,
  ].filter(Boolean);
  return [
    `${n} ${noun} ${n === 1 ? 'is' : 'are'} out of stock or below ${low} of cover${advertised} (as of ${asOf}): ${joinAnd(said)}.`,
    '',
    ...r.products.map((p) => inventoryLine(w, r, p)),
  ].join('\n');
}

function stockAnswer(r: NonNullable<Results['get_inventory_risks']>, plan: Plan, question: string): string {
  const q = question.toLowerCase();
  const product = bestMatch(r.products, q, (p) => [p.title]);
  if (!product)
    return inventoryAnswer(
      { ...r, products: r.products.filter((p) => p.status === 'stockout' || p.status === 'low') },
      plan,
      false,
    );
  const w = writer(r.currency);
  const cover =
    product.status === 'stockout'
      ? 'is out of stock'
      : `has ${w.fmt.integer(product.stock_available)} units in stock, ${coverWords(w, product.days_of_cover)} of cover`;
  return [`As of ${w.fmt.day(r.as_of)}, ${product.title} ${cover}.`, '', inventoryLine(w, r, product)].join(
    '\n',
  );
}

function campaignsAnswer(
  r: NonNullable<Results['get_campaigns']>,
  plan: Plan,
  kind: 'profit' | 'worst' | 'roas',
): string {
  const w = writer(r.currency);
  const period = when(w, plan, r.period);
  if (r.campaigns.length === 0) return `No campaign had spend or revenue ${period}.`;
  const top = r.campaigns[0]!;
  const name = (c: (typeof r.campaigns)[number]) => `${c.name} (${platformName(c.platform)})`;
  const head =
    kind === 'profit'
      ? `The most profitable campaign ${period} was ${name(top)}, with a profit of ${w.money(top.profit)} (ROAS ${w.roas(top.roas)}).`
      : kind === 'worst'
        ? `The campaign with the lowest return ${period} was ${name(top)}: ROAS ${w.roas(top.roas)} on ${w.money(top.spend)} of ad spend, a profit of ${w.money(top.profit)}.`
        : `The campaign with the highest ROAS ${period} was ${name(top)}, at ${w.roas(top.roas)} on ${w.money(top.spend)} of ad spend.`;
  return [
    head,
    '',
    ...r.campaigns
      .slice(0, 10)
      .map(
        (c, i) =>
          `${i + 1}. ${name(c)}: profit ${w.money(c.profit)}, ROAS ${w.roas(c.roas)}, revenue ${w.money(c.revenue)} on ${w.money(c.spend)} of spend.`,
      ),
    // A platform's revenue with no campaign identified: its own explained line (decision 981).
    ...(r.campaign_not_identified ?? []).map(
      (u) => `${u.name}: revenue ${w.money(u.revenue)}. ${u.why_and_what_to_do}`,
    ),
  ].join('\n');
}

function channelsAnswer(ch: NonNullable<Results['get_channel_performance']>, plan: Plan): string {
  const w = writer(ch.currency);
  const period = when(w, plan, ch.period);
  const top = ch.channels[0];
  if (!top) return `No channel had spend or revenue ${period}.`;
  return [
    `${capitalize(period)}, ${top.name} brought the most revenue: ${w.money(top.revenue)}${top.revenue_share_pct === null ? '' : ` (${w.fmt.share(top.revenue_share_pct / 100)} of the total)`}.`,
    '',
    ...ch.channels.map(
      (x) =>
        `- ${x.name}: revenue ${w.money(x.revenue)}${x.revenue_share_pct === null ? '' : ` (${w.fmt.share(x.revenue_share_pct / 100)} of the total)`} · spend ${w.money(x.spend)} · ROAS ${w.roas(x.roas)} · profit ${w.money(x.profit)}`,
    ),
  ].join('\n');
}

function productsAnswer(p: NonNullable<Results['get_products']>, plan: Plan): string {
  const w = writer(p.currency);
  const period = when(w, plan, p.period);
  const top = p.products[0];
  if (!top) return `No product sold ${period}.`;
  return [
    `Your best seller ${period} was ${top.title}: ${w.money(top.revenue)} of revenue from ${w.fmt.decimal(top.units)} units.`,
    '',
    ...p.products.map(
      (x, i) =>
        `${i + 1}. ${x.title}${x.sku ? ` (${x.sku})` : ''}: revenue ${w.money(x.revenue)}, ${w.fmt.decimal(x.units)} units, ad spend ${w.money(x.spend)}, ${x.stock_available === null ? 'stock unknown' : `${w.fmt.integer(x.stock_available)} in stock`}.`,
    ),
  ].join('\n');
}

/** What the local analyst says to a question none of its tools answers, and what it can answer. */
export const CANNOT_ANSWER =
  "I can't answer that from your store's data. I can answer questions about revenue, ad spend, ROAS, profit and orders (overall, by channel, campaign or product, for a period), stock and stockouts, recommendations and alerts, customers at risk of churning and the other customer segments, customer lifetime value and repeat rate, cohort retention, new and returning customers in a period, which campaigns bring the customers with the highest lifetime value (LTV, CAC and LTV:CAC by campaign), the conversion funnel, and one customer by email.";

/** Calls a first result asks for: the customer found by email, asked of get_customer. */
export function followUp(plan: Plan, r: Results): PlannedCall[] {
  if (plan.intent !== 'customer' || r.get_customer) return [];
  const found = r.find_customer?.customers[0];
  return found ? [{ name: 'get_customer', input: { customer_id: found.customer_id } }] : [];
}

type Segments = NonNullable<Results['get_segments']>;
type SegmentRow = Segments['segments'][number];

/** The segment a question is about: one named, or at risk for churn; none for "which segments". */
function segmentAsked(question: string): Segment | undefined {
  const q = question.toLowerCase();
  if (/\b(churned|lost)\b/.test(q)) return 'lost';
  if (/\b(churn\w*|lapsed|at.risk)\b/.test(q)) return 'at_risk';
  if (/\bchampions?\b|\bbest customers\b/.test(q)) return 'champions';
  if (/\bloyal\b/.test(q)) return 'loyal';
  if (/\bhibernating\b/.test(q)) return 'hibernating';
  if (/\bneeds? attention\b/.test(q)) return 'needs_attention';
  if (/\bpromising\b/.test(q)) return 'promising';
  // "new customers" is the new-customers question (growth.ts); the segment is named as one.
  if (/\bnew segment\b/.test(q)) return 'new';
  return undefined;
}

const customersWord = (w: Writer, n: number) => `${w.fmt.integer(n)} ${n === 1 ? 'customer' : 'customers'}`;

function segmentLine(w: Writer, x: SegmentRow, moved: boolean): string {
  const change = moved
    ? `, ${x.change_since_previous_run > 0 ? '+' : ''}${w.fmt.integer(x.change_since_previous_run)} since the last run`
    : '';
  return `- ${SEGMENT_LABELS[x.segment]}: ${customersWord(w, x.customers)}${change} · revenue to date ${w.money(x.revenue_to_date)} · predicted 365-day value ${w.money(x.predicted_value_365d)}`;
}

function segmentsAnswer(r: Segments, question: string): string {
  const w = writer(r.currency);
  const asOf = w.fmt.day(r.as_of);
  if (r.totals.customers === 0)
    return `No orders name a customer yet (as of ${asOf}), so there are no segments to answer from.`;
  const asked = segmentAsked(question);
  const row = asked && r.segments.find((x) => x.segment === asked);
  const moved = r.segments.some((x) => x.change_since_previous_run !== x.customers);
  let head: string;
  if (row) {
    const label = SEGMENT_LABELS[row.segment];
    head =
      row.customers === 0
        ? `No customer is in the ${label} segment as of ${asOf}: it holds those who ${row.definition}.`
        : `${customersWord(w, row.customers)} ${row.customers === 1 ? 'is' : 'are'} ${row.segment === 'at_risk' ? 'at risk, the At risk segment' : `in the ${label} segment`} as of ${asOf}: they ${row.definition}; together they have spent ${w.money(row.revenue_to_date)} and are predicted to spend ${w.money(row.predicted_value_365d)} in the next 365 days.`;
  } else {
    const largest = [...r.segments].sort((a, b) => b.customers - a.customers)[0]!;
    head = `Your ${customersWord(w, r.totals.customers)} fall into ${r.segments.length} segments as of ${asOf}; the largest is ${SEGMENT_LABELS[largest.segment]}, with ${customersWord(w, largest.customers)}: those who ${largest.definition}.`;
  }
  return [head, '', ...r.segments.map((x) => segmentLine(w, x, moved))].join('\n');
}

function valueAnswer(r: Segments): string {
  const w = writer(r.currency);
  const asOf = w.fmt.day(r.as_of);
  if (r.totals.customers === 0)
    return `No orders name a customer yet (as of ${asOf}), so there is no lifetime value to answer from.`;
  const t = r.totals;
  const between =
    r.median_days_between_orders === null
      ? ''
      : `, with a median of ${w.fmt.decimal(r.median_days_between_orders)} days between orders`;
  return [
    `Your ${customersWord(w, t.customers)} are predicted to spend ${w.money(t.predicted_value_365d)} in the next 365 days (discounted), on top of the ${w.money(t.revenue_to_date)} they have spent to date (as of ${asOf}).`,
    `Repeat rate: ${w.fmt.share(r.repeat_rate)} of customers have ordered more than once${between}.`,
    '',
    ...[...r.segments]
      .sort((a, b) => b.predicted_value_365d - a.predicted_value_365d)
      .map((x) => segmentLine(w, x, false)),
  ].join('\n');
}

function cohortsAnswer(r: NonNullable<Results['get_cohorts']>): string {
  const w = writer(r.currency);
  const asOf = w.fmt.day(r.as_of);
  // The latest cohort whose month after the first order has ended by the run's day.
  const monthAfterEnded = (c: string) => {
    if (!/^\d{4}-\d{2}$/.test(c)) return true;
    const [y, m] = c.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    return next < r.as_of.slice(0, 7);
  };
  const withMonth1 = r.cohorts.filter((c) => c.customers > 0 && c.months.some((m) => m.month === 1));
  const lead = [...withMonth1].reverse().find((c) => monthAfterEnded(c.cohort)) ?? withMonth1.at(-1);
  if (!lead)
    return `No cohort has a month after its first order yet (as of ${asOf}), so retention cannot be said.`;
  const m1 = lead.months.find((m) => m.month === 1)!;
  const lines = r.cohorts.slice(-SHOWN).map(
    (c) =>
      `- ${c.name}: ${customersWord(w, c.customers)}; bought again ${
        c.months
          .filter((m) => m.month > 0)
          .map((m) => `month ${m.month} ${w.fmt.share(m.retention)}`)
          .join(', ') || '(no later month yet)'
      }; ${w.money(c.months.at(-1)?.cumulative_revenue_per_customer ?? 0)} per customer so far`,
  );
  return [
    `Of the ${customersWord(w, lead.customers)} who first ordered in ${lead.name}, ${w.fmt.share(m1.retention)} came back and ordered again in the month after (as of ${asOf}).`,
    '',
    ...listed(lines, r.cohorts.length),
  ].join('\n');
}

function funnelAnswer(r: NonNullable<Results['get_funnel']>, plan: Plan, question: string): string {
  const w = writer('USD');
  const period = when(w, plan, r.period);
  const first = r.steps[0];
  const last = r.steps.at(-1);
  if (!first || !last || first.visitors === 0) return `No visitor was recorded ${period}.`;
  const q = question.toLowerCase();
  const named = /\bcarts?\b/.test(q)
    ? r.steps.find((s) => /cart/i.test(s.step))
    : /\bstart\w* (the )?checkout\b/.test(q)
      ? r.steps.find((s) => /started checkout/i.test(s.step))
      : undefined;
  const step = named ?? last;
  const share = (x: number | null) => (x === null ? '—' : w.fmt.share(x));
  // From the counts, as the funnel route's share is: the tool's fractions are rounded to four
  // places, and rounding one again to a tenth of a percent can cross over (0.024465 → 0.0245 → 2.5%).
  const head = `${capitalize(period)}, ${share(step.visitors / first.visitors)} of visitors ${step.step.toLowerCase()}: ${w.fmt.integer(step.visitors)} of ${w.fmt.integer(first.visitors)} visitors, each step within ${w.fmt.daysLong(r.window_days)}.`;
  return [
    head,
    '',
    ...r.steps.map(
      (s, i) =>
        `${i + 1}. ${s.step}: ${w.fmt.integer(s.visitors)} visitors${i === 0 ? '' : ` · ${share(s.conversion_from_previous)} of the step before · ${share(s.conversion_from_start)} of all visitors`}`,
    ),
  ].join('\n');
}

function customerAnswer(r: Results, question: string): string | undefined {
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(question)?.[0]?.replace(/\.$/, '') ?? 'that email';
  if (r.find_customer && r.find_customer.customers.length === 0)
    return `No customer profile has the email ${email}.`;
  const c = r.get_customer;
  if (!c) return undefined;
  const w = writer(c.currency);
  const who = c.name ? `${c.name} (${email})` : email;
  const p = c.predictions;
  const first = c.first_order_at ? ` since ${w.fmt.dayOfInstant(c.first_order_at)}` : '';
  const last = c.last_order_at ? `, the last on ${w.fmt.dayOfInstant(c.last_order_at)}` : '';
  const segment = p.segment
    ? ` ${c.name ?? 'They'} ${c.name ? 'is' : 'are'} in the ${SEGMENT_LABELS[p.segment]} segment${p.churn_probability == null ? '' : `, with a ${w.fmt.probability(p.churn_probability)} chance of having churned`}${p.predicted_value_365d === undefined ? '' : ` and a predicted 365-day value of ${w.money(p.predicted_value_365d)}`}.`
    : p.not_yet_computed
      ? ` No prediction yet: ${p.not_yet_computed}.`
      : '';
  return [
    `${who} has placed ${w.orders(c.order_count)} worth ${w.money(c.revenue)} net of refunds${first}${last}.${segment}`,
    '',
    `- Journey stage: ${humanize(c.journey_stage)}`,
    ...(p.note ? [`- ${sentence(p.note)}`] : []),
  ].join('\n');
}

export function compose(plan: Plan, results: Results, question = ''): string | undefined {
  const r = results;
  switch (plan.intent) {
    case 'kpis':
      return kpiAnswer(r, plan, question);
    case 'channel_metric':
      return r.get_channel_performance && channelAnswer(r.get_channel_performance, plan);
    case 'why_change':
      return r.compare_periods && changeAnswer(r.compare_periods, plan);
    case 'channel_change':
      return r.compare_periods && channelChangeAnswer(r.compare_periods, plan);
    case 'stockout':
      return r.get_inventory_risks && inventoryAnswer(r.get_inventory_risks, plan, false);
    case 'overstock':
      return r.get_inventory_risks && inventoryAnswer(r.get_inventory_risks, plan, true);
    case 'stock':
      return r.get_inventory_risks && stockAnswer(r.get_inventory_risks, plan, question);
    case 'campaigns_profit':
      return r.get_campaigns && campaignsAnswer(r.get_campaigns, plan, 'profit');
    case 'campaigns_worst':
      return r.get_campaigns && campaignsAnswer(r.get_campaigns, plan, 'worst');
    case 'campaigns_roas':
      return r.get_campaigns && campaignsAnswer(r.get_campaigns, plan, 'roas');
    case 'channels':
      return r.get_channel_performance && channelsAnswer(r.get_channel_performance, plan);
    case 'products':
      return r.get_products && productsAnswer(r.get_products, plan);
    case 'segments':
      return r.get_segments && segmentsAnswer(r.get_segments, question);
    case 'customer_value':
      return r.get_segments && valueAnswer(r.get_segments);
    case 'cohorts':
      return r.get_cohorts && cohortsAnswer(r.get_cohorts);
    case 'funnel':
      return r.get_funnel && funnelAnswer(r.get_funnel, plan, question);
    case 'customer':
      return customerAnswer(r, question);
    case 'new_customers':
      return r.get_new_customers && newCustomersAnswer(r.get_new_customers, plan, question);
    case 'campaigns_ltv':
      return r.get_customer_value && campaignsLtvAnswer(r.get_customer_value, plan, question);
    case 'unknown':
      return kpiAnswer(r, plan, question, true);
    case 'advice':
      return adviceAnswer(r, plan, question);
    case 'recommendations': {
      const recs = r.get_recommendations?.recommendations;
      if (!recs) return undefined;
      if (recs.length === 0) return 'There are no open recommendations right now.';
      return [
        `You have ${recs.length} open ${recs.length === 1 ? 'recommendation' : 'recommendations'}; the most important is: ${sentence(recs[0]!.title)}`,
        '',
        ...recs.map(
          (x, i) =>
            `${i + 1}. ${humanize(x.priority)}: ${sentence(x.title)} ${sentence(x.action)} ${sentence(x.expected_impact.description)}`,
        ),
      ].join('\n');
    }
    case 'alerts': {
      const alerts = r.get_alerts?.alerts;
      if (!alerts) return undefined;
      if (alerts.length === 0) return 'There are no open alerts.';
      return [
        `You have ${alerts.length} open ${alerts.length === 1 ? 'alert' : 'alerts'}; the first: ${sentence(alerts[0]!.title)}`,
        '',
        ...alerts.map(
          (a) => `- ${humanize(a.severity)}: ${sentence(a.title)} ${sentence(a.recommended_action)}`,
        ),
      ].join('\n');
    }
    case 'weekly_summary': {
      const week = { ...plan, period: { input: { days: 7 }, words: 'this week' }, metrics: [] };
      const parts = [
        r.compare_periods && `This week: ${changeAnswer(r.compare_periods, week)}`,
        r.get_inventory_risks && inventoryAnswer(r.get_inventory_risks, week, false),
        r.get_recommendations &&
          compose({ ...plan, intent: 'recommendations' }, { get_recommendations: r.get_recommendations }),
      ].filter(Boolean);
      return parts.length ? parts.join('\n\n') : undefined;
    }
  }
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The row the question names (case and punctuation aside): a whole name or SKU first, the longest
 * such; else a product's own title without its variant and SKU ("trail bottle" → "Trail Bottle —
 * OS"), the plainest such.
 */
function bestMatch<T>(rows: readonly T[], question: string, names: (row: T) => string[]): T | undefined {
  const q = ` ${words(question)} `;
  let best: { row: T; score: number } | undefined;
  for (const row of rows)
    for (const name of names(row)) {
      const whole = words(name);
      const base = words(name.split(/ — | \(/)[0] ?? '');
      const score =
        whole.length >= 3 && q.includes(` ${whole} `)
          ? 1000 + whole.length
          : base.length >= 4 && q.includes(` ${base} `)
            ? 500 - whole.length
            : 0;
      if (score > (best?.score ?? 0)) best = { row, score };
    }
  return best?.row;
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Ends a stored phrase as a sentence, whether or not its author added the full stop. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
