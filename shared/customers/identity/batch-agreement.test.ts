import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateIdentityRecords, plantedClusterOfFour } from '../../../test/support/identity-records';
import { createSqliteDocumentDb } from '../../adapters/embedded/sqlite-document-db';
import { identifierKey } from '../../domain/customers/identifiers';
import { resolveIdentityGraph } from '../../domain/customers/identity-graph';
import { customerProfileSchema } from '../../domain/customers/profile';
import { reviewSchema } from '../../domain/customers/records';
import type { TenantContext } from '../../domain/tenancy';
import { fixedClock } from '../../ports/clock';
import { collectionPath } from '../profiles/paths';
import { createIdentityResolver } from './resolver';

const ctx: TenantContext = { tenantId: 't1', uid: 'u1', role: 'owner' };
const scope = { ctx, brandId: 'b1' };

describe('incremental and batch resolution', () => {
  it('reach the same profiles on a generated brand (pending cluster reviews counted as merged)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-identity-'));
    const db = createSqliteDocumentDb(join(dir, 'db.sqlite'));
    try {
      const { records } = generateIdentityRecords(400, 11);
      const all = [...records, ...plantedClusterOfFour()].sort((a, b) =>
        a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at),
      );
      const resolver = createIdentityResolver({ db, clock: fixedClock('2026-07-01T00:00:00Z') });
      for (const record of all) await resolver.resolve(scope, record);

      // The batch counts every deterministic cluster as one person; approve what waits for that.
      const reviews = (await db.query(collectionPath(scope, 'reviews'))).map((d) =>
        reviewSchema.parse(d.data),
      );
      expect(reviews.filter((r) => r.reason === 'cluster_too_large')).toHaveLength(1);
      expect(reviews.filter((r) => r.reason === 'weak_evidence').length).toBeGreaterThan(0);
      for (const review of reviews.filter((r) => r.reason === 'cluster_too_large')) {
        await resolver.decideReview(scope, review.id, 'approve');
      }

      const incremental = (await db.query(collectionPath(scope, 'profiles')))
        .map((d) => customerProfileSchema.parse(d.data))
        .filter((p) => p.status === 'active')
        .map((p) => p.identifiers.map(identifierKey).sort().join(' '))
        .sort();
      const batch = resolveIdentityGraph(all)
        .profiles.map((p) => p.identifiers.join(' '))
        .sort();
      expect(incremental.length).toBeGreaterThan(400);
      expect(batch).toEqual(incremental);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
