import { systemContext } from '../../domain/tenancy';
import { fail, ok } from '../../kernel/result';
import { createTtlCache } from '../../kernel/util/ttl-cache';
import type { Clock } from '../../ports/clock';
import type { IdentityVerifier, VerifiedIdentity } from '../../ports/identity';
import type { OperationalStore } from '../../ports/operational-store';

/**
 * A signature proves who issued a token, not that its tenant still exists or that its user still
 * belongs to it. These decorators look both up on every request, through a short cache so a busy
 * client is not two store reads per call: a deleted tenant or a removed user is locked out within
 * MEMBERSHIP_CACHE_MS. The role and brand allow-list come from the membership record
 * (`tenants/{t}/users/{uid}`), never from the token alone: an owner who demotes someone does not
 * wait for the token to expire (docs/decisions/812). A change made through this instance's
 * members API drops its cached look-up at once (`forget`); other instances see it within the window.
 */
export const MEMBERSHIP_CACHE_MS = 30_000;
const MAX_CACHED = 20_000;

export interface MembershipDeps {
  store: Pick<OperationalStore, 'tenants' | 'users'>;
  clock: Clock;
}

/** A verifier whose cached look-ups can be dropped when a membership changes in this instance. */
export type MembershipVerifier = IdentityVerifier & { forget(tenantId: string, uid: string): void };
const keyOf = (tenantId: string, uid: string) => `${tenantId}\n${uid}`;

/**
 * A verifier that, after `verifier` accepts a token, looks the identity up (cached per `keyOf`) and
 * answers with what the lookup returns, or `not_a_member` when it returns nothing.
 */
function checkedBy(
  verifier: IdentityVerifier,
  deps: MembershipDeps,
  ttlMs: number,
  lookup: (claimed: VerifiedIdentity) => Promise<VerifiedIdentity | undefined>,
): MembershipVerifier {
  const cached = createTtlCache<VerifiedIdentity | undefined>(deps.clock, ttlMs, MAX_CACHED);
  return {
    forget: (tenantId, uid) => cached.delete(keyOf(tenantId, uid)),
    async verify(token) {
      const verified = await verifier.verify(token);
      if (!verified.ok) return verified;
      const claimed = verified.value;
      const known = await cached.get(keyOf(claimed.tenantId, claimed.uid), () => lookup(claimed));
      if (!known) return fail('not_a_member');
      return ok({ ...known, ...(claimed.email ? { email: claimed.email } : {}) });
    },
  };
}

/** Bearer tokens: the tenant must exist and the uid must be its member; role and brands from the record. */
export function requireMembership(
  verifier: IdentityVerifier,
  deps: MembershipDeps,
  ttlMs = MEMBERSHIP_CACHE_MS,
): MembershipVerifier {
  return checkedBy(verifier, deps, ttlMs, async ({ tenantId, uid }) => {
    const ctx = systemContext(tenantId, 'membership');
    const [tenant, user] = await Promise.all([deps.store.tenants.get(ctx), deps.store.users.get(ctx, uid)]);
    if (!tenant || !user) return undefined;
    return { uid, tenantId, role: user.role, ...(user.brandIds ? { brandIds: user.brandIds } : {}) };
  });
}

/** API keys: the key record is the membership (checked by the key verifier); the tenant must still exist. */
export function requireTenant(
  verifier: IdentityVerifier,
  deps: MembershipDeps,
  ttlMs = MEMBERSHIP_CACHE_MS,
): MembershipVerifier {
  // Cached per key, not per tenant: the identity (role, brands) is the key's own.
  return checkedBy(verifier, deps, ttlMs, async (claimed) =>
    (await deps.store.tenants.get(systemContext(claimed.tenantId, 'membership'))) ? claimed : undefined,
  );
}
