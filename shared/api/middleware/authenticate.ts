import { createMiddleware } from 'hono/factory';
import { UnauthenticatedError } from '../../kernel/errors';
import type { IdentityVerifier } from '../../ports/identity';
import type { ApiEnv } from '../env';

const MESSAGES = {
  missing: 'missing bearer token',
  malformed: 'malformed token',
  bad_signature: 'token signature is not valid',
  expired: 'token has expired',
  missing_claims: 'token lacks tenant or role claims',
  not_a_member: 'token does not belong to a member of an existing tenant',
  revoked: 'token was issued before its sessions were revoked; sign in again',
} as const;

/**
 * Bearer token (or `X-Api-Key`) → verified identity → the request's TenantContext. Which kind of
 * token it is, is the verifier's business (see auth/api-keys.ts composeVerifiers).
 */
export function authenticate(options: { verifier: IdentityVerifier }) {
  return createMiddleware<ApiEnv>(async function authenticateMiddleware(c, next) {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? c.req.header('x-api-key')?.trim() ?? '';
    const result = await options.verifier.verify(token);
    // The reason travels as a detail so the web app can tell "sign in again" from "not a member".
    if (!result.ok)
      throw new UnauthenticatedError(MESSAGES[result.reason], { details: { reason: result.reason } });
    const id = result.value;
    c.set('tenant', {
      tenantId: id.tenantId,
      uid: id.uid,
      role: id.role,
      ...(id.brandIds ? { brandIds: id.brandIds } : {}),
      requestId: c.get('requestId'),
      traceparent: c.get('traceparent'),
    });
    await next();
  });
}
