import type { AlertDraft } from '../alerts/types';
import { declareEvidence, type EvidenceDeclaration } from '../evidence';

export interface PausedForStockout {
  kind: 'automation' | 'campaign';
  name: string;
  /** A campaign stopped mid-send: messages out before the pause, customers not reached (null: unknown). */
  midSend?: { sent: number; remaining: number | null };
}

/** What a paused-messages alert's evidence measures (shared/domain/evidence.ts). */
export const ENGAGEMENT_PAUSED_EVIDENCE = {
  product: { unit: 'text', label: 'Out-of-stock product' },
  out_of_stock_since: { unit: 'date', label: 'Out of stock since' },
  paused_automations: { unit: 'count', label: 'Automations paused' },
  paused_campaigns: { unit: 'count', label: 'Campaigns paused' },
  paused: { unit: 'text', label: 'What was paused' },
  paused_mid_send: { unit: 'count', label: 'Campaigns stopped mid-send' },
  messages_sent_before_pause: { unit: 'count', label: 'Messages sent before the pause' },
  messages_held_back: { unit: 'count', label: 'Messages held back' },
} as const satisfies EvidenceDeclaration;

const counted = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** `campaign "Summer" (stopped mid-send: 3 messages already sent, up to 4 messages held back)`. */
function describe(p: PausedForStockout): string {
  const named = `${p.kind} "${p.name}"`;
  if (!p.midSend) return named;
  const held =
    p.midSend.remaining === null
      ? 'the rest of its audience held back'
      : // Customers not reached yet: the holdout and those without consent among them get nothing anyway.
        `up to ${counted(p.midSend.remaining, 'message')} held back`;
  return `${named} (stopped mid-send: ${counted(p.midSend.sent, 'message')} already sent, ${held})`;
}

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
  const names = input.paused.map(describe).join(', ');
  const midSend = input.paused.filter((p) => p.midSend !== undefined);
  const title = input.product.title;
  return {
    brandId: input.brandId,
    dedupeKey: `engagement_paused:${input.product.variantId}:${input.since}`,
    type: 'engagement_paused',
    severity: 'warning',
    title: `Paused ${what} featuring ${title} — out of stock`,
    explanation: `${title} has no stock available, so messages featuring it were paused: ${names}. Nothing resumes on its own.`,
    recommendedAction: `Resume them under Engagement once ${title} is back in stock, or take it out of their products.`,
    ...declareEvidence(ENGAGEMENT_PAUSED_EVIDENCE, {
      product: title,
      out_of_stock_since: input.since,
      paused_automations: automations.length,
      paused_campaigns: campaigns.length,
      paused: names,
      ...(midSend.length > 0
        ? {
            paused_mid_send: midSend.length,
            messages_sent_before_pause: midSend.reduce((n, p) => n + (p.midSend?.sent ?? 0), 0),
            messages_held_back: midSend.some((p) => p.midSend?.remaining === null)
              ? null
              : midSend.reduce((n, p) => n + (p.midSend?.remaining ?? 0), 0),
          }
        : {}),
    }),
  };
}
