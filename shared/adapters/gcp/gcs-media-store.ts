import type { Storage } from '@google-cloud/storage';
import { canAccessBrand } from '../../domain/tenancy';
import { NotFoundError } from '../../kernel/errors';
import { assertMediaKey, type MediaStore } from '../../ports/media-store';
import type { BrandScope } from '../../ports/warehouse-rows';
import { lazy } from './lazy';

/**
 * The production MediaStore: one Cloud Storage bucket, objects at `<tenant>/<brand>/<key>`.
 * `signedUrl` is a V4 signed GET URL (at most 7 days, Cloud Storage's limit), which Instagram
 * can fetch without credentials when it builds the container.
 */
export function createGcsMediaStore(storage: Storage, bucketName: string): MediaStore {
  const bucket = storage.bucket(bucketName);
  const object = (scope: BrandScope, key: string) => {
    if (!canAccessBrand(scope.ctx, scope.brandId))
      throw new NotFoundError(`brand ${scope.brandId} not found`);
    return bucket.file(
      `${encodeURIComponent(scope.ctx.tenantId)}/${encodeURIComponent(scope.brandId)}/${assertMediaKey(key)}`,
    );
  };
  return {
    async put(scope, key, body, contentType) {
      await object(scope, key).save(Buffer.from(body), { contentType, resumable: false });
      return { key, contentType, bytes: body.byteLength };
    },
    async get(scope, key) {
      const file = object(scope, key);
      try {
        const [[body], [meta]] = await Promise.all([file.download(), file.getMetadata()]);
        return { body: new Uint8Array(body), contentType: meta.contentType ?? 'application/octet-stream' };
      } catch (err) {
        if ((err as { code?: number }).code === 404) return undefined;
        throw err;
      }
    },
    async delete(scope, key) {
      await object(scope, key).delete({ ignoreNotFound: true });
    },
    async signedUrl(scope, key, expiresAt) {
      const max = Date.now() + 7 * 86_400_000 - 60_000;
      const [url] = await object(scope, key).getSignedUrl({
        version: 'v4',
        action: 'read',
        expires: Math.min(expiresAt.getTime(), max),
      });
      return url;
    },
  };
}

/**
 * The bucket's MediaStore with the client made on first use (lazy.ts): a function that never
 * touches media never imports or constructs the Storage client.
 */
export function createLazyGcsMediaStore(options: { projectId: string; bucket: string }): MediaStore {
  const store = lazy(async () => {
    const { Storage } = await import('@google-cloud/storage');
    return createGcsMediaStore(new Storage({ projectId: options.projectId }), options.bucket);
  });
  return {
    put: async (scope, key, body, contentType) => (await store()).put(scope, key, body, contentType),
    get: async (scope, key) => (await store()).get(scope, key),
    delete: async (scope, key) => (await store()).delete(scope, key),
    signedUrl: async (scope, key, expiresAt) => (await store()).signedUrl(scope, key, expiresAt),
  };
}
