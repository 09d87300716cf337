import { allocateMinor } from '../money';
import type { SpendAllocationMethod, SpendFact } from './types';

export interface SpendPart {
  readonly variantId: string | null;
  readonly spendMinor: number;
}

export interface SpendAllocator {
  allocate(fact: SpendFact): { method: SpendAllocationMethod; parts: SpendPart[] };
}

/** Attributed revenue per variant: of a campaign over the range, and of a campaign on a day in a region. */
export interface CampaignRevenue {
  readonly byCampaign: ReadonlyMap<string, ReadonlyMap<string, number>>;
  onDayInRegion(fact: SpendFact): ReadonlyMap<string, number> | undefined;
}

/**
 * A campaign's range-wide revenue mix keeps only its best sellers, so a campaign selling a little
 * of everything does not turn one spend row into hundreds of near-zero product rows.
 */
export const FALLBACK_VARIANTS = 10;

/**
 * Shares a campaign's spend out to variants. When the campaign says which products it promotes
 * (catalog, Shopping and Advantage+ campaigns do), spend goes to those, weighted by the revenue
 * the campaign brought each of them (equally when it brought none yet). Otherwise it follows the
 * revenue the campaign was credited with that day in that region, or, when there was none, its
 * revenue mix over the whole range (top FALLBACK_VARIANTS variants). A campaign with no revenue
 * at all stays unallocated rather than being guessed onto products. Cent-exact (largest remainder).
 */
export function createSpendAllocator(
  promotedVariants: ReadonlyMap<string, readonly string[]>,
  revenue: CampaignRevenue,
): SpendAllocator {
  const rangePlans = new Map<
    string,
    { method: SpendAllocationMethod; variants: string[]; weights: number[] }
  >();
  const rangePlan = (campaignId: string) => {
    let plan = rangePlans.get(campaignId);
    if (plan) return plan;
    const mix = revenue.byCampaign.get(campaignId) ?? new Map<string, number>();
    const promoted = promotedVariants.get(campaignId) ?? [];
    if (promoted.length > 0) {
      const weights = promoted.map((v) => Math.max(0, mix.get(v) ?? 0));
      plan = {
        method: 'promoted_products',
        variants: [...promoted],
        weights: weights.some((w) => w > 0) ? weights : promoted.map(() => 1),
      };
    } else {
      const top = earning(mix).slice(0, FALLBACK_VARIANTS);
      plan = top.length
        ? { method: 'attributed_revenue', variants: top.map(([v]) => v), weights: top.map(([, r]) => r) }
        : { method: 'unallocated', variants: [], weights: [] };
    }
    rangePlans.set(campaignId, plan);
    return plan;
  };
  return {
    allocate(fact) {
      let plan = rangePlan(fact.campaignId);
      if (plan.method === 'attributed_revenue') {
        const local = earning(revenue.onDayInRegion(fact) ?? new Map());
        if (local.length)
          plan = { method: plan.method, variants: local.map(([v]) => v), weights: local.map(([, r]) => r) };
      }
      if (plan.variants.length === 0)
        return { method: plan.method, parts: [{ variantId: null, spendMinor: fact.spendMinor }] };
      const amounts = allocateMinor(fact.spendMinor, plan.weights);
      return {
        method: plan.method,
        parts: plan.variants.map((variantId, i) => ({ variantId, spendMinor: amounts[i]! })),
      };
    },
  };
}

/** Variants with positive revenue, largest first (ties by id, so runs are deterministic). */
function earning(mix: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...mix].filter(([, r]) => r > 0).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}
