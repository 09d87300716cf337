import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canAccessBrand } from '../../domain/tenancy';
import { NotFoundError } from '../../kernel/errors';
import { assertMediaKey, type MediaStore } from '../../ports/media-store';
import type { BrandScope } from '../../ports/warehouse-rows';

/**
 * The embedded MediaStore: files under `<root>/<tenant>/<brand>/<key>` (a `.type` sidecar keeps
 * the content type), written through a temp file and a rename. Signed URLs point at the app's own
 * `GET /media/...` route with an expiry and an HMAC-SHA256 over path and expiry, which
 * `verifyLocalMediaUrl` checks.
 */
export interface LocalMediaStoreOptions {
  root: string;
  /** Where the app is reachable (`http://localhost:8080`). */
  publicUrl: string;
  signingKey: Buffer;
}

const sign = (key: Buffer, path: string, expires: number) =>
  createHmac('sha256', key).update(`${path}\n${expires}`).digest('base64url');

function objectPath(scope: BrandScope, key: string): string {
  if (!canAccessBrand(scope.ctx, scope.brandId)) throw new NotFoundError(`brand ${scope.brandId} not found`);
  return `${encodeURIComponent(scope.ctx.tenantId)}/${encodeURIComponent(scope.brandId)}/${assertMediaKey(key)}`;
}

export function createLocalMediaStore(options: LocalMediaStoreOptions): MediaStore {
  const file = (path: string) => join(options.root, ...path.split('/'));
  const store: MediaStore = {
    async put(scope, key, body, contentType) {
      const target = file(objectPath(scope, key));
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, body);
      await writeFile(`${target}.type`, contentType);
      await rename(tmp, target);
      return { key, contentType, bytes: body.byteLength };
    },
    async get(scope, key) {
      const target = file(objectPath(scope, key));
      try {
        const [body, contentType] = await Promise.all([readFile(target), readFile(`${target}.type`, 'utf8')]);
        return { body: new Uint8Array(body), contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(scope, key) {
      const target = file(objectPath(scope, key));
      await rm(target, { force: true });
      await rm(`${target}.type`, { force: true });
    },
    async signedUrl(scope, key, expiresAt) {
      const path = objectPath(scope, key);
      const expires = Math.floor(expiresAt.getTime() / 1000);
      const base = options.publicUrl.replace(/\/$/, '');
      return `${base}/media/${path}?expires=${expires}&sig=${sign(options.signingKey, path, expires)}`;
    },
    async openSigned(path, query, now) {
      const found = verifyLocalMediaUrl(
        options.signingKey,
        path,
        query.get('expires') ?? undefined,
        query.get('sig') ?? undefined,
        now.getTime(),
      );
      if (!found) return undefined;
      // The signature names the tenant and brand: the read runs in exactly that scope.
      const scope = {
        ctx: { tenantId: found.tenantId, uid: 'system:media', role: 'system' as const },
        brandId: found.brandId,
      };
      return store.get(scope, found.key);
    },
  };
  return store;
}

/** Checks a `/media/<path>?expires&sig` request; the object path when valid and unexpired. */
export function verifyLocalMediaUrl(
  signingKey: Buffer,
  path: string,
  expires: string | undefined,
  sig: string | undefined,
  nowMs: number,
): { tenantId: string; brandId: string; key: string } | undefined {
  const exp = Number(expires);
  if (!sig || !Number.isInteger(exp) || exp * 1000 < nowMs) return undefined;
  const want = Buffer.from(sign(signingKey, path, exp));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  const [tenant, brand, ...rest] = path.split('/');
  if (!tenant || !brand || rest.length === 0) return undefined;
  return { tenantId: decodeURIComponent(tenant), brandId: decodeURIComponent(brand), key: rest.join('/') };
}
