/**
 * A campaign's or automation's results per variant, and its lift over the holdout: the holdout
 * was chosen at random from the same audience and received nothing, so its revenue per customer
 * is what the treated customers would have spent anyway. Incremental revenue = treated revenue −
 * holdout revenue per customer × treated customers (integer minor units, rounded once).
 *
 * An outcome is one message (a send record). A campaign sends one per customer; an automation one
 * per run and step, so a customer can appear in several: message counts (sent, opened, …) count
 * messages, while a group's customers, orders and revenue count each customer once.
 */
export interface RecipientOutcome {
  readonly customerId: string;
  readonly group: 'holdout' | 'treated';
  /** The variant (campaign) or step (automation, `step-N`) the message came from. */
  readonly variantId: string | null;
  readonly sent: boolean;
  readonly delivered: boolean;
  /** The open pixel was loaded (email only; approximate, decision 935). */
  readonly opened: boolean;
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
  readonly opened: number;
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
  outcomes: readonly RecipientOutcome[],
  byCustomer: ReadonlyMap<string, CustomerOrders>,
): GroupResult {
  const customers = new Set(outcomes.map((o) => o.customerId));
  let orders = 0;
  let revenueMinor = 0;
  for (const id of customers) {
    const o = byCustomer.get(id);
    if (!o) continue;
    orders += o.orders;
    revenueMinor += o.revenueMinor;
  }
  return {
    customers: customers.size,
    orders,
    revenueMinor,
    revenuePerCustomerMinor: customers.size ? revenueMinor / customers.size : 0,
  };
}

// `step-2` before `step-10`.
const byNumberAware = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

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
  const variantIds = [...new Set(treatedRecipients.map((r) => r.variantId ?? 'default'))].sort(byNumberAware);
  const variants = variantIds.map((variantId): VariantResult => {
    const rs = treatedRecipients.filter((r) => (r.variantId ?? 'default') === variantId);
    const g = group(rs, byCustomer);
    const linked = linkOrders.filter((l) => l.content === variantId);
    return {
      variantId,
      ...g,
      sent: rs.filter((r) => r.sent).length,
      delivered: rs.filter((r) => r.delivered).length,
      opened: rs.filter((r) => r.opened).length,
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
