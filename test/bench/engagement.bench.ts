import { openEngagementWorld } from '../support/engagement-world';
import type { BenchLine, Benchmark } from './run';

/**
 * `npm run bench engagement`: a campaign to PP_BENCH_CUSTOMERS customers (default 100k) by SMS
 * through the Twilio sandbox, every send through the whole gate (ledger, consent, suppression,
 * quiet hours, cap) and every status callback back through the signed webhook. Printed: messages
 * per second against the channel's configured rate limit (PP_BENCH_RATE, default 500/s, enforced
 * by the sandbox with 429s) as the ceiling, and the share delivered.
 */
const CUSTOMERS = Number(process.env.PP_BENCH_CUSTOMERS ?? 100_000);
const RATE = Number(process.env.PP_BENCH_RATE ?? 500);

async function run(): Promise<BenchLine[]> {
  const w = await openEngagementWorld({ now: '2026-11-21T12:00:00.000Z', twilioRatePerSecond: RATE });
  try {
    const phone = (i: number) => `+1555${String(1_000_000 + i).slice(1)}`;
    const recipients = Array.from({ length: CUSTOMERS }, (_, i) => ({
      customerId: `cust-${i}`,
      timeZone: 'Europe/London',
      addresses: { sms: phone(i) },
      values: { first_name: `N${i}` },
    }));
    // Consent is seeded in bulk: this measures sending, not the opt-in forms.
    for (let i = 0; i < CUSTOMERS; i += 500)
      await w.db.setMany(
        recipients.slice(i, i + 500).map((r) => ({
          path: `tenants/${w.ctx.tenantId}/brands/${w.brand.id}/engagementConsent/${encodeURIComponent(`sms:${r.addresses.sms}`)}`,
          data: {
            channel: 'sms',
            address: r.addresses.sms,
            status: 'opted_in',
            source: 'import',
            at: '2026-11-01T00:00:00.000Z',
          },
        })),
      );
    const campaign = await w.campaigns.create(w.scope, {
      name: 'Bench',
      channel: 'sms',
      segment: null,
      holdoutShare: 0.1,
      variants: [{ id: 'a', name: 'A', weight: 1, subject: null, text: 'Hi {{first_name}}' }],
    });
    const started = performance.now();
    const tally = await w.campaigns.send(w.scope, campaign.id, { recipients, ratePerSecond: RATE });
    const sendSeconds = (performance.now() - started) / 1000;
    await w.twilio.settled();
    const results = await w.campaigns.results(w.scope, campaign.id);
    const callbackFailures = w.twilio.callbacks.filter((c) => c.status !== 200);
    process.stdout.write(
      `callbacks: ${w.twilio.callbacks.length}, not answered 200: ${callbackFailures.length} ${JSON.stringify(callbackFailures.slice(0, 3).map((c) => [c.status, c.params.MessageStatus]))}\n`,
    );
    const sent = tally.sent ?? 0;
    const delivered = results.variants.reduce((s, v) => s + v.delivered, 0);
    const perSecond = sent / sendSeconds;
    process.stdout.write(`${JSON.stringify(tally)} in ${sendSeconds.toFixed(1)} s\n`);
    return [
      { name: 'customers', value: CUSTOMERS, unit: 'customers' },
      { name: 'sent (treated)', value: sent, unit: 'messages' },
      { name: 'held out', value: tally.holdout ?? 0, unit: 'customers' },
      {
        name: 'send rate',
        value: perSecond,
        unit: 'messages/s',
        ratio: perSecond / RATE,
        baseline: `the channel's ${RATE}/s rate limit`,
        target: '≤ 1.00× and close to it',
      },
      { name: 'delivered', value: sent ? (delivered / sent) * 100 : 0, unit: '% of sent' },
      {
        name: 'refused by the rate limit (429), then retried',
        value: tally.throttled ?? 0,
        unit: 'requests',
      },
      {
        name: 'left for a later run (still refused after retries)',
        value: tally.retry ?? 0,
        unit: 'messages',
      },
    ];
  } finally {
    await w.close();
  }
}

export const bench: Benchmark = { name: 'engagement', run };
