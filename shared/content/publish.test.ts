import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContentTestBed, contentTestBed } from '../../test/support/content-bed';
import { publishRecords } from './documents';

let bed: ContentTestBed;
afterEach(async () => {
  await bed.close();
});

async function scheduledPost(b: ContentTestBed, minutesAhead = 10, overrides = {}) {
  const post = await b.anApprovedPost(overrides);
  await b.scheduling.schedule(b.scope, post.id, new Date(b.clock.now().getTime() + minutesAhead * 60_000));
  return post;
}

describe('publishing a scheduled post', () => {
  beforeEach(async () => {
    bed = await contentTestBed();
    await bed.connect();
  });

  it('publishes to the frozen Page and Instagram account once it is due, and not before', async () => {
    const post = await scheduledPost(bed);
    expect(await bed.publisher.publishPost(bed.scope, post.id)).toEqual({
      outcome: 'skipped',
      reason: 'not_due',
    });
    bed.clock.advance(11 * 60_000);
    const result = await bed.publisher.publishPost(bed.scope, post.id);
    expect(result.outcome).toBe('published');
    expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(1);
    expect(bed.graphSandbox.photos(bed.page.id)[0]!.name).toContain('Post number 1');
    expect(bed.graphSandbox.media(bed.page.igUserId)).toHaveLength(1);
    const stored = await bed.post(post.id);
    expect(stored?.status).toBe('published');
    expect(Object.keys(stored!.publishedIds).sort()).toEqual(['facebook', 'instagram']);
    const actions = (await bed.store.auditEvents.list(bed.scope.ctx)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['content.post_scheduled', 'content.publish_started', 'content.published']),
    );
  });

  it('a post scheduled for one Page is not published when the integration now points at another', async () => {
    const post = await scheduledPost(bed);
    await bed.connect(bed.otherPage.id);
    bed.clock.advance(11 * 60_000);
    const result = await bed.publisher.publishPost(bed.scope, post.id);
    expect(result.outcome).toBe('blocked');
    expect(result.outcome === 'blocked' && result.reason).toMatch(/now points at Page "Demo Brand Outlet"/);
    expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(0);
    expect(bed.graphSandbox.photos(bed.otherPage.id)).toHaveLength(0);
    expect(bed.graphSandbox.media(bed.otherPage.igUserId)).toHaveLength(0);
    expect((await bed.post(post.id))?.status).toBe('failed');
    const actions = (await bed.store.auditEvents.list(bed.scope.ctx)).map((e) => e.action);
    expect(actions).toContain('content.publish_blocked');
  });

  it('a retried publish task posts once when the first attempt lost its responses', async () => {
    const post = await scheduledPost(bed);
    bed.clock.advance(11 * 60_000);
    // The photo is created but the answer is lost: the task fails and is retried by the queue.
    bed.graphSandbox.loseNextResponses(1);
    await expect(bed.publisher.publishPost(bed.scope, post.id)).rejects.toThrow(/HTTP 500/);
    expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(1);
    expect((await bed.post(post.id))?.status).toBe('publishing');
    const retry = await bed.publisher.publishPost(bed.scope, post.id);
    expect(retry.outcome).toBe('published');
    // And a third delivery of the same task changes nothing.
    expect(await bed.publisher.publishPost(bed.scope, post.id)).toEqual({ outcome: 'already_published' });
    expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(1);
    expect(bed.graphSandbox.media(bed.page.igUserId)).toHaveLength(1);
  });

  it.each([
    ['the container create', 'container'],
    ['media_publish', 'publish'],
  ] as const)('an Instagram post whose %s answer is lost is published once on retry', async (_, kind) => {
    const post = await scheduledPost(bed, 10, { channels: ['instagram'] });
    bed.clock.advance(11 * 60_000);
    bed.graphSandbox.loseNextResponses(1, kind);
    await expect(bed.publisher.publishPost(bed.scope, post.id)).rejects.toThrow(/HTTP 500/);
    const retry = await bed.publisher.publishPost(bed.scope, post.id);
    expect(retry.outcome).toBe('published');
    expect(bed.graphSandbox.media(bed.page.igUserId)).toHaveLength(1);
    expect((await bed.post(post.id))?.publishedIds.instagram).toBe(
      bed.graphSandbox.media(bed.page.igUserId)[0]!.id,
    );
  });

  it('a 429 from the Graph sandbox is retried and the post published', async () => {
    const post = await scheduledPost(bed);
    bed.clock.advance(11 * 60_000);
    bed.graphSandbox.throttleNext(3);
    const result = await bed.publisher.publishPost(bed.scope, post.id);
    expect(result.outcome).toBe('published');
    expect(bed.graphSandbox.stats.throttled).toBe(3);
    expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(1);
    expect(bed.graphSandbox.media(bed.page.igUserId)).toHaveLength(1);
  });

  it('an unapproved post is never published, even when asked directly or in a sweep', async () => {
    const draft = await bed.anApprovedPost({ status: 'draft', scheduledFor: bed.clock.now().toISOString() });
    await expect(
      bed.scheduling.schedule(bed.scope, draft.id, new Date(bed.clock.now().getTime() + 60_000)),
    ).rejects.toThrow(/a draft post cannot become scheduled/);
    bed.clock.advance(60 * 60_000);
    expect(await bed.publisher.publishPost(bed.scope, draft.id)).toEqual({
      outcome: 'skipped',
      reason: 'not_scheduled',
    });
    expect(await bed.publisher.publishDue(bed.scope)).toEqual([]);
    expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(0);
    expect(bed.graphSandbox.media(bed.page.igUserId)).toHaveLength(0);
  });

  it('two deliveries of the same task at once publish once (the second sees the lease)', async () => {
    const post = await scheduledPost(bed);
    bed.clock.advance(11 * 60_000);
    const results = await Promise.all([
      bed.publisher.publishPost(bed.scope, post.id),
      bed.publisher.publishPost(bed.scope, post.id),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['published', 'skipped']);
    expect(bed.graphSandbox.photos(bed.page.id)).toHaveLength(1);
    const record = await publishRecords.get(bed.documents, bed.scope, post.id);
    expect(record?.leaseUntil).toBeUndefined();
  });
});

describe("Instagram's 50 posts per 24 hours", () => {
  it('the 51st post in a day is deferred, and published once the window has room', async () => {
    bed = await contentTestBed();
    await bed.connect();
    const all = [];
    for (let i = 0; i < 51; i++) all.push(await scheduledPost(bed, 10 + i, { channels: ['instagram'] }));
    bed.clock.advance(2 * 3_600_000);
    const outcomes = await bed.publisher.publishDue(bed.scope);
    expect(outcomes.filter((o) => o.outcome === 'published')).toHaveLength(50);
    const deferred = outcomes.filter((o) => o.outcome === 'deferred');
    expect(deferred.map((o) => o.postId)).toEqual([all[50]!.id]);
    expect(bed.graphSandbox.media(bed.page.igUserId)).toHaveLength(50);
    const waiting = await bed.post(all[50]!.id);
    expect(waiting?.status).toBe('scheduled');
    expect(waiting?.lastError).toMatch(/publishing limit/);
    // A day later the window has room again.
    bed.clock.advance(24 * 3_600_000);
    const later = await bed.publisher.publishDue(bed.scope);
    expect(later).toEqual([expect.objectContaining({ postId: all[50]!.id, outcome: 'published' })]);
    expect(bed.graphSandbox.media(bed.page.igUserId)).toHaveLength(51);
  });
});
