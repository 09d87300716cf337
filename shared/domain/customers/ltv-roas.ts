/**
 * LTV-based ROAS of an acquisition campaign. A campaign is credited with a share of each customer
 * whose *first* order it drove (the attribution credit of that order under the brand's model), and
 * so with that share of the customer's first order and of their predicted 365-day value.
 *   first-order ROAS = credited first-order revenue / spend
 *   LTV ROAS         = credited (first-order revenue + predicted 365-day value) / spend
 *   CAC              = spend / credited customers
 *   LTV:CAC          = gross-margin LTV per customer / CAC — margin basis, as LTV:CAC is usually read
 * Spend and first orders are taken over the same period.
 */

export interface AcquisitionFacts {
  readonly spendMinor: number;
  /** Σ credit over the first orders the campaign drove. */
  readonly acquiredCustomers: number;
  readonly firstOrderRevenueMinor: number;
  /** Σ credit × predicted discounted 365-day value of those customers. */
  readonly predictedValue365Minor: number;
  /** Gross margin of the brand's revenue (0–1), or null when unknown. */
  readonly grossMargin: number | null;
}

export interface LtvRoas {
  readonly acquiredCustomers: number;
  readonly cacMinor: number | null;
  readonly firstOrderRoas: number | null;
  readonly ltvRoas: number | null;
  readonly ltvToCac: number | null;
  readonly ltvPerCustomerMinor: number | null;
}

export function ltvRoas(f: AcquisitionFacts): LtvRoas {
  const ltvTotal = f.firstOrderRevenueMinor + f.predictedValue365Minor;
  const perCustomer = f.acquiredCustomers > 0 ? ltvTotal / f.acquiredCustomers : null;
  const cac = f.acquiredCustomers > 0 && f.spendMinor > 0 ? f.spendMinor / f.acquiredCustomers : null;
  return {
    acquiredCustomers: f.acquiredCustomers,
    cacMinor: cac === null ? null : Math.round(cac),
    firstOrderRoas: f.spendMinor > 0 ? f.firstOrderRevenueMinor / f.spendMinor : null,
    ltvRoas: f.spendMinor > 0 ? ltvTotal / f.spendMinor : null,
    ltvToCac:
      cac !== null && perCustomer !== null && f.grossMargin !== null
        ? (perCustomer * f.grossMargin) / cac
        : null,
    ltvPerCustomerMinor: perCustomer === null ? null : Math.round(perCustomer),
  };
}
