import type { AlertDraft } from '../alerts/types';
import { declareEvidence, type EvidenceDeclaration } from '../evidence';
import { createFormat } from '../format';
import type { Post } from './post';

/**
 * The alert a post that will not be published raises: which post (its product and the time it
 * was due, in the brand's timezone) and why. `blocked`: the destination changed or the token
 * cannot reach it (decision 884), so retrying will not help; otherwise the retries ran out.
 */
/** What a failed post's alert evidence measures (shared/domain/evidence.ts). */
export const PUBLISH_FAILED_EVIDENCE = {
  post_id: { unit: 'internal', label: 'Post (id)' },
  product: { unit: 'text', label: 'Product in the post' },
  scheduled_for: { unit: 'date', label: 'Was due' },
  page: { unit: 'text', label: 'Facebook Page' },
  channels: { unit: 'text', label: 'Posting to' },
  attempts: { unit: 'count', label: 'Publishing attempts' },
  reason: { unit: 'text', label: 'Why it was not published' },
} as const satisfies EvidenceDeclaration;

export function contentPublishAlert(input: {
  brandId: string;
  timeZone: string;
  currency: string;
  post: Pick<Post, 'id' | 'product' | 'scheduledFor' | 'destination' | 'channels'>;
  reason: string;
  blocked: boolean;
  attempts?: number;
}): AlertDraft {
  const { post } = input;
  const fmt = createFormat({ locale: 'en-US', currency: input.currency, timeZone: input.timeZone });
  const due = post.scheduledFor ? fmt.instant(post.scheduledFor) : 'its scheduled time';
  const where = post.destination?.pageName ? ` to ${post.destination.pageName}` : '';
  return {
    brandId: input.brandId,
    dedupeKey: `content_publish_failed:${post.id}`,
    type: 'content_publish_failed',
    severity: 'warning',
    title: `The ${post.product.title} post due ${due} was not published`,
    explanation: input.blocked
      ? `Publishing${where} was stopped before anything was posted: ${input.reason}.`
      : `Publishing${where} failed ${input.attempts ?? 1} ${input.attempts === 1 ? 'time' : 'times'} and will not be retried: ${input.reason}.`,
    recommendedAction: input.blocked
      ? 'Check the Facebook Page connected under Content → Publishing, then schedule the post again.'
      : 'Open the post under Content, check the publishing log, and schedule it again when Meta is reachable.',
    ...declareEvidence(PUBLISH_FAILED_EVIDENCE, {
      post_id: post.id,
      product: post.product.title,
      scheduled_for: post.scheduledFor ?? null,
      page: post.destination?.pageName ?? null,
      channels: post.channels.join(', '),
      attempts: input.attempts ?? null,
      reason: input.reason,
    }),
  };
}
