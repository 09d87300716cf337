import type { ChannelKind } from '../domain/engagement/channel';
import {
  type Consent,
  consentSchema,
  normaliseAddress,
  type Suppression,
  suppressionSchema,
} from '../domain/engagement/consent';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import { addressKey, collectionPath, docPath } from './paths';

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
    async suppressions(scope: BrandScope): Promise<Suppression[]> {
      const docs = await deps.db.query(collectionPath(scope, 'suppressions'));
      return docs.map((d) => suppressionSchema.parse(d.data));
    },
  };
}
export type ConsentStore = ReturnType<typeof createConsentStore>;
