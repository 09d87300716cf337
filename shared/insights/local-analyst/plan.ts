import { MONTH_NAMES } from '../../domain/reporting/named-period';
import { isLocalDate } from '../../domain/time';

/**
 * How the local analyst reads a question: the period, the channels and the metric it names, and
 * the intent, by keyword rules; then the tool calls that answer it. Deliberately simple and
 * predictable — it is the offline stand-in for Claude, and it goes through the same tools (whose
 * period names are the reports' own, domain/reporting/named-period.ts) so its numbers are the
 * dashboard's numbers. Campaigns and products are named by the merchant, not known here: the
 * compose step finds them in the tool results.
 */
export type Intent =
  | 'weekly_summary'
  | 'stockout'
  | 'overstock'
  | 'stock'
  | 'recommendations'
  | 'alerts'
  | 'channel_metric'
  | 'channel_change'
  | 'why_change'
  | 'campaigns_profit'
  | 'campaigns_worst'
  | 'campaigns_roas'
  | 'channels'
  | 'products'
  | 'segments'
  | 'customer_value'
  | 'cohorts'
  | 'funnel'
  | 'customer'
  | 'new_customers'
  | 'campaigns_ltv'
  | 'kpis'
  | 'advice'
  | 'unknown';

export type Metric = 'spend' | 'revenue' | 'roas' | 'profit' | 'orders';

export interface PlannedCall {
  name: string;
  input: Record<string, unknown>;
}

/** The period as the tools take it, and as the answer says it ("yesterday", "in November"). */
export interface PeriodAsk {
  input: Record<string, unknown>;
  words: string;
}

export interface Plan {
  intent: Intent;
  calls: PlannedCall[];
  period: PeriodAsk;
  metrics: Metric[];
  /** Channel keys named in the question, in the order named. */
  channels: string[];
  /** "…while I'm still advertising them": only what ads spend on. */
  advertised: boolean;
}

const MONTH = new RegExp(
  `\\b(?:in|for|during|of)?\\s*(${MONTH_NAMES.filter((m) => m !== 'may').join('|')})\\b|\\b(?:in|for|during)\\s+(may)\\b`,
);

const MONTH_WORD = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DAY_WORD = '(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])';
const YEAR_WORD = '(?:,?\\s*(\\d{4}))?';
/** "March 10", "Mar 10th, 2026", and a range "March 2 to 15" / "March 2 – March 15, 2026". */
const MONTH_DAY = new RegExp(
  `\\b${MONTH_WORD}\\s+${DAY_WORD}${YEAR_WORD}(?:\\s*(?:to|through|until|till|-|–|—)\\s*(?:${MONTH_WORD}\\s+)?${DAY_WORD}${YEAR_WORD})?`,
);
const ISO_DAYS = /\b(\d{4}-\d{2}-\d{2})\b(?:\s*(?:to|through|until|till|-|–|—)\s*(\d{4}-\d{2}-\d{2})\b)?/;
const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Days named in the question: an ISO date or range, or "March 10" / "from March 2 to March 15".
 * Without a year, a month-day is its latest occurrence on or before today (as "in November" is the
 * latest November); a range is kept inside one year. Undefined when the question names no day, or
 * names one that does not exist.
 */
function explicitDays(q: string, today: string | undefined): PeriodAsk | undefined {
  const range = (from: string, to: string): PeriodAsk | undefined => {
    if (!isLocalDate(from) || !isLocalDate(to) || from > to) return undefined;
    // The answer says named days through the formatting module (compose.ts); these words are the plan's own.
    return { input: { from, to }, words: from === to ? `on ${from}` : `from ${from} to ${to}` };
  };
  const iso = ISO_DAYS.exec(q);
  if (iso) return range(iso[1]!, iso[2] ?? iso[1]!);
  const md = MONTH_DAY.exec(q);
  if (!md) return undefined;
  const month = (word: string) => MONTHS.indexOf(word) + 1;
  const [, m1, d1, y1, m2, d2, y2] = md;
  const fromMonth = month(m1!);
  const toMonth = m2 ? month(m2) : fromMonth;
  const named = y2 ?? y1;
  let year: number;
  if (named) year = Number(named);
  else if (today && isLocalDate(today)) {
    year = Number(today.slice(0, 4));
    // the latest occurrence: a day after today (or a range ending after it) is last year's
    if (`${year}-${pad(d2 ? toMonth : fromMonth)}-${pad(Number(d2 ?? d1))}` > today) year -= 1;
  } else return undefined;
  const fromYear = y1 ? Number(y1) : toMonth < fromMonth ? year - 1 : year;
  const from = `${fromYear}-${pad(fromMonth)}-${pad(Number(d1))}`;
  const to = d2 ? `${year}-${pad(toMonth)}-${pad(Number(d2))}` : from;
  return range(from, to);
}

/**
 * The period a question asks about. `today` (the brand's, from the agent's context line) places
 * a day named without its year.
 */
export function periodOf(question: string, today?: string): PeriodAsk {
  const q = question.toLowerCase();
  const dated = explicitDays(q, today);
  if (dated) return dated;
  const named: ReadonlyArray<readonly [RegExp, string, string]> = [
    [/\btoday\b/, 'today', 'today'],
    [/\byesterday\b/, 'yesterday', 'yesterday'],
    [/\bthis week\b|\bweek to date\b/, 'this_week', 'this week'],
    [/\blast week\b/, 'last_week', 'last week'],
    [/\bthis month\b|\bmonth to date\b|\bmtd\b/, 'this_month', 'this month'],
    [/\blast month\b/, 'last_month', 'last month'],
  ];
  for (const [re, period, words] of named) if (re.test(q)) return { input: { period }, words };
  const month = MONTH.exec(q);
  const name = month?.[1] ?? month?.[2];
  if (name) return { input: { month: name }, words: `in ${name.charAt(0).toUpperCase()}${name.slice(1)}` };
  const explicit = /(\d{1,3})\s*(?:days?|d\b)/.exec(q);
  const days = explicit
    ? Math.min(365, Math.max(1, Number(explicit[1])))
    : /\bquarter\b/.test(q)
      ? 90
      : /\b(month|monthly)\b/.test(q)
        ? 30
        : 7;
  return { input: { days }, words: `over the last ${days} days` };
}

const CHANNELS: ReadonlyArray<readonly [string, RegExp]> = [
  ['meta', /\b(meta|facebook|instagram|fb)\b/],
  ['tiktok', /\btik ?tok\b/],
  ['google_ads', /\b(google|adwords)\b/],
  ['email', /\bemail\b/],
  ['direct', /\bdirect\b/],
];

export function channelsIn(question: string): string[] {
  const q = question.toLowerCase();
  return CHANNELS.map(([key, re]) => ({ key, at: q.search(re) }))
    .filter((c) => c.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((c) => c.key);
}

const METRICS: ReadonlyArray<readonly [Metric, RegExp]> = [
  ['roas', /\broas\b/],
  ['profit', /\bprofit/],
  ['spend', /\b(spend|spent|spending|ad cost|cost)\b/],
  ['revenue', /\b(revenue|sales|made|earn\w*|turnover)\b/],
  ['orders', /\borders?\b/],
];

/** The metrics named, in the order the question names them. */
export function metricsIn(question: string): Metric[] {
  const q = question.toLowerCase().replace(/return on ad spend/g, 'roas');
  return METRICS.map(([m, re]) => ({ m, at: q.search(re) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.m);
}

const RULES: ReadonlyArray<readonly [Intent, RegExp]> = [
  ['weekly_summary', /\b(weekly summary|week in review|summari[sz]e (the|my|this) week)\b/],
  [
    'overstock',
    /\b(overstock|over-stock|too much (stock|inventory)|excess (stock|inventory)|should i promote|what (should|to) promote)\b/,
  ],
  [
    'stockout',
    /\b(stock ?out|run out|running out|sell out|selling out|low (on )?stock|restock|re-?order|out of stock|inventory risk)/,
  ],
  ['stock', /\b(days? of cover|in stock|stock level|how much stock|how many units|inventory of)\b/],
  // Customers: before the recommendations' "priorit…" and "actions" so that "which customers should
  // I prioritise" is answered about customers. An email is one customer.
  ['customer', /[\w.+-]+@[\w-]+(\.[\w-]+)+/],
  // Growth (decision 1004): before cohorts ("returning customers") and lifetime value ("LTV").
  [
    'campaigns_ltv',
    /\bcampaigns?\b.*\b(lifetime value|ltv|clv|valuable|value\w* customers|cac|acquisition cost)\b|\b(lifetime value|ltv|clv|cac)\b.*\bcampaigns?\b|\bltv ?(to|:|\/) ?cac\b|\bcac\b/,
  ],
  [
    'new_customers',
    /\bnew (customers?|buyers?|shoppers?)\b|\bnew (vs\.?|versus|and|or) (returning|repeat|existing)\b|\bfirst.time (customers?|buyers?)\b/,
  ],
  ['funnel', /\b(funnel|conversion rates?|checkouts?|add(ed|s)? to cart|carts?|abandon\w*)\b/],
  ['cohorts', /\b(cohorts?|retention|retain\w*|come back|came back|coming back|return(ing)? customers?)\b/],
  [
    'customer_value',
    /\b(lifetime value|ltv|clv|predicted value|customer value|repeat rate|repeat purchases?|repeat customers?|buy again|order again)\b/,
  ],
  [
    'segments',
    /\b(churn\w*|lapsed|loyal|champions?|hibernating|segments?|rfm|which customers|best customers|lost customers)\b|\bcustomers?\b.*\bat.risk\b|\bat.risk\b.*\bcustomers?\b/,
  ],
  // "Should I spend more on TikTok?", "Should I cut Meta?": the open recommendations for what is named.
  [
    'advice',
    /\bshould (i|we)\b(?!\s+do\b).*\b(spend|budget|scale|increase|raise|boost|cut|reduce|lower|pause|stop|more|less)\b|\b(scale|increase|raise|boost|cut|reduce|lower|pause)\b.*\b(budget|spend(ing)?)\b.*\?/,
  ],
  ['recommendations', /\b(recommend|should i do|what to do|next steps?|actions?|priorit)/],
  ['alerts', /\b(alerts?|anything wrong|problems?|issues?)\b/],
];

const LATER_RULES: ReadonlyArray<readonly [Intent, RegExp]> = [
  [
    'why_change',
    /\b(why|drop|dropped|fall|fell|declin|decreas|increas|change|changed|compare|compared|vs\.?|versus|week over week)\b/,
  ],
  [
    'campaigns_worst',
    /\bcampaigns?\b.*\b(worst|wast|lowest|losing|unprofitable|underperform|poor)|\b(worst|wast|lowest|losing|unprofitable|underperform)\w*\b.*\bcampaigns?\b/,
  ],
  ['campaigns_profit', /\bcampaigns?\b.*\b(profit|best|top|most)|\b(profit\w*|best|top)\b.*\bcampaigns?\b/],
  ['campaigns_roas', /\bcampaigns?\b/],
  ['channels', /\b(channels?|platforms?)\b/],
  ['products', /\b(products?|skus?|best.?sell\w*|top.?sell\w*|items?)\b/],
];

/** What the brand's totals answer: a question that names a metric, a period or the store's performance. */
const KPI_WORDS =
  /\b(kpis?|performance|perform\w*|how (am i|are we|is my store|did (i|we)) doing|how did|overview|numbers|totals?|results?|doing)\b/;

export function intentOf(question: string): Intent {
  const q = question.toLowerCase();
  const early = RULES.find(([, re]) => re.test(q))?.[0];
  if (early) return early;
  // A channel by name ("Meta ROAS", "TikTok and Google profit") is asked about directly; "why did
  // Meta revenue drop" about its change against the period before.
  if (channelsIn(q).length > 0)
    return /\b(why|drop|dropped|fall|fell|declin\w*|decreas\w*|increas\w*|change|changed)\b/.test(q)
      ? 'channel_change'
      : 'channel_metric';
  const later = LATER_RULES.find(([, re]) => re.test(q))?.[0];
  if (later) return later;
  // The brand's totals answer a question about its revenue, spend, ROAS, profit or orders, or one
  // that names a campaign or product (kpiAnswer finds it in the rows); anything else is said to be
  // beyond the analyst rather than answered with unrelated KPIs.
  if (metricsIn(q).length > 0) return 'kpis';
  // A question about people ("new customers last week") is not answered by the store's totals.
  if (/\b(customers?|visitors?|shoppers?|buyers?)\b/.test(q)) return 'unknown';
  if (KPI_WORDS.test(q) || hasPeriod(q)) return 'kpis';
  return 'unknown';
}

/** Whether the question names a period ("yesterday", "in November", "last 30 days"). */
function hasPeriod(q: string): boolean {
  return (
    /\b(today|yesterday|this week|last week|this month|last month|mtd|quarter|week to date|month to date)\b/.test(
      q,
    ) ||
    MONTH.test(q) ||
    ISO_DAYS.test(q) ||
    MONTH_DAY.test(q) ||
    /\d{1,3}\s*(?:days?|d\b)/.test(q)
  );
}

/** The email a question names, as written. */
export function emailIn(question: string): string | undefined {
  return /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(question)?.[0]?.replace(/\.$/, '');
}

/** Customers acquired over a week are too few to rank campaigns by: without a period named, 90 days. */
const ACQUISITION_DAYS = 90;

export function planFor(question: string, today?: string): Plan {
  const intent = intentOf(question);
  const period =
    intent === 'campaigns_ltv' && !hasPeriod(question.toLowerCase())
      ? { input: { days: ACQUISITION_DAYS }, words: `over the last ${ACQUISITION_DAYS} days` }
      : periodOf(question, today);
  const p = period.input;
  const advertised = /\b(advertis\w*|ads?|spend\w*|promot\w*|campaigns?)\b/.test(question.toLowerCase());
  // The brand's totals, and every campaign and product of the period, so that one named in the
  // question is answered from its own row.
  const totals: PlannedCall[] = [
    { name: 'get_kpis', input: p },
    { name: 'get_campaigns', input: { ...p, sort_by: 'spend', limit: 100 } },
    { name: 'get_products', input: { ...p, sort_by: 'revenue', limit: 100 } },
  ];
  const calls: Record<Intent, PlannedCall[]> = {
    weekly_summary: [
      { name: 'compare_periods', input: { days: 7 } },
      { name: 'get_inventory_risks', input: { status: 'at_risk', limit: 5 } },
      { name: 'get_recommendations', input: { status: 'open', limit: 3 } },
    ],
    stockout: [{ name: 'get_inventory_risks', input: { status: 'at_risk', advertised } }],
    overstock: [{ name: 'get_inventory_risks', input: { status: 'overstock' } }],
    stock: [{ name: 'get_inventory_risks', input: { status: 'all', limit: 100 } }],
    recommendations: [{ name: 'get_recommendations', input: { status: 'open', limit: 5 } }],
    advice: [
      { name: 'get_recommendations', input: { status: 'open', limit: 50 } },
      { name: 'get_channel_performance', input: p },
    ],
    alerts: [{ name: 'get_alerts', input: { status: 'open' } }],
    channel_metric: [{ name: 'get_channel_performance', input: p }],
    channel_change: [{ name: 'compare_periods', input: p }],
    why_change: [{ name: 'compare_periods', input: p }],
    campaigns_profit: [
      { name: 'get_campaigns', input: { ...p, sort_by: 'profit', order: 'desc', limit: 5 } },
    ],
    campaigns_worst: [{ name: 'get_campaigns', input: { ...p, sort_by: 'roas', order: 'asc', limit: 5 } }],
    campaigns_roas: [{ name: 'get_campaigns', input: { ...p, sort_by: 'roas', order: 'desc', limit: 100 } }],
    channels: [{ name: 'get_channel_performance', input: p }],
    products: [{ name: 'get_products', input: { ...p, sort_by: 'revenue', limit: 5 } }],
    segments: [{ name: 'get_segments', input: {} }],
    customer_value: [{ name: 'get_segments', input: {} }],
    cohorts: [{ name: 'get_cohorts', input: { dimension: 'month', months: 4 } }],
    funnel: [{ name: 'get_funnel', input: p }],
    // find_customer first; its id is then asked of get_customer (followUp).
    customer: [{ name: 'find_customer', input: { email: emailIn(question) ?? '', limit: 1 } }],
    new_customers: [{ name: 'get_new_customers', input: p }],
    campaigns_ltv: [{ name: 'get_customer_value', input: { ...p, limit: 1 } }],
    kpis: totals,
    // A question about none of the above may still name a campaign or product (kpiAnswer); if it
    // does not, the answer says what can be asked (compose.ts CANNOT_ANSWER), not the totals.
    unknown: totals,
  };
  return {
    intent,
    calls: calls[intent],
    period,
    metrics: metricsIn(question),
    channels: channelsIn(question),
    advertised,
  };
}
