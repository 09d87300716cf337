import { createHash, randomBytes } from 'node:crypto';
import { systemContext, type TenantContext } from '../../domain/tenancy';
import { fail, ok } from '../../kernel/result';
import type { Clock } from '../../ports/clock';
import type { IdentityVerifier, VerifiedIdentity } from '../../ports/identity';
import type { OperationalStore, SystemDirectory } from '../../ports/operational-store';

/** Keys look like `pp_live_<43 base64url chars>` (256 random bits), so they are easy to spot in leaks. */
export const API_KEY_PREFIX = 'pp_live_';
const API_KEY_SHAPE = /^pp_live_[A-Za-z0-9_-]{43}$/;
/** Last-used stamps are written at most this often, so a busy script is not one write per request. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 4), hash: hashApiKey(key) };
}

/**
 * SHA-256 without salt is enough here: the key has 256 bits of entropy (nothing to brute-force),
 * and an unsalted digest is what makes the global lookup by hash possible.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export interface ApiKeyVerifierDeps {
  store: OperationalStore;
  directory: SystemDirectory;
  clock: Clock;
}

/** Verifies a presented API key: hash → tenant (global index) → the tenant's key record. */
export function createApiKeyVerifier(deps: ApiKeyVerifierDeps): IdentityVerifier {
  return {
    async verify(token) {
      if (!token) return fail('missing');
      if (!API_KEY_SHAPE.test(token)) return fail('malformed');
      const hash = hashApiKey(token);
      const found = await deps.directory.resolveApiKey(hash);
      if (!found) return fail('bad_signature');
      const ctx: TenantContext = systemContext(found.tenantId, 'api-key-verifier');
      const key = await deps.store.apiKeys.get(ctx, found.keyId);
      if (!key || key.hash !== hash) return fail('bad_signature');
      const now = deps.clock.now();
      if (key.expiresAt && Date.parse(key.expiresAt) <= now.getTime()) return fail('expired');
      if (!key.lastUsedAt || now.getTime() - Date.parse(key.lastUsedAt) > TOUCH_INTERVAL_MS)
        await deps.store.apiKeys.touch(ctx, key.id, now.toISOString());
      const identity: VerifiedIdentity = {
        uid: `apikey:${key.id}`,
        tenantId: found.tenantId,
        role: key.role,
      };
      if (key.brandIds) identity.brandIds = key.brandIds;
      return ok(identity);
    },
  };
}

/**
 * The API's verifier: an API key goes to the key verifier, anything else to the bearer verifier
 * the composition root chose (Firebase ID tokens on Google Cloud, local signed tokens embedded).
 */
export function composeVerifiers(options: { bearer: IdentityVerifier; apiKeys: IdentityVerifier }) {
  return {
    verify: (token: string) =>
      isApiKey(token) ? options.apiKeys.verify(token) : options.bearer.verify(token),
  } satisfies IdentityVerifier;
}
