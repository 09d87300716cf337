import { describe, expect, it } from 'vitest';
import { createGraphClient, GraphError, GraphUnconfirmedError, isPublishLimit } from './client';
import * as docs from './fixtures';

/** A fetch that answers from the documented fixtures, one per request, recording what was asked. */
function scripted(...answers: Array<{ status?: number; body: unknown }>) {
  const seen: { url: string; method: string; body: string; auth: string }[] = [];
  const fetchFn = (async (url: URL | string, init?: RequestInit) => {
    seen.push({
      url: String(url),
      method: init?.method ?? 'GET',
      body: String(init?.body ?? ''),
      auth: ((init?.headers ?? {}) as Record<string, string>).authorization ?? '',
    });
    const next = answers.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(next.body), {
      status: next.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { fetchFn, seen };
}
const client = (f: typeof fetch) => createGraphClient({ fetch: f, sleep: async () => {} });

describe('Graph client against the documented responses', () => {
  it('reads a Page with its linked Instagram account, the token in a header and not the URL', async () => {
    const { fetchFn, seen } = scripted({ body: docs.PAGE });
    const page = await client(fetchFn).page('tok', docs.PAGE.id);
    expect(page.instagram_business_account?.id).toBe('17841400000000001');
    expect(seen[0]!.url).toBe(
      'https://graph.facebook.com/v24.0/102030405060708?fields=id%2Cname%2Cinstagram_business_account',
    );
    expect(seen[0]!.auth).toBe('Bearer tok');
  });

  it('posts a Page photo and reads uploaded photos with their captions', async () => {
    const { fetchFn, seen } = scripted({ body: docs.PAGE_PHOTO_CREATED }, { body: docs.PAGE_PHOTOS });
    const g = client(fetchFn);
    expect(await g.postPhoto('tok', '1', { url: 'https://x/p.png', caption: 'Hi' })).toEqual(
      docs.PAGE_PHOTO_CREATED,
    );
    expect(new URLSearchParams(seen[0]!.body).get('caption')).toBe('Hi');
    expect((await g.uploadedPhotos('tok', '1')).data[0]!.name).toBe('Cold evenings, sorted.');
  });

  it('walks the Instagram container flow and reads the publishing limit', async () => {
    const { fetchFn } = scripted(
      { body: docs.IG_CONTAINER_CREATED },
      { body: docs.IG_CONTAINER_STATUS },
      { body: docs.IG_MEDIA_PUBLISHED },
      { body: docs.IG_PUBLISHING_LIMIT },
      { body: docs.IG_MEDIA },
    );
    const g = client(fetchFn);
    expect((await g.createContainer('tok', 'ig', { imageUrl: 'https://x/p.png', caption: 'c' })).id).toBe(
      docs.IG_CONTAINER_CREATED.id,
    );
    expect((await g.containerStatus('tok', docs.IG_CONTAINER_CREATED.id)).status_code).toBe('FINISHED');
    expect((await g.publishContainer('tok', 'ig', docs.IG_CONTAINER_CREATED.id)).id).toBe(
      docs.IG_MEDIA_PUBLISHED.id,
    );
    expect(await g.publishingLimit('tok', 'ig')).toEqual({ used: 2, total: 50 });
    expect((await g.recentMedia('tok', 'ig')).data[0]!.caption).toBe('Cold evenings, sorted.');
  });

  it('retries a throttle (429 or code 4) on a POST, since nothing was applied', async () => {
    const { fetchFn, seen } = scripted(
      { status: 429, body: docs.GRAPH_ERROR_THROTTLED },
      { status: 400, body: docs.GRAPH_ERROR_THROTTLED },
      { body: docs.PAGE_PHOTO_CREATED },
    );
    expect((await client(fetchFn).postPhoto('tok', '1', { url: 'u', caption: 'c' })).id).toBe(
      '1234567890123',
    );
    expect(seen).toHaveLength(3);
  });

  it('does not repeat a POST whose answer was a 5xx: the outcome is unknown', async () => {
    const { fetchFn, seen } = scripted({ status: 500, body: { error: { message: 'x', code: 2 } } });
    await expect(client(fetchFn).postPhoto('tok', '1', { url: 'u', caption: 'c' })).rejects.toBeInstanceOf(
      GraphUnconfirmedError,
    );
    expect(seen).toHaveLength(1);
  });

  it('an expired token and the publishing limit are final errors, the limit recognisable', async () => {
    const { fetchFn } = scripted(
      { status: 400, body: docs.GRAPH_ERROR_TOKEN },
      { status: 400, body: docs.IG_ERROR_PUBLISH_LIMIT },
    );
    const g = client(fetchFn);
    await expect(g.page('tok', '1')).rejects.toBeInstanceOf(GraphError);
    const err = await g.publishContainer('tok', 'ig', 'c').catch((e) => e);
    expect(isPublishLimit(err)).toBe(true);
  });
});
