import { z } from 'zod';
import { assignGroup } from '../domain/engagement/assignment';
import { channelKindSchema } from '../domain/engagement/consent';
import { featuredProductsSchema } from '../domain/engagement/featured';
import { tagLinks, utmSlug } from '../domain/engagement/links';
import { type EngagementResults, engagementResults } from '../domain/engagement/results';
import { renderTemplate } from '../domain/engagement/template';
import { addDays, toLocalDate } from '../domain/time';
import { ConflictError, NotFoundError, RetryableError } from '../kernel/errors';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import type { AudienceSource, CampaignAudience, OrdersSource, Recipient } from './audience';
import { measureSends, sendsOf } from './measure';
import { createPacer, type Pacer, withRetry } from './pacer';
import { collectionPath, docPath } from './paths';
import type { MessageSender, SendResult } from './sender';

export const variantSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  name: z.string().min(1).max(100),
  weight: z.number().positive(),
  subject: z.string().max(300).nullable().default(null),
  text: z.string().min(1).max(5_000),
});
export const campaignInputSchema = z.object({
  name: z.string().min(1).max(200),
  channel: channelKindSchema,
  /** An RFM segment (`at_risk`, `lost`, …); null = every scored customer. */
  segment: z.string().nullable(),
  holdoutShare: z.number().min(0).max(0.5).default(0.1),
  variants: z.array(variantSchema).min(1).max(5),
  /** Orders this many days from the send count towards the results. */
  attributionDays: z.number().int().min(1).max(60).default(7),
  productIds: featuredProductsSchema,
  /**
   * Narrows the audience to the customers with recent interest in this product or its category
   * (customers/product-interest.ts; an engage recommendation suggests it).
   */
  interestIn: z
    .object({
      variantId: z.string().min(1).max(200),
      productId: z.string().min(1).max(200).nullable().default(null),
    })
    .optional(),
});
export const campaignSchema = campaignInputSchema.extend({
  id: z.string(),
  /**
   * `paused`: held because a product it features is out of stock, as a draft or mid-send
   * (campaign-runs.ts `resume` makes it a draft again, or sending the rest).
   */
  status: z.enum(['draft', 'sending', 'sent', 'paused']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type CampaignInput = z.input<typeof campaignInputSchema>;
export type Campaign = z.infer<typeof campaignSchema>;

export interface CampaignResults extends EngagementResults {
  campaignId: string;
  window: { from: string; to: string } | null;
}

/** What happened to one recipient: the sender's result, or `retry` when still throttled. */
export type RecipientOutcome = { customerId: string } & (SendResult | { outcome: 'retry' });

export interface CampaignServiceDeps {
  db: DocumentDb;
  sender: MessageSender;
  audience: AudienceSource;
  orders: OrdersSource;
  clock: Clock;
  ids: Ids;
  /** The brand's IANA timezone (its days bound the results window). */
  timeZoneOf: (scope: BrandScope) => Promise<string>;
}

/** The step of a one-time campaign: one message per customer. */
export const CAMPAIGN_STEP = 'message';
/**
 * A rehearsal's step: its ledger entries must not turn the real send into duplicates, and the
 * results leave them out.
 */
const DRY_RUN_STEP = 'dry-run';

/**
 * One-time campaigns to a segment: each customer is assigned once to the holdout or a variant
 * (domain/engagement/assignment), every send goes through the sender's ledger, and results compare
 * the variants' orders and revenue with the holdout's.
 */
export function createCampaignService(deps: CampaignServiceDeps) {
  async function get(scope: BrandScope, id: string): Promise<Campaign> {
    const doc = await deps.db.get(docPath(scope, 'campaigns', id));
    if (!doc) throw new NotFoundError(`campaign ${id} not found`);
    return campaignSchema.parse(doc.data);
  }

  function render(campaign: Campaign, variantId: string, r: Pick<Recipient, 'values'>) {
    const v = campaign.variants.find((x) => x.id === variantId) ?? campaign.variants[0];
    if (!v) throw new NotFoundError(`variant ${variantId} not found`);
    return {
      subject: v.subject === null ? null : renderTemplate(v.subject, r.values),
      text: tagLinks(renderTemplate(v.text, r.values), {
        medium: campaign.channel,
        campaign: campaign.name,
        content: v.id,
      }),
    };
  }

  /**
   * Marks the campaign sending or sent; `sentAt` is the moment sending began, kept once set (the
   * results window starts that day).
   */
  async function setStatus(scope: BrandScope, campaign: Campaign, status: 'sending' | 'sent') {
    const next: Campaign = { ...campaign, status, sentAt: campaign.sentAt ?? deps.clock.now().toISOString() };
    await deps.db.set(docPath(scope, 'campaigns', campaign.id), next);
    return next;
  }

  /**
   * Sends the campaign's message to these recipients, each through the sender's ledger: the
   * holdout is assigned and recorded, a repeat is a duplicate. Paced with `pacer` (only a message
   * that may reach the provider takes a slot); a send still throttled after the retries is left
   * `retry` in the ledger for a later pass. Timeline events are written once, at the end.
   */
  async function deliver(
    scope: BrandScope,
    campaign: Campaign,
    recipients: readonly Recipient[],
    options: {
      dryRun?: boolean;
      pacer?: Pacer;
      /** Asked before every `every`-th recipient (not the first): true stops the delivery there. */
      stopWhen?: { every: number; check: () => Promise<boolean> };
    } = {},
  ): Promise<{ outcomes: RecipientOutcome[]; throttled: number; stopped: boolean }> {
    const rehearsal = options.dryRun === true;
    const { pacer, stopWhen } = options;
    const outcomes: RecipientOutcome[] = [];
    let throttled = 0;
    for (const [i, r] of recipients.entries()) {
      if (stopWhen && i > 0 && i % stopWhen.every === 0 && (await stopWhen.check())) {
        await deps.sender.flush();
        return { outcomes, throttled, stopped: true };
      }
      const a = assignGroup(campaign.id, r.customerId, campaign.holdoutShare, campaign.variants);
      const variantId = a.group === 'treated' ? a.variantId : null;
      const content = render(campaign, variantId ?? (campaign.variants[0]?.id as string), r);
      const request = {
        source: { kind: 'campaign' as const, id: campaign.id },
        step: rehearsal ? DRY_RUN_STEP : CAMPAIGN_STEP,
        customer: { id: r.customerId, timeZone: r.timeZone, addresses: r.addresses },
        channel: campaign.channel,
        group: a.group,
        variantId,
        subject: content.subject,
        text: content.text,
      };
      const sendOptions = {
        batch: true,
        ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
      };
      try {
        const result = await withRetry(
          async () => {
            if (pacer && a.group === 'treated') await pacer.wait();
            return deps.sender.send(scope, request, sendOptions);
          },
          {
            ...(pacer ? { pacer } : {}),
            onRetry: () => {
              throttled++;
            },
          },
        );
        outcomes.push({ customerId: r.customerId, ...result });
      } catch (err) {
        // Still refused after the retries: left as `retry` in the ledger, for the next pass.
        if (!(err instanceof RetryableError)) throw err;
        outcomes.push({ customerId: r.customerId, outcome: 'retry' });
      }
    }
    await deps.sender.flush();
    return { outcomes, throttled, stopped: false };
  }

  return {
    get,
    async list(scope: BrandScope): Promise<Campaign[]> {
      const docs = await deps.db.query(collectionPath(scope, 'campaigns'), {
        orderBy: [['createdAt', 'desc']],
      });
      return docs.map((d) => campaignSchema.parse(d.data));
    },
    async create(scope: BrandScope, input: CampaignInput, id = `cmp_${deps.ids.next()}`): Promise<Campaign> {
      const campaign: Campaign = {
        ...campaignInputSchema.parse(input),
        id,
        status: 'draft',
        createdAt: deps.clock.now().toISOString(),
        sentAt: null,
      };
      await deps.db.set(docPath(scope, 'campaigns', id), campaign);
      return campaign;
    },
    /** The live audience size of a segment (narrowed to a product's interested customers). */
    audienceCount: (scope: BrandScope, audience: CampaignAudience) => deps.audience.count(scope, audience),
    /** What each variant would say to a sample customer. */
    preview(campaign: Campaign, values: Record<string, string | null>) {
      return campaign.variants.map((v) => ({ variantId: v.id, ...render(campaign, v.id, { values }) }));
    },
    deliver,
    setStatus,
    /**
     * Sends the campaign to its whole audience in this process (or records what it would send,
     * with dryRun): the demo, the bench and tests; the API queues it in batches instead
     * (campaign-runs.ts). Safe to call again: the ledger turns every repeat into a duplicate, so a
     * retried run only completes the missing sends.
     */
    async send(
      scope: BrandScope,
      campaignId: string,
      options: {
        dryRun?: boolean;
        recipients?: Recipient[];
        /** The channel's rate limit: sends are paced to stay at or under it. */
        ratePerSecond?: number;
      } = {},
    ) {
      let campaign = await get(scope, campaignId);
      if (campaign.status === 'paused' && options.dryRun !== true)
        throw new ConflictError(`campaign ${campaignId} is paused: a product it features is out of stock`);
      const recipients =
        options.recipients ?? (await deps.audience.recipients(scope, campaign, await deps.timeZoneOf(scope)));
      const rehearsal = options.dryRun === true;
      if (!rehearsal) campaign = await setStatus(scope, campaign, 'sending');
      const { outcomes, throttled } = await deliver(scope, campaign, recipients, {
        ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
        ...(options.ratePerSecond ? { pacer: createPacer(options.ratePerSecond) } : {}),
      });
      const tally: Record<string, number> = throttled ? { throttled } : {};
      for (const o of outcomes) {
        const key = o.outcome === 'recorded' ? o.send.status : o.outcome;
        tally[key] = (tally[key] ?? 0) + 1;
      }
      if (!rehearsal) await setStatus(scope, campaign, 'sent');
      return tally;
    },
    async results(scope: BrandScope, campaignId: string): Promise<CampaignResults> {
      const campaign = await get(scope, campaignId);
      const sends = (await sendsOf(deps.db, scope, { kind: 'campaign', id: campaignId })).filter(
        (s) => s.step !== DRY_RUN_STEP,
      );
      if (!campaign.sentAt || sends.length === 0)
        return { campaignId, window: null, ...engagementResults([], []) };
      const tz = await deps.timeZoneOf(scope);
      const from = toLocalDate(new Date(campaign.sentAt), tz);
      const window = { from, to: addDays(from, campaign.attributionDays) };
      const measured = await measureSends(deps.orders, scope, sends, {
        window,
        utmCampaign: utmSlug(campaign.name),
      });
      return { campaignId, window, ...measured };
    },
  };
}
export type CampaignService = ReturnType<typeof createCampaignService>;
