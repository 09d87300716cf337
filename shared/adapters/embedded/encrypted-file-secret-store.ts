import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { TenantContext } from '../../domain/tenancy';
import { createMutex } from '../../kernel/util/mutex';
import type { SecretStore } from '../../ports/secret-store';

/**
 * The embedded SecretStore: one file, each value sealed with AES-256-GCM under a 32-byte key
 * (from the environment, or generated once into the data dir with mode 0600). The file is
 * rewritten atomically (temp file + rename), so a crash never leaves half a secret.
 */
interface Sealed {
  iv: string;
  tag: string;
  data: string;
  version: number;
}

export function createEncryptedFileSecretStore(
  filename: string,
  key: Buffer,
): SecretStore & { rawFile(): string } {
  if (key.length !== 32) throw new RangeError('secret key must be 32 bytes (AES-256)');
  const mutex = createMutex();
  const load = (): Record<string, Sealed> =>
    existsSync(filename) ? (JSON.parse(readFileSync(filename, 'utf8')) as Record<string, Sealed>) : {};
  const save = (all: Record<string, Sealed>) => {
    const tmp = `${filename}.tmp`;
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    renameSync(tmp, filename);
  };
  const fullName = (ctx: TenantContext, name: string) => `tenants/${ctx.tenantId}/${name}`;

  return {
    put: (ctx, name, value) =>
      mutex.run(() => {
        const all = load();
        const id = fullName(ctx, name);
        const version = (all[id]?.version ?? 0) + 1;
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        // The name is bound as associated data: a sealed value moved to another name fails to open.
        cipher.setAAD(Buffer.from(id));
        const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
        all[id] = {
          iv: iv.toString('base64'),
          tag: cipher.getAuthTag().toString('base64'),
          data: data.toString('base64'),
          version,
        };
        save(all);
        return `${id}@${version}`;
      }),
    get: (ctx, name) =>
      mutex.run(() => {
        const id = fullName(ctx, name);
        const sealed = load()[id];
        if (!sealed) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(Buffer.from(id));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        return Buffer.concat([
          decipher.update(Buffer.from(sealed.data, 'base64')),
          decipher.final(),
        ]).toString('utf8');
      }),
    delete: (ctx, name) =>
      mutex.run(() => {
        const all = load();
        delete all[fullName(ctx, name)];
        save(all);
      }),
    rawFile: () => (existsSync(filename) ? readFileSync(filename, 'utf8') : ''),
  };
}
