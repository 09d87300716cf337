import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('keeps rendered media in the bucket PULSEPOINT_MEDIA_BUCKET names, with V4 signed links; none without it', async () => {
    expect(createGcpBackend(gcpConfig(), { queueTargets: {} }).media).toBeUndefined();
    // A service-account key signs V4 URLs offline: no request leaves the machine.
    const dir = mkdtempSync(join(tmpdir(), 'pp-gcs-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'sa.json');
    writeFileSync(
      keyFile,
      JSON.stringify({
        type: 'service_account',
        project_id: 'demo-deps',
        client_email: 'fn-api@demo-deps.iam.gserviceaccount.com',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      }),
    );
    const before = process.env.GOOGLE_APPLICATION_CREDENTIALS;
    process.env.GOOGLE_APPLICATION_CREDENTIALS = keyFile;
    try {
      const deps = createGcpBackend(gcpConfig({ PULSEPOINT_MEDIA_BUCKET: 'demo-deps-media' }), {
        queueTargets: {},
      });
      const scope = { ctx: systemContext('tenant_gcp', 'test'), brandId: 'b1' };
      const url = new URL(
        await deps.media!.signedUrl(scope, 'posts/p1.png', new Date(Date.now() + 3_600_000)),
      );
      expect(url.hostname).toBe('storage.googleapis.com');
      expect(url.pathname).toBe('/demo-deps-media/tenant_gcp/b1/posts/p1.png');
      expect(url.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
      expect(url.searchParams.get('X-Goog-Credential')).toMatch(/^fn-api@demo-deps/);
    } finally {
      if (before === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
      else process.env.GOOGLE_APPLICATION_CREDENTIALS = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
