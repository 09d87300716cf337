import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { systemContext } from '../domain/tenancy';
import type { SecretStore } from '../ports/secret-store';

/**
 * Tokens for the links in messages (unsubscribe, click and open tracking): a JSON payload in
 * base64url, then `.` and its HMAC-SHA256 under a per-tenant key kept in the secret store (made on
 * first use). A token verifies only under the tenant whose key signed it, so the tenant in the URL
 * cannot be swapped, and the payload cannot be altered without the key.
 */
export function createTenantSigner(deps: { secrets: SecretStore; keyName: string; actor: string }) {
  const keys = new Map<string, Buffer>();
  async function keyOf(tenantId: string): Promise<Buffer> {
    const cached = keys.get(tenantId);
    if (cached) return cached;
    const ctx = systemContext(tenantId, deps.actor);
    let value = await deps.secrets.get(ctx, deps.keyName);
    if (!value) {
      value = randomBytes(32).toString('base64');
      await deps.secrets.put(ctx, deps.keyName, value);
    }
    const key = Buffer.from(value, 'base64');
    keys.set(tenantId, key);
    return key;
  }
  const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    async sign(tenantId: string, payload: unknown): Promise<string> {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac(await keyOf(tenantId), body)}`;
    },
    /** The payload a token carries, or undefined when this tenant's key did not sign it. */
    async verify<T>(tenantId: string, token: string, schema: z.ZodType<T>): Promise<T | undefined> {
      const [body = '', sig = ''] = token.split('.');
      const expected = Buffer.from(mac(await keyOf(tenantId), body));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const parsed = schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
export type TenantSigner = ReturnType<typeof createTenantSigner>;

/** A token's path segment: base64url payload, a dot, base64url signature. */
export const TOKEN_PATTERN = '[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+';
