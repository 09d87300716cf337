import { z } from 'zod';

/**
 * A social post and its life: draft → approved → scheduled → publishing → published | failed.
 * Only the transitions below exist; everything that publishes asks `canTransition` first, so an
 * unapproved post has no path to a platform.
 */
export const POST_STATUSES = ['draft', 'approved', 'scheduled', 'publishing', 'published', 'failed'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const CHANNELS = ['facebook', 'instagram'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

const TRANSITIONS: Readonly<Record<PostStatus, readonly PostStatus[]>> = {
  // An edit sends an approved or scheduled post back to draft (approval covered the old text).
  draft: ['approved'],
  approved: ['draft', 'scheduled'],
  // A scheduled post whose destination fails re-verification is stopped: failed.
  scheduled: ['draft', 'approved', 'publishing', 'failed'],
  // A publishing post that a re-verification stops, or whose retries run out, fails.
  publishing: ['published', 'failed', 'scheduled'],
  published: [],
  failed: ['draft', 'scheduled'],
};

export function canTransition(from: PostStatus, to: PostStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Which Page and Instagram account a post goes to, frozen on the post when it is scheduled. */
export const destinationSchema = z.object({
  pageId: z.string().min(1),
  pageName: z.string(),
  igUserId: z.string().min(1).optional(),
});
export type Destination = z.infer<typeof destinationSchema>;
/** The brand's connected Page as the API shows it: the destination and when Meta last confirmed it. */
export const connectedDestinationSchema = destinationSchema.extend({ verifiedAt: z.string() });

export const featuredProductSchema = z.object({
  variantId: z.string(),
  sku: z.string().optional(),
  title: z.string(),
  priceMinor: z.number().int().nonnegative(),
  currency: z.string().length(3),
  stock: z.number(),
  daysOfCover: z.number().nullable(),
  /** Why this product: overstock, margin, bestseller (with the number that earned it). */
  reason: z.string(),
  kind: z.enum(['overstock', 'margin', 'bestseller']),
});
export type FeaturedProduct = z.infer<typeof featuredProductSchema>;

export const postCommentSchema = z.object({
  at: z.string(),
  uid: z.string(),
  text: z.string().min(1).max(2000),
});

export const postSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  planMonth: z.string().regex(/^\d{4}-\d{2}$/),
  status: z.enum(POST_STATUSES),
  channels: z.array(channelSchema).min(1),
  caption: z.string().min(1).max(2200),
  hashtags: z.array(z.string().regex(/^#[\p{L}\p{N}_]+$/u)).max(30),
  callToAction: z.string().max(120),
  product: featuredProductSchema,
  /** MediaStore key of the rendered image. */
  imageKey: z.string().optional(),
  scheduledFor: z.string().optional(),
  destination: destinationSchema.optional(),
  publishedIds: z.record(z.string(), z.string()).default({}),
  lastError: z.string().optional(),
  comments: z.array(postCommentSchema).default([]),
  history: z.array(z.object({ at: z.string(), uid: z.string(), status: z.enum(POST_STATUSES) })).default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Post = z.infer<typeof postSchema>;

/** The text a platform receives: caption, call to action and hashtags. */
export function postText(post: Pick<Post, 'caption' | 'callToAction' | 'hashtags'>): string {
  return [post.caption, post.callToAction, post.hashtags.join(' ')].filter((s) => s.length > 0).join('\n\n');
}

/** The post moved to `to` by `uid` at `at`, or a reason it cannot move. */
export function transition(
  post: Post,
  to: PostStatus,
  by: { uid: string; at: string },
): { ok: true; post: Post } | { ok: false; reason: string } {
  if (!canTransition(post.status, to))
    return { ok: false, reason: `a ${post.status} post cannot become ${to}` };
  return {
    ok: true,
    post: {
      ...post,
      status: to,
      updatedAt: by.at,
      history: [...post.history, { at: by.at, uid: by.uid, status: to }],
    },
  };
}
