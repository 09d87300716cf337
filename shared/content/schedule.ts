import { type Post, transition } from '../domain/content/post';
import {
  DEFAULT_POSTING_RULES,
  distribute,
  generateSlots,
  monthDays,
  type PostingRules,
} from '../domain/content/slots';
import { toLocalDate } from '../domain/time';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { OperationalStore } from '../ports/operational-store';
import type { SecretStore } from '../ports/secret-store';
import type { BrandScope } from '../ports/warehouse-rows';
import { type ContentDestination, destinations, META_DESTINATION, posts, postsByStatus } from './documents';
import { type GraphClient, GraphError } from './graph/client';

export interface SchedulingDeps {
  documents: DocumentDb;
  store: Pick<OperationalStore, 'auditEvents'>;
  secrets: SecretStore;
  graph: (baseUrl: string | undefined) => GraphClient;
  clock: Clock;
  ids: Ids;
}

/**
 * Connecting the Meta destination and scheduling approved posts onto it. A destination is
 * verified with Meta (the token reaches the Page; the Page links the Instagram account) when it is
 * connected and again when a post is scheduled; the Page and Instagram ids are then frozen on the
 * post, so a later change of the integration cannot redirect it (the publisher re-checks).
 */
export function createScheduling(deps: SchedulingDeps) {
  const now = () => deps.clock.now().toISOString();

  async function audit(scope: BrandScope, action: string, target: string, details: Record<string, unknown>) {
    await deps.store.auditEvents.append(scope.ctx, {
      id: deps.ids.next(),
      brandId: scope.brandId,
      actor: scope.ctx.uid,
      action,
      target,
      details,
      at: now(),
    });
  }

  async function verifiedPage(token: string, pageId: string, apiBaseUrl?: string) {
    try {
      return await deps.graph(apiBaseUrl).page(token, pageId);
    } catch (err) {
      if (err instanceof GraphError)
        throw new ValidationError(`Meta refused Page ${pageId}: ${err.said ?? err.message}`, { cause: err });
      throw err;
    }
  }

  async function connect(
    scope: BrandScope,
    input: { pageId: string; accessToken: string; apiBaseUrl?: string },
  ): Promise<ContentDestination> {
    const page = await verifiedPage(input.accessToken, input.pageId, input.apiBaseUrl);
    // The token lives only in the secret store; the destination keeps its name.
    const secretName = `brands/${scope.brandId}/meta-content-token`;
    await deps.secrets.put(scope.ctx, secretName, input.accessToken);
    const dest: ContentDestination = {
      pageId: page.id,
      pageName: page.name,
      ...(page.instagram_business_account ? { igUserId: page.instagram_business_account.id } : {}),
      secretName,
      ...(input.apiBaseUrl ? { apiBaseUrl: input.apiBaseUrl } : {}),
      verifiedAt: now(),
      updatedAt: now(),
    };
    await destinations.put(deps.documents, scope, META_DESTINATION, dest);
    await audit(scope, 'content.destination_connected', `page:${page.id}`, {
      pageName: page.name,
      igUserId: dest.igUserId ?? null,
    });
    return dest;
  }

  /** Verifies the current destination with Meta and returns what gets frozen on a post. */
  async function liveDestination(scope: BrandScope) {
    const dest = await destinations.get(deps.documents, scope, META_DESTINATION);
    if (!dest) throw new ConflictError('connect a Facebook Page before scheduling posts');
    const token = await deps.secrets.get(scope.ctx, dest.secretName);
    if (!token) throw new ConflictError('the Meta token is missing; connect the Page again');
    const page = await verifiedPage(token, dest.pageId, dest.apiBaseUrl);
    return {
      pageId: page.id,
      pageName: page.name,
      ...(page.instagram_business_account ? { igUserId: page.instagram_business_account.id } : {}),
    };
  }

  async function schedule(scope: BrandScope, postId: string, at: Date): Promise<Post> {
    // An unknown post is 404 whatever the time asked for, and the Page is not called for it.
    if (!(await posts.get(deps.documents, scope, postId)))
      throw new NotFoundError(`post ${postId} not found`);
    if (at.getTime() < deps.clock.now().getTime())
      throw new ValidationError('a post cannot be scheduled in the past');
    const destination = await liveDestination(scope);
    const scheduled = await deps.documents.runTransaction(async (tx) => {
      const post = await posts.get(tx, scope, postId);
      if (!post) throw new NotFoundError(`post ${postId} not found`);
      if (post.channels.includes('instagram') && !destination.igUserId)
        throw new ConflictError(`Page ${destination.pageName} has no linked Instagram account`);
      const moved = transition(post, 'scheduled', { uid: scope.ctx.uid, at: now() });
      if (!moved.ok) throw new ConflictError(`${moved.reason} (approve it first)`);
      const next = { ...moved.post, scheduledFor: at.toISOString(), destination };
      await posts.put(tx, scope, postId, next);
      return next;
    });
    await audit(scope, 'content.post_scheduled', `post:${postId}`, {
      at: scheduled.scheduledFor,
      ...destination,
    });
    return scheduled;
  }

  /** Spreads every approved post over the rules' free slots in the posts' month (from now on). */
  async function scheduleApproved(
    scope: BrandScope,
    month: string,
    rules: PostingRules = DEFAULT_POSTING_RULES,
  ) {
    const approved = (await postsByStatus(deps.documents, scope, 'approved'))
      .filter((p) => p.planMonth === month)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const taken = (await postsByStatus(deps.documents, scope, 'scheduled')).flatMap((p) =>
      p.scheduledFor ? [new Date(p.scheduledFor)] : [],
    );
    const { from, to } = monthDays(month);
    const today = toLocalDate(deps.clock.now(), rules.timezone);
    // Dates as YYYY-MM-DD compare as strings: start at today when the month has begun.
    const start = from.localeCompare(today) > 0 ? from : today;
    const slots = generateSlots(rules, start, to, taken, deps.clock.now());
    const placed = distribute(approved, slots);
    const out: Post[] = [];
    for (const { item, at } of placed) out.push(await schedule(scope, item.id, at));
    return { scheduled: out, unscheduled: approved.length - placed.length };
  }

  return {
    connect,
    schedule,
    scheduleApproved,
    liveDestination,
    current: (scope: BrandScope) => destinations.get(deps.documents, scope, META_DESTINATION),
  };
}
export type Scheduling = ReturnType<typeof createScheduling>;
