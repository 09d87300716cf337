import { IDENTIFIER_RULES, identifierKey, isLinking } from '../../domain/customers/identifiers';
import { isIdentified } from '../../domain/customers/profile';
import { type MergeRecord, type MergeReview, mergeRecordSchema } from '../../domain/customers/records';
import {
  byAge,
  decideResolution,
  type IdentityRecord,
  type MergeEvidence,
  type MergeProposal,
  type ProfileRef,
} from '../../domain/customers/resolution';
import { ConflictError, ForbiddenError, NotFoundError } from '../../kernel/errors';
import type { Clock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { BrandScope } from '../../ports/warehouse-rows';
import { profileIdFor, readReviews, reviewIdFor, shortHash, type Tx } from '../profiles/documents';
import { docPath } from '../profiles/paths';
import { createWorkingSet } from './working-set';

export interface IdentityResolverDeps {
  db: DocumentDb;
  clock: Clock;
}

export interface ResolveOutcome {
  profileId: string | null;
  created: boolean;
  merged: string[];
  mergeId: string | null;
  reviews: string[];
}

/**
 * Incremental identity resolution over the identifier index: each record reads the index entries
 * of its own identifiers (never a scan), decides by the domain rule, and writes the profile,
 * the index, merge history and review requests in one transaction.
 */
export function createIdentityResolver(deps: IdentityResolverDeps) {
  const now = () => deps.clock.now().toISOString();

  async function resolve(scope: BrandScope, record: IdentityRecord): Promise<ResolveOutcome> {
    const lookupKeys = record.identifiers.filter((i) => IDENTIFIER_RULES[i.kind].lookup).map(identifierKey);
    if (lookupKeys.length === 0)
      return { profileId: null, created: false, merged: [], mergeId: null, reviews: [] };
    return deps.db.runTransaction(async (tx) => {
      const ws = createWorkingSet(tx, scope);
      const at = now();
      await ws.loadIndex(record.identifiers.map(identifierKey));
      const found = new Set(lookupKeys.flatMap((key) => ws.holders(key)));
      await ws.loadProfiles(found);
      const refOf = (id: string): ProfileRef[] => {
        const profile = ws.profile(id);
        return profile ? [{ id, createdAt: profile.createdAt, identified: isIdentified(profile) }] : [];
      };
      const decision = decideResolution(
        record,
        (key) => ws.holders(key).flatMap(refOf),
        profileIdFor(scope, record.id),
      );
      let mergeRecord: MergeRecord | null = null;
      if (decision.merge.length > 0) {
        const involved = [decision.targetId, ...decision.merge];
        await ws.loadIndex(involved.flatMap((id) => ws.profile(id)?.identifiers.map(identifierKey) ?? []));
      }
      const proposals = decision.proposals.map((p) => ({ ...p, id: reviewIdFor(p.reason, p.profileIds) }));
      const existingReviews = await readReviews(
        tx,
        scope,
        proposals.map((p) => p.id),
      );
      // Writes from here on.
      if (decision.merge.length > 0) {
        mergeRecord = ws.merge(decision.targetId, decision.merge, {
          id: `mrg_${shortHash(`${record.id}|${decision.targetId}|${decision.merge.join(',')}`)}`,
          by: scope.ctx.uid,
          at,
          evidence: decision.mergeEvidence,
          reviewId: null,
        });
      }
      // A deterministic identifier held by a profile left out of the merge (a cluster sent to
      // review) stays with that profile alone until the review decides.
      const joined = new Set([decision.targetId, ...decision.merge]);
      const attachable = record.identifiers.filter(
        (i) => !isLinking(i.kind) || ws.holders(identifierKey(i)).every((holder) => joined.has(holder)),
      );
      ws.attach(decision.targetId, record.at, at, attachable, record.person);
      await ws.flush();
      if (mergeRecord) await tx.set(docPath(scope, 'merges', mergeRecord.id), mergeRecord);
      const reviews: string[] = [];
      for (const proposal of proposals) {
        reviews.push(proposal.id);
        if (!existingReviews.has(proposal.id)) await writeReview(tx, scope, proposal, at);
      }
      return {
        profileId: decision.targetId,
        created: decision.isNew,
        merged: decision.merge,
        mergeId: mergeRecord?.id ?? null,
        reviews,
      };
    });
  }

  /** Merges profiles by hand or on an approved review; merged ones are followed to their survivor. */
  async function merge(
    scope: BrandScope,
    profileIds: readonly string[],
    meta: { evidence: MergeEvidence[]; reviewId?: string | null; tx?: Tx },
  ): Promise<MergeRecord | null> {
    const run = async (tx: Tx) => {
      const ws = createWorkingSet(tx, scope);
      const active = new Set<string>();
      for (const start of profileIds) {
        let id: string | null = start;
        for (let hops = 0; id && hops < 50; hops++) {
          await ws.loadProfiles([id]);
          const profile = ws.profile(id);
          if (!profile) throw new NotFoundError(`customer profile ${start} not found`);
          if (profile.status === 'active') break;
          id = profile.mergedInto;
        }
        if (id) active.add(id);
      }
      if (active.size < 2) return null;
      const ordered = [...active]
        .map((id) => ws.profile(id)!)
        .map((p) => ({ id: p.id, createdAt: p.createdAt, identified: true }))
        .sort(byAge)
        .map((p) => p.id);
      await ws.loadIndex(ordered.flatMap((id) => ws.profile(id)!.identifiers.map(identifierKey)));
      const at = now();
      const record = ws.merge(ordered[0]!, ordered.slice(1), {
        id: `mrg_${shortHash(`${ordered.join(',')}|${at}|${scope.ctx.uid}`)}`,
        by: scope.ctx.uid,
        at,
        evidence: meta.evidence,
        reviewId: meta.reviewId ?? null,
      });
      await ws.flush();
      await tx.set(docPath(scope, 'merges', record.id), record);
      return record;
    };
    return meta.tx ? run(meta.tx) : deps.db.runTransaction(run);
  }

  /**
   * Undoes a merge: every document it changed goes back to the JSON stored before it, and
   * identifiers the survivor gained after the merge stay with the survivor.
   */
  async function unmerge(scope: BrandScope, mergeId: string): Promise<MergeRecord> {
    return deps.db.runTransaction(async (tx) => {
      const doc = await tx.get(docPath(scope, 'merges', mergeId));
      if (!doc) throw new NotFoundError(`merge ${mergeId} not found`);
      const merged = mergeRecordSchema.parse(doc.data);
      if (merged.kind !== 'merge') throw new ConflictError(`${mergeId} is an unmerge, not a merge`);
      if (merged.undoneBy)
        throw new ConflictError(`merge ${mergeId} was already undone by ${merged.undoneBy}`);
      const ws = createWorkingSet(tx, scope);
      await ws.loadProfiles([merged.survivorId]);
      const survivor = ws.profile(merged.survivorId);
      if (survivor?.status !== 'active') {
        throw new ConflictError(
          `profile ${merged.survivorId} was merged again since (into ${survivor?.mergedInto}); undo that merge first`,
        );
      }
      const mergedKeys = new Set(merged.identifierKeys);
      const gained = survivor.identifiers.filter((i) => !mergedKeys.has(identifierKey(i)));
      const at = now();
      for (const [path, raw] of Object.entries(merged.before)) {
        if (raw === null) await tx.delete(path);
        else await tx.set(path, JSON.parse(raw));
      }
      if (gained.length > 0) {
        const restored = JSON.parse(merged.before[docPath(scope, 'profiles', merged.survivorId)]!);
        restored.identifiers = [...restored.identifiers, ...gained].sort((a, b) =>
          identifierKey(a).localeCompare(identifierKey(b)),
        );
        restored.updatedAt = at;
        await tx.set(docPath(scope, 'profiles', merged.survivorId), restored);
      }
      const undo: MergeRecord = {
        ...merged,
        id: `unm_${shortHash(`${mergeId}|${at}`)}`,
        kind: 'unmerge',
        by: scope.ctx.uid,
        at,
        before: {},
        undoneBy: null,
        undoes: mergeId,
      };
      await tx.set(docPath(scope, 'merges', undo.id), undo);
      await tx.set(docPath(scope, 'merges', mergeId), { ...merged, undoneBy: undo.id });
      return undo;
    });
  }

  /** Approves (merging the profiles) or rejects a pending review. Owners and admins only. */
  async function decideReview(
    scope: BrandScope,
    reviewId: string,
    decision: 'approve' | 'reject',
  ): Promise<MergeReview> {
    if (scope.ctx.role !== 'owner' && scope.ctx.role !== 'admin') {
      throw new ForbiddenError('only an owner or an admin may decide a merge review');
    }
    return deps.db.runTransaction(async (tx) => {
      const review = (await readReviews(tx, scope, [reviewId])).get(reviewId);
      if (!review) throw new NotFoundError(`review ${reviewId} not found`);
      if (review.status !== 'pending')
        throw new ConflictError(`review ${reviewId} is already ${review.status}`);
      const at = now();
      let mergeId: string | null = null;
      if (decision === 'approve') {
        const record = await merge(scope, review.profileIds, { evidence: review.evidence, reviewId, tx });
        mergeId = record?.id ?? null;
      }
      const next: MergeReview = {
        ...review,
        status: decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: scope.ctx.uid,
        decidedAt: at,
        updatedAt: at,
        mergeId,
      };
      await tx.set(docPath(scope, 'reviews', reviewId), next);
      return next;
    });
  }

  /** Files review requests; one already filed for the same profiles and reason is left as it is. */
  async function propose(scope: BrandScope, proposals: readonly MergeProposal[]): Promise<string[]> {
    if (proposals.length === 0) return [];
    return deps.db.runTransaction(async (tx) => {
      const withIds = proposals.map((p) => ({ ...p, id: reviewIdFor(p.reason, p.profileIds) }));
      const existing = await readReviews(
        tx,
        scope,
        withIds.map((p) => p.id),
      );
      const at = now();
      const filed: string[] = [];
      for (const proposal of withIds) {
        if (existing.has(proposal.id)) continue;
        await writeReview(tx, scope, proposal, at);
        filed.push(proposal.id);
      }
      return filed;
    });
  }

  return { resolve, merge, unmerge, decideReview, propose };
}
export type IdentityResolver = ReturnType<typeof createIdentityResolver>;

async function writeReview(
  tx: Tx,
  scope: BrandScope,
  proposal: MergeProposal & { id: string },
  at: string,
): Promise<void> {
  const review: MergeReview = {
    id: proposal.id,
    status: 'pending',
    profileIds: proposal.profileIds,
    reason: proposal.reason,
    confidence: proposal.confidence,
    evidence: proposal.evidence,
    createdAt: at,
    updatedAt: at,
    decidedBy: null,
    decidedAt: null,
    mergeId: null,
  };
  await tx.set(docPath(scope, 'reviews', review.id), review);
}
