import { allocateMinor } from '../money';
import type { SpendAllocationMethod, SpendFact } from './types';

export interface SpendPart {
  readonly variantId: string | null;
  readonly spendMinor: number;
}

export interface SpendAllocator {
  allocate(fact: SpendFact): { method: SpendAllocationMethod; parts: SpendPart[] };
}

/**
 * Shares a campaign's spend out to variants. When the campaign says which products it promotes
 * (catalog, Shopping and Advantage+ campaigns do), spend goes to those, weighted by the revenue
 * the campaign brought each of them (equally when it brought none yet). Otherwise it follows the
 * campaign's attributed revenue per variant. A campaign with neither stays unallocated rather
 * than being guessed onto products. Cent-exact either way (largest remainder).
 */
export function createSpendAllocator(
  promotedVariants: ReadonlyMap<string, readonly string[]>,
  revenueByCampaignVariant: ReadonlyMap<string, ReadonlyMap<string, number>>,
): SpendAllocator {
  const plans = new Map<string, { method: SpendAllocationMethod; variants: string[]; weights: number[] }>();
  const planFor = (campaignId: string) => {
    let plan = plans.get(campaignId);
    if (plan) return plan;
    const revenue = revenueByCampaignVariant.get(campaignId) ?? new Map<string, number>();
    const promoted = promotedVariants.get(campaignId) ?? [];
    if (promoted.length > 0) {
      const weights = promoted.map((v) => Math.max(0, revenue.get(v) ?? 0));
      const any = weights.some((w) => w > 0);
      plan = {
        method: 'promoted_products',
        variants: [...promoted],
        weights: any ? weights : promoted.map(() => 1),
      };
    } else {
      const earning = [...revenue].filter(([, r]) => r > 0).sort(([a], [b]) => a.localeCompare(b));
      plan =
        earning.length > 0
          ? {
              method: 'attributed_revenue',
              variants: earning.map(([v]) => v),
              weights: earning.map(([, r]) => r),
            }
          : { method: 'unallocated', variants: [], weights: [] };
    }
    plans.set(campaignId, plan);
    return plan;
  };
  return {
    allocate(fact) {
      const plan = planFor(fact.campaignId);
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
