/**
 * A campaign's or automation's results per variant, and its lift over the holdout: the holdout
 * was chosen at random from the same audience and received nothing, so its revenue per customer
 * is what the treated customers would have spent anyway. Incremental revenue = treated revenue −
 * holdout revenue per customer × treated customers (integer minor units, rounded once).
 */
export interface RecipientOutcome {
  readonly customerId: string;
  readonly group: 'holdout' | 'treated';
  readonly variantId: string | null;
  readonly sent: boolean;
  readonly delivered: boolean;
  readonly clicked: boolean;
  readonly unsubscribed: boolean;
}
export interface CustomerOrders {
  readonly customerId: string;
  readonly orders: number;
  readonly revenueMinor: number;
}

/**
 * Orders whose landing visit carried this campaign's UTM tags (`utm_source=pulsepoint`, its
 * `utm_campaign`), by `utm_content` (the variant): whoever placed them, forwarded links included.
 */
export interface LinkOrders {
  readonly content: string | null;
  readonly orders: number;
  readonly revenueMinor: number;
}

export interface GroupResult {
  readonly customers: number;
  readonly orders: number;
  readonly revenueMinor: number;
  /** Revenue per customer in the group, minor units (fractional). */
  readonly revenuePerCustomerMinor: number;
}
export interface VariantResult extends GroupResult {
  readonly variantId: string;
  readonly sent: number;
  readonly delivered: number;
  readonly clicked: number;
  readonly unsubscribed: number;
  /** Orders from the variant's links (UTM on the order), beside the recipients' orders in the window. */
  readonly fromLinks: { readonly orders: number; readonly revenueMinor: number };
  /** Against the holdout, scaled to this variant's customers; null without a holdout. */
  readonly incrementalRevenueMinor: number | null;
}
export interface EngagementResults {
  readonly variants: readonly VariantResult[];
  readonly holdout: GroupResult;
  readonly treated: GroupResult;
  readonly incrementalRevenueMinor: number | null;
}

function group(
  customers: readonly RecipientOutcome[],
  byCustomer: ReadonlyMap<string, CustomerOrders>,
): GroupResult {
  let orders = 0;
  let revenueMinor = 0;
  for (const c of customers) {
    const o = byCustomer.get(c.customerId);
    if (!o) continue;
    orders += o.orders;
    revenueMinor += o.revenueMinor;
  }
  return {
    customers: customers.length,
    orders,
    revenueMinor,
    revenuePerCustomerMinor: customers.length ? revenueMinor / customers.length : 0,
  };
}

export function engagementResults(
  recipients: readonly RecipientOutcome[],
  orders: readonly CustomerOrders[],
  linkOrders: readonly LinkOrders[] = [],
): EngagementResults {
  const byCustomer = new Map(orders.map((o) => [o.customerId, o]));
  const holdoutRecipients = recipients.filter((r) => r.group === 'holdout');
  const treatedRecipients = recipients.filter((r) => r.group === 'treated');
  const holdout = group(holdoutRecipients, byCustomer);
  const treated = group(treatedRecipients, byCustomer);
  const lift = (g: GroupResult) =>
    holdout.customers > 0 ? Math.round(g.revenueMinor - holdout.revenuePerCustomerMinor * g.customers) : null;
  const variantIds = [...new Set(treatedRecipients.map((r) => r.variantId ?? 'default'))].sort();
  const variants = variantIds.map((variantId): VariantResult => {
    const rs = treatedRecipients.filter((r) => (r.variantId ?? 'default') === variantId);
    const g = group(rs, byCustomer);
    const linked = linkOrders.filter((l) => l.content === variantId);
    return {
      variantId,
      ...g,
      sent: rs.filter((r) => r.sent).length,
      delivered: rs.filter((r) => r.delivered).length,
      clicked: rs.filter((r) => r.clicked).length,
      unsubscribed: rs.filter((r) => r.unsubscribed).length,
      fromLinks: {
        orders: linked.reduce((n, l) => n + l.orders, 0),
        revenueMinor: linked.reduce((n, l) => n + l.revenueMinor, 0),
      },
      incrementalRevenueMinor: lift(g),
    };
  });
  return { variants, holdout, treated, incrementalRevenueMinor: lift(treated) };
}
