import type { BrandScope } from './warehouse-rows';

/**
 * Rendered images and other media: Cloud Storage in production, files in the data dir embedded.
 * Keys are relative to the brand (`posts/<postId>.png`); the store prefixes tenant and brand, so
 * one brand's key can never name another's object.
 */
export interface StoredMedia {
  key: string;
  contentType: string;
  bytes: number;
}

export interface MediaStore {
  put(scope: BrandScope, key: string, body: Uint8Array, contentType: string): Promise<StoredMedia>;
  /** The object, or undefined when there is none. */
  get(scope: BrandScope, key: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
  delete(scope: BrandScope, key: string): Promise<void>;
  /**
   * A URL a platform can fetch the object from without credentials until `expiresAt` (Instagram
   * cURLs the image when the container is created): a V4 signed URL on Cloud Storage, an
   * HMAC-signed link to the app's own `/media` route locally.
   */
  signedUrl(scope: BrandScope, key: string, expiresAt: Date): Promise<string>;
  /**
   * Backends whose signed URLs point at the app itself (local files) open them here: the object
   * for `/media/<path>?<query>` when the signature holds and has not expired. Cloud Storage serves
   * its own signed URLs and leaves this out.
   */
  openSigned?(
    path: string,
    query: URLSearchParams,
    now: Date,
  ): Promise<{ body: Uint8Array; contentType: string } | undefined>;
}

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;
/** Keys are plain relative paths: no `..`, no leading slash, no empty segment. */
export function assertMediaKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((s) => s === '..' || s === '.'))
    throw new RangeError(`invalid media key "${key}"`);
  return key;
}
