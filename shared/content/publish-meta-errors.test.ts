import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContentTestBed, contentTestBed } from '../../test/support/content-bed';
import * as errors from '../platforms/meta/fixtures/graph-errors';
import { publishRecords } from './documents';
import { BLOCKED_RETRY_MS, createGraphClient } from './graph/client';

/**
 * The publisher against Meta's documented error responses (fixtures written from
 * developers.facebook.com/docs/graph-api/guides/error-handling): each is answered once, in place
 * of the sandbox's own answer to one request, and the rest of the flow runs against the sandbox.
 */
type Rule = { method: string; path: RegExp; status: number; body: unknown; times: number };

function refusingFetch() {
  const rules: Rule[] = [];
  const f = (async (url: URL | string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const rule = rules.find((r) => r.times > 0 && r.method === method && r.path.test(new URL(url).pathname));
    if (!rule) return fetch(url, init);
    rule.times--;
    return new Response(JSON.stringify(rule.body), {
      status: rule.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return {
    fetch: f,
    refuse: (method: string, path: RegExp, status: number, body: unknown, times = 1) =>
      rules.push({ method, path, status, body, times }),
  };
}

const PAGE_READ = /^\/v[\d.]+\/\d+$/;
const PHOTO_POST = /\/photos$/;

let bed: ContentTestBed;
let meta: ReturnType<typeof refusingFetch>;
beforeEach(async () => {
  meta = refusingFetch();
  bed = await contentTestBed({
    graph: (baseUrl) =>
      createGraphClient({ fetch: meta.fetch, ...(baseUrl ? { baseUrl } : {}), sleep: async () => {} }),
  });
  await bed.connect();
});
afterEach(async () => {
  await bed.close();
});

async function duePost(channels: Array<'facebook' | 'instagram'> = ['facebook']) {
  const post = await bed.anApprovedPost({ channels });
  await bed.scheduling.schedule(bed.scope, post.id, new Date(bed.clock.now().getTime() + 10 * 60_000));
  bed.clock.advance(11 * 60_000);
  return post;
}
const actions = async () => (await bed.store.auditEvents.list(bed.scope.ctx)).map((e) => e.action);

describe('publishing when Meta answers with a documented error', () => {
  it.each(Object.entries(errors.TOKEN_ERRORS))(
    'a token refused at publish time (%s) blocks the post and asks to connect the Page again, without retrying',
    async (_, body) => {
      const post = await duePost();
      meta.refuse('GET', PAGE_READ, 400, body);
      const result = await bed.publisher.publishPost(bed.scope, post.id);
      expect(result.outcome).toBe('blocked');
      const reason = result.outcome === 'blocked' ? result.reason : '';
      expect(reason).toContain('Meta no longer accepts the connection to Page "Demo Brand"');
      expect(reason).toContain(body.error.message);
      expect(reason).toContain('connect the Page again with a new Page access token on the Posts page');
      expect(reason).not.toMatch(/graph |\/v\d/);
      expect((await bed.post(post.id))?.status).toBe('failed');
      expect(await actions()).toContain('content.publish_blocked');
      expect(await actions()).not.toContain('content.publish_retry');
      expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(0);
    },
  );

  it('a token that lapses between the check and the post is not retried either', async () => {
    const post = await duePost();
    meta.refuse('POST', PHOTO_POST, 400, errors.TOKEN_ERRORS['password changed (460)']);
    const result = await bed.publisher.publishPost(bed.scope, post.id);
    expect(result).toMatchObject({ outcome: 'blocked' });
    expect((await bed.post(post.id))?.lastError).toMatch(/connect the Page again/);
    const record = await publishRecords.get(bed.documents, bed.scope, post.id);
    expect(record?.attempts).toBe(1);
    expect(record?.nextAttemptAt).toBeUndefined();
  });

  it('a missing permission blocks the post and says the token must grant it', async () => {
    const post = await duePost();
    meta.refuse('POST', PHOTO_POST, 403, errors.PERMISSION_ERRORS['missing permission (200)']);
    const result = await bed.publisher.publishPost(bed.scope, post.id);
    expect(result.outcome).toBe('blocked');
    expect(result.outcome === 'blocked' && result.reason).toMatch(
      /lacks a permission \(\(#200\) .*pages_manage_posts\); connect the Page again with a token that grants it/,
    );
  });

  it("the merchant reads error_user_msg when Meta wrote one (the documentation's own example)", async () => {
    const post = await duePost();
    meta.refuse('GET', PAGE_READ, 400, errors.DOC_EXAMPLE);
    const result = await bed.publisher.publishPost(bed.scope, post.id);
    expect(result.outcome === 'blocked' && result.reason).toBe(
      'Meta no longer accepts the connection to Page "Demo Brand" (A message); connect the Page again with a new Page access token on the Posts page',
    );
  });

  it.each(Object.entries(errors.THROTTLE_ERRORS))(
    'a %s throttle on the post is waited out in place and the post published once',
    async (_, body) => {
      const post = await duePost();
      meta.refuse('POST', PHOTO_POST, 400, body, 2);
      expect((await bed.publisher.publishPost(bed.scope, post.id)).outcome).toBe('published');
      expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(1);
    },
  );

  it.each(Object.entries(errors.TRANSIENT_ERRORS))(
    'a transient %s error on the post is retried later, and the retry posts once',
    async (_, body) => {
      const post = await duePost();
      meta.refuse('POST', PHOTO_POST, 400, body);
      const first = await bed.publisher.publishDue(bed.scope);
      expect(first).toEqual([expect.objectContaining({ postId: post.id, outcome: 'retry_later' })]);
      expect(await actions()).toContain('content.publish_retry');
      bed.clock.advance(60 * 60_000);
      const second = await bed.publisher.publishDue(bed.scope);
      expect(second).toEqual([expect.objectContaining({ postId: post.id, outcome: 'published' })]);
      expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(1);
    },
  );

  it('368, temporarily blocked, waits at least an hour before the next attempt, in the words Meta wrote for the user', async () => {
    const post = await duePost();
    meta.refuse('POST', PHOTO_POST, 400, errors.BLOCKED_ERROR);
    const at = bed.clock.now().getTime();
    const first = await bed.publisher.publishDue(bed.scope);
    expect(first).toEqual([expect.objectContaining({ postId: post.id, outcome: 'retry_later' })]);
    const record = await publishRecords.get(bed.documents, bed.scope, post.id);
    expect(Date.parse(record!.nextAttemptAt!) - at).toBeGreaterThanOrEqual(BLOCKED_RETRY_MS);
    const retry = (await bed.store.auditEvents.list(bed.scope.ctx)).find(
      (e) => e.action === 'content.publish_retry',
    );
    expect(retry?.details.reason).toBe(
      `Meta temporarily blocked posting to Page "Demo Brand": ${errors.BLOCKED_ERROR.error.error_user_msg}`,
    );
    bed.clock.advance(30 * 60_000);
    expect(await bed.publisher.publishDue(bed.scope)).toEqual([
      expect.objectContaining({ postId: post.id, outcome: 'skipped', reason: 'backing_off' }),
    ]);
    bed.clock.advance(31 * 60_000);
    expect(await bed.publisher.publishDue(bed.scope)).toEqual([
      expect.objectContaining({ postId: post.id, outcome: 'published' }),
    ]);
  });

  it("a duplicate post (506) fails at once in Meta's words", async () => {
    const post = await duePost();
    meta.refuse('POST', PHOTO_POST, 400, errors.DUPLICATE_POST_ERROR);
    const result = await bed.publisher.publishPost(bed.scope, post.id);
    expect(result).toEqual({
      outcome: 'failed',
      reason: 'Meta refused the post for Page "Demo Brand": (#506) Duplicate status message',
    });
  });
});
