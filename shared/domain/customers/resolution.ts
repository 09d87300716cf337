import { IDENTIFIER_RULES, type Identifier, identifierKey, isLinking } from './identifiers';
import type { PersonRecordFields } from './profile';

/**
 * The incremental resolution rule, one record at a time (an event or an order):
 * - its deterministic identifiers (email, phone, loyalty, WhatsApp, platform customer ids) name
 *   the identified profiles it belongs to; if they name several, those profiles are one person:
 *   up to AUTO_MERGE_LIMIT merge at once, a bigger cluster goes to review;
 * - anonymous profiles (only weak identifiers: a cookie, a device) found through its weak
 *   identifiers join it, since nothing says they are someone else;
 * - an identified profile found only through a weak identifier is not merged with another
 *   identified one (a shared family tablet); the pair is proposed for review instead, and a record
 *   with no deterministic identifier attaches to the earliest such profile.
 * The batch job (identity-graph.ts) computes the same partition from scratch.
 */
export const AUTO_MERGE_LIMIT = 3;

export interface IdentityRecord {
  /** Event id or `order:<id>`; unique per brand. */
  id: string;
  at: string;
  identifiers: Identifier[];
  person?: PersonRecordFields | null;
  source: string;
}

export interface ProfileRef {
  id: string;
  createdAt: string;
  identified: boolean;
}

export type ReviewReason = 'cluster_too_large' | 'weak_evidence' | 'probabilistic';

export interface MergeEvidence {
  kind: 'shared_identifier' | 'person_match';
  /** `kind:value` of the identifier the profiles share, or the comparison levels of a person match. */
  detail: string;
  recordId?: string;
  confidence: number;
}

export interface MergeProposal {
  profileIds: string[];
  reason: ReviewReason;
  confidence: number;
  evidence: MergeEvidence[];
}

export interface Resolution {
  /** The profile the record lands on: an existing one, or a new one with `newProfileId`. */
  targetId: string;
  isNew: boolean;
  /** Profiles merged into the target automatically (never includes the target). */
  merge: string[];
  mergeEvidence: MergeEvidence[];
  proposals: MergeProposal[];
}

export const byAge = (a: ProfileRef, b: ProfileRef): number =>
  a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt);

export function decideResolution(
  record: IdentityRecord,
  lookup: (key: string) => readonly ProfileRef[],
  newProfileId: string,
): Resolution {
  const linking = record.identifiers.filter((i) => isLinking(i.kind));
  const weak = record.identifiers.filter((i) => !isLinking(i.kind) && IDENTIFIER_RULES[i.kind].lookup);

  const identified = new Map<string, ProfileRef>();
  const evidence: MergeEvidence[] = [];
  for (const id of linking) {
    for (const profile of lookup(identifierKey(id))) {
      identified.set(profile.id, profile);
      evidence.push({
        kind: 'shared_identifier',
        detail: identifierKey(id),
        recordId: record.id,
        confidence: 1,
      });
    }
  }
  const anonymous = new Map<string, ProfileRef>();
  const weakIdentified = new Map<string, { profile: ProfileRef; via: Identifier }>();
  for (const id of weak) {
    for (const profile of lookup(identifierKey(id))) {
      if (!profile.identified) anonymous.set(profile.id, profile);
      else if (!identified.has(profile.id)) weakIdentified.set(profile.id, { profile, via: id });
    }
  }

  const proposals: MergeProposal[] = [];
  let targetId: string;
  let isNew = false;
  const merge: string[] = [];
  const weakEvidence = (via: Identifier): MergeEvidence => ({
    kind: 'shared_identifier',
    detail: identifierKey(via),
    recordId: record.id,
    confidence: IDENTIFIER_RULES[via.kind].confidence,
  });

  if (identified.size > 0) {
    const cluster = [...identified.values()].sort(byAge);
    targetId = cluster[0]!.id;
    if (cluster.length <= AUTO_MERGE_LIMIT) merge.push(...cluster.slice(1).map((p) => p.id));
    else {
      proposals.push({
        profileIds: cluster.map((p) => p.id),
        reason: 'cluster_too_large',
        confidence: 1,
        evidence: dedupeEvidence(evidence),
      });
    }
  } else if (weakIdentified.size > 0 && linking.length === 0) {
    // Only a weak identifier ties this record to someone: attach it to the earliest holder.
    const holders = [...weakIdentified.values()].sort((a, b) => byAge(a.profile, b.profile));
    targetId = holders[0]!.profile.id;
    weakIdentified.delete(targetId);
  } else {
    const anonymousOldest = [...anonymous.values()].sort(byAge)[0];
    if (anonymousOldest) targetId = anonymousOldest.id;
    else {
      targetId = newProfileId;
      isNew = true;
    }
  }
  for (const profile of [...anonymous.values()].sort(byAge)) {
    if (profile.id !== targetId && !merge.includes(profile.id)) merge.push(profile.id);
  }
  for (const { profile, via } of weakIdentified.values()) {
    if (profile.id === targetId || merge.includes(profile.id)) continue;
    proposals.push({
      profileIds: [targetId, profile.id].sort(),
      reason: 'weak_evidence',
      confidence: IDENTIFIER_RULES[via.kind].confidence,
      evidence: [weakEvidence(via)],
    });
  }
  const mergeEvidence = dedupeEvidence([
    ...evidence,
    ...([...anonymous.values()].length > 0 ? weak.map(weakEvidence) : []),
  ]);
  return { targetId, isNew, merge, mergeEvidence, proposals };
}

function dedupeEvidence(evidence: readonly MergeEvidence[]): MergeEvidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.kind}|${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
