import { createHash } from 'node:crypto';
import type { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type { TenantContext } from '../../domain/tenancy';
import type { SecretStore } from '../../ports/secret-store';
import { isAlreadyExists, isNotFound, retryOnTransient } from './google-errors';
import { lazy } from './lazy';

export interface SecretManagerSecretStoreOptions {
  projectId: string;
  client?: Pick<
    SecretManagerServiceClient,
    | 'createSecret'
    | 'addSecretVersion'
    | 'accessSecretVersion'
    | 'listSecretVersions'
    | 'destroySecretVersion'
    | 'deleteSecret'
  >;
}

/** gRPC FAILED_PRECONDITION: the latest version is disabled or destroyed. */
const FAILED_PRECONDITION = 9;

/**
 * Secret ids allow `[A-Za-z0-9_-]{1,255}`: a readable part for people browsing the console, and
 * a hash of the exact tenant and name so two names that read alike never share a secret.
 */
export function secretId(tenantId: string, name: string): string {
  const readable = `${tenantId}-${name}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 200);
  const digest = createHash('sha256').update(`${tenantId}\0${name}`).digest('hex').slice(0, 16);
  return `pp-${readable}-${digest}`;
}

/**
 * The SecretStore on Secret Manager: a secret per tenant × name (an integration token), a new
 * version per put with the previous ones destroyed, and on delete every version destroyed before the secret goes, so a
 * disconnected platform's token cannot be read back even from the version history.
 */
export function createSecretManagerSecretStore(options: SecretManagerSecretStoreOptions): SecretStore {
  const client = lazy(async () => {
    if (options.client) return options.client;
    const { SecretManagerServiceClient } = await import('@google-cloud/secret-manager');
    return new SecretManagerServiceClient();
  });
  const secretName = (ctx: TenantContext, name: string) =>
    `projects/${options.projectId}/secrets/${secretId(ctx.tenantId, name)}`;

  return {
    async put(ctx, name, value) {
      const sm = await client();
      try {
        await sm.createSecret({
          parent: `projects/${options.projectId}`,
          secretId: secretId(ctx.tenantId, name),
          secret: { replication: { automatic: {} }, labels: { app: 'pulsepoint', tenant: ctx.tenantId } },
        });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
      const [version] = await retryOnTransient('Secret Manager add version', () =>
        sm.addSecretVersion({ parent: secretName(ctx, name), payload: { data: Buffer.from(value, 'utf8') } }),
      );
      // Only the newest version is ever read: the older ones are destroyed, so a refreshed token
      // leaves no readable copy behind and active versions (which are billed) stay at one.
      const [versions] = await sm.listSecretVersions({ parent: secretName(ctx, name) });
      for (const v of versions)
        if (v.name && v.name !== version.name && v.state !== 'DESTROYED')
          await sm.destroySecretVersion({ name: v.name });
      return String(version.name);
    },
    async get(ctx, name) {
      const sm = await client();
      try {
        const [version] = await retryOnTransient('Secret Manager access', () =>
          sm.accessSecretVersion({ name: `${secretName(ctx, name)}/versions/latest` }),
        );
        const data = version.payload?.data;
        if (data === undefined || data === null) return undefined;
        return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
      } catch (err) {
        if (isNotFound(err) || (err as { code?: unknown }).code === FAILED_PRECONDITION) return undefined;
        throw err;
      }
    },
    async delete(ctx, name) {
      const sm = await client();
      const parent = secretName(ctx, name);
      try {
        const [versions] = await sm.listSecretVersions({ parent });
        for (const v of versions)
          if (v.name && v.state !== 'DESTROYED') await sm.destroySecretVersion({ name: v.name });
        await sm.deleteSecret({ name: parent });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
  };
}
