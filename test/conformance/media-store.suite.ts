import { describe, expect, it } from 'vitest';
import { systemContext } from '../../shared/domain/tenancy';
import type { MediaStore } from '../../shared/ports/media-store';

/** What every MediaStore backend must do. `fetchable` says whether signed URLs can be fetched here. */
export interface MediaBackend {
  media: MediaStore;
  /** Fetches a signed URL the way a platform would (no credentials). */
  fetchSigned?: (url: string) => Promise<{ status: number; body?: Uint8Array }>;
  close(): Promise<void>;
}
export type MediaFactory = () => Promise<MediaBackend>;

const a = { ctx: systemContext('tenant_a', 'conformance'), brandId: 'brand-1' };
const aOther = { ctx: systemContext('tenant_a', 'conformance'), brandId: 'brand-2' };
const b = { ctx: systemContext('tenant_b', 'conformance'), brandId: 'brand-1' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

export function describeMediaStoreConformance(name: string, make: MediaFactory) {
  const withMedia = async (fn: (m: MediaBackend) => Promise<void>) => {
    const m = await make();
    try {
      await fn(m);
    } finally {
      await m.close();
    }
  };
  describe(`MediaStore conformance: ${name}`, () => {
    it('an object reads back with its bytes and content type, and a new put replaces it', () =>
      withMedia(async ({ media }) => {
        const stored = await media.put(a, 'posts/p1.png', PNG, 'image/png');
        expect(stored).toEqual({ key: 'posts/p1.png', contentType: 'image/png', bytes: PNG.byteLength });
        expect(await media.get(a, 'posts/p1.png')).toEqual({ body: PNG, contentType: 'image/png' });
        await media.put(a, 'posts/p1.png', PNG.slice(0, 8), 'image/png');
        expect((await media.get(a, 'posts/p1.png'))?.body).toEqual(PNG.slice(0, 8));
      }));

    it("one brand's key never reads another brand's or tenant's object", () =>
      withMedia(async ({ media }) => {
        await media.put(a, 'posts/p1.png', PNG, 'image/png');
        expect(await media.get(aOther, 'posts/p1.png')).toBeUndefined();
        expect(await media.get(b, 'posts/p1.png')).toBeUndefined();
      }));

    it('a missing object is undefined and deleting it twice is fine', () =>
      withMedia(async ({ media }) => {
        expect(await media.get(a, 'posts/none.png')).toBeUndefined();
        await media.put(a, 'posts/p2.png', PNG, 'image/png');
        await media.delete(a, 'posts/p2.png');
        await media.delete(a, 'posts/p2.png');
        expect(await media.get(a, 'posts/p2.png')).toBeUndefined();
      }));

    it('a key that climbs out of the brand is refused', () =>
      withMedia(async ({ media }) => {
        await expect(media.put(a, '../brand-2/posts/p1.png', PNG, 'image/png')).rejects.toThrow(
          /invalid media key/,
        );
        await expect(media.get(a, '/etc/passwd')).rejects.toThrow(/invalid media key/);
      }));

    it('a brand outside the context is not found', () =>
      withMedia(async ({ media }) => {
        const limited = { ctx: { ...a.ctx, brandIds: ['brand-2'] }, brandId: 'brand-1' };
        await expect(media.put(limited, 'posts/p1.png', PNG, 'image/png')).rejects.toThrow(/not found/);
      }));

    it('a signed URL serves the object without credentials until it expires', () =>
      withMedia(async ({ media, fetchSigned }) => {
        await media.put(a, 'posts/p3.png', PNG, 'image/png');
        const url = await media.signedUrl(a, 'posts/p3.png', new Date(Date.now() + 3_600_000));
        expect(url).toMatch(/^https?:\/\//);
        if (!fetchSigned) return;
        const ok = await fetchSigned(url);
        expect(ok.status).toBe(200);
        expect(ok.body).toEqual(PNG);
        const tampered = await fetchSigned(url.replace('p3.png', 'p4.png'));
        expect(tampered.status).toBeGreaterThanOrEqual(400);
        const expired = await media.signedUrl(a, 'posts/p3.png', new Date(Date.now() - 1_000));
        expect((await fetchSigned(expired)).status).toBeGreaterThanOrEqual(400);
      }));
  });
}
