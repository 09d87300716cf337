import { z } from 'zod';
import { type Brief, briefSchema } from '../domain/content/brief';
import { destinationSchema, type Post, postSchema } from '../domain/content/post';
import { type BrandProfile, brandProfileSchema } from '../domain/content/profile';
import { canAccessBrand } from '../domain/tenancy';
import { NotFoundError } from '../kernel/errors';
import type { DocReader, DocumentDb, DocWriter } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';

/**
 * The content studio's documents, under the brand document (`tenants/{t}/brands/{b}/…`) on both
 * backends: briefs (one per month, each save also kept as a version), the brand profile, posts,
 * publish records (one per post: what was sent where, written before each call) and the Meta
 * destination the brand publishes to.
 */
const COLLECTIONS = {
  briefs: 'contentBriefs',
  briefVersions: 'contentBriefVersions',
  profiles: 'contentProfiles',
  posts: 'contentPosts',
  publishRecords: 'contentPublishRecords',
  destinations: 'contentDestinations',
} as const;
type Collection = keyof typeof COLLECTIONS;

const seg = (id: string) => {
  if (id === '' || id === '.' || id === '..') throw new RangeError(`invalid document id "${id}"`);
  return encodeURIComponent(id);
};
export function contentCollection(scope: BrandScope, name: Collection): string {
  if (!canAccessBrand(scope.ctx, scope.brandId)) throw new NotFoundError(`brand ${scope.brandId} not found`);
  return `tenants/${seg(scope.ctx.tenantId)}/brands/${seg(scope.brandId)}/${COLLECTIONS[name]}`;
}
const docPath = (scope: BrandScope, name: Collection, id: string) =>
  `${contentCollection(scope, name)}/${seg(id)}`;

/** Where a brand publishes: its Page and linked Instagram account, verified when connected. */
export const contentDestinationSchema = destinationSchema.extend({
  igUsername: z.string().optional(),
  secretName: z.string(),
  apiBaseUrl: z.string().url().optional(),
  verifiedAt: z.string(),
  updatedAt: z.string(),
});
export type ContentDestination = z.infer<typeof contentDestinationSchema>;

const channelRecordSchema = z.object({
  /** `calling`: the request may have been sent and its outcome is not known yet. */
  state: z.enum(['calling', 'container', 'done']),
  startedAt: z.string(),
  remoteId: z.string().optional(),
  containerId: z.string().optional(),
  /** The exact text sent: reconciliation looks for it on the platform. */
  text: z.string(),
});
export const publishRecordSchema = z.object({
  postId: z.string(),
  pageId: z.string(),
  igUserId: z.string().optional(),
  attempts: z.number().int(),
  channels: z.record(z.string(), channelRecordSchema).default({}),
  /** While set and in the future, one attempt holds the post; others skip it. */
  leaseUntil: z.string().optional(),
  /** After a transient failure, the sweep leaves the post alone until then (backoff). */
  nextAttemptAt: z.string().optional(),
  updatedAt: z.string(),
});
export type PublishRecord = z.infer<typeof publishRecordSchema>;
export type ChannelRecord = z.infer<typeof channelRecordSchema>;

function reader<T>(schema: z.ZodType<T>, name: Collection) {
  return {
    async get(db: DocReader, scope: BrandScope, id: string): Promise<T | undefined> {
      const doc = await db.get(docPath(scope, name, id));
      return doc ? schema.parse(doc.data) : undefined;
    },
    async list(db: DocReader, scope: BrandScope): Promise<T[]> {
      return (await db.query(contentCollection(scope, name))).map((d) => schema.parse(d.data));
    },
    async put(db: DocWriter, scope: BrandScope, id: string, value: T): Promise<void> {
      await db.set(docPath(scope, name, id), schema.parse(value) as Record<string, unknown>);
    },
    async delete(db: DocWriter, scope: BrandScope, id: string): Promise<void> {
      await db.delete(docPath(scope, name, id));
    },
  };
}

export const briefs = reader(briefSchema, 'briefs');
export const briefVersions = reader(briefSchema, 'briefVersions');
export const profiles = reader(brandProfileSchema, 'profiles');
export const posts = reader(postSchema, 'posts');
export const publishRecords = reader(publishRecordSchema, 'publishRecords');
export const destinations = reader(contentDestinationSchema, 'destinations');

/** The one Meta destination per brand. */
export const META_DESTINATION = 'meta';
export const CURRENT_PROFILE = 'current';

export const briefVersionId = (brief: Pick<Brief, 'month' | 'version'>) =>
  `${brief.month}@${String(brief.version).padStart(4, '0')}`;

export async function postsByStatus(
  db: DocumentDb,
  scope: BrandScope,
  status: Post['status'],
): Promise<Post[]> {
  const docs = await db.query(contentCollection(scope, 'posts'), { where: [['status', '==', status]] });
  return docs.map((d) => postSchema.parse(d.data));
}

export type { BrandProfile, Brief, Post };
