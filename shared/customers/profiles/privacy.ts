import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  type Identifier,
  identifierKey,
  normaliseIdentifiers,
  parseIdentifierKey,
  type RawIdentifier,
} from '../../domain/customers/identifiers';
import { type CustomerProfile, customerProfileSchema } from '../../domain/customers/profile';
import { identifierIndexSchema, mergeRecordSchema, reviewSchema } from '../../domain/customers/records';
import type { Ids } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { Warehouse } from '../../ports/warehouse';
import type { BrandScope } from '../../ports/warehouse-rows';
import { ERASED_PREFIX, pseudonymiseCustomerKeys } from '../customer-key';
import { eraseInStoreAlerts, type InStoreAlertStore, inStoreAlertsAbout } from '../in-store/personal-data';
import { collectionPath, docPath } from './paths';

/** The events side of redaction (the customers contract): `redactCustomerEvents` in shared/customers/events. */
export type RedactCustomerEvents = (scope: BrandScope, identifiers: readonly Identifier[]) => Promise<number>;

export interface CustomerPrivacyDeps {
  db: DocumentDb;
  warehouse: Warehouse;
}

/** Who a compliance request names: Shopify sends the customer's id, email and phone. */
export interface PrivacySubject {
  shopifyCustomerId?: string | null;
  email?: string | null;
  phone?: string | null;
}

function subjectIdentifiers(subject: PrivacySubject, region: string | undefined): Identifier[] {
  const raw: RawIdentifier[] = [];
  if (subject.shopifyCustomerId) raw.push({ kind: 'shopify_customer_id', value: subject.shopifyCustomerId });
  if (subject.email) raw.push({ kind: 'email', value: subject.email });
  if (subject.phone) raw.push({ kind: 'phone', value: subject.phone });
  return normaliseIdentifiers(raw, region).identifiers;
}

/** The subject's active profiles and every profile merged into them (tombstones carry data too). */
async function subjectProfiles(
  deps: CustomerPrivacyDeps,
  scope: BrandScope,
  identifiers: readonly Identifier[],
): Promise<CustomerProfile[]> {
  const ids = new Set<string>();
  for (const id of identifiers) {
    const doc = await deps.db.get(docPath(scope, 'identifiers', identifierKey(id)));
    if (doc) for (const p of identifierIndexSchema.parse(doc.data).profileIds) ids.add(p);
  }
  const found = new Map<string, CustomerProfile>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (found.has(id)) continue;
    const doc = await deps.db.get(docPath(scope, 'profiles', id));
    if (!doc) continue;
    found.set(id, customerProfileSchema.parse(doc.data));
    const merged = await deps.db.query(collectionPath(scope, 'profiles'), {
      where: [['mergedInto', '==', id]],
    });
    for (const m of merged) queue.push(m.id);
  }
  return [...found.values()];
}

async function related(deps: CustomerPrivacyDeps, scope: BrandScope, profileIds: ReadonlySet<string>) {
  const merges = (await deps.db.query(collectionPath(scope, 'merges')))
    .map((d) => mergeRecordSchema.parse(d.data))
    .filter((m) => profileIds.has(m.survivorId) || m.mergedIds.some((id) => profileIds.has(id)));
  const reviews = (await deps.db.query(collectionPath(scope, 'reviews')))
    .map((d) => reviewSchema.parse(d.data))
    .filter((r) => r.profileIds.some((id) => profileIds.has(id)));
  return { merges, reviews };
}

async function eventIdsOf(
  deps: CustomerPrivacyDeps,
  scope: BrandScope,
  keys: readonly string[],
): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await deps.warehouse.query<{ event_id: string }>(
    scope.ctx,
    `SELECT DISTINCT event_id FROM {{event_identifiers}}
      WHERE brand_id = @brand AND identifier_key IN (SELECT * FROM UNNEST(@keys))`,
    { brand: scope.brandId, keys: [...keys] },
  );
  return rows.map((r) => r.event_id);
}

/**
 * Deletes the events the identity index links to these identifiers. Stands in the redaction until
 * the events side's `redactCustomerEvents` (which also finds events not resolved yet, by their
 * raw identifiers) is wired here; both delete by event id, so running both is safe.
 */
export function redactIndexedEvents(deps: CustomerPrivacyDeps): RedactCustomerEvents {
  return async (scope, identifiers) => {
    const eventIds = await eventIdsOf(deps, scope, identifiers.map(identifierKey));
    if (eventIds.length === 0) return 0;
    await deps.warehouse.replaceKeys(
      scope.ctx,
      'events',
      { brandId: scope.brandId, keyColumn: 'event_id', keys: eventIds },
      [],
    );
    return eventIds.length;
  };
}

const erasureSchema = z.object({ pseudonym: z.string().startsWith(ERASED_PREFIX) });

/**
 * The pseudonym an erasure moves the subject's rows to (`erased:<random id>`: derived from nothing
 * that names them). It waits in a marker keyed by a hash of the request's identifiers only while
 * the erasure runs, so a re-run after a failure moves the rest to the same one; `finish` deletes
 * the marker once everything is done.
 */
export async function beginErasure(
  deps: { db: DocumentDb; ids: Ids },
  scope: BrandScope,
  subject: PrivacySubject,
  region: string | undefined,
) {
  const keys = subjectIdentifiers(subject, region).map(identifierKey).sort();
  const marker = createHash('sha256')
    .update([scope.ctx.tenantId, scope.brandId, ...keys].join('\n'))
    .digest('hex');
  const path = docPath(scope, 'erasures', marker);
  const pseudonym = await deps.db.runTransaction(async (tx) => {
    const doc = await tx.get(path);
    if (doc) return erasureSchema.parse(doc.data).pseudonym;
    const fresh = `${ERASED_PREFIX}${deps.ids.next()}`;
    await tx.set(path, { pseudonym: fresh });
    return fresh;
  });
  return { pseudonym, finish: () => deps.db.delete(path) };
}

/**
 * customers/data_request: the subject's profiles, merge history, reviews, in-store alerts and event
 * ids, and every identifier they were found by (what other features export the subject's data by).
 */
export async function exportCustomerProfiles(
  deps: CustomerPrivacyDeps & { alerts: Pick<InStoreAlertStore, 'list'> },
  scope: BrandScope,
  subject: PrivacySubject,
  region: string | undefined,
) {
  const requested = subjectIdentifiers(subject, region);
  const profiles = await subjectProfiles(deps, scope, requested);
  const ids = new Set(profiles.map((p) => p.id));
  const { merges, reviews } = await related(deps, scope, ids);
  const keys = [...new Set(profiles.flatMap((p) => p.identifiers.map(identifierKey)))];
  return {
    identifiers: [...new Set([...requested.map(identifierKey), ...keys])].map(parseIdentifierKey),
    profiles,
    merges: merges.map(({ before: _snapshots, ...m }) => m),
    reviews,
    inStoreAlerts: await inStoreAlertsAbout(deps.alerts, scope, ids),
    eventIds: await eventIdsOf(deps, scope, keys),
  };
}

/**
 * customers/redact: deletes the subject's profiles (and the ones merged into them), their index
 * entries, merge history (whose snapshots hold the same data) and reviews, the event index rows,
 * the in-store alerts naming them, has the events side delete the events themselves and
 * `eraseLinked` (engagement) erase its copies, by every identifier the profiles held — both before
 * the profiles go, so a re-run after a failure still knows them — and moves the warehouse rows
 * keyed by the subject's store customer keys to `pseudonym` (decision 1019).
 */
export async function redactCustomerProfiles(
  deps: CustomerPrivacyDeps & {
    redactEvents: RedactCustomerEvents;
    alerts: InStoreAlertStore;
    eraseLinked?: (scope: BrandScope, identifiers: readonly Identifier[]) => Promise<unknown>;
  },
  scope: BrandScope,
  subject: PrivacySubject,
  region: string | undefined,
  pseudonym: string,
) {
  const requested = subjectIdentifiers(subject, region);
  const profiles = await subjectProfiles(deps, scope, requested);
  const ids = new Set(profiles.map((p) => p.id));
  const { merges, reviews } = await related(deps, scope, ids);
  const keys = [
    ...new Set([
      ...requested.map(identifierKey),
      ...profiles.flatMap((p) => p.identifiers.map(identifierKey)),
    ]),
  ];
  const eventIds = await eventIdsOf(deps, scope, keys);
  const events = await deps.redactEvents(scope, keys.map(parseIdentifierKey));
  if (eventIds.length > 0) {
    await deps.warehouse.replaceKeys(
      scope.ctx,
      'event_identifiers',
      { brandId: scope.brandId, keyColumn: 'event_id', keys: eventIds },
      [],
    );
  }
  await deps.eraseLinked?.(scope, keys.map(parseIdentifierKey));
  const alerts = await eraseInStoreAlerts(deps.alerts, scope, ids);
  // Store customers keyed by a Shopify id or an email (decision 1011) become the pseudonym.
  const keyed = await pseudonymiseCustomerKeys(deps.warehouse, scope, keys, pseudonym);
  await deps.db.runTransaction(async (tx) => {
    const entries = [];
    for (const key of keys) {
      const doc = await tx.get(docPath(scope, 'identifiers', key));
      if (doc) entries.push(identifierIndexSchema.parse(doc.data));
    }
    for (const entry of entries) {
      const left = entry.profileIds.filter((id) => !ids.has(id));
      if (left.length === 0) await tx.delete(docPath(scope, 'identifiers', entry.key));
      else await tx.set(docPath(scope, 'identifiers', entry.key), { ...entry, profileIds: left });
    }
    for (const id of ids) await tx.delete(docPath(scope, 'profiles', id));
    for (const m of merges) await tx.delete(docPath(scope, 'merges', m.id));
    for (const r of reviews) await tx.delete(docPath(scope, 'reviews', r.id));
  });
  // What was deleted, for purging residual copies below the records (free pages, old blocks).
  const mentions = [
    ...keys.map((key) => parseIdentifierKey(key).value),
    ...profiles.flatMap((p) =>
      Object.values(p.person ?? {}).filter((v): v is string => typeof v === 'string'),
    ),
  ];
  return {
    /** How the profiles named the person (last name, full name), for text that may mention them. */
    names: [
      ...new Set(
        profiles.flatMap((p) => {
          const { firstName, lastName } = p.person ?? {};
          return lastName ? [lastName, ...(firstName ? [`${firstName} ${lastName}`] : [])] : [];
        }),
      ),
    ],
    profiles: ids.size,
    merges: merges.length,
    reviews: reviews.length,
    events,
    alerts,
    pseudonymisedRows: keyed,
    mentions,
  };
}
