import { describe, expect, it } from 'vitest';
import { systemContext } from '../../shared/domain/tenancy';
import type { SecretStore } from '../../shared/ports/secret-store';

/** What every SecretStore backend must do. `raw` (optional) shows what lies at rest. */
export interface SecretBackend {
  secrets: SecretStore;
  raw?: () => Promise<string>;
  close(): Promise<void>;
}
export type SecretFactory = () => Promise<SecretBackend>;

const ctxA = systemContext('tenant_a', 'conformance');
const ctxB = systemContext('tenant_b', 'conformance');
const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';

async function withSecrets(make: SecretFactory, fn: (b: SecretBackend) => Promise<void>) {
  const b = await make();
  try {
    await fn(b);
  } finally {
    await b.close();
  }
}

export const secretStoreChecks: Record<string, (make: SecretFactory) => Promise<void>> = {
  'a stored secret reads back, and a new version replaces it': (make) =>
    withSecrets(make, async ({ secrets }) => {
      const ref1 = await secrets.put(ctxA, 'brands/b1/shopify-token', TOKEN);
      const ref2 = await secrets.put(ctxA, 'brands/b1/shopify-token', `${TOKEN}-rotated`);
      expect(ref1).not.toBe(ref2);
      expect(await secrets.get(ctxA, 'brands/b1/shopify-token')).toBe(`${TOKEN}-rotated`);
    }),
  'another tenant cannot read it': (make) =>
    withSecrets(make, async ({ secrets }) => {
      await secrets.put(ctxA, 'brands/b1/shopify-token', TOKEN);
      expect(await secrets.get(ctxB, 'brands/b1/shopify-token')).toBeUndefined();
    }),
  'a deleted secret is gone': (make) =>
    withSecrets(make, async ({ secrets }) => {
      await secrets.put(ctxA, 'brands/b1/meta-token', TOKEN);
      await secrets.delete(ctxA, 'brands/b1/meta-token');
      expect(await secrets.get(ctxA, 'brands/b1/meta-token')).toBeUndefined();
    }),
  'the value never lies at rest in plain text': (make) =>
    withSecrets(make, async ({ secrets, raw }) => {
      await secrets.put(ctxA, 'brands/b1/tiktok-token', TOKEN);
      if (raw) expect(await raw()).not.toContain(TOKEN.slice(6));
    }),
};

export function describeSecretStoreConformance(backend: string, make: SecretFactory): void {
  describe(`SecretStore conformance: ${backend}`, () => {
    for (const [name, check] of Object.entries(secretStoreChecks)) it(name, () => check(make));
  });
}
