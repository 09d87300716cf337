import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { ConfigError } from '../../shared/kernel/errors';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { firestoreTestTarget } from '../../test/conformance/local-firestore';
import { aBrand } from '../../test/support/builders';
import { createGcpBackend } from './gcp-backend';

process.env.METADATA_SERVER_DETECTION ??= 'none';

describe('createGcpBackend', () => {
  let target: Awaited<ReturnType<typeof firestoreTestTarget>>;
  beforeAll(async () => {
    target = await firestoreTestTarget();
  });
  afterAll(() => target.stop());

  const gcpConfig = (extra: Record<string, string> = {}) =>
    loadConfig({ PULSEPOINT_BACKEND: 'gcp', GOOGLE_CLOUD_PROJECT: 'demo-deps', ...extra });

  it('refuses to start without a project', () => {
    expect(() => loadConfig({ PULSEPOINT_BACKEND: 'gcp' })).toThrow(ConfigError);
  });

  it('stores through Firestore at the configured emulator, and the directory finds the shop', async () => {
    const deps = createGcpBackend(gcpConfig({ FIRESTORE_EMULATOR_HOST: target.host }), {
      queueTargets: {},
      logger: createMemoryLogger(),
    });
    const ctx = systemContext('tenant_gcp', 'test');
    await deps.store.brands.upsert(ctx, aBrand('b1'));
    expect((await deps.store.brands.list(ctx)).map((b) => b.id)).toEqual(['b1']);
    expect(await deps.directory.resolveShop('b1.myshopify.com')).toEqual({
      tenantId: 'tenant_gcp',
      brandId: 'b1',
    });
    await deps.close();
  });
});
