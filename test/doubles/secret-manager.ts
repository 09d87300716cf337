import type { SecretManagerSecretStoreOptions } from '../../shared/adapters/gcp/secret-manager-secret-store';

/**
 * Secret Manager's RPC semantics in memory, for the adapter tests (Secret Manager has no
 * emulator): secrets must exist before versions are added, `latest` is the newest enabled
 * version, destroyed versions lose their payload, and missing things fail with gRPC NOT_FOUND
 * (5) / ALREADY_EXISTS (6) / FAILED_PRECONDITION (9) as the real API does.
 */
type Version = { name: string; state: 'ENABLED' | 'DESTROYED'; data?: Buffer };
const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code });

export function createSecretManagerDouble() {
  const secrets = new Map<string, Version[]>();
  const calls: string[] = [];
  const versionsOf = (name: string) => {
    const v = secrets.get(name);
    if (!v) throw rpcError(5, `NOT_FOUND: ${name}`);
    return v;
  };
  const client = {
    async createSecret(req: { parent?: string | null; secretId?: string | null }) {
      calls.push('createSecret');
      const name = `${req.parent}/secrets/${req.secretId}`;
      if (secrets.has(name)) throw rpcError(6, `ALREADY_EXISTS: ${name}`);
      secrets.set(name, []);
      return [{ name }];
    },
    async addSecretVersion(req: {
      parent?: string | null;
      payload?: { data?: Uint8Array | string | null } | null;
    }) {
      calls.push('addSecretVersion');
      const versions = versionsOf(String(req.parent));
      const version: Version = {
        name: `${req.parent}/versions/${versions.length + 1}`,
        state: 'ENABLED',
        data: Buffer.from(req.payload?.data ?? ''),
      };
      versions.push(version);
      return [{ name: version.name }];
    },
    async accessSecretVersion(req: { name?: string | null }) {
      calls.push('accessSecretVersion');
      const [secret, version] = String(req.name).split('/versions/');
      const versions = versionsOf(secret!);
      const found = version === 'latest' ? versions.at(-1) : versions.find((v) => v.name === req.name);
      if (!found) throw rpcError(5, `NOT_FOUND: ${req.name}`);
      if (found.state === 'DESTROYED') throw rpcError(9, `FAILED_PRECONDITION: ${req.name} is destroyed`);
      return [{ name: found.name, payload: { data: found.data } }];
    },
    async listSecretVersions(req: { parent?: string | null }) {
      calls.push('listSecretVersions');
      return [versionsOf(String(req.parent)).map((v) => ({ name: v.name, state: v.state }))];
    },
    async destroySecretVersion(req: { name?: string | null }) {
      calls.push('destroySecretVersion');
      const [secret] = String(req.name).split('/versions/');
      const found = versionsOf(secret!).find((v) => v.name === req.name);
      if (!found) throw rpcError(5, `NOT_FOUND: ${req.name}`);
      found.state = 'DESTROYED';
      delete found.data;
      return [{}];
    },
    async deleteSecret(req: { name?: string | null }) {
      calls.push('deleteSecret');
      versionsOf(String(req.name));
      secrets.delete(String(req.name));
      return [{}];
    },
  };
  return {
    client: client as unknown as NonNullable<SecretManagerSecretStoreOptions['client']>,
    calls,
    secrets,
    /** Everything stored, as an operator with storage access would see it. */
    raw: () => JSON.stringify([...secrets].map(([k, v]) => [k, v.map((x) => x.data?.toString('base64'))])),
  };
}
