import { z } from 'zod';
import { identifierKindSchema } from './identifiers';

/** Documents of the identity store, beside the profiles (customerProfileSchema in the domain). */
export const identifierIndexSchema = z.object({
  key: z.string(),
  kind: identifierKindSchema,
  value: z.string(),
  /** Active profiles holding it: one for a deterministic identifier, possibly more for a weak one. */
  profileIds: z.array(z.string()),
});
export type IdentifierIndexEntry = z.infer<typeof identifierIndexSchema>;

const evidenceSchema = z.object({
  kind: z.enum(['shared_identifier', 'person_match']),
  detail: z.string(),
  recordId: z.string().optional(),
  confidence: z.number(),
});

/**
 * One merge or unmerge. A merge keeps the exact stored JSON of every document it changed, so the
 * unmerge can put each back as it was.
 */
export const mergeRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(['merge', 'unmerge']),
  survivorId: z.string(),
  mergedIds: z.array(z.string()),
  evidence: z.array(evidenceSchema),
  by: z.string(),
  at: z.string(),
  reviewId: z.string().nullable(),
  /** Document path → its stored JSON before the merge (null: it did not exist). */
  before: z.record(z.string(), z.string().nullable()),
  /** Identifier keys held by the merged profiles when merged. */
  identifierKeys: z.array(z.string()),
  /** For a merge: the unmerge that undid it; for an unmerge: the merge it undid. */
  undoneBy: z.string().nullable(),
  undoes: z.string().nullable(),
});
export type MergeRecord = z.infer<typeof mergeRecordSchema>;

export const reviewSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  profileIds: z.array(z.string()),
  reason: z.enum(['cluster_too_large', 'weak_evidence', 'probabilistic']),
  confidence: z.number(),
  evidence: z.array(evidenceSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  mergeId: z.string().nullable(),
});
export type MergeReview = z.infer<typeof reviewSchema>;
