import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EventsWorld, openEventsWorld } from '../../test/support/events-world';
import type { OutboundMessage } from '../ports/message-channel';
import type { TaskQueue } from '../ports/task-queue';
import type { AudienceSource, Recipient } from './audience';
import {
  CAMPAIGN_QUEUE,
  type CampaignBatchTask,
  createCampaignRuns,
  MAX_BATCH_ATTEMPTS,
  PAUSE_CHECK_EVERY,
} from './campaign-runs';
import { createCampaignService } from './campaigns';
import { createConsentStore } from './consent';
import { createMessageSender, SEND_LEASE_MS } from './sender';
import { createStockoutPause } from './stockout-pause';

/**
 * Queued campaign sends: one task per batch, each customer once through the ledger, and a worker
 * that dies mid-batch picked up by the task's redelivery without anyone getting the message twice.
 */
let w: EventsWorld;
beforeEach(async () => {
  w = await openEventsWorld('2026-11-21T12:00:00.000Z');
});
afterEach(() => w.close());

const customersOf = (n: number): Recipient[] =>
  Array.from({ length: n }, (_, i) => ({
    customerId: `cust-${String(i).padStart(3, '0')}`,
    timeZone: 'Europe/London',
    addresses: { email: `c${i}@example.com` },
    values: { first_name: `Name${i}` },
  }));
const customers = customersOf(7);

/** An audience in customer id order, paged like the warehouse's (keyset on the id). */
const listAudience = (list: readonly Recipient[]): AudienceSource => ({
  async recipients(_scope, _segment, _tz, page) {
    const rest = list.filter((r) => page?.after == null || r.customerId > page.after);
    return page ? rest.slice(0, page.limit) : rest;
  },
  count: async () => list.length,
});

/** The stack over an in-memory channel; `crashOn`: the nth message handed to it kills the worker. */
async function queuedSends(
  options: {
    crashOn?: number;
    batchSize?: number;
    holdoutShare?: number;
    audience?: Recipient[];
    productIds?: string[];
    /** Called after each message the channel takes, with how many it has taken. */
    afterSend?: (count: number) => Promise<void>;
  } = {},
) {
  const delivered: OutboundMessage[] = [];
  const list = options.audience ?? customers;
  let calls = 0;
  const consent = createConsentStore({ db: w.db, clock: w.clock });
  const scope = { ctx: w.ctx, brandId: w.brand.id };
  for (const c of list) await consent.set(scope, 'email', c.addresses.email ?? '', 'opted_in', 'checkout');
  const sender = createMessageSender({
    db: w.db,
    consent,
    clock: w.clock,
    channels: {
      email: {
        kind: 'email',
        async send(m) {
          calls++;
          // The instance is stopped while this message is on its way: nothing reached the provider.
          if (calls === options.crashOn) throw new Error('instance stopped');
          delivered.push(m);
          await options.afterSend?.(delivered.length);
          return { ok: true, providerId: `msg-${delivered.length}` };
        },
      },
    },
  });
  const audience = listAudience(list);
  const timeZoneOf = async () => w.brand.timezone;
  const campaigns = createCampaignService({
    db: w.db,
    sender,
    audience,
    orders: { ordersBy: async () => [] },
    clock: w.clock,
    ids: w.ids,
    timeZoneOf,
  });
  /** Tasks as Cloud Tasks takes them: a name already used is accepted once. */
  const queued: Array<{ queue: string; payload: Record<string, unknown>; name?: string }> = [];
  const tasks: TaskQueue = {
    async enqueue(queue, payload, opts = {}) {
      if (!queued.some((t) => t.name !== undefined && t.name === opts.name))
        queued.push({ queue, payload, ...(opts.name ? { name: opts.name } : {}) });
      return opts.name ?? 'task';
    },
  };
  const runs = createCampaignRuns({
    db: w.db,
    tasks,
    campaigns,
    audience,
    clock: w.clock,
    ids: w.ids,
    timeZoneOf,
    ratePerSecond: 1_000,
    batchSize: options.batchSize ?? 3,
  });
  const campaign = await campaigns.create(scope, {
    name: 'Win-back',
    channel: 'email',
    segment: null,
    holdoutShare: options.holdoutShare ?? 0,
    variants: [{ id: 'a', name: 'A', weight: 1, subject: 'Hi {{first_name}}', text: 'Come back' }],
    ...(options.productIds ? { productIds: options.productIds } : {}),
  });
  /** Runs queued tasks in order, as the queue would, until none is left. */
  async function drain(from = 0) {
    for (let i = from; i < queued.length; i++)
      await runs.runBatch(scope, queued[i]?.payload as CampaignBatchTask);
  }
  return { scope, runs, campaigns, campaign, queued, delivered, drain };
}

it('a queued send goes out in batches, one named task per batch, each customer once', async () => {
  const q = await queuedSends({ batchSize: 3 });
  const run = await q.runs.start(q.scope, q.campaign.id, { dryRun: false });
  expect(await q.campaigns.get(q.scope, q.campaign.id)).toMatchObject({ status: 'sending' });
  expect(q.queued).toHaveLength(1);
  expect(q.queued[0]).toMatchObject({ queue: CAMPAIGN_QUEUE, payload: { batch: 0, after: null } });

  await q.drain();
  // 7 customers in batches of 3: 3 + 3 + 1, the short last batch ends the run.
  expect(q.queued.map((t) => t.payload.after)).toEqual([null, 'cust-002', 'cust-005']);
  expect(q.delivered.map((m) => m.to).sort()).toEqual(customers.map((_, i) => `c${i}@example.com`).sort());
  expect(await q.runs.get(q.scope, q.campaign.id, run.id)).toMatchObject({
    status: 'done',
    batches: 3,
    customers: 7,
    statuses: { sent: 7 },
  });
  expect(await q.campaigns.get(q.scope, q.campaign.id)).toMatchObject({ status: 'sent' });
});

it('a second click while sending answers the same send and starts nothing new; after it, a conflict', async () => {
  const q = await queuedSends();
  const first = await q.runs.start(q.scope, q.campaign.id, { dryRun: false });
  const again = await q.runs.start(q.scope, q.campaign.id, { dryRun: false });
  expect(again.id).toBe(first.id);
  expect(q.queued).toHaveLength(1);
  await q.drain();
  await expect(q.runs.start(q.scope, q.campaign.id, { dryRun: false })).rejects.toThrow(/already sent/);
});

it('a worker that dies mid-batch is resumed by the redelivered task without sending anyone twice', async () => {
  // The 5th message (2nd of batch 1) is in flight when the instance stops.
  const q = await queuedSends({ crashOn: 5, batchSize: 3 });
  const run = await q.runs.start(q.scope, q.campaign.id, { dryRun: false });
  await q.runs.runBatch(q.scope, q.queued[0]?.payload as CampaignBatchTask);
  const batch1 = q.queued[1]?.payload as CampaignBatchTask;
  await expect(q.runs.runBatch(q.scope, batch1)).rejects.toThrow('instance stopped');
  expect(q.delivered).toHaveLength(4);

  // Redelivered at once: cust-003 is a duplicate, cust-004's lease is still held by the dead worker,
  // cust-005 goes out; the batch asks to be retried when the lease has run out.
  await expect(q.runs.runBatch(q.scope, batch1, 2)).rejects.toMatchObject({
    retryAfterMs: SEND_LEASE_MS + 1_000,
  });
  expect(q.delivered).toHaveLength(5);
  expect(q.queued).toHaveLength(2);

  w.clock.advance(SEND_LEASE_MS + 1_000);
  await q.runs.runBatch(q.scope, batch1, 3);
  await q.drain(2);
  const perAddress = new Map<string, number>();
  for (const m of q.delivered) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
  expect([...perAddress.values()]).toEqual(Array(7).fill(1));
  expect(await q.runs.get(q.scope, q.campaign.id, run.id)).toMatchObject({
    status: 'done',
    customers: 7,
    statuses: { sent: 7 },
  });
});

it('a batch task delivered again after it finished sends nothing and re-enqueues only the lost next batch', async () => {
  const q = await queuedSends({ batchSize: 3 });
  await q.runs.start(q.scope, q.campaign.id, { dryRun: false });
  const batch0 = q.queued[0]?.payload as CampaignBatchTask;
  await q.runs.runBatch(q.scope, batch0);
  // The enqueue of batch 1 was lost (say the instance stopped right after recording batch 0).
  q.queued.splice(1);
  const again = await q.runs.runBatch(q.scope, batch0);
  expect(again.outcome).toBe('already_done');
  expect(q.delivered).toHaveLength(3);
  expect(q.queued.map((t) => t.payload.batch)).toEqual([0, 1]);
});

it(`a message still unsettled after ${MAX_BATCH_ATTEMPTS} attempts is left in flight and the run moves on`, async () => {
  const q = await queuedSends({ crashOn: 2, batchSize: 10 });
  const run = await q.runs.start(q.scope, q.campaign.id, { dryRun: false });
  const batch0 = q.queued[0]?.payload as CampaignBatchTask;
  await expect(q.runs.runBatch(q.scope, batch0)).rejects.toThrow('instance stopped');
  await q.runs.runBatch(q.scope, batch0, MAX_BATCH_ATTEMPTS);
  expect(await q.runs.get(q.scope, q.campaign.id, run.id)).toMatchObject({
    status: 'done',
    statuses: { sent: 6, in_flight: 1 },
  });
  expect(q.delivered).toHaveLength(6);
});

it('a queued dry run records what would go out, sends nothing and leaves the campaign a draft', async () => {
  const q = await queuedSends({ batchSize: 5, holdoutShare: 0 });
  const run = await q.runs.start(q.scope, q.campaign.id, { dryRun: true });
  await q.drain();
  expect(q.delivered).toHaveLength(0);
  expect(await q.runs.get(q.scope, q.campaign.id, run.id)).toMatchObject({
    status: 'done',
    dryRun: true,
    statuses: { dry_run: 7 },
  });
  expect(await q.campaigns.get(q.scope, q.campaign.id)).toMatchObject({ status: 'draft', sentAt: null });
});

const BOTTLE = {
  variantId: 'gid://shopify/ProductVariant/303',
  productId: 'gid://shopify/Product/3',
  title: 'Trail Bottle',
};
/** Messages per address: every value 1 means nobody got the campaign twice. */
function perAddress(messages: readonly OutboundMessage[]) {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  return counts;
}

describe('a stockout while the campaign is sending', () => {
  it('stops batches 2 and 3 of 3 after batch 1, and the resume sends only the rest, each once', async () => {
    const q = await queuedSends({ batchSize: 3, productIds: [BOTTLE.productId] });
    const run = await q.runs.start(q.scope, q.campaign.id, { dryRun: false });
    expect(run.audience).toBe(7);
    await q.runs.runBatch(q.scope, q.queued[0]?.payload as CampaignBatchTask);
    expect(q.delivered).toHaveLength(3);

    const { paused } = await createStockoutPause({ db: w.db, clock: w.clock }).pauseFeaturing(
      q.scope,
      BOTTLE,
    );
    expect(paused).toEqual([
      { kind: 'campaign', id: q.campaign.id, name: 'Win-back', midSend: { sent: 3, remaining: 4 } },
    ]);
    // Batch 2 (already queued) finds the campaign paused: nothing sent, nothing recorded, nothing queued.
    const batch2 = q.queued[1]?.payload as CampaignBatchTask;
    expect((await q.runs.runBatch(q.scope, batch2)).outcome).toBe('paused');
    expect(q.delivered).toHaveLength(3);
    expect(q.queued).toHaveLength(2);
    expect(await q.runs.get(q.scope, q.campaign.id, run.id)).toMatchObject({
      status: 'sending',
      batches: 1,
      customers: 3,
    });
    expect(await q.campaigns.get(q.scope, q.campaign.id)).toMatchObject({ status: 'paused' });

    const resumed = await q.runs.resume(q.scope, q.campaign.id);
    expect(resumed.status).toBe('sending');
    // The stopped batch again, under a name Cloud Tasks has not seen.
    expect(q.queued[2]).toMatchObject({ name: `${run.id}-r1-b1`, payload: { batch: 1, after: 'cust-002' } });
    await q.drain(2);
    // The old task of batch 2 delivered late: already recorded, sends nothing.
    expect((await q.runs.runBatch(q.scope, batch2)).outcome).toBe('already_done');

    expect(q.delivered).toHaveLength(7);
    expect([...perAddress(q.delivered).values()]).toEqual(Array(7).fill(1));
    expect(await q.runs.get(q.scope, q.campaign.id, run.id)).toMatchObject({
      status: 'done',
      customers: 7,
      statuses: { sent: 7 },
    });
    expect(await q.campaigns.get(q.scope, q.campaign.id)).toMatchObject({ status: 'sent' });
  });

  it(`stops a batch at its next check (every ${PAUSE_CHECK_EVERY} messages); the resumed batch skips whoever already has it`, async () => {
    const audience = customersOf(60);
    const pause = createStockoutPause({ db: w.db, clock: w.clock });
    let scope: { ctx: typeof w.ctx; brandId: string } | undefined;
    const q = await queuedSends({
      audience,
      batchSize: 100,
      productIds: [BOTTLE.variantId],
      // The product runs out while the 30th message is going out.
      afterSend: async (n) => {
        if (n === 30 && scope) await pause.pauseFeaturing(scope, BOTTLE);
      },
    });
    scope = q.scope;
    const run = await q.runs.start(q.scope, q.campaign.id, { dryRun: false });
    expect((await q.runs.runBatch(q.scope, q.queued[0]?.payload as CampaignBatchTask)).outcome).toBe(
      'paused',
    );
    // Checked before the 26th (not paused yet) and before the 51st: 50 went out, 10 held back.
    expect(q.delivered).toHaveLength(2 * PAUSE_CHECK_EVERY);

    await q.runs.resume(q.scope, q.campaign.id);
    await q.drain(1);
    expect(q.delivered).toHaveLength(60);
    expect([...perAddress(q.delivered).values()]).toEqual(Array(60).fill(1));
    expect(await q.runs.get(q.scope, q.campaign.id, run.id)).toMatchObject({
      status: 'done',
      customers: 60,
      statuses: { sent: 60 },
    });
  });

  it('a draft paused for a stockout resumes to a draft; a campaign that is not paused cannot be resumed', async () => {
    const q = await queuedSends({ productIds: [BOTTLE.variantId] });
    await createStockoutPause({ db: w.db, clock: w.clock }).pauseFeaturing(q.scope, BOTTLE);
    await expect(q.runs.start(q.scope, q.campaign.id, { dryRun: false })).rejects.toThrow(/paused/);
    expect((await q.runs.resume(q.scope, q.campaign.id)).status).toBe('draft');
    expect(q.queued).toHaveLength(0);
    await expect(q.runs.resume(q.scope, q.campaign.id)).rejects.toThrow(/is draft, not paused/);
  });
});
