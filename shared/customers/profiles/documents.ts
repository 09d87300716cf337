import { createHash } from 'node:crypto';
import { type CustomerProfile, customerProfileSchema } from '../../domain/customers/profile';
import {
  type IdentifierIndexEntry,
  identifierIndexSchema,
  type MergeReview,
  reviewSchema,
} from '../../domain/customers/records';
import type { DocReader, DocWriter } from '../../ports/document-db';
import type { BrandScope } from '../../ports/warehouse-rows';
import { docPath } from './paths';

/** Reads and writes of identity documents inside one transaction; reads come first (Firestore's rule). */
export type Tx = DocReader & DocWriter;

export const shortHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 20);

/** A profile created by a record has an id derived from it, so a replayed record finds the same one. */
export const profileIdFor = (scope: BrandScope, recordId: string): string =>
  `cus_${shortHash(`${scope.brandId}|${recordId}`)}`;

export const reviewIdFor = (reason: string, profileIds: readonly string[]): string =>
  `rev_${shortHash(`${reason}|${[...profileIds].sort().join(',')}`)}`;

export interface Loaded<T> {
  value: T;
  /** The stored JSON, kept for merge history. */
  raw: string;
}

export async function readProfiles(
  tx: DocReader,
  scope: BrandScope,
  ids: Iterable<string>,
): Promise<Map<string, Loaded<CustomerProfile>>> {
  const out = new Map<string, Loaded<CustomerProfile>>();
  for (const id of new Set(ids)) {
    const doc = await tx.get(docPath(scope, 'profiles', id));
    if (doc) out.set(id, { value: customerProfileSchema.parse(doc.data), raw: JSON.stringify(doc.data) });
  }
  return out;
}

/** The active profile an id names, following merges to their survivor; null when none is left (erased). */
export async function activeProfile(
  db: DocReader,
  scope: BrandScope,
  id: string,
): Promise<CustomerProfile | null> {
  let current: string | null = id;
  for (let hops = 0; current && hops < 50; hops++) {
    const doc = await db.get(docPath(scope, 'profiles', current));
    if (!doc) return null;
    const found = customerProfileSchema.parse(doc.data);
    if (found.status === 'active') return found;
    current = found.mergedInto;
  }
  return null;
}

export async function readIndex(
  tx: DocReader,
  scope: BrandScope,
  keys: Iterable<string>,
): Promise<Map<string, Loaded<IdentifierIndexEntry>>> {
  const out = new Map<string, Loaded<IdentifierIndexEntry>>();
  for (const key of new Set(keys)) {
    const doc = await tx.get(docPath(scope, 'identifiers', key));
    if (doc) out.set(key, { value: identifierIndexSchema.parse(doc.data), raw: JSON.stringify(doc.data) });
  }
  return out;
}

export async function readReviews(
  tx: DocReader,
  scope: BrandScope,
  ids: Iterable<string>,
): Promise<Map<string, MergeReview>> {
  const out = new Map<string, MergeReview>();
  for (const id of new Set(ids)) {
    const doc = await tx.get(docPath(scope, 'reviews', id));
    if (doc) out.set(id, reviewSchema.parse(doc.data));
  }
  return out;
}

export async function writeProfile(
  tx: DocWriter,
  scope: BrandScope,
  profile: CustomerProfile,
): Promise<void> {
  await tx.set(docPath(scope, 'profiles', profile.id), customerProfileSchema.parse(profile));
}

export async function writeIndex(
  tx: DocWriter,
  scope: BrandScope,
  entry: IdentifierIndexEntry,
): Promise<void> {
  if (entry.profileIds.length === 0) await tx.delete(docPath(scope, 'identifiers', entry.key));
  else await tx.set(docPath(scope, 'identifiers', entry.key), identifierIndexSchema.parse(entry));
}
