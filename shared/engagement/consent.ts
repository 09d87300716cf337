import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelKind } from '../domain/engagement/channel';
import {
  type Consent,
  channelKindSchema,
  consentAfterExport,
  consentSchema,
  type ExportedConsent,
  normaliseAddress,
  SUPPRESSION_REASONS,
  type Suppression,
  suppressionSchema,
} from '../domain/engagement/consent';
import type { TenantContext } from '../domain/tenancy';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import { addressKey, collectionPath, docPath } from './paths';

/**
 * What erasure keeps of an address that had opted out or was suppressed (decision 1019): its
 * channel, the reason, and a hash of the address keyed by the tenant and brand, so the address
 * cannot be read back, a list of common addresses hashed once matches no other brand's, and the
 * same address of the same brand always finds it.
 */
export const erasedAddressSchema = z.object({
  channel: channelKindSchema,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  reason: z.enum([...SUPPRESSION_REASONS, 'opted_out']),
  erasedAt: z.string(),
});
export type ErasedAddress = z.infer<typeof erasedAddressSchema>;

export function erasedAddressId(scope: BrandScope, channel: ChannelKind, address: string): string {
  return createHash('sha256')
    .update(
      `${scope.ctx.tenantId}\n${scope.brandId}\n${addressKey(channel, normaliseAddress(channel, address))}`,
    )
    .digest('hex');
}

/**
 * Consent the person gave themselves (not an import, the API or the merchant): after their
 * erasure, only this, given after it, lets an erased opt-out's address be messaged again.
 */
const OWN_CONSENT: ReadonlySet<Consent['source']> = new Set(['checkout', 'signup_form', 'keyword']);

/**
 * Per-channel consent with its source and time, and the brand's global suppression list. A
 * suppressed address is never sent to, whatever its consent says (a bounce outlives an opt-in).
 */
export function createConsentStore(deps: { db: DocumentDb; clock: Clock }) {
  const key = (channel: ChannelKind, address: string) =>
    addressKey(channel, normaliseAddress(channel, address));
  return {
    async get(scope: BrandScope, channel: ChannelKind, address: string): Promise<Consent | undefined> {
      const doc = await deps.db.get(docPath(scope, 'consent', key(channel, address)));
      return doc ? consentSchema.parse(doc.data) : undefined;
    },
    async set(
      scope: BrandScope,
      channel: ChannelKind,
      address: string,
      status: Consent['status'],
      source: Consent['source'],
    ): Promise<Consent> {
      const consent: Consent = {
        channel,
        address: normaliseAddress(channel, address),
        status,
        source,
        at: deps.clock.now().toISOString(),
      };
      await deps.db.set(docPath(scope, 'consent', key(channel, address)), consent);
      return consent;
    },
    /**
     * The states a store's customers export gives (decision 1025), each written only as
     * `consentAfterExport` allows, with the file and line it came from. Returns how many addresses
     * were opted in, withdrawn, and left as they were.
     */
    async recordExported(
      scope: BrandScope,
      states: readonly ExportedConsent[],
    ): Promise<{ optedIn: number; withdrawn: number; kept: number }> {
      const outcome = { optedIn: 0, withdrawn: 0, kept: 0 };
      const at = deps.clock.now().toISOString();
      const writes: Array<{ path: string; data: Consent }> = [];
      // The last row for an address wins, as it would in Shopify's own import of the file.
      const last = new Map(states.map((s) => [key(s.channel, s.address), s]));
      for (const [k, s] of last) {
        const path = docPath(scope, 'consent', k);
        const doc = await deps.db.get(path);
        const change = consentAfterExport(doc ? consentSchema.parse(doc.data) : undefined, s.state);
        if (change === 'keep') {
          outcome.kept++;
          continue;
        }
        writes.push({
          path,
          data: {
            channel: s.channel,
            address: normaliseAddress(s.channel, s.address),
            status: change === 'opt_in' ? 'opted_in' : 'opted_out',
            source: 'shopify_export',
            at,
            evidence: s.evidence,
          },
        });
        if (change === 'opt_in') outcome.optedIn++;
        else outcome.withdrawn++;
      }
      // One batch write (atomic per call on SQLite; in chunks of 500 on Firestore).
      await deps.db.setMany(writes);
      return outcome;
    },
    async suppression(
      scope: BrandScope,
      channel: ChannelKind,
      address: string,
    ): Promise<Suppression | undefined> {
      const doc = await deps.db.get(docPath(scope, 'suppressions', key(channel, address)));
      return doc ? suppressionSchema.parse(doc.data) : undefined;
    },
    async suppress(
      scope: BrandScope,
      channel: ChannelKind,
      address: string,
      reason: Suppression['reason'],
      detail: string | null = null,
    ): Promise<void> {
      const s: Suppression = {
        channel,
        address: normaliseAddress(channel, address),
        reason,
        detail,
        at: deps.clock.now().toISOString(),
      };
      await deps.db.set(docPath(scope, 'suppressions', key(channel, address)), s);
    },
    /**
     * The erased opt-out or suppression of this address that still stands: none when the person
     * opted in again themselves after the erasure (`consent`: the address's current consent).
     */
    async erasedSuppression(
      scope: BrandScope,
      channel: ChannelKind,
      address: string,
      consent: Consent | undefined,
    ): Promise<ErasedAddress | undefined> {
      const doc = await deps.db.get(
        docPath(scope, 'erasedSuppressions', erasedAddressId(scope, channel, address)),
      );
      if (!doc) return undefined;
      const erased = erasedAddressSchema.parse(doc.data);
      const renewed =
        consent?.status === 'opted_in' && OWN_CONSENT.has(consent.source) && consent.at > erased.erasedAt;
      return renewed ? undefined : erased;
    },
    async suppressions(scope: BrandScope): Promise<Suppression[]> {
      const docs = await deps.db.query(collectionPath(scope, 'suppressions'));
      return docs.map((d) => suppressionSchema.parse(d.data));
    },
  };
}
export type ConsentStore = ReturnType<typeof createConsentStore>;

/**
 * The import service's way into a brand's consent records (decision 1025): the states a store's
 * customers export gives, written as `consentAfterExport` allows. Composition roots pass it.
 */
export function createExportedConsentRecorder(deps: { documents: DocumentDb; clock: Clock }) {
  const store = createConsentStore({ db: deps.documents, clock: deps.clock });
  return (ctx: TenantContext, brandId: string, states: readonly ExportedConsent[]) =>
    store.recordExported({ ctx, brandId }, states);
}
