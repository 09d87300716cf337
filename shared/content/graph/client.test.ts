import { describe, expect, it } from 'vitest';
import * as errors from '../../platforms/meta/fixtures/graph-errors';
import {
  BLOCKED_RETRY_MS,
  createGraphClient,
  GraphBlockedError,
  GraphError,
  GraphUnconfirmedError,
  isPublishLimit,
} from './client';
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
      { status: 429, body: errors.THROTTLE_ERRORS['application (4)'] },
      { status: 400, body: errors.THROTTLE_ERRORS['application (4)'] },
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
      { status: 400, body: errors.TOKEN_ERRORS['expired (463)'] },
      { status: 400, body: docs.IG_ERROR_PUBLISH_LIMIT },
    );
    const g = client(fetchFn);
    await expect(g.page('tok', '1')).rejects.toBeInstanceOf(GraphError);
    const err = await g.publishContainer('tok', 'ig', 'c').catch((e) => e);
    expect(isPublishLimit(err)).toBe(true);
  });
});

describe("Graph client against Meta's documented errors (graph-api/guides/error-handling)", () => {
  it.each(Object.entries(errors.THROTTLE_ERRORS))(
    'retries the %s throttle in place, even on a POST: nothing was applied',
    async (_, body) => {
      const { fetchFn, seen } = scripted({ status: 400, body }, { body: docs.PAGE_PHOTO_CREATED });
      expect((await client(fetchFn).postPhoto('tok', '1', { url: 'u', caption: 'c' })).id).toBe(
        docs.PAGE_PHOTO_CREATED.id,
      );
      expect(seen).toHaveLength(2);
    },
  );

  it.each(Object.entries(errors.TOKEN_ERRORS))(
    'a token error, %s, is final at once and asks for a reconnect',
    async (_, body) => {
      const { fetchFn, seen } = scripted({ status: 400, body }, { body: docs.PAGE });
      const err = await client(fetchFn)
        .page('tok', '1')
        .catch((e) => e);
      expect(err).toBeInstanceOf(GraphError);
      expect(err.kind).toBe('token');
      expect(err.said).toBe(body.error.message);
      expect(seen).toHaveLength(1);
    },
  );

  it.each(Object.entries(errors.PERMISSION_ERRORS))(
    'a permission error, %s, is final at once',
    async (_, body) => {
      const { fetchFn, seen } = scripted({ status: 403, body }, { body: docs.PAGE_PHOTO_CREATED });
      const err = await client(fetchFn)
        .postPhoto('tok', '1', { url: 'u', caption: 'c' })
        .catch((e) => e);
      expect(err).toBeInstanceOf(GraphError);
      expect(err.kind).toBe('permission');
      expect(seen).toHaveLength(1);
    },
  );

  it.each(Object.entries(errors.TRANSIENT_ERRORS))(
    'the transient %s error is retried on a GET and left to reconciliation on a POST, even as a 400',
    async (_, body) => {
      const get = scripted({ status: 400, body }, { body: docs.PAGE });
      expect((await client(get.fetchFn).page('tok', '1')).id).toBe(docs.PAGE.id);
      expect(get.seen).toHaveLength(2);
      const post = scripted({ status: 400, body }, { body: docs.PAGE_PHOTO_CREATED });
      await expect(
        client(post.fetchFn).postPhoto('tok', '1', { url: 'u', caption: 'c' }),
      ).rejects.toBeInstanceOf(GraphUnconfirmedError);
      expect(post.seen).toHaveLength(1);
    },
  );

  it('368, temporarily blocked, is retried hours later (not in place) in the words Meta wrote for the user', async () => {
    const { fetchFn, seen } = scripted({ status: 400, body: errors.BLOCKED_ERROR });
    const err = await client(fetchFn)
      .postPhoto('tok', '1', { url: 'u', caption: 'c' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(GraphBlockedError);
    expect(err.retryAfterMs).toBe(BLOCKED_RETRY_MS);
    expect(err.said).toBe(errors.BLOCKED_ERROR.error.error_user_msg);
    expect(seen).toHaveLength(1);
  });

  it("keeps the page's own example's error_user_msg as what the merchant reads, and the code and subcode", async () => {
    const { fetchFn } = scripted({ status: 400, body: errors.DOC_EXAMPLE });
    const err = await client(fetchFn)
      .page('tok', '1')
      .catch((e) => e);
    expect(err).toMatchObject({ graphCode: 190, subcode: 460, kind: 'token', said: 'A message' });
  });

  it('a duplicate post (506) is final: repeating it cannot succeed', async () => {
    const { fetchFn, seen } = scripted({ status: 400, body: errors.DUPLICATE_POST_ERROR });
    const err = await client(fetchFn)
      .postPhoto('tok', '1', { url: 'u', caption: 'c' })
      .catch((e) => e);
    expect(err).toMatchObject({ kind: 'final', graphCode: 506 });
    expect(seen).toHaveLength(1);
  });
});
