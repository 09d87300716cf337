/**
 * How the local analyst reads a question: keyword rules to an intent and the tool calls that
 * answer it. Deliberately simple and predictable — it is the offline stand-in for Claude, and it
 * must go through the same tools so its numbers are the warehouse's numbers.
 */
export type Intent =
  | 'weekly_summary'
  | 'stockout'
  | 'overstock'
  | 'recommendations'
  | 'alerts'
  | 'why_change'
  | 'campaigns_profit'
  | 'campaigns_worst'
  | 'campaigns_roas'
  | 'channels'
  | 'products'
  | 'kpis';

export interface PlannedCall {
  name: string;
  input: Record<string, unknown>;
}

export function periodDays(question: string): number {
  const q = question.toLowerCase();
  const explicit = /(\d{1,3})\s*(?:days?|d\b)/.exec(q);
  if (explicit) return Math.min(365, Math.max(1, Number(explicit[1])));
  if (/\b(today|yesterday)\b/.test(q)) return 1;
  if (/\b(quarter)\b/.test(q)) return 90;
  if (/\b(month|monthly)\b/.test(q)) return 30;
  return 7;
}

const RULES: ReadonlyArray<readonly [Intent, RegExp]> = [
  ['weekly_summary', /\b(weekly summary|week in review|summari[sz]e (the|my|this) week)\b/],
  [
    'overstock',
    /\b(overstock|over-stock|too much (stock|inventory)|excess (stock|inventory)|should i promote|what (should|to) promote)\b/,
  ],
  [
    'stockout',
    /\b(stock ?out|run out|running out|sell out|selling out|low (on )?stock|restock|out of stock|inventory risk)/,
  ],
  ['recommendations', /\b(recommend|should i do|what to do|next steps?|actions?|priorit)/],
  ['alerts', /\b(alerts?|anything wrong|problems?|issues?)\b/],
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
  ['channels', /\b(channels?|platforms?|meta|facebook|instagram|tiktok|google)\b/],
  ['products', /\b(products?|skus?|best.?sell\w*|top.?sell\w*|items?)\b/],
];

export function intentOf(question: string): Intent {
  const q = question.toLowerCase();
  return RULES.find(([, re]) => re.test(q))?.[0] ?? 'kpis';
}

export function planFor(question: string): { intent: Intent; calls: PlannedCall[] } {
  const intent = intentOf(question);
  const days = periodDays(question);
  const calls: Record<Intent, PlannedCall[]> = {
    weekly_summary: [
      { name: 'compare_periods', input: { days: 7 } },
      { name: 'get_inventory_risks', input: { status: 'at_risk', limit: 5 } },
      { name: 'get_recommendations', input: { status: 'open', limit: 3 } },
    ],
    stockout: [{ name: 'get_inventory_risks', input: { status: 'at_risk' } }],
    overstock: [{ name: 'get_inventory_risks', input: { status: 'overstock' } }],
    recommendations: [{ name: 'get_recommendations', input: { status: 'open', limit: 5 } }],
    alerts: [{ name: 'get_alerts', input: { status: 'open' } }],
    why_change: [{ name: 'compare_periods', input: { days } }],
    campaigns_profit: [
      { name: 'get_campaigns', input: { days, sort_by: 'profit', order: 'desc', limit: 5 } },
    ],
    campaigns_worst: [{ name: 'get_campaigns', input: { days, sort_by: 'roas', order: 'asc', limit: 5 } }],
    campaigns_roas: [{ name: 'get_campaigns', input: { days, sort_by: 'roas', order: 'desc', limit: 5 } }],
    channels: [{ name: 'get_channel_performance', input: { days } }],
    products: [{ name: 'get_products', input: { days, sort_by: 'revenue', limit: 5 } }],
    kpis: [{ name: 'get_kpis', input: { days } }],
  };
  return { intent, calls: calls[intent] };
}
