import { z } from 'zod';
import { type Brief, type BriefInput, briefInputSchema, postsInMonth } from '../domain/content/brief';
import { type ProductSignal, pickFeaturedProducts } from '../domain/content/pick';
import { channelSchema, type Post, transition } from '../domain/content/post';
import {
  type BrandProfile,
  type BrandProfileInput,
  brandProfileInputSchema,
} from '../domain/content/profile';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { MediaStore } from '../ports/media-store';
import type { OperationalStore } from '../ports/operational-store';
import type { BrandScope } from '../ports/warehouse-rows';
import {
  briefs,
  briefVersionId,
  briefVersions,
  CURRENT_PROFILE,
  contentCollection,
  posts,
  profiles,
} from './documents';
import { fetchSiteFacts } from './extract';
import type { PostImageRenderer } from './render';
import type { ContentWriter } from './writer';

export interface StudioDeps {
  documents: DocumentDb;
  store: Pick<OperationalStore, 'brands' | 'integrations' | 'auditEvents'>;
  media: MediaStore;
  writer: ContentWriter;
  renderer: PostImageRenderer;
  productSignals: (scope: BrandScope) => Promise<ProductSignal[]>;
  clock: Clock;
  ids: Ids;
  fetch: typeof fetch;
}

export const postEditSchema = z
  .object({
    caption: z.string().min(1).max(2000),
    hashtags: z
      .array(z.string().regex(/^#[\p{L}\p{N}_]+$/u, 'a hashtag is # then letters, digits or _'))
      .max(30),
    callToAction: z.string().max(120),
    channels: z.array(channelSchema).min(1),
  })
  .partial();
export type PostEdit = z.infer<typeof postEditSchema>;

/**
 * The content studio's merchant-facing work: briefs (one per month, every save kept as a
 * version), the brand profile (extracted from the storefront, editable), drafting a month of
 * posts over the control tower's data with their images, and edits, comments and approval.
 * Scheduling and publishing are `schedule.ts` and `publish.ts`.
 */
export function createStudio(deps: StudioDeps) {
  const now = () => deps.clock.now().toISOString();
  const audit = (scope: BrandScope, action: string, target: string, details: Record<string, unknown> = {}) =>
    deps.store.auditEvents.append(scope.ctx, {
      id: deps.ids.next(),
      brandId: scope.brandId,
      actor: scope.ctx.uid,
      action,
      target,
      details,
      at: now(),
    });

  async function brandOf(scope: BrandScope) {
    const brand = await deps.store.brands.get(scope.ctx, scope.brandId);
    if (!brand) throw new NotFoundError(`brand ${scope.brandId} not found`);
    return brand;
  }

  async function saveBrief(scope: BrandScope, raw: unknown): Promise<Brief> {
    const input: BriefInput = briefInputSchema.parse(raw);
    await brandOf(scope);
    const saved = await deps.documents.runTransaction(async (tx) => {
      const current = await briefs.get(tx, scope, input.month);
      const brief: Brief = {
        ...input,
        id: input.month,
        brandId: scope.brandId,
        version: (current?.version ?? 0) + 1,
        createdAt: current?.createdAt ?? now(),
        updatedAt: now(),
        updatedBy: scope.ctx.uid,
      };
      await briefs.put(tx, scope, brief.month, brief);
      await briefVersions.put(tx, scope, briefVersionId(brief), brief);
      return brief;
    });
    await audit(scope, 'content.brief_saved', `brief:${saved.month}`, { version: saved.version });
    return saved;
  }

  /** The month's brief, or undefined while none is written (a normal state, not an error). */
  const findBrief = (scope: BrandScope, month: string): Promise<Brief | undefined> =>
    briefs.get(deps.documents, scope, month);

  async function getBrief(scope: BrandScope, month: string): Promise<Brief> {
    const brief = await findBrief(scope, month);
    if (!brief) throw new NotFoundError(`no brief for ${month}`);
    return brief;
  }

  async function saveProfile(
    scope: BrandScope,
    input: BrandProfileInput,
    source: BrandProfile['source'],
    site?: BrandProfile['site'],
  ) {
    const previous = await profiles.get(deps.documents, scope, CURRENT_PROFILE);
    const profile: BrandProfile = {
      ...input,
      brandId: scope.brandId,
      source,
      ...((site ?? previous?.site) ? { site: site ?? previous?.site } : {}),
      updatedAt: now(),
      updatedBy: scope.ctx.uid,
    };
    await profiles.put(deps.documents, scope, CURRENT_PROFILE, profile);
    await audit(scope, 'content.profile_saved', 'profile', { source });
    return profile;
  }

  /** The storefront: the URL given, else the Shopify integration's store (the sandbox locally). */
  async function storefrontUrl(scope: BrandScope, url?: string): Promise<string> {
    if (url) return url;
    const brand = await brandOf(scope);
    const shopify = await deps.store.integrations.getPlatform(scope.ctx, scope.brandId, 'shopify');
    if (shopify?.apiBaseUrl) return `${shopify.apiBaseUrl.replace(/\/$/, '')}/`;
    if (brand.shopDomain) return `https://${brand.shopDomain}/`;
    throw new ValidationError('give the storefront URL: the brand has no shop domain');
  }

  async function extractProfile(scope: BrandScope, url?: string): Promise<BrandProfile> {
    const brand = await brandOf(scope);
    const site = await fetchSiteFacts(deps.fetch, await storefrontUrl(scope, url));
    const input = await deps.writer.profile(scope, site, brand.name);
    return saveProfile(scope, brandProfileInputSchema.parse(input), deps.writer.source, site);
  }

  async function renderImage(
    scope: BrandScope,
    post: Post,
    profile: BrandProfile,
    brief?: Brief,
  ): Promise<string> {
    const png = await deps.renderer.render({
      brandName: profile.name,
      palette: profile.palette,
      product: post.product,
      ...(brief?.offers ? { offer: brief.offers } : {}),
    });
    const key = `posts/${post.id}.png`;
    await deps.media.put(scope, key, png, 'image/png');
    return key;
  }

  /**
   * Drafts the month: replaces the month's drafts (approved and later posts stay), picks the
   * products from the control tower's data, writes the copy and renders each image.
   */
  async function draftMonth(scope: BrandScope, month: string): Promise<Post[]> {
    const brief = await getBrief(scope, month);
    const profile = await profiles.get(deps.documents, scope, CURRENT_PROFILE);
    if (!profile) throw new ConflictError('extract or write the brand profile before drafting posts');
    const existing = (
      await deps.documents.query(contentCollection(scope, 'posts'), { where: [['planMonth', '==', month]] })
    ).map((d) => d.data as Post);
    const kept = existing.filter((p) => p.status !== 'draft');
    const wanted = Math.max(0, postsInMonth(brief) - kept.length);
    const products = pickFeaturedProducts(await deps.productSignals(scope), wanted, {
      push: brief.pushProducts,
    });
    const copies = await deps.writer.copy(scope, profile, brief, products);
    for (const p of existing.filter((p) => p.status === 'draft'))
      await posts.delete(deps.documents, scope, p.id);
    const out: Post[] = [];
    for (const [i, product] of products.entries()) {
      const copy = copies[i]!;
      const draft: Post = {
        id: `post-${deps.ids.next()}`,
        brandId: scope.brandId,
        planMonth: month,
        status: 'draft',
        channels: brief.channels,
        caption: copy.caption,
        hashtags: copy.hashtags,
        callToAction: copy.callToAction,
        product,
        publishedIds: {},
        comments: [],
        history: [{ at: now(), uid: scope.ctx.uid, status: 'draft' }],
        createdAt: now(),
        updatedAt: now(),
      };
      draft.imageKey = await renderImage(scope, draft, profile, brief);
      await posts.put(deps.documents, scope, draft.id, draft);
      out.push(draft);
    }
    await audit(scope, 'content.posts_drafted', `plan:${month}`, {
      posts: out.length,
      writer: deps.writer.source,
    });
    return out;
  }

  async function update(scope: BrandScope, postId: string, fn: (p: Post) => Post): Promise<Post> {
    return deps.documents.runTransaction(async (tx) => {
      const post = await posts.get(tx, scope, postId);
      if (!post) throw new NotFoundError(`post ${postId} not found`);
      const next = fn(post);
      await posts.put(tx, scope, postId, next);
      return next;
    });
  }

  return {
    saveBrief,
    getBrief,
    findBrief,
    listBriefs: (scope: BrandScope) => briefs.list(deps.documents, scope),
    async briefHistory(scope: BrandScope, month: string) {
      return (await briefVersions.list(deps.documents, scope))
        .filter((b) => b.month === month)
        .sort((a, b) => b.version - a.version);
    },
    async deleteBrief(scope: BrandScope, month: string) {
      await getBrief(scope, month);
      await briefs.delete(deps.documents, scope, month);
      await audit(scope, 'content.brief_deleted', `brief:${month}`);
    },
    getProfile: (scope: BrandScope) => profiles.get(deps.documents, scope, CURRENT_PROFILE),
    extractProfile,
    editProfile: (scope: BrandScope, raw: unknown) =>
      saveProfile(scope, brandProfileInputSchema.parse(raw), 'edited'),
    draftMonth,

    async listPosts(scope: BrandScope, filter: { month?: string; status?: Post['status'] } = {}) {
      return (await posts.list(deps.documents, scope))
        .filter(
          (p) =>
            (!filter.month || p.planMonth === filter.month) && (!filter.status || p.status === filter.status),
        )
        .sort((a, b) => (a.scheduledFor ?? a.createdAt).localeCompare(b.scheduledFor ?? b.createdAt));
    },
    async getPost(scope: BrandScope, postId: string) {
      const post = await posts.get(deps.documents, scope, postId);
      if (!post) throw new NotFoundError(`post ${postId} not found`);
      return post;
    },

    /** An edit of an approved or scheduled post sends it back to draft: approval covered the old words. */
    async editPost(scope: BrandScope, postId: string, raw: unknown): Promise<Post> {
      const edit = postEditSchema.parse(raw);
      const post = await update(scope, postId, (p) => {
        if (p.status === 'publishing' || p.status === 'published')
          throw new ConflictError(`a ${p.status} post cannot be edited`);
        let next: Post = { ...p, ...edit, updatedAt: now() };
        if (p.status !== 'draft') {
          const back = transition(next, 'draft', { uid: scope.ctx.uid, at: now() });
          if (!back.ok) throw new ConflictError(back.reason);
          const { scheduledFor: _s, destination: _d, ...rest } = back.post;
          next = rest;
        }
        return next;
      });
      await audit(scope, 'content.post_edited', `post:${postId}`, { fields: Object.keys(edit) });
      return post;
    },

    async approvePost(scope: BrandScope, postId: string): Promise<Post> {
      const post = await update(scope, postId, (p) => {
        const moved = transition(p, 'approved', { uid: scope.ctx.uid, at: now() });
        if (!moved.ok) throw new ConflictError(moved.reason);
        return moved.post;
      });
      await audit(scope, 'content.post_approved', `post:${postId}`);
      return post;
    },

    async commentPost(scope: BrandScope, postId: string, text: string): Promise<Post> {
      const comment = z.string().trim().min(1).max(2000).parse(text);
      return update(scope, postId, (p) => ({
        ...p,
        comments: [...p.comments, { at: now(), uid: scope.ctx.uid, text: comment }],
        updatedAt: now(),
      }));
    },

    async image(scope: BrandScope, postId: string) {
      const post = await posts.get(deps.documents, scope, postId);
      if (!post?.imageKey) throw new NotFoundError(`post ${postId} has no image`);
      const obj = await deps.media.get(scope, post.imageKey);
      if (!obj) throw new NotFoundError(`post ${postId} has no image`);
      return obj;
    },
  };
}
export type Studio = ReturnType<typeof createStudio>;
