import { z } from 'zod';
import type { ChannelKind } from '../domain/engagement/channel';
import { normaliseAddress } from '../domain/engagement/consent';
import { ConflictError, NotFoundError } from '../kernel/errors';
import type { Logger } from '../kernel/logging/logger';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { EventBus } from '../ports/events';
import type { MessageChannel } from '../ports/message-channel';
import type { OperationalStore } from '../ports/operational-store';
import type { SecretStore } from '../ports/secret-store';
import type { TaskQueue } from '../ports/task-queue';
import type { Warehouse } from '../ports/warehouse';
import type { BrandScope } from '../ports/warehouse-rows';
import { createWarehouseAudience } from './audience';
import { createAutomationService, STEP_QUEUE, type StepTask, stepTaskSchema } from './automations';
import { campaignBatchTaskSchema, createCampaignRuns } from './campaign-runs';
import { createCampaignService } from './campaigns';
import { createConsentStore } from './consent';
import { createOpenReceiver } from './opens';
import { collectionPath } from './paths';
import { type SendRecord, sendRecordSchema } from './send-record';
import { createMessageSender } from './sender';
import { createEngagementTimeline } from './timeline';
import { createClickReceiver, createTrackingLinks } from './tracking';
import { createTwilioWebhookReceiver, twilioWebhookPath } from './twilio-webhooks';
import { createUnsubscribeLinks, createUnsubscribeReceiver } from './unsubscribe';

/** The `engagement-steps` queue's other task: send a message held for quiet hours. */
export const releaseTaskSchema = z.object({
  kind: z.literal('release'),
  tenantId: z.string(),
  brandId: z.string(),
  sendId: z.string(),
});
export type ReleaseTask = z.infer<typeof releaseTaskSchema>;
export const engagementTaskSchema = z.union([releaseTaskSchema, stepTaskSchema]);

export interface EngagementDeps {
  documents: DocumentDb;
  store: OperationalStore;
  warehouse: Warehouse;
  bus: EventBus;
  tasks: TaskQueue;
  secrets: SecretStore;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The channels the composition root configured (absent ones skip with `channel_not_configured`). */
  channels: Partial<Record<ChannelKind, MessageChannel>>;
  /** Where Twilio and mail clients reach this installation (PUBLIC_URL). */
  publicUrl: string;
  /** The channels' rate limit, messages per second (ENGAGEMENT_RATE_PER_SECOND). */
  ratePerSecond: number;
  /** Customers per queued campaign batch (default: about a minute at the rate, at most 500). */
  campaignBatchSize?: number;
  dryRun: boolean;
  /** The plan's message allowance (billing/limits), one message at a time; absent: unmetered. */
  allowance?: (scope: BrandScope) => Promise<string | null>;
  /** `X-Twilio-Signature` check; absent: Twilio webhooks are refused. */
  verifyTwilio?: (url: string, params: Readonly<Record<string, string>>, signature: string | null) => boolean;
}

/**
 * The engagement feature wired from ports: consent, the sender and its ledger, campaigns,
 * automations, the outbox, and the public receivers (Twilio webhooks, one-click unsubscribe, click
 * and open tracking).
 */
export function createEngagement(deps: EngagementDeps) {
  const db = deps.documents;
  const timeZoneOf = async (scope: BrandScope) => {
    const brand = await deps.store.brands.get(scope.ctx, scope.brandId);
    if (!brand) throw new NotFoundError(`brand ${scope.brandId} not found`);
    return brand.timezone;
  };
  const consent = createConsentStore({ db, clock: deps.clock });
  const timeline = createEngagementTimeline({ ...deps, timeZoneOf });
  const links = createUnsubscribeLinks({ secrets: deps.secrets, publicUrl: deps.publicUrl });
  const tracking = createTrackingLinks({ secrets: deps.secrets, publicUrl: deps.publicUrl });
  const origin = deps.publicUrl.replace(/\/$/, '');
  const sender = createMessageSender({
    db,
    consent,
    clock: deps.clock,
    timeline,
    channels: deps.channels,
    policy: { dryRun: deps.dryRun },
    ...(deps.allowance ? { allowance: deps.allowance } : {}),
    statusCallbackUrl: (s) => `${origin}${twilioWebhookPath(s.ctx.tenantId, s.brandId, 'status')}`,
    trackLinks: (s, send) => tracking.track(s, send),
    trackHtml: (s, send) => tracking.trackHtml(s, send),
    unsubscribeUrl: (s, channel, address, sendId) => links.url(s, channel, address, sendId),
    // Held for quiet hours: a task on the steps queue sends it when the customer's morning comes.
    onHeld: async (s, send) => {
      const releaseAt = Date.parse(send.releaseAt ?? '');
      const task: ReleaseTask = {
        kind: 'release',
        tenantId: s.ctx.tenantId,
        brandId: s.brandId,
        sendId: send.id,
      };
      await deps.tasks.enqueue(STEP_QUEUE, task, {
        name: `release-${send.id}-${releaseAt}`,
        delayMs: Math.max(0, releaseAt - deps.clock.now().getTime()),
      });
    },
  });
  const audience = createWarehouseAudience(deps.warehouse, deps.clock);
  const campaigns = createCampaignService({
    db,
    sender,
    audience,
    orders: audience,
    clock: deps.clock,
    ids: deps.ids,
    timeZoneOf,
  });
  const campaignRuns = createCampaignRuns({
    db,
    tasks: deps.tasks,
    campaigns,
    audience,
    clock: deps.clock,
    ids: deps.ids,
    timeZoneOf,
    ratePerSecond: deps.ratePerSecond,
    ...(deps.campaignBatchSize ? { batchSize: deps.campaignBatchSize } : {}),
  });
  const automations = createAutomationService({
    db,
    sender,
    tasks: deps.tasks,
    orders: audience,
    clock: deps.clock,
    timeZoneOf,
  });
  const verify = deps.verifyTwilio ?? (() => false);
  return {
    consent,
    timeline,
    sender,
    audience,
    campaigns,
    campaignRuns,
    automations,
    links,
    timeZoneOf,
    ratePerSecond: deps.ratePerSecond,
    dryRun: deps.dryRun,
    configuredChannels: (Object.keys(deps.channels) as ChannelKind[]).sort(),
    /** Runs one `engagement-steps` task: an automation step, or the release of a held message. */
    async runTask(payload: unknown, systemCtx: (tenantId: string) => BrandScope['ctx']) {
      const task = engagementTaskSchema.parse(payload);
      const scope = { ctx: systemCtx(task.tenantId), brandId: task.brandId };
      if ('kind' in task && task.kind === 'release') return sender.release(scope, task.sendId);
      return automations.runStep(scope, task as StepTask);
    },
    /** Runs one `engagement-campaigns` task: a batch of a queued campaign send. */
    async runCampaignTask(payload: unknown, systemCtx: (tenantId: string) => BrandScope['ctx'], attempt = 1) {
      const task = campaignBatchTaskSchema.parse(payload);
      return campaignRuns.runBatch({ ctx: systemCtx(task.tenantId), brandId: task.brandId }, task, attempt);
    },
    /** What was sent or would be sent (dry run), newest first. */
    async outbox(
      scope: BrandScope,
      filter: { sourceKey?: string; limit?: number } = {},
    ): Promise<SendRecord[]> {
      const docs = await db.query(collectionPath(scope, 'sends'), {
        ...(filter.sourceKey ? { where: [['sourceKey', '==', filter.sourceKey] as const] } : {}),
        orderBy: [['createdAt', 'desc']],
        limit: filter.limit ?? 200,
      });
      return docs.map((d) => sendRecordSchema.parse(d.data));
    },
    /**
     * Sends what each variant says, rendered for a sample customer, to the merchant's own address:
     * straight through the channel, outside the ledger and the results (it is not marketing to a
     * customer, so consent and caps do not apply).
     */
    async testSend(scope: BrandScope, campaignId: string, to: string, values: Record<string, string | null>) {
      const campaign = await campaigns.get(scope, campaignId);
      const channel = deps.channels[campaign.channel];
      if (!channel) throw new ConflictError(`the ${campaign.channel} channel is not configured`);
      const out = [];
      for (const v of campaigns.preview(campaign, values)) {
        const outcome = await channel.send({
          channel: campaign.channel,
          to: normaliseAddress(campaign.channel, to),
          text: v.text,
          ...(v.subject ? { subject: `[Test] ${v.subject}` } : {}),
          reference: `test:${campaign.id}:${v.variantId}`,
        });
        out.push({ variantId: v.variantId, ...outcome });
      }
      return out;
    },
    twilioWebhooks: createTwilioWebhookReceiver({
      db,
      consent,
      timeline,
      logger: deps.logger,
      clock: deps.clock,
      verify,
      publicUrl: origin,
    }),
    unsubscribe: createUnsubscribeReceiver({ links, consent, db, clock: deps.clock, timeline }),
    click: createClickReceiver({ links: tracking, db, clock: deps.clock, timeline }),
    open: createOpenReceiver({ links: tracking, db, clock: deps.clock, timeline }),
    /** Closes the channels' pooled connections (shutdown, tests). */
    async close() {
      await Promise.all(Object.values(deps.channels).map((c) => c?.close?.()));
    },
  };
}
export type Engagement = ReturnType<typeof createEngagement>;
