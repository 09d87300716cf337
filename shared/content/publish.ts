import { type Channel, type Post, postText, transition } from '../domain/content/post';
import { contentPublishAlert } from '../domain/content/publish-alert';
import type { Alert } from '../domain/entities';
import { RetryableError } from '../kernel/errors';
import type { Logger } from '../kernel/logging/logger';
import { type BackoffPolicy, backoffDelay } from '../kernel/util/retry';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { EventBus } from '../ports/events';
import type { MediaStore } from '../ports/media-store';
import type { OperationalStore } from '../ports/operational-store';
import type { SecretStore } from '../ports/secret-store';
import type { BrandScope } from '../ports/warehouse-rows';
import { actionId } from '../recommendations/action-sync';
import {
  type ChannelRecord,
  type ContentDestination,
  destinations,
  META_DESTINATION,
  type PublishRecord,
  posts,
  postsByStatus,
  publishRecords,
} from './documents';
import { GraphBlockedError, type GraphClient, GraphError, isPublishLimit } from './graph/client';

export interface PublisherDeps {
  documents: DocumentDb;
  store: Pick<OperationalStore, 'auditEvents' | 'alerts' | 'brands'>;
  /** Announces the alert a failed post raises on `alert.raised` (notify sends it on). */
  bus?: Pick<EventBus, 'publish'>;
  secrets: SecretStore;
  media: MediaStore;
  /** A Graph client for a destination's base URL (the sandbox locally, Meta in production). */
  graph: (baseUrl: string | undefined) => GraphClient;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Attempts before a post that keeps failing transiently is marked failed (and alerted). */
  maxAttempts?: number;
  /** How long the sweep waits before the next attempt after a transient failure. */
  backoff?: BackoffPolicy;
  /** How long a post waits when Instagram's 24-hour publishing limit is reached. */
  limitDeferMs?: number;
  /** Container status reads before giving up for this attempt, and the wait between them. */
  containerPolls?: number;
  containerPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type PublishOutcome =
  | { outcome: 'published'; ids: Record<string, string> }
  | { outcome: 'already_published' }
  | { outcome: 'skipped'; reason: 'not_scheduled' | 'not_due' | 'in_progress' | 'not_found' | 'backing_off' }
  | { outcome: 'blocked'; reason: string }
  | { outcome: 'deferred'; until: string; reason: string }
  | { outcome: 'failed'; reason: string };

const needsReconnect = (err: GraphError) => err.kind === 'token' || err.kind === 'permission';

/**
 * What the merchant reads when Meta refuses (post, alert, log): for a refused token or permission,
 * that the Page must be connected again — Meta's documented recovery ("Get a new access token",
 * "Handle the missing permissions") — and otherwise Meta's own words (`error_user_msg` when Meta
 * wrote one), never the request path. https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
export function refusalReason(err: GraphError | GraphBlockedError, pageName: string): string {
  const said = err.said ?? err.message;
  if (err instanceof GraphBlockedError)
    return `Meta temporarily blocked posting to Page "${pageName}": ${said}`;
  if (err.kind === 'token')
    return `Meta no longer accepts the connection to Page "${pageName}" (${said}); connect the Page again with a new Page access token on the Posts page`;
  if (err.kind === 'permission')
    return `Meta refused because the connection to Page "${pageName}" lacks a permission (${said}); connect the Page again with a token that grants it on the Posts page`;
  return `Meta refused the post for Page "${pageName}": ${said}`;
}

/** How long one publishing attempt holds a post; a crashed attempt's lease runs out. */
const LEASE_MS = 5 * 60_000;
/** Sweeps run every few minutes: 2, 4, 8, 16 minutes between attempts, capped at an hour. */
export const PUBLISH_BACKOFF: BackoffPolicy = { baseMs: 2 * 60_000, maxMs: 3_600_000, jitter: [0.8, 1.2] };

/**
 * Publishes scheduled posts to the Page and Instagram account frozen on them, with the safety
 * layers of decision 884: re-verification of the destination and the token at publish time, a
 * lease so two tasks never publish the same post together, a publish record written before each
 * call and reconciled with what the platform shows when an earlier attempt's outcome is unknown,
 * and Instagram's moving 24-hour limit read before each Instagram post.
 */
export function createPublisher(deps: PublisherDeps) {
  const maxAttempts = deps.maxAttempts ?? 5;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = () => deps.clock.now().toISOString();
  const actor = 'system:content-publish';

  const audit = (scope: BrandScope, action: string, postId: string, details: Record<string, unknown> = {}) =>
    deps.store.auditEvents.append(scope.ctx, {
      id: deps.ids.next(),
      brandId: scope.brandId,
      actor,
      action,
      target: `post:${postId}`,
      details,
      at: now(),
    });

  /** Moves the post (if it still may move) and returns it; the record is left as it is. */
  async function settle(scope: BrandScope, postId: string, patch: (p: Post) => Post | undefined) {
    return deps.documents.runTransaction(async (tx) => {
      const post = await posts.get(tx, scope, postId);
      if (!post) return undefined;
      const next = patch(post);
      if (next) await posts.put(tx, scope, postId, next);
      return next ?? post;
    });
  }
  const moveTo =
    (to: Post['status'], extra: Partial<Post> = {}) =>
    (p: Post) => {
      const moved = transition(p, to, { uid: actor, at: now() });
      return moved.ok ? { ...moved.post, ...extra } : undefined;
    };
  const releaseLease = async (scope: BrandScope, record: PublishRecord) => {
    const { leaseUntil: _, ...rest } = record;
    await publishRecords.put(deps.documents, scope, record.postId, { ...rest, updatedAt: now() });
  };

  /** Raises (or re-opens) the post's alert and announces it; the merchant resolves it. */
  async function raiseAlert(
    scope: BrandScope,
    post: Post,
    reason: string,
    blocked: boolean,
    attempts?: number,
  ) {
    const brand = await deps.store.brands.get(scope.ctx, scope.brandId);
    const draft = contentPublishAlert({
      brandId: scope.brandId,
      timeZone: brand?.timezone ?? 'UTC',
      currency: brand?.currency ?? post.product.currency,
      post,
      reason,
      blocked,
      ...(attempts !== undefined ? { attempts } : {}),
    });
    const alert: Alert = {
      ...draft,
      id: actionId('alert', scope.brandId, draft.dedupeKey),
      status: 'open',
      createdAt: now(),
      updatedAt: now(),
    };
    await deps.store.alerts.upsert(scope.ctx, scope.brandId, alert);
    await deps.bus?.publish('alert.raised', {
      tenantId: scope.ctx.tenantId,
      brandId: scope.brandId,
      alertId: alert.id,
      // One announcement per failure of this post (a rescheduled post that fails again is news).
      idempotencyKey: `alert.raised:${alert.id}:${post.updatedAt}`,
    });
  }

  async function fail(
    scope: BrandScope,
    post: Post,
    reason: string,
    action: string,
    attempts?: number,
  ): Promise<PublishOutcome> {
    const blocked = action === 'content.publish_blocked';
    await settle(scope, post.id, moveTo('failed', { lastError: reason }));
    await audit(scope, action, post.id, {
      reason,
      pageId: post.destination?.pageId ?? null,
      igUserId: post.destination?.igUserId ?? null,
      ...(attempts !== undefined ? { attempts } : {}),
    });
    deps.logger.warn('content post not published', { brandId: scope.brandId, postId: post.id, reason });
    await raiseAlert(scope, post, reason, blocked, attempts);
    return blocked ? { outcome: 'blocked', reason } : { outcome: 'failed', reason };
  }

  /** The destination as it is now, checked against what was frozen on the post. */
  async function reverify(
    scope: BrandScope,
    post: Post,
  ): Promise<{ ok: true; dest: ContentDestination; token: string } | { ok: false; reason: string }> {
    const frozen = post.destination;
    if (!frozen) return { ok: false, reason: 'the post has no destination frozen on it' };
    const dest = await destinations.get(deps.documents, scope, META_DESTINATION);
    if (!dest) return { ok: false, reason: 'the brand has no Meta destination connected any more' };
    if (dest.pageId !== frozen.pageId)
      return {
        ok: false,
        // Names only: this reason reaches the merchant (post, alert, log); the ids are in the audit event.
        reason: `the integration now points at Page "${dest.pageName}"; this post was scheduled for "${frozen.pageName}"`,
      };
    if (post.channels.includes('instagram') && dest.igUserId !== frozen.igUserId)
      return {
        ok: false,
        reason: `the Instagram account linked to Page "${dest.pageName}" changed since this post was scheduled`,
      };
    const token = await deps.secrets.get(scope.ctx, dest.secretName);
    if (!token) return { ok: false, reason: 'the Meta token is missing from the secret store' };
    try {
      const page = await deps.graph(dest.apiBaseUrl).page(token, frozen.pageId);
      if (page.id !== frozen.pageId) return { ok: false, reason: `Meta answered for Page ${page.id}` };
      if (post.channels.includes('instagram') && page.instagram_business_account?.id !== frozen.igUserId)
        return {
          ok: false,
          reason: `Page "${page.name}" is no longer linked to the Instagram account this post was scheduled for`,
        };
    } catch (err) {
      if (err instanceof GraphError) return { ok: false, reason: refusalReason(err, frozen.pageName) };
      throw err;
    }
    return { ok: true, dest, token };
  }

  /** Claims the post for this attempt: scheduled → publishing, a fresh lease, one more attempt. */
  async function claim(scope: BrandScope, post: Post, dest: Pick<ContentDestination, 'pageId' | 'igUserId'>) {
    return deps.documents.runTransaction(async (tx) => {
      const current = await posts.get(tx, scope, post.id);
      const record = await publishRecords.get(tx, scope, post.id);
      if (!current || (current.status !== 'scheduled' && current.status !== 'publishing')) return undefined;
      if (record?.leaseUntil && record.leaseUntil > now()) return 'in_progress' as const;
      const at = deps.clock.now();
      const next: PublishRecord = {
        postId: post.id,
        pageId: dest.pageId,
        ...(dest.igUserId ? { igUserId: dest.igUserId } : {}),
        attempts: (record?.attempts ?? 0) + 1,
        channels: record?.channels ?? {},
        leaseUntil: new Date(at.getTime() + LEASE_MS).toISOString(),
        updatedAt: at.toISOString(),
      };
      await publishRecords.put(tx, scope, post.id, next);
      if (current.status === 'scheduled') {
        const moved = moveTo('publishing')(current);
        if (moved) await posts.put(tx, scope, post.id, moved);
      }
      return next;
    });
  }

  async function saveChannel(
    scope: BrandScope,
    record: PublishRecord,
    channel: Channel,
    value: ChannelRecord,
  ) {
    record.channels[channel] = value;
    record.updatedAt = now();
    await publishRecords.put(deps.documents, scope, record.postId, record);
  }

  async function publishFacebook(
    scope: BrandScope,
    graph: GraphClient,
    token: string,
    record: PublishRecord,
    text: string,
    imageUrl: string,
  ) {
    const prior = record.channels.facebook;
    if (prior?.state === 'done') return;
    if (prior?.state === 'calling') {
      // An earlier attempt sent the photo and never heard back: look before posting again.
      const since = Date.parse(prior.startedAt) - 60_000;
      const found = (await graph.uploadedPhotos(token, record.pageId)).data.find(
        (p) =>
          p.name === prior.text &&
          (!p.created_time || Date.parse(p.created_time.replace(/\+0000$/, 'Z')) >= since),
      );
      if (found) {
        await saveChannel(scope, record, 'facebook', { ...prior, state: 'done', remoteId: found.id });
        await audit(scope, 'content.publish_reconciled', record.postId, {
          channel: 'facebook',
          remoteId: found.id,
        });
        return;
      }
    }
    await saveChannel(scope, record, 'facebook', { state: 'calling', startedAt: now(), text });
    const created = await graph.postPhoto(token, record.pageId, { url: imageUrl, caption: text });
    await saveChannel(scope, record, 'facebook', {
      state: 'done',
      startedAt: record.channels.facebook!.startedAt,
      text,
      remoteId: created.post_id ?? created.id,
    });
  }

  /** Instagram: limit → container → status → media_publish; false when the limit defers the post. */
  async function publishInstagram(
    scope: BrandScope,
    graph: GraphClient,
    token: string,
    record: PublishRecord,
    text: string,
    imageUrl: string,
  ): Promise<boolean> {
    const ig = record.igUserId!;
    let prior = record.channels.instagram;
    if (prior?.state === 'done') return true;
    if (prior?.containerId) {
      const status = await graph.containerStatus(token, prior.containerId);
      if (status.status_code === 'PUBLISHED') {
        const media = (await graph.recentMedia(token, ig)).data.find((m) => m.caption === prior!.text);
        await saveChannel(scope, record, 'instagram', {
          ...prior,
          state: 'done',
          remoteId: media?.id ?? prior.containerId,
        });
        await audit(scope, 'content.publish_reconciled', record.postId, {
          channel: 'instagram',
          remoteId: media?.id,
        });
        return true;
      }
      if (status.status_code === 'ERROR' || status.status_code === 'EXPIRED') prior = undefined;
    }
    const limit = await graph.publishingLimit(token, ig);
    if (limit.used >= limit.total) return false;
    if (!prior?.containerId) {
      // A container that is never published is harmless (it expires), so a lost create is redone.
      await saveChannel(scope, record, 'instagram', { state: 'calling', startedAt: now(), text });
      const container = await graph.createContainer(token, ig, { imageUrl, caption: text });
      prior = { state: 'container', startedAt: now(), text, containerId: container.id };
      await saveChannel(scope, record, 'instagram', prior);
    }
    const containerId = prior.containerId!;
    for (let poll = 0; ; poll++) {
      const status = await graph.containerStatus(token, containerId);
      if (status.status_code === 'FINISHED') break;
      if (status.status_code !== 'IN_PROGRESS')
        throw new GraphError(`Instagram container ${containerId} is ${status.status_code}`, 400, 0);
      if (poll >= (deps.containerPolls ?? 10))
        throw new RetryableError(`Instagram container ${containerId} still in progress`, 60_000);
      await sleep(deps.containerPollMs ?? 2_000);
    }
    try {
      const published = await graph.publishContainer(token, ig, containerId);
      await saveChannel(scope, record, 'instagram', { ...prior, state: 'done', remoteId: published.id });
    } catch (err) {
      if (isPublishLimit(err)) return false;
      throw err;
    }
    return true;
  }

  /**
   * A failed attempt: a transient error waits out the backoff (recorded for the sweep) and is
   * rethrown for the task queue; anything else, or the last attempt, fails the post and alerts.
   */
  async function retryOrFail(
    scope: BrandScope,
    post: Post,
    record: PublishRecord,
    err: unknown,
  ): Promise<PublishOutcome> {
    if (err instanceof GraphError && needsReconnect(err)) {
      // Retrying cannot help: Meta wants a new token or a permission granted (decision 1005).
      await releaseLease(scope, record);
      const pageName = post.destination?.pageName ?? record.pageId;
      return fail(scope, post, refusalReason(err, pageName), 'content.publish_blocked');
    }
    const reason =
      err instanceof GraphError || err instanceof GraphBlockedError
        ? refusalReason(err, post.destination?.pageName ?? record.pageId)
        : err instanceof Error
          ? err.message
          : String(err);
    if (err instanceof RetryableError && record.attempts < maxAttempts) {
      const wait = Math.max(
        err.retryAfterMs,
        backoffDelay(deps.backoff ?? PUBLISH_BACKOFF, record.attempts - 1),
      );
      const nextAttemptAt = new Date(deps.clock.now().getTime() + wait).toISOString();
      await releaseLease(scope, { ...record, nextAttemptAt });
      await audit(scope, 'content.publish_retry', post.id, {
        attempt: record.attempts,
        reason,
        nextAttemptAt,
      });
      throw err;
    }
    await releaseLease(scope, record);
    return fail(scope, post, reason, 'content.publish_failed', record.attempts);
  }

  async function publishPost(scope: BrandScope, postId: string): Promise<PublishOutcome> {
    const post = await posts.get(deps.documents, scope, postId);
    if (!post) return { outcome: 'skipped', reason: 'not_found' };
    if (post.status === 'published') return { outcome: 'already_published' };
    // Only an approved post is ever scheduled (the transitions allow no other path).
    if (post.status !== 'scheduled' && post.status !== 'publishing')
      return { outcome: 'skipped', reason: 'not_scheduled' };
    if (post.status === 'scheduled' && (!post.scheduledFor || post.scheduledFor > now()))
      return { outcome: 'skipped', reason: 'not_due' };

    if (!post.destination)
      return fail(scope, post, 'the post has no destination frozen on it', 'content.publish_blocked');
    if (!post.imageKey) return fail(scope, post, 'the post has no rendered image', 'content.publish_failed');
    // Claimed before re-verifying, so a Meta outage during the checks counts as an attempt too and
    // ends in the alert once the attempts run out, instead of retrying silently forever.
    const record = await claim(scope, post, post.destination);
    if (record === undefined) return { outcome: 'skipped', reason: 'not_scheduled' };
    if (record === 'in_progress') return { outcome: 'skipped', reason: 'in_progress' };
    let verified: Awaited<ReturnType<typeof reverify>>;
    try {
      verified = await reverify(scope, post);
    } catch (err) {
      return retryOrFail(scope, post, record, err);
    }
    if (!verified.ok) {
      await releaseLease(scope, record);
      return fail(scope, post, verified.reason, 'content.publish_blocked');
    }
    await audit(scope, 'content.publish_started', post.id, {
      attempt: record.attempts,
      pageId: record.pageId,
    });

    const graph = deps.graph(verified.dest.apiBaseUrl);
    const text = postText(post);
    try {
      const imageUrl = await deps.media.signedUrl(
        scope,
        post.imageKey,
        new Date(deps.clock.now().getTime() + 86_400_000),
      );
      if (post.channels.includes('facebook'))
        await publishFacebook(scope, graph, verified.token, record, text, imageUrl);
      if (post.channels.includes('instagram')) {
        const posted = await publishInstagram(scope, graph, verified.token, record, text, imageUrl);
        if (!posted) {
          const until = new Date(deps.clock.now().getTime() + (deps.limitDeferMs ?? 3_600_000)).toISOString();
          const reason = 'Instagram publishing limit reached (50 posts per 24 hours); deferred';
          await releaseLease(scope, record);
          await settle(scope, post.id, moveTo('scheduled', { scheduledFor: until, lastError: reason }));
          await audit(scope, 'content.publish_deferred', post.id, { until, reason });
          return { outcome: 'deferred', until, reason };
        }
      }
    } catch (err) {
      return retryOrFail(scope, post, record, err);
    }
    const ids = Object.fromEntries(
      Object.entries(record.channels).flatMap(([ch, r]) => (r.remoteId ? [[ch, r.remoteId]] : [])),
    );
    await releaseLease(scope, record);
    await settle(scope, post.id, (p) => {
      const moved = moveTo('published', { publishedIds: ids })(p);
      if (!moved) return undefined;
      const { lastError: _, ...rest } = moved;
      return rest;
    });
    await audit(scope, 'content.published', post.id, { ids });
    return { outcome: 'published', ids };
  }

  return {
    publishPost,
    /**
     * Every scheduled post that is due, oldest first. A transient failure leaves the post for a
     * later sweep, after a backoff; once its attempts run out it fails and raises an alert.
     */
    async publishDue(
      scope: BrandScope,
    ): Promise<Array<{ postId: string } & (PublishOutcome | { outcome: 'retry_later'; reason: string })>> {
      const due = [
        ...(await postsByStatus(deps.documents, scope, 'scheduled')),
        ...(await postsByStatus(deps.documents, scope, 'publishing')),
      ]
        .filter((p) => p.status === 'publishing' || (p.scheduledFor !== undefined && p.scheduledFor <= now()))
        .sort((a, b) => (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? ''));
      const out = [];
      for (const post of due) {
        const record = await publishRecords.get(deps.documents, scope, post.id);
        if (post.status === 'publishing' && record?.nextAttemptAt && record.nextAttemptAt > now()) {
          out.push({ postId: post.id, outcome: 'skipped' as const, reason: 'backing_off' as const });
          continue;
        }
        try {
          out.push({ postId: post.id, ...(await publishPost(scope, post.id)) });
        } catch (err) {
          if (!(err instanceof RetryableError)) throw err;
          out.push({ postId: post.id, outcome: 'retry_later' as const, reason: err.message });
        }
      }
      return out;
    },
  };
}
export type Publisher = ReturnType<typeof createPublisher>;
