import type { AlertDraft } from '../alerts/types';

export interface PausedForStockout {
  kind: 'automation' | 'campaign';
  name: string;
}

const counted = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The alert that says what a stockout paused: "Paused 2 automations featuring Trail Bottle — out
 * of stock". Raised once per stockout (its `since` is in the key), an event the merchant resolves:
 * nothing resumes on its own.
 */
export function engagementPausedAlert(input: {
  brandId: string;
  product: { variantId: string; title: string };
  since: string;
  paused: readonly PausedForStockout[];
}): AlertDraft {
  const automations = input.paused.filter((p) => p.kind === 'automation');
  const campaigns = input.paused.filter((p) => p.kind === 'campaign');
  const what = [
    automations.length > 0 ? counted(automations.length, 'automation') : null,
    campaigns.length > 0 ? counted(campaigns.length, 'campaign') : null,
  ]
    .filter((s) => s !== null)
    .join(' and ');
  const names = input.paused.map((p) => `${p.kind} "${p.name}"`).join(', ');
  const title = input.product.title;
  return {
    brandId: input.brandId,
    dedupeKey: `engagement_paused:${input.product.variantId}:${input.since}`,
    type: 'engagement_paused',
    severity: 'warning',
    title: `Paused ${what} featuring ${title} — out of stock`,
    explanation: `${title} has no stock available, so messages featuring it were paused: ${names}. Nothing resumes on its own.`,
    recommendedAction: `Resume them under Engagement once ${title} is back in stock, or take it out of their products.`,
    evidence: {
      product: title,
      out_of_stock_since: input.since,
      paused_automations: automations.length,
      paused_campaigns: campaigns.length,
      paused: names,
    },
  };
}
