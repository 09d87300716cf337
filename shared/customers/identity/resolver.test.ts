import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plantedClusterOfFour } from '../../../test/support/identity-records';
import { createSqliteDocumentDb } from '../../adapters/embedded/sqlite-document-db';
import { customerProfileSchema } from '../../domain/customers/profile';
import { mergeRecordSchema, reviewSchema } from '../../domain/customers/records';
import type { IdentityRecord } from '../../domain/customers/resolution';
import type { TenantContext } from '../../domain/tenancy';
import { fixedClock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import { collectionPath } from '../profiles/paths';
import { createIdentityResolver } from './resolver';

const system: TenantContext = { tenantId: 't1', uid: 'system:resolve-identities', role: 'system' };
const scope = { ctx: system, brandId: 'b1' };
const rec = (
  id: string,
  at: string,
  identifiers: IdentityRecord['identifiers'],
  person?: IdentityRecord['person'],
) => ({ id, at, identifiers, source: 'pixel', person }) satisfies IdentityRecord;

let dir: string;
let db: DocumentDb;
let resolver: ReturnType<typeof createIdentityResolver>;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pp-identity-'));
  db = createSqliteDocumentDb(join(dir, 'db.sqlite'));
  resolver = createIdentityResolver({ db, clock });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function dump(...collections: Array<'profiles' | 'identifiers' | 'reviews' | 'merges'>) {
  const out: Record<string, string> = {};
  for (const name of collections) {
    for (const doc of await db.query(collectionPath(scope, name))) out[doc.path] = JSON.stringify(doc.data);
  }
  return out;
}
async function activeProfiles() {
  const docs = await db.query(collectionPath(scope, 'profiles'));
  return docs.map((d) => customerProfileSchema.parse(d.data)).filter((p) => p.status === 'active');
}

describe('incremental identity resolution', () => {
  it('creates one profile per new person and a replayed record changes nothing', async () => {
    const r = rec('e1', '2026-02-01T00:00:00Z', [{ kind: 'email', value: 'a@x.co' }], { firstName: 'Ana' });
    const first = await resolver.resolve(scope, r);
    expect(first.created).toBe(true);
    const before = await dump('profiles', 'identifiers', 'reviews', 'merges');
    clock.advance(60_000);
    const again = await resolver.resolve(scope, r);
    expect(again).toMatchObject({ profileId: first.profileId, created: false, merged: [] });
    expect(await dump('profiles', 'identifiers', 'reviews', 'merges')).toEqual(before);
  });

  it('links a phone-only till purchase to the later online order with the same phone', async () => {
    const pos = await resolver.resolve(
      scope,
      rec('pos-1', '2026-02-01T00:00:00Z', [
        { kind: 'phone', value: '+15550000001' },
        { kind: 'card_last4', value: '4242' },
      ]),
    );
    const online = await resolver.resolve(
      scope,
      rec('order-1', '2026-02-03T00:00:00Z', [
        { kind: 'phone', value: '+15550000001' },
        { kind: 'email', value: 'b@x.co' },
      ]),
    );
    expect(online.profileId).toBe(pos.profileId);
    const [profile] = await activeProfiles();
    expect(profile!.identifiers.map((i) => i.kind).sort()).toEqual(['card_last4', 'email', 'phone']);
    expect(profile!.identifiers.find((i) => i.kind === 'card_last4')!.confidence).toBeLessThan(0.5);
    expect(profile!.strength).toBeGreaterThan(60);
  });

  it('merges two profiles automatically when a record names both, with the shared identifiers as evidence', async () => {
    const a = await resolver.resolve(
      scope,
      rec('e1', '2026-02-01T00:00:00Z', [{ kind: 'email', value: 'a@x.co' }]),
    );
    await resolver.resolve(
      scope,
      rec('e2', '2026-02-02T00:00:00Z', [{ kind: 'phone', value: '+15550000002' }]),
    );
    const both = await resolver.resolve(
      scope,
      rec('e3', '2026-02-03T00:00:00Z', [
        { kind: 'email', value: 'a@x.co' },
        { kind: 'phone', value: '+15550000002' },
      ]),
    );
    expect(both.profileId).toBe(a.profileId);
    expect(both.merged).toHaveLength(1);
    expect(await activeProfiles()).toHaveLength(1);
    const merges = (await db.query(collectionPath(scope, 'merges'))).map((d) =>
      mergeRecordSchema.parse(d.data),
    );
    expect(merges).toHaveLength(1);
    expect(merges[0]!.evidence.map((e) => e.detail).sort()).toEqual(['email:a@x.co', 'phone:+15550000002']);
  });

  it('sends a cluster of four to review instead of merging it, and an owner approves it', async () => {
    let last = null as Awaited<ReturnType<typeof resolver.resolve>> | null;
    for (const r of plantedClusterOfFour()) last = await resolver.resolve(scope, r);
    expect(last!.merged).toEqual([]);
    expect(last!.reviews).toHaveLength(1);
    const four = await activeProfiles();
    expect(four).toHaveLength(4);
    // The ticket's emails do not pile onto one profile while the review waits.
    expect(four.map((p) => p.identifiers.filter((i) => i.kind === 'email').length)).toEqual([1, 1, 1, 1]);
    const [review] = (await db.query(collectionPath(scope, 'reviews'))).map((d) =>
      reviewSchema.parse(d.data),
    );
    expect(review).toMatchObject({ status: 'pending', reason: 'cluster_too_large' });
    expect(review!.profileIds).toHaveLength(4);

    const analyst = { ctx: { ...system, uid: 'u2', role: 'analyst' as const }, brandId: 'b1' };
    await expect(resolver.decideReview(analyst, review!.id, 'approve')).rejects.toThrow(/owner or an admin/);
    const owner = { ctx: { ...system, uid: 'u1', role: 'owner' as const }, brandId: 'b1' };
    const decided = await resolver.decideReview(owner, review!.id, 'approve');
    expect(decided).toMatchObject({ status: 'approved', decidedBy: 'u1' });
    expect(await activeProfiles()).toHaveLength(1);
    await expect(resolver.decideReview(owner, review!.id, 'reject')).rejects.toThrow(/already approved/);
  });

  it('joins an anonymous browsing profile to the email it later signs up with', async () => {
    const anon = await resolver.resolve(
      scope,
      rec('e1', '2026-02-01T00:00:00Z', [{ kind: 'shopify_client_id', value: 'cid-1' }]),
    );
    const signup = await resolver.resolve(
      scope,
      rec('e2', '2026-02-01T00:05:00Z', [
        { kind: 'shopify_client_id', value: 'cid-1' },
        { kind: 'email', value: 'c@x.co' },
      ]),
    );
    expect(signup.profileId).toBe(anon.profileId);
    expect(await activeProfiles()).toHaveLength(1);
  });

  it('does not merge two people who share a device; it asks for a review', async () => {
    await resolver.resolve(
      scope,
      rec('e1', '2026-02-01T00:00:00Z', [
        { kind: 'device_id', value: 'tablet' },
        { kind: 'email', value: 'mum@x.co' },
      ]),
    );
    const child = await resolver.resolve(
      scope,
      rec('e2', '2026-02-02T00:00:00Z', [
        { kind: 'device_id', value: 'tablet' },
        { kind: 'email', value: 'kid@x.co' },
      ]),
    );
    expect(child.created).toBe(true);
    expect(child.reviews).toHaveLength(1);
    expect(await activeProfiles()).toHaveLength(2);
    const [review] = (await db.query(collectionPath(scope, 'reviews'))).map((d) =>
      reviewSchema.parse(d.data),
    );
    expect(review).toMatchObject({ reason: 'weak_evidence', status: 'pending' });
  });

  it('unmerge restores both profiles and their index entries byte for byte', async () => {
    await resolver.resolve(
      scope,
      rec('e1', '2026-02-01T00:00:00Z', [{ kind: 'email', value: 'a@x.co' }], {
        firstName: 'Ana',
        city: 'Leeds',
      }),
    );
    await resolver.resolve(
      scope,
      rec('e2', '2026-02-02T00:00:00Z', [{ kind: 'phone', value: '+15550000002' }], {
        lastName: 'Silva',
        postcode: 'LS1',
      }),
    );
    const before = await dump('profiles', 'identifiers');
    clock.advance(3_600_000);
    const profiles = await activeProfiles();
    const merge = await resolver.merge(
      { ctx: { ...system, uid: 'u1', role: 'owner' }, brandId: 'b1' },
      profiles.map((p) => p.id),
      { evidence: [{ kind: 'person_match', detail: 'manual', confidence: 1 }] },
    );
    expect(await activeProfiles()).toHaveLength(1);
    expect(await dump('profiles', 'identifiers')).not.toEqual(before);
    clock.advance(3_600_000);
    const undo = await resolver.unmerge(scope, merge!.id);
    expect(undo).toMatchObject({ kind: 'unmerge', undoes: merge!.id });
    expect(await dump('profiles', 'identifiers')).toEqual(before);
    await expect(resolver.unmerge(scope, merge!.id)).rejects.toThrow(/already undone/);
  });

  it('unmerge after an automatic merge keeps what the survivor learnt afterwards', async () => {
    await resolver.resolve(scope, rec('e1', '2026-02-01T00:00:00Z', [{ kind: 'email', value: 'a@x.co' }]));
    await resolver.resolve(
      scope,
      rec('e2', '2026-02-02T00:00:00Z', [{ kind: 'phone', value: '+15550000002' }]),
    );
    const merged = await resolver.resolve(
      scope,
      rec('e3', '2026-02-03T00:00:00Z', [
        { kind: 'email', value: 'a@x.co' },
        { kind: 'phone', value: '+15550000002' },
      ]),
    );
    await resolver.resolve(
      scope,
      rec('e4', '2026-02-04T00:00:00Z', [
        { kind: 'email', value: 'a@x.co' },
        { kind: 'loyalty_id', value: 'L9' },
      ]),
    );
    await resolver.unmerge(scope, merged.mergeId!);
    const profiles = await activeProfiles();
    expect(profiles).toHaveLength(2);
    const survivor = profiles.find((p) => p.id === merged.profileId)!;
    expect(survivor.identifiers.map((i) => i.kind).sort()).toEqual(['email', 'loyalty_id']);
  });
});
