import { z } from 'zod';
import { humanize } from '../../domain/format';
import type { Plan } from './plan';
import { capitalize, noDataYet, type Writer, when, writer } from './writer';

/**
 * The two growth questions merchants and agencies ask every week (docs/decisions/1004): how many
 * new customers a period brought (`get_new_customers`), and which campaigns bring the customers
 * worth most (`get_customer_value`'s acquiring campaigns). Each leads with one sentence holding
 * the numbers asked for, then the rows, through the shared format.
 */
const num = z.number();
const group = z.object({ customers: num, orders: num, revenue: num, share_of_orders: num.nullable() });
export const growthSchemas = {
  get_new_customers: z.object({
    period: z.object({ from: z.string(), to: z.string(), days: num }),
    latest_day_with_data: z.string(),
    currency: z.string(),
    orders: num,
    new_customers: group.extend({ first_order_revenue: num, first_order_aov: num.nullable() }),
    returning_customers: group,
    orders_without_customer: group.omit({ customers: true }),
  }),
  get_customer_value: z.union([
    z.object({
      currency: z.string(),
      ltv_roas_by_campaign: z.object({
        period: z.object({ from: z.string(), to: z.string() }),
        attribution_model: z.string(),
        attribution_window_days: num,
        value_horizon_days: num,
        campaigns: z.array(
          z.object({
            name: z.string(),
            platform_name: z.string().nullable(),
            spend: num,
            acquired_customers: num,
            first_order_value_per_customer: num.nullable(),
            predicted_value_365d_per_customer: num.nullable(),
            ltv_per_customer: num.nullable(),
            cac: num.nullable(),
            ltv_to_cac: num.nullable(),
            ltv_roas: num.nullable(),
          }),
        ),
      }),
    }),
    // Before the first nightly run: the tool says so, and so does the answer.
    z.object({ error: z.string() }),
  ]),
};
/** Campaigns listed under an answer; the rest are counted. */
const SHOWN = 8;

type NewCustomers = z.infer<typeof growthSchemas.get_new_customers>;
type CustomerValue = z.infer<typeof growthSchemas.get_customer_value>;

const customers = (w: Writer, n: number, kind = '') =>
  `${w.fmt.integer(n)} ${kind}${n === 1 ? 'customer' : 'customers'}`;
const share = (w: Writer, x: number | null) => (x === null ? '—' : w.fmt.share(x));

/**
 * "How many new customers did I get last week?": the new customers (first order with the brand
 * ever in the period) with their orders, revenue and share of orders, and their average first
 * order; asked "new vs returning", the returning customers in the same sentence.
 */
export function newCustomersAnswer(r: NewCustomers, plan: Plan, question: string): string {
  const w = writer(r.currency);
  const empty = noDataYet(w, plan, r);
  if (empty) return empty;
  const period = capitalize(when(w, plan, r.period));
  const n = r.new_customers;
  const back = r.returning_customers;
  const guests = r.orders_without_customer;
  const aov = n.first_order_aov === null ? '' : `; their first orders averaged ${w.money(n.first_order_aov)}`;
  const vsReturning = /\breturning\b|\brepeat\b|\bexisting\b|\bvs\.?\b|\bversus\b/.test(
    question.toLowerCase(),
  );
  let head: string;
  if (r.orders === 0) head = `${period}, no order was placed, so no new customer.`;
  else if (vsReturning)
    head = `${period}, ${customers(w, n.customers, 'new ')} and ${customers(w, back.customers, 'returning ')} ordered: new customers placed ${w.orders(n.orders)} (${share(w, n.share_of_orders)} of orders, ${w.money(n.revenue)} of revenue) and returning customers ${w.orders(back.orders)} (${share(w, back.share_of_orders)}, ${w.money(back.revenue)})${aov}.`;
  else if (n.customers === 0)
    head = `${period}, no new customer placed a first order with you; ${customers(w, back.customers, 'returning ')} placed ${w.orders(back.orders)}.`;
  else
    head = `${period}, you got ${customers(w, n.customers, 'new ')}: they placed ${w.orders(n.orders)} worth ${w.money(n.revenue)}, ${share(w, n.share_of_orders)} of your orders${aov}.`;
  const lines = [
    head,
    '',
    `- New customers (first order with you ever): ${customers(w, n.customers)} · ${w.orders(n.orders)} (${share(w, n.share_of_orders)} of orders) · revenue ${w.money(n.revenue)} · first orders ${w.money(n.first_order_revenue)}${n.first_order_aov === null ? '' : `, ${w.money(n.first_order_aov)} on average`}`,
    `- Returning customers (ordered before): ${customers(w, back.customers)} · ${w.orders(back.orders)} (${share(w, back.share_of_orders)} of orders) · revenue ${w.money(back.revenue)}`,
  ];
  if (guests.orders > 0)
    lines.push(
      `- Orders without a customer: ${w.orders(guests.orders)} (${share(w, guests.share_of_orders)} of orders) · revenue ${w.money(guests.revenue)}`,
    );
  lines.push('', 'Revenue is net of what was refunded on those orders.');
  return lines.join('\n');
}

type Campaign = Extract<CustomerValue, { currency: string }>['ltv_roas_by_campaign']['campaigns'][number];

/**
 * "Which campaigns bring customers with the highest lifetime value?" / "LTV to CAC": the campaigns
 * that acquired customers in the period, ranked by lifetime value per customer (or by LTV:CAC when
 * CAC is asked about), stating the attribution model and window that credit each first order.
 */
export function campaignsLtvAnswer(r: CustomerValue, plan: Plan, question: string): string {
  if ('error' in r) return `I can't answer that yet: ${r.error}`;
  const w = writer(r.currency);
  const t = r.ltv_roas_by_campaign;
  const period = when(w, plan, t.period);
  // By LTV:CAC when CAC is asked about and the brand's margin gives one (853); else by value per customer.
  const byCac =
    /\bcac\b|acquisition cost|cost per (new )?customer/.test(question.toLowerCase()) &&
    t.campaigns.some((c) => c.ltv_to_cac !== null);
  const key = (c: Campaign) => (byCac ? c.ltv_to_cac : c.ltv_per_customer);
  const acquiring = t.campaigns.filter((c) => c.acquired_customers > 0);
  // A campaign credited with a fraction of one customer is not ranked above those with whole ones.
  const whole = acquiring.filter((c) => c.acquired_customers >= 1);
  const ranked = (whole.length > 0 ? whole : acquiring)
    .filter((c) => key(c) !== null)
    .sort((a, b) => key(b)! - key(a)! || b.acquired_customers - a.acquired_customers);
  const others = acquiring.filter((c) => !ranked.includes(c));
  const how = `Each customer is credited to the campaigns of their first order with you under the ${humanize(t.attribution_model).toLowerCase()} attribution model (${w.fmt.integer(t.attribution_window_days)}-day window); lifetime value is that first order plus the predicted, discounted value of the next ${w.fmt.integer(t.value_horizon_days)} days.`;
  const top = ranked[0];
  if (!top)
    return `${capitalize(period)}, no campaign was credited with a new customer's first order.\n\n${how}`;
  const name = (c: Campaign) => `${c.name}${c.platform_name ? ` (${c.platform_name})` : ''}`;
  const cost = (c: Campaign) =>
    c.cac === null
      ? 'with no ad spend in the period'
      : `at a CAC of ${w.money(c.cac)}${c.ltv_to_cac === null ? '' : `, an LTV:CAC of ${w.fmt.ratio(c.ltv_to_cac)}`}`;
  const head = byCac
    ? `${capitalize(period)}, ${name(top)} had the best LTV:CAC, ${w.fmt.ratio(top.ltv_to_cac)}: ${w.fmt.decimal(top.acquired_customers)} new customers at a CAC of ${w.money(top.cac!)}, each worth ${w.money(top.ltv_per_customer!)} in lifetime value.`
    : `${capitalize(period)}, ${name(top)} brought the customers with the highest lifetime value: ${w.fmt.decimal(top.acquired_customers)} new customers worth ${w.money(top.ltv_per_customer!)} each, ${cost(top)}.`;
  const line = (c: Campaign, i: number) =>
    `${i + 1}. ${name(c)}: ${w.fmt.decimal(c.acquired_customers)} new customers · LTV ${c.ltv_per_customer === null ? '—' : w.money(c.ltv_per_customer)} per customer (first order ${c.first_order_value_per_customer === null ? '—' : w.money(c.first_order_value_per_customer)} + predicted ${c.predicted_value_365d_per_customer === null ? '—' : w.money(c.predicted_value_365d_per_customer)}) · CAC ${c.cac === null ? '—' : w.money(c.cac)} · LTV:CAC ${w.fmt.ratio(c.ltv_to_cac)} · spend ${w.money(c.spend)}`;
  const lines = [head, how, '', ...ranked.slice(0, SHOWN).map(line)];
  if (ranked.length > SHOWN) lines.push(`- …and ${ranked.length - SHOWN} more.`);
  if (others.length > 0)
    lines.push(
      `- Credited with less than one new customer${byCac ? ' or without an LTV:CAC' : ''}: ${others.map(name).join(', ')}.`,
    );
  return lines.join('\n');
}
