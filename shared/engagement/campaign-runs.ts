import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConflictError, NotFoundError, RetryableError } from '../kernel/errors';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { TaskQueue } from '../ports/task-queue';
import type { BrandScope } from '../ports/warehouse-rows';
import type { AudienceSource } from './audience';
import { type Campaign, type CampaignService, campaignSchema, type RecipientOutcome } from './campaigns';
import { createPacer } from './pacer';
import { docPath } from './paths';
import { SEND_LEASE_MS } from './sender';

/** The Cloud Tasks queue (embedded: the in-process queue) the `engagement-campaigns` function serves. */
export const CAMPAIGN_QUEUE = 'engagement-campaigns';

/** One batch of a queued campaign send: the customers after `after`, in customer id order. */
export const campaignBatchTaskSchema = z.object({
  kind: z.literal('campaign-batch'),
  tenantId: z.string(),
  brandId: z.string(),
  runId: z.string(),
  batch: z.number().int().min(0),
  /** The last customer of the previous batch (keyset paging); null for the first. */
  after: z.string().nullable(),
});
export type CampaignBatchTask = z.infer<typeof campaignBatchTaskSchema>;

export const campaignRunSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['sending', 'done']),
  /** The audience counted when the send started (null on runs from before it was kept). */
  audience: z.number().int().min(0).nullable().default(null),
  /**
   * Times the send was resumed after a stockout paused it mid-send: part of the batch task's name,
   * since Cloud Tasks refuses a name it has seen and the paused batch's name was used.
   */
  resumes: z.number().int().min(0).default(0),
  batchSize: z.number().int().positive(),
  /** Batches finished, which is also the number of the next one. */
  batches: z.number().int().min(0),
  /** The last customer of the last finished batch. */
  after: z.string().nullable(),
  /** Customers of the finished batches. */
  customers: z.number().int().min(0),
  /**
   * Those customers by the status their message was left in (`sent`, `holdout`, `skipped`, …;
   * `retry` and `in_flight` when a batch gave up waiting for them).
   */
  statuses: z.record(z.string(), z.number()),
  /** 429s retried on the way. */
  throttled: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type CampaignRun = z.infer<typeof campaignRunSchema>;

/** Messages that reached the provider so far (the ledger's `WENT_OUT` statuses on the run). */
export const sentSoFar = (run: Pick<CampaignRun, 'statuses'>) =>
  (run.statuses.sent ?? 0) + (run.statuses.delivered ?? 0) + (run.statuses.undelivered ?? 0);
/** Customers of the audience counted at the start that no batch has reached yet. */
export const remainingOf = (run: Pick<CampaignRun, 'audience' | 'customers'>) =>
  run.audience === null ? null : Math.max(0, run.audience - run.customers);

/** How often, in messages, a batch looks again at whether its campaign was paused meanwhile. */
export const PAUSE_CHECK_EVERY = 25;

/**
 * A batch whose messages are not all settled (one still `sending` under another worker's lease or
 * a crashed one's, or `retry` after a 429) is retried this many times before the run moves on
 * without them. Cloud Tasks backs off 10 s doubling to 600 s (the queue's retry config), so the
 * last attempts come after a dead worker's 5-minute lease has run out and reclaim its message.
 */
export const MAX_BATCH_ATTEMPTS = 8;
/** How long a batch waits before trying a throttled (`retry`) message again. */
const RETRY_WAIT_MS = 30_000;

/** About a minute of sending at the channel's rate, at most 500 customers (a Firestore read each). */
export const batchSizeFor = (ratePerSecond: number) =>
  Math.max(1, Math.min(500, Math.floor(ratePerSecond * 60)));

export interface CampaignRunDeps {
  db: DocumentDb;
  tasks: TaskQueue;
  campaigns: Pick<CampaignService, 'get' | 'deliver'>;
  audience: Pick<AudienceSource, 'recipients' | 'count'>;
  clock: Clock;
  ids: Ids;
  timeZoneOf: (scope: BrandScope) => Promise<string>;
  /** The channels' rate limit; each batch is paced to it. */
  ratePerSecond: number;
  batchSize?: number;
}

/** A real send of a campaign has one run, whatever the clicks: its id derives from the campaign. */
export const runIdFor = (campaignId: string) =>
  `csr_${createHash('sha256').update(`campaign-send|${campaignId}`).digest('hex').slice(0, 24)}`;
/**
 * Cloud Tasks refuses a name it has seen (about an hour): a batch is enqueued once per resumption
 * (a batch that stopped for a pause used its name; the resume enqueues it again under a new one).
 */
const taskName = (run: Pick<CampaignRun, 'id' | 'resumes'>, batch: number) =>
  run.resumes === 0 ? `${run.id}-b${batch}` : `${run.id}-r${run.resumes}-b${batch}`;

/**
 * Campaign sends through the task queue: the API records a run and enqueues its first batch;
 * the `engagement-campaigns` function sends one batch per task (paced, through the sender's
 * ledger, so each customer gets the message once however often a task is delivered), records the
 * batch on the run and enqueues the next. A crash mid-batch makes the task fail and be delivered
 * again: the customers already recorded are duplicates, the one in flight waits out its lease.
 */
export function createCampaignRuns(deps: CampaignRunDeps) {
  const batchSize = deps.batchSize ?? batchSizeFor(deps.ratePerSecond);
  const nowIso = () => deps.clock.now().toISOString();

  async function getRun(scope: BrandScope, runId: string): Promise<CampaignRun> {
    const doc = await deps.db.get(docPath(scope, 'campaignRuns', runId));
    if (!doc) throw new NotFoundError(`campaign send ${runId} not found`);
    return campaignRunSchema.parse(doc.data);
  }

  async function enqueueBatch(scope: BrandScope, run: CampaignRun, batch: number, after: string | null) {
    const task: CampaignBatchTask = {
      kind: 'campaign-batch',
      tenantId: scope.ctx.tenantId,
      brandId: scope.brandId,
      runId: run.id,
      batch,
      after,
    };
    await deps.tasks.enqueue(CAMPAIGN_QUEUE, task, { name: taskName(run, batch) });
  }

  /** Where each customer's message was left: the stored status for a duplicate too. */
  const settled = (o: RecipientOutcome) =>
    o.outcome === 'retry' ? 'retry' : o.send.status === 'sending' ? 'in_flight' : o.send.status;

  /** How long until the unsettled messages may be taken again: the latest lease end, or a retry wait. */
  function waitFor(outcomes: readonly RecipientOutcome[]): number {
    const now = deps.clock.now().getTime();
    let wait = 0;
    for (const o of outcomes) {
      const state = settled(o);
      if (state === 'retry') wait = Math.max(wait, RETRY_WAIT_MS);
      if (state === 'in_flight' && o.outcome !== 'retry')
        wait = Math.max(wait, Date.parse(o.send.updatedAt) + SEND_LEASE_MS - now + 1_000);
    }
    return Math.max(1_000, wait);
  }

  return {
    batchSize,
    get: async (scope: BrandScope, campaignId: string, runId: string) => {
      const run = await getRun(scope, runId);
      if (run.campaignId !== campaignId) throw new NotFoundError(`campaign send ${runId} not found`);
      return run;
    },
    /**
     * Starts a send: a draft becomes `sending` and gets its run in one transaction, so a second
     * click cannot start a second run. Asked again while it is sending, the same run is answered
     * and its current batch enqueued again (the name makes that a no-op unless the first enqueue
     * was lost). A dry run leaves the campaign a draft and gets a run of its own each time.
     */
    async start(scope: BrandScope, campaignId: string, options: { dryRun: boolean }): Promise<CampaignRun> {
      const now = nowIso();
      const audience = await deps.audience.count(scope, await deps.campaigns.get(scope, campaignId));
      const fresh = (id: string): CampaignRun => ({
        id,
        campaignId,
        dryRun: options.dryRun,
        status: 'sending',
        audience,
        resumes: 0,
        batchSize,
        batches: 0,
        after: null,
        customers: 0,
        statuses: {},
        throttled: 0,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      });
      let run: CampaignRun;
      if (options.dryRun) {
        run = fresh(`csr_${deps.ids.next()}`);
        await deps.db.set(docPath(scope, 'campaignRuns', run.id), run);
      } else {
        const campaignPath = docPath(scope, 'campaigns', campaignId);
        const runPath = docPath(scope, 'campaignRuns', runIdFor(campaignId));
        run = await deps.db.runTransaction(async (tx) => {
          const [campaignDoc, runDoc] = [await tx.get(campaignPath), await tx.get(runPath)];
          if (!campaignDoc) throw new NotFoundError(`campaign ${campaignId} not found`);
          const campaign = campaignSchema.parse(campaignDoc.data);
          const existing = runDoc ? campaignRunSchema.parse(runDoc.data) : undefined;
          if (campaign.status === 'sending' && existing && existing.status === 'sending') return existing;
          if (campaign.status !== 'draft')
            throw new ConflictError(`campaign ${campaignId} is already ${campaign.status}`);
          const created = fresh(runIdFor(campaignId));
          await tx.set(campaignPath, { ...campaign, status: 'sending', sentAt: campaign.sentAt ?? now });
          await tx.set(runPath, created);
          return created;
        });
      }
      await enqueueBatch(scope, run, run.batches, run.after);
      return run;
    },
    /** The campaign's real send, if it was ever started. */
    async ofCampaign(scope: BrandScope, campaignId: string): Promise<CampaignRun | null> {
      const doc = await deps.db.get(docPath(scope, 'campaignRuns', runIdFor(campaignId)));
      return doc ? campaignRunSchema.parse(doc.data) : null;
    },
    /**
     * Resumes a campaign paused for a stockout (the merchant's call, never automatic). Paused
     * before sending, it is a draft again; paused mid-send, it is sending again and the batch it
     * stopped at is enqueued under a new name: the customers already sent are duplicates in the
     * ledger, so only the rest get the message.
     */
    async resume(scope: BrandScope, campaignId: string): Promise<Campaign> {
      const campaignPath = docPath(scope, 'campaigns', campaignId);
      const runPath = docPath(scope, 'campaignRuns', runIdFor(campaignId));
      const { campaign, run } = await deps.db.runTransaction(async (tx) => {
        const [campaignDoc, runDoc] = [await tx.get(campaignPath), await tx.get(runPath)];
        if (!campaignDoc) throw new NotFoundError(`campaign ${campaignId} not found`);
        const current = campaignSchema.parse(campaignDoc.data);
        if (current.status !== 'paused')
          throw new ConflictError(`campaign ${campaignId} is ${current.status}, not paused`);
        const existing = runDoc ? campaignRunSchema.parse(runDoc.data) : null;
        const midSend = existing !== null && existing.status === 'sending';
        const next: Campaign = { ...current, status: midSend ? 'sending' : 'draft' };
        await tx.set(campaignPath, next);
        if (!midSend) return { campaign: next, run: null };
        const resumed: CampaignRun = { ...existing, resumes: existing.resumes + 1, updatedAt: nowIso() };
        await tx.set(runPath, resumed);
        return { campaign: next, run: resumed };
      });
      if (run) await enqueueBatch(scope, run, run.batches, run.after);
      return campaign;
    },
    /** Runs one batch task (the `engagement-campaigns` function); `attempt` counts from 1. */
    async runBatch(scope: BrandScope, task: CampaignBatchTask, attempt = 1) {
      const run = await getRun(scope, task.runId);
      if (run.status === 'done' || run.batches !== task.batch) {
        // Delivered again after it finished: make sure the batch after it was enqueued (a crash
        // between recording this one and enqueueing that one would otherwise stop the run).
        if (run.status !== 'done' && run.batches === task.batch + 1)
          await enqueueBatch(scope, run, run.batches, run.after);
        return { outcome: 'already_done' as const, run };
      }
      const campaign = await deps.campaigns.get(scope, run.campaignId);
      // Paused mid-send (a product it features ran out, decision 950): this batch sends nothing
      // and records nothing; resuming enqueues it again and the ledger skips whoever already has it.
      const paused = async () =>
        !run.dryRun && (await deps.campaigns.get(scope, run.campaignId)).status === 'paused';
      if (!run.dryRun && campaign.status === 'paused') return { outcome: 'paused' as const, run };
      const page = await deps.audience.recipients(scope, campaign, await deps.timeZoneOf(scope), {
        after: task.after,
        limit: run.batchSize,
      });
      const { outcomes, throttled, stopped } = await deps.campaigns.deliver(scope, campaign, page, {
        // A real send leaves the deployment's own dry run (ENGAGEMENT_DRY_RUN) in force.
        ...(run.dryRun ? { dryRun: true } : {}),
        pacer: createPacer(deps.ratePerSecond),
        ...(run.dryRun ? {} : { stopWhen: { every: PAUSE_CHECK_EVERY, check: paused } }),
      });
      if (stopped) return { outcome: 'paused' as const, run };
      const unsettled = outcomes.filter((o) => ['retry', 'in_flight'].includes(settled(o)));
      if (unsettled.length > 0 && attempt < MAX_BATCH_ATTEMPTS)
        throw new RetryableError(
          `campaign send ${run.id} batch ${task.batch}: ${unsettled.length} messages not settled yet`,
          waitFor(unsettled),
        );

      const done = page.length < run.batchSize;
      const after = page.at(-1)?.customerId ?? task.after;
      const runPath = docPath(scope, 'campaignRuns', run.id);
      const campaignPath = docPath(scope, 'campaigns', run.campaignId);
      const recorded = await deps.db.runTransaction(async (tx) => {
        const [runDoc, campaignDoc] = [await tx.get(runPath), await tx.get(campaignPath)];
        const current = campaignRunSchema.parse(runDoc?.data);
        // Another delivery of this task recorded it meanwhile: the ledger kept the sends single.
        if (current.batches !== task.batch) return undefined;
        const statuses = { ...current.statuses };
        for (const o of outcomes) statuses[settled(o)] = (statuses[settled(o)] ?? 0) + 1;
        const now = nowIso();
        const next: CampaignRun = {
          ...current,
          batches: current.batches + 1,
          after,
          customers: current.customers + page.length,
          statuses,
          throttled: current.throttled + throttled,
          status: done ? 'done' : 'sending',
          updatedAt: now,
          finishedAt: done ? now : null,
        };
        await tx.set(runPath, next);
        const campaignNow = campaignDoc ? campaignSchema.parse(campaignDoc.data) : undefined;
        if (done && !run.dryRun && campaignNow)
          await tx.set(campaignPath, { ...campaignNow, status: 'sent' });
        return { next, pausedNow: !done && !run.dryRun && campaignNow?.status === 'paused' };
      });
      if (!recorded) return { outcome: 'already_done' as const, run };
      // Paused while this batch was finishing: it is recorded, the next one waits for the resume.
      if (recorded.pausedNow) return { outcome: 'paused' as const, run: recorded.next };
      if (!done) await enqueueBatch(scope, recorded.next, recorded.next.batches, after);
      return { outcome: 'recorded' as const, run: recorded.next };
    },
  };
}
export type CampaignRuns = ReturnType<typeof createCampaignRuns>;
