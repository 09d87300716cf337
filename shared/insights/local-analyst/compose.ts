import { z } from 'zod';
import { createFormat, type Format, humanize } from '../../domain/format';
import { minorUnitExponent } from '../../domain/money';
import { channelName, platformName } from '../../domain/names/names';
import type { Metric, Plan } from './plan';

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

/** The shared format for a currency, writing the major-unit amounts tools return from minor units. */
function writer(currency: string) {
  const fmt: Format = createFormat({ locale: 'en-US', currency, timeZone: 'UTC' });
  const exp = minorUnitExponent(currency);
  const money = (major: number) => fmt.money(Math.round(major * 10 ** exp));
  const signedMoney = (major: number) => `${major < 0 ? '-' : '+'}${money(Math.abs(major))}`;
  /** Tools give percentages (12.5); the format takes fractions. */
  const pct = (value: number | null) => fmt.change(value === null ? null : value / 100);
  const roas = (value: number | null) => fmt.ratio(value);
  const span = (p: { from: string; to: string }) =>
    p.from === p.to ? fmt.day(p.from) : `${fmt.day(p.from)} – ${fmt.day(p.to)}`;
  const orders = (n: number) => `${fmt.integer(n)} ${Math.round(n) === 1 ? 'order' : 'orders'}`;
  const row = (k: z.infer<typeof kpis>) =>
    `spend ${money(k.spend)} · revenue ${money(k.revenue)} · ROAS ${roas(k.roas)} · profit ${money(k.profit)} · ${orders(k.orders)}`;
  return { fmt, money, signedMoney, pct, roas, span, orders, row };
}
type Writer = ReturnType<typeof writer>;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/**
 * "yesterday (Dec 4, 2026)", "over the last 7 days (Nov 28, 2026 – Dec 4, 2026)"; days the question
 * named are said once: "on Mar 10, 2026", "from Mar 2, 2026 to Mar 15, 2026".
 */
const when = (w: Writer, plan: Plan, p: { from: string; to: string }) =>
  'from' in plan.period.input
    ? p.from === p.to
      ? `on ${w.fmt.day(p.from)}`
      : `from ${w.fmt.day(p.from)} to ${w.fmt.day(p.to)}`
    : `${plan.period.words} (${w.span(p)})`;

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

/** A period after the last day with data (today, before the day's syncs): said so, not "$0.00". */
function noDataYet(
  w: Writer,
  plan: Plan,
  r: { period: { from: string; to: string }; latest_day_with_data: string },
) {
  return r.period.from > r.latest_day_with_data
    ? `There is no data for ${when(w, plan, r.period)} yet: the latest day with data is ${w.fmt.day(r.latest_day_with_data)}.`
    : undefined;
}

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

function kpiAnswer(r: Results, plan: Plan, question: string): string | undefined {
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
