import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { startSmtpSandbox } from '../../infra/sandbox/smtp/server';
import { startTwilioSandbox } from '../../infra/sandbox/twilio/server';
import { createSmtpEmailChannel } from '../../shared/adapters/smtp/email-channel';
import { createTwilioChannel } from '../../shared/adapters/twilio/channel';
import { createTwilioClient } from '../../shared/adapters/twilio/client';
import { createTwilioWebhookVerifier } from '../../shared/adapters/twilio/webhook-verifier';
import { createWarehouseAudience } from '../../shared/engagement/audience';
import { createAutomationService } from '../../shared/engagement/automations';
import { createCampaignService } from '../../shared/engagement/campaigns';
import { createConsentStore } from '../../shared/engagement/consent';
import { createMessageSender, type SendPolicy } from '../../shared/engagement/sender';
import { createEngagementTimeline } from '../../shared/engagement/timeline';
import { createTwilioWebhookReceiver, twilioWebhookPath } from '../../shared/engagement/twilio-webhooks';
import { createLogger } from '../../shared/kernel/logging/logger';
import type { TaskQueue } from '../../shared/ports/task-queue';
import { openEventsWorld } from './events-world';

/**
 * The engagement stack over real embedded backends and both loopback sandboxes: the SMTP server,
 * the Twilio API (the `twilio` SDK pointed at it), and the Twilio webhook receiver served over
 * loopback HTTP so the sandbox's signed callbacks reach it as Twilio's would.
 */
export async function openEngagementWorld(
  options: { now?: string; policy?: Partial<SendPolicy>; twilioRatePerSecond?: number } = {},
) {
  const w = await openEventsWorld(options.now);
  const twilio = await startTwilioSandbox(
    options.twilioRatePerSecond ? { ratePerSecond: options.twilioRatePerSecond } : {},
  );
  const smtp = await startSmtpSandbox();
  const logger = createLogger({ level: 'ERROR', labels: { service: 'test' } });
  const scope = { ctx: w.ctx, brandId: w.brand.id };
  const timeZoneOf = async () => w.brand.timezone;
  const consent = createConsentStore({ db: w.db, clock: w.clock });
  const timeline = createEngagementTimeline({
    warehouse: w.warehouse,
    bus: w.bus,
    clock: w.clock,
    timeZoneOf,
  });
  const receiver = createTwilioWebhookReceiver({
    db: w.db,
    consent,
    timeline,
    logger,
    clock: w.clock,
    verify: createTwilioWebhookVerifier({ authToken: twilio.authToken }),
  });
  const server = serve({ fetch: receiver, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createTwilioClient({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    baseUrl: twilio.url,
  });
  const email = createSmtpEmailChannel({
    host: smtp.host,
    port: smtp.port,
    from: 'Acme <hello@acme.example>',
  });
  const sender = createMessageSender({
    db: w.db,
    consent,
    clock: w.clock,
    timeline,
    ...(options.policy ? { policy: options.policy } : {}),
    channels: {
      email,
      sms: createTwilioChannel({ client, kind: 'sms', from: twilio.number }),
      whatsapp: createTwilioChannel({ client, kind: 'whatsapp', from: twilio.number }),
    },
    statusCallbackUrl: (s) => `${origin}${twilioWebhookPath(s.ctx.tenantId, s.brandId, 'status')}`,
    unsubscribeUrl: (s, channel, address) =>
      `${origin}/u/${s.ctx.tenantId}/${s.brandId}/${channel}/${encodeURIComponent(address)}`,
  });
  const audience = createWarehouseAudience(w.warehouse);
  const campaigns = createCampaignService({
    db: w.db,
    sender,
    audience,
    orders: audience,
    clock: w.clock,
    ids: w.ids,
    timeZoneOf,
  });
  /** Tasks as Cloud Tasks takes them: a name already used is accepted once. */
  const enqueued: Array<{ queue: string; payload: Record<string, unknown>; delayMs: number }> = [];
  const names = new Set<string>();
  const tasks: TaskQueue = {
    async enqueue(queue, payload, opts = {}) {
      if (opts.name && names.has(opts.name)) return opts.name;
      if (opts.name) names.add(opts.name);
      enqueued.push({ queue, payload, delayMs: opts.delayMs ?? 0 });
      return opts.name ?? `task-${enqueued.length}`;
    },
  };
  const automations = createAutomationService({
    db: w.db,
    sender,
    tasks,
    orders: audience,
    clock: w.clock,
    timeZoneOf,
  });
  return {
    ...w,
    scope,
    enqueued,
    automations,
    twilio,
    smtp,
    consent,
    sender,
    campaigns,
    inboundUrl: `${origin}${twilioWebhookPath(w.ctx.tenantId, w.brand.id, 'inbound')}`,
    statusUrl: `${origin}${twilioWebhookPath(w.ctx.tenantId, w.brand.id, 'status')}`,
    /** The customer's timeline events of one type, oldest first. */
    async timelineOf(type: string) {
      return (await w.storedEvents()).filter((e) => e.type === type);
    },
    async close() {
      await email.close?.();
      await twilio.close();
      await smtp.close();
      await new Promise<void>((r) => server.close(() => r()));
      await w.close();
    },
  };
}
export type EngagementWorld = Awaited<ReturnType<typeof openEngagementWorld>>;
