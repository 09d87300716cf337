import { type Identifier, identifierKey } from '../../domain/customers/identifiers';
import {
  type CustomerProfile,
  type PersonRecordFields,
  profileStrength,
  withIdentifiers,
  withPerson,
} from '../../domain/customers/profile';
import type { IdentifierIndexEntry, MergeRecord } from '../../domain/customers/records';
import type { MergeEvidence } from '../../domain/customers/resolution';
import type { BrandScope } from '../../ports/warehouse-rows';
import {
  type Loaded,
  readIndex,
  readProfiles,
  type Tx,
  writeIndex,
  writeProfile,
} from '../profiles/documents';
import { docPath } from '../profiles/paths';

/**
 * The documents one identity transaction reads, changes in memory and writes back at the end:
 * every read happens before the first write, as Firestore transactions require, and a merge can
 * snapshot exactly what was stored before it.
 */
export function createWorkingSet(tx: Tx, scope: BrandScope) {
  const profiles = new Map<string, Loaded<CustomerProfile>>();
  const index = new Map<string, Loaded<IdentifierIndexEntry> | null>();
  const dirtyProfiles = new Set<string>();
  const dirtyIndex = new Set<string>();
  const current = new Map<string, CustomerProfile>();
  const currentIndex = new Map<string, IdentifierIndexEntry>();

  async function loadProfiles(ids: Iterable<string>): Promise<void> {
    const missing = [...ids].filter((id) => !profiles.has(id));
    for (const [id, loaded] of await readProfiles(tx, scope, missing)) {
      profiles.set(id, loaded);
      current.set(id, loaded.value);
    }
  }
  async function loadIndex(keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !index.has(key));
    const found = await readIndex(tx, scope, missing);
    for (const key of missing) {
      const loaded = found.get(key) ?? null;
      index.set(key, loaded);
      if (loaded) currentIndex.set(key, loaded.value);
    }
  }
  const profile = (id: string): CustomerProfile | undefined => current.get(id);
  const holders = (key: string): string[] => currentIndex.get(key)?.profileIds ?? [];

  function putProfile(next: CustomerProfile): void {
    current.set(next.id, { ...next, strength: profileStrength(next.identifiers, next.person) });
    dirtyProfiles.add(next.id);
  }
  function setHolders(identifier: Identifier, profileIds: readonly string[]): void {
    const key = identifierKey(identifier);
    currentIndex.set(key, { key, ...identifier, profileIds: [...new Set(profileIds)].sort() });
    dirtyIndex.add(key);
  }

  /** Adds a record's identifiers and person fields to a profile (creating it when new). */
  function attach(
    id: string,
    at: string,
    now: string,
    identifiers: readonly Identifier[],
    person: PersonRecordFields | null | undefined,
  ): CustomerProfile {
    const existing = current.get(id);
    const base: CustomerProfile = existing ?? {
      id,
      brandId: scope.brandId,
      status: 'active',
      mergedInto: null,
      createdAt: now,
      updatedAt: now,
      firstSeenAt: at,
      lastSeenAt: at,
      identifiers: [],
      person: null,
      strength: 0,
    };
    const next: CustomerProfile = {
      ...base,
      identifiers: withIdentifiers(base.identifiers, identifiers, at),
      person: withPerson(base.person, person),
      firstSeenAt: base.firstSeenAt < at ? base.firstSeenAt : at,
      lastSeenAt: base.lastSeenAt > at ? base.lastSeenAt : at,
    };
    if (!existing || JSON.stringify(next) !== JSON.stringify(existing))
      putProfile({ ...next, updatedAt: now });
    for (const identifier of identifiers) {
      const held = holders(identifierKey(identifier));
      if (!held.includes(id)) setHolders(identifier, [...held, id]);
    }
    return current.get(id)!;
  }

  /**
   * Folds `otherIds` into `survivorId` and returns the history record. Call after loading the
   * profiles and the index entries of all their identifiers; snapshots are of the stored documents.
   */
  function merge(
    survivorId: string,
    otherIds: readonly string[],
    meta: { id: string; by: string; at: string; evidence: MergeEvidence[]; reviewId: string | null },
  ): MergeRecord {
    const involved = [survivorId, ...otherIds];
    const before: Record<string, string | null> = {};
    const identifierKeys = new Set<string>();
    for (const id of involved) {
      const loaded = profiles.get(id);
      before[docPath(scope, 'profiles', id)] = loaded?.raw ?? null;
      for (const identifier of current.get(id)?.identifiers ?? [])
        identifierKeys.add(identifierKey(identifier));
    }
    for (const key of identifierKeys)
      before[docPath(scope, 'identifiers', key)] = index.get(key)?.raw ?? null;

    let survivor = current.get(survivorId)!;
    for (const otherId of otherIds) {
      const other = current.get(otherId)!;
      survivor = {
        ...survivor,
        identifiers: mergeIdentifiers(survivor.identifiers, other.identifiers),
        person: withPerson(survivor.person, other.person),
        createdAt: earlier(survivor.createdAt, other.createdAt),
        firstSeenAt: earlier(survivor.firstSeenAt, other.firstSeenAt),
        lastSeenAt: later(survivor.lastSeenAt, other.lastSeenAt),
      };
      putProfile({ ...other, status: 'merged', mergedInto: survivorId, updatedAt: meta.at });
      for (const identifier of other.identifiers) {
        const held = holders(identifierKey(identifier)).map((h) => (h === otherId ? survivorId : h));
        setHolders(identifier, held);
      }
    }
    putProfile({ ...survivor, updatedAt: meta.at });
    return {
      id: meta.id,
      kind: 'merge',
      survivorId,
      mergedIds: [...otherIds],
      evidence: meta.evidence,
      by: meta.by,
      at: meta.at,
      reviewId: meta.reviewId,
      before,
      identifierKeys: [...identifierKeys].sort(),
      undoneBy: null,
      undoes: null,
    };
  }

  async function flush(): Promise<void> {
    for (const id of dirtyProfiles) await writeProfile(tx, scope, current.get(id)!);
    for (const key of dirtyIndex) await writeIndex(tx, scope, currentIndex.get(key)!);
  }

  return { loadProfiles, loadIndex, profile, holders, attach, merge, putProfile, flush };
}
export type WorkingSet = ReturnType<typeof createWorkingSet>;

function mergeIdentifiers(
  a: CustomerProfile['identifiers'],
  b: CustomerProfile['identifiers'],
): CustomerProfile['identifiers'] {
  const byKey = new Map(a.map((i) => [identifierKey(i), i]));
  for (const identifier of b) {
    const key = identifierKey(identifier);
    const held = byKey.get(key);
    byKey.set(
      key,
      held
        ? {
            ...held,
            confidence: Math.max(held.confidence, identifier.confidence),
            firstSeenAt: earlier(held.firstSeenAt, identifier.firstSeenAt),
            lastSeenAt: later(held.lastSeenAt, identifier.lastSeenAt),
          }
        : identifier,
    );
  }
  return [...byKey.values()].sort((x, y) => identifierKey(x).localeCompare(identifierKey(y)));
}

/** ISO-8601 UTC instants compare as strings. */
const earlier = (a: string, b: string): string => (a <= b ? a : b);
const later = (a: string, b: string): string => (a >= b ? a : b);
