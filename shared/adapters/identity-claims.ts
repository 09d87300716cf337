import { z } from 'zod';
import { brandIdSchema, roleSchema, tenantIdSchema } from '../domain/tenancy';
import type { VerifiedIdentity } from '../ports/identity';

/**
 * The Pulsepoint claims every bearer token carries (local signed tokens, Firebase custom claims),
 * read by both verifiers through this one schema. A claim of the wrong shape refuses the token:
 * a `brandIds` that is a string is not "no restriction", it is a broken token.
 */
export const tokenClaimsSchema = z.object({
  tenantId: tenantIdSchema,
  role: roleSchema,
  brandIds: z.array(brandIdSchema).max(1000).optional(),
  email: z.string().max(320).optional(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

/** Seconds an `iat` may lie ahead of our clock (issuers' clocks drift a little). */
export const CLOCK_SKEW_SECONDS = 60;

/** The identity in a verified token's payload, or undefined when its claims are missing or malformed. */
export function identityFromClaims(
  uid: unknown,
  payload: Record<string, unknown>,
): VerifiedIdentity | undefined {
  if (typeof uid !== 'string' || uid.length === 0) return undefined;
  const claims = tokenClaimsSchema.safeParse({
    tenantId: payload.tenantId,
    role: payload.role,
    brandIds: payload.brandIds,
    email: payload.email,
  });
  if (!claims.success) return undefined;
  const { tenantId, role, brandIds, email } = claims.data;
  return { uid, tenantId, role, ...(brandIds ? { brandIds } : {}), ...(email ? { email } : {}) };
}

/** `exp` and `iat` present and numeric, `iat` not in the future beyond the skew allowance. */
export function hasSaneTimes(payload: { exp?: unknown; iat?: unknown }, now: Date): boolean {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || typeof iat !== 'number') return false;
  return iat <= Math.floor(now.getTime() / 1000) + CLOCK_SKEW_SECONDS && exp > iat;
}
