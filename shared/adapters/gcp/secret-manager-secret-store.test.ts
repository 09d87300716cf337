import { describe, expect, it } from 'vitest';
import { describeSecretStoreConformance } from '../../../test/conformance/secret-store.suite';
import { createSecretManagerDouble } from '../../../test/doubles/secret-manager';
import { systemContext } from '../../domain/tenancy';
import { createSecretManagerSecretStore, secretId } from './secret-manager-secret-store';

describeSecretStoreConformance('Secret Manager (RPC double)', async () => {
  const double = createSecretManagerDouble();
  return {
    secrets: createSecretManagerSecretStore({ projectId: 'proj', client: double.client }),
    raw: async () => double.raw(),
    close: async () => {},
  };
});

describe('SecretManagerSecretStore', () => {
  const ctx = systemContext('tenant_a', 'test');

  it('keeps one secret per tenant and name, with a version per put', async () => {
    const double = createSecretManagerDouble();
    const store = createSecretManagerSecretStore({ projectId: 'proj', client: double.client });
    const ref1 = await store.put(ctx, 'brands/b1/meta-token', 'one');
    const ref2 = await store.put(ctx, 'brands/b1/meta-token', 'two');
    expect([...double.secrets.keys()]).toEqual([
      `projects/proj/secrets/${secretId('tenant_a', 'brands/b1/meta-token')}`,
    ]);
    expect(ref1).toMatch(/\/versions\/1$/);
    expect(ref2).toMatch(/\/versions\/2$/);
  });

  it('a put (a token refresh) leaves one readable version: the previous ones are destroyed', async () => {
    const double = createSecretManagerDouble();
    const store = createSecretManagerSecretStore({ projectId: 'proj', client: double.client });
    await store.put(ctx, 'brands/b1/google_ads-token', 'first');
    double.calls.length = 0;
    const ref = await store.put(ctx, 'brands/b1/google_ads-token', 'refreshed');
    expect(double.calls).toEqual([
      'createSecret',
      'addSecretVersion',
      'listSecretVersions',
      'destroySecretVersion',
    ]);
    const [versions] = await double.client.listSecretVersions({
      parent: `projects/proj/secrets/${secretId('tenant_a', 'brands/b1/google_ads-token')}`,
    });
    expect(versions.filter((v) => v.state !== 'DESTROYED').map((v) => v.name)).toEqual([ref]);
    expect(await store.get(ctx, 'brands/b1/google_ads-token')).toBe('refreshed');
  });

  it('destroys every version before deleting the secret', async () => {
    const double = createSecretManagerDouble();
    const store = createSecretManagerSecretStore({ projectId: 'proj', client: double.client });
    await store.put(ctx, 'brands/b1/meta-token', 'one');
    await store.put(ctx, 'brands/b1/meta-token', 'two');
    double.calls.length = 0;
    await store.delete(ctx, 'brands/b1/meta-token');
    // The second put already destroyed the first version: one is left to destroy.
    expect(double.calls).toEqual(['listSecretVersions', 'destroySecretVersion', 'deleteSecret']);
    await expect(store.delete(ctx, 'brands/b1/meta-token')).resolves.toBeUndefined();
  });

  it.each([
    ['tenant_a', 'brands/b1/meta-token', 'tenant_a', 'brands_b1/meta-token'],
    ['tenant_a', 'x/y', 'tenant_a', 'x_y'],
  ])('names %s:%s and %s:%s apart even when they read alike', (t1, n1, t2, n2) => {
    const a = secretId(t1, n1);
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
    expect(a).not.toBe(secretId(t2, n2));
  });
});
