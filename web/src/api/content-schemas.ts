import { z } from 'zod';
import { briefSchema } from '../../../shared/domain/content/brief';
import { connectedDestinationSchema, postSchema } from '../../../shared/domain/content/post';
import { brandProfileSchema } from '../../../shared/domain/content/profile';

/** The content studio's API answers (shared/api/routes/content.ts), parsed before any page uses them. */
export const postList = z.object({ posts: z.array(postSchema) });
export const briefList = z.object({ briefs: z.array(briefSchema) });
/** A month without a brief answers `brief: null`; a brand without a profile answers `null` (not a 404). */
export const briefWithHistory = z.object({ brief: briefSchema.nullable(), history: z.array(briefSchema) });
export const profileView = brandProfileSchema;
export const maybeProfile = brandProfileSchema.nullable();
export const postView = postSchema;
/** The connected Facebook Page, or `null` while none is (not a 404). */
export const maybeDestination = connectedDestinationSchema.nullable();
export const briefView = briefSchema;
export const contentLog = z.object({
  entries: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      target: z.string(),
      actor: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
export const scheduleResult = z
  .object({ scheduled: z.array(postSchema), unscheduled: z.number() })
  .passthrough();
