import { z } from 'zod';
import { unitHash } from '../../shared/domain/engagement/assignment';
import { normaliseAddress } from '../../shared/domain/engagement/consent';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, type LocalDate, toLocalDate, wallClockToInstant } from '../../shared/domain/time';
import type { Recipient } from '../../shared/engagement/audience';
import { addressKey, docPath } from '../../shared/engagement/paths';
import { createEngagementTriggers } from '../../shared/engagement/triggers';
import type { Clock } from '../../shared/ports/clock';
import type { TaskQueue } from '../../shared/ports/task-queue';
import { type BrandScope, queryRows } from '../../shared/ports/warehouse-rows';
import type { Backend } from '../compose/backend';
import { buildEngagement } from '../compose/engagement';
import { DEMO_BRAND, DEMO_TENANT } from './seed';

/** Share of the demo store's customers who ticked "email me with news and offers" at checkout. */
const CONSENT_SHARE = 0.6;
/** The win-back went out this many days before the store's last day, so its window has orders. */
const SENT_DAYS_AGO = 21;
const ATTRIBUTION_DAYS = 14;
/** The cart-abandonment automation is played over this many days of the store's checkouts. */
const REPLAY_DAYS = 28;
/** Where the demo's messages send people: the shop, as every marketing email has a link to it. */
const shopLink = (shopDomain: string, path: string) => `https://${shopDomain}${path}`;

const lapsedRow = z.object({
  customer_id: z.string(),
  email: z.string().nullable(),
  customer_name: z.string().nullable(),
});

/**
 * The at-risk customers as they stood on the send day: bought at least twice, but not in the 45
 * days before it (and within 150). Today's `at_risk` segment cannot stand in for a campaign sent
 * three weeks ago: it is defined by not having bought lately, so by construction none of its
 * customers ordered after that day.
 */
async function lapsedOn(backend: Backend, scope: BrandScope, sendDay: LocalDate, timeZone: string) {
  const rows = await queryRows(
    backend.warehouse,
    scope,
    lapsedRow,
    `SELECT customer_id, MAX(email) AS email, MAX(customer_name) AS customer_name FROM {{orders}}
     WHERE brand_id = @brand AND cancelled_at IS NULL AND customer_id IS NOT NULL AND date < CAST(@day AS DATE)
     GROUP BY customer_id
     HAVING COUNT(*) >= 2 AND MAX(date) BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
     ORDER BY customer_id`,
    { day: sendDay, from: addDays(sendDay, -150), to: addDays(sendDay, -45) },
  );
  return rows.map(
    (r): Recipient => ({
      customerId: r.customer_id,
      timeZone,
      addresses: { email: r.email },
      values: { first_name: r.customer_name?.split(' ')[0] ?? null },
    }),
  );
}

const checkoutRow = z.object({ event_id: z.string(), at: z.string() });

/**
 * Plays the cart-abandonment automation over the store's last REPLAY_DAYS of started checkouts, as
 * the live runtime would have run it had it been switched on then: each checkout goes through the
 * same trigger code, on a clock set to the checkout's time, and the step (and quiet-hours release)
 * tasks it schedules are run in due order on a clock set to their due time, through the same
 * `runTask` the `engagement-steps` function runs. Whoever ordered in between exits, the holdout
 * gets nothing, consent and quiet hours apply. Nothing is left queued for the live runtime.
 */
async function replayAutomation(backend: Backend, scope: BrandScope, yesterday: LocalDate, timeZone: string) {
  const checkouts = await queryRows(
    backend.warehouse,
    scope,
    checkoutRow,
    `SELECT event_id, CAST(UNIX_MILLIS(occurred_at) AS STRING) AS at FROM {{events}}
     WHERE brand_id = @brand AND type = 'checkout_started' AND day BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
     ORDER BY occurred_at, event_id`,
    { from: addDays(yesterday, -(REPLAY_DAYS - 1)), to: yesterday },
  );
  let now = 0;
  const clock: Clock = { now: () => new Date(now) };
  const due: Array<{ at: number; payload: Record<string, unknown> }> = [];
  const tasks: TaskQueue = {
    enqueue: async (_queue, payload, options) => {
      due.push({ at: now + (options?.delayMs ?? 0), payload });
      return `replay-${due.length}`;
    },
  };
  const engagement = buildEngagement({ ...backend, clock, tasks });
  try {
    const onEvents = createEngagementTriggers({
      warehouse: backend.warehouse,
      automations: engagement.automations,
      timeZoneOf: async () => timeZone,
    });
    for (const c of checkouts) {
      now = Number(c.at);
      await onEvents({ tenantId: scope.ctx.tenantId, brandId: scope.brandId, eventIds: [c.event_id] });
    }
    const end = backend.clock.now().getTime();
    let steps = 0;
    for (;;) {
      due.sort((a, b) => a.at - b.at);
      const next = due.shift();
      if (!next || next.at > end) break;
      now = next.at;
      await engagement.runTask(next.payload, (t) => systemContext(t, 'engagement-steps'));
      steps++;
    }
    return { checkouts: checkouts.length, steps };
  } finally {
    await engagement.close();
  }
}

/**
 * The engagement part of the demo, once the brand's customer analytics have segments: consent
 * for the customers who gave it at checkout (a deterministic share of them: the sandbox store has
 * no marketing-consent field), a cart-abandonment automation, and a win-back campaign to the
 * `at_risk` segment sent for real through the SMTP sandbox, holdout included. The sandbox store's
 * history ends yesterday and does not react to messages, so the campaign is sent on a clock set
 * three weeks back, to the customers at risk on that day (`lapsedOn`): its results are read from
 * the orders those customers really placed in the following two weeks, by the same results code
 * as any campaign, and its lift over the holdout is what chance gives (the store's shoppers do not
 * buy because of the mail). Its opens and clicks are the SMTP sandbox's readers' (decision 989),
 * counted by the product's own receivers as they arrive. Runs once: a brand with campaigns is left
 * alone.
 */
export async function runEngagementDemo(backend: Backend, tenantId: string, brandId: string) {
  if (tenantId !== DEMO_TENANT || brandId !== DEMO_BRAND) return;
  const scope = { ctx: systemContext(DEMO_TENANT, 'engagement-demo'), brandId: DEMO_BRAND };
  const brand = await backend.store.brands.get(scope.ctx, DEMO_BRAND);
  if (!brand) return;
  const yesterday = addDays(toLocalDate(backend.clock.now(), brand.timezone), -1);
  const sendDay = addDays(yesterday, -SENT_DAYS_AGO);
  let at = wallClockToInstant(`${sendDay} 10:00`, brand.timezone);
  // Advances one millisecond a call: the ledger and the outbox order by time.
  const past: Clock = { now: () => (at = new Date(at.getTime() + 1)) };
  const engagement = buildEngagement({ ...backend, clock: past });
  try {
    if ((await engagement.campaigns.list(scope)).length > 0) return;
    const everyone = await engagement.audience.recipients(scope, { segment: null }, brand.timezone);
    const consentAt = wallClockToInstant(`${addDays(sendDay, -30)} 12:00`, brand.timezone).toISOString();
    const opted = everyone.filter(
      (r) => r.addresses.email && unitHash(`consent|${r.customerId}`) < CONSENT_SHARE,
    );
    for (let i = 0; i < opted.length; i += 500)
      await backend.documents.setMany(
        opted.slice(i, i + 500).map((r) => {
          const address = normaliseAddress('email', r.addresses.email as string);
          return {
            path: docPath(scope, 'consent', addressKey('email', address)),
            data: { channel: 'email', address, status: 'opted_in', source: 'checkout', at: consentAt },
          };
        }),
      );
    await engagement.automations.create(
      scope,
      {
        name: 'Cart abandonment',
        triggerEvent: 'checkout_started',
        exitOnOrder: true,
        holdoutShare: 0.1,
        priority: 80,
        steps: [
          {
            waitMinutes: 60,
            channel: 'email',
            subject: 'You left something behind, {{first_name|there}}',
            text: `Your cart is saved. Complete your order whenever you are ready: ${shopLink(brand.shopDomain, '/cart')}`,
          },
          {
            waitMinutes: 24 * 60,
            channel: 'email',
            subject: 'Still thinking it over?',
            text: `Your cart is still waiting, {{first_name|there}}. Free shipping over $75: ${shopLink(brand.shopDomain, '/cart')}`,
          },
        ],
      },
      'aut_cart_abandonment',
    );
    const campaign = await engagement.campaigns.create(
      scope,
      {
        name: 'Win-back: we miss you',
        channel: 'email',
        segment: 'at_risk',
        holdoutShare: 0.2,
        attributionDays: ATTRIBUTION_DAYS,
        variants: [
          {
            id: 'discount',
            name: '15% off',
            weight: 1,
            subject: 'We miss you, {{first_name|friend}}: 15% off',
            text: `Come back for 15% off your next order with code COMEBACK15: ${shopLink(brand.shopDomain, '/collections/all')}`,
          },
          {
            id: 'shipping',
            name: 'Free shipping',
            weight: 1,
            subject: '{{first_name|Hi}}, your next order ships free',
            text: `Free shipping on your next order, no minimum: ${shopLink(brand.shopDomain, '/collections/new')}`,
          },
        ],
      },
      'cmp_demo_winback',
    );
    const tally = await engagement.campaigns.send(scope, campaign.id, {
      recipients: await lapsedOn(backend, scope, sendDay, brand.timezone),
      ratePerSecond: engagement.ratePerSecond,
    });
    const results = await engagement.campaigns.results(scope, campaign.id);
    // After the campaign, so the win-back's audience is the one the demo has always shown.
    const replay = await replayAutomation(backend, scope, yesterday, brand.timezone);
    backend.logger.info('engagement demo ready', {
      consented: opted.length,
      automationCheckouts: replay.checkouts,
      automationSteps: replay.steps,
      ...tally,
      treatedRevenueMinor: results.treated.revenueMinor,
      holdoutRevenueMinor: results.holdout.revenueMinor,
    });
  } finally {
    await engagement.close();
  }
}
