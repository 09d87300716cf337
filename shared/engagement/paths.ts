import { createHash } from 'node:crypto';
import { canAccessBrand } from '../domain/tenancy';
import { NotFoundError } from '../kernel/errors';
import type { BrandScope } from '../ports/warehouse-rows';

/**
 * Firestore paths of a brand's engagement documents, under the brand document
 * (`tenants/{t}/brands/{b}/…`); the SQLite backend keeps the same paths.
 */
export const ENGAGEMENT_COLLECTIONS = {
  consent: 'engagementConsent',
  suppressions: 'engagementSuppressions',
  /**
   * Opt-outs and suppressions of erased customers, keyed by a keyed hash of the address alone
   * (decision 1019): the sender still refuses the address if it comes back.
   */
  erasedSuppressions: 'engagementErasedSuppressions',
  /** The send ledger and the outbox in one: one document per (source, customer, step). */
  sends: 'engagementSends',
  /** Provider message id → send id, for status callbacks. */
  providerIds: 'engagementProviderIds',
  /** Per (channel, address): when it was last sent to, for the frequency cap (one read, not a scan). */
  recentSends: 'engagementRecentSends',
  campaigns: 'engagementCampaigns',
  /** One document per queued send of a campaign: its batches' progress (campaign-runs.ts). */
  campaignRuns: 'engagementCampaignRuns',
  automations: 'engagementAutomations',
  /** One document per product out of stock: what its stockout paused, once (stockout-pause.ts). */
  stockouts: 'engagementStockouts',
} as const;
export type EngagementCollection = keyof typeof ENGAGEMENT_COLLECTIONS;

const segment = (id: string) => encodeURIComponent(id);

export function collectionPath(scope: BrandScope, name: EngagementCollection): string {
  if (!canAccessBrand(scope.ctx, scope.brandId)) throw new NotFoundError(`brand ${scope.brandId} not found`);
  return `tenants/${segment(scope.ctx.tenantId)}/brands/${segment(scope.brandId)}/${ENGAGEMENT_COLLECTIONS[name]}`;
}

export const docPath = (scope: BrandScope, name: EngagementCollection, id: string): string =>
  `${collectionPath(scope, name)}/${segment(id)}`;

/** `sms:+15558675310` — consent and suppression are per channel and address. */
export const addressKey = (channel: string, address: string) => `${channel}:${address}`;

/** The ledger key: the same (automation or campaign, customer, step) is always the same document. */
export function sendIdFor(source: { kind: string; id: string }, customerId: string, step: string): string {
  const h = createHash('sha256').update(`${source.kind}|${source.id}|${customerId}|${step}`).digest('hex');
  return `snd_${h.slice(0, 24)}`;
}
