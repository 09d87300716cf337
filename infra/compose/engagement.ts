import { createSmtpEmailChannel } from '../../shared/adapters/smtp/email-channel';
import { createTwilioChannel } from '../../shared/adapters/twilio/channel';
import { createTwilioClient } from '../../shared/adapters/twilio/client';
import { createTwilioWebhookVerifier } from '../../shared/adapters/twilio/webhook-verifier';
import { PlanLimitError, ReadOnlyError } from '../../shared/billing/errors';
import { createLimitsService } from '../../shared/billing/limits';
import type { ChannelKind } from '../../shared/domain/engagement/channel';
import { createEngagement, type Engagement } from '../../shared/engagement/index';
import type { Config } from '../../shared/kernel/config';
import type { Clock } from '../../shared/ports/clock';
import type { MessageChannel } from '../../shared/ports/message-channel';
import type { Backend } from './backend';

/** `smtp://user:pass@host:port` → nodemailer options; smtps:// is implicit TLS (port 465). */
function smtpOptions(url: string) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: Number(u.port || (secure ? 465 : 587)),
    secure,
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
  };
}

/** The channels the configuration enables: email with SMTP_URL, SMS and WhatsApp with Twilio. */
export function createEngagementChannels(
  config: Config,
  clock?: Clock,
): Partial<Record<ChannelKind, MessageChannel>> {
  const channels: Partial<Record<ChannelKind, MessageChannel>> = {};
  if (config.SMTP_URL)
    channels.email = createSmtpEmailChannel({
      ...smtpOptions(config.SMTP_URL),
      from: config.ENGAGEMENT_EMAIL_FROM,
      // The Date header is the sender's time: a send on a shifted clock (the demo's campaign three
      // weeks back) is dated then.
      ...(clock ? { clock } : {}),
    });
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM) {
    const client = createTwilioClient({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      ...(config.TWILIO_API_BASE_URL ? { baseUrl: config.TWILIO_API_BASE_URL } : {}),
    });
    channels.sms = createTwilioChannel({ client, kind: 'sms', from: config.TWILIO_FROM });
    channels.whatsapp = createTwilioChannel({ client, kind: 'whatsapp', from: config.TWILIO_FROM });
  }
  return channels;
}

/** Where Twilio and mail clients call back: PUBLIC_URL, or this machine's loopback port. */
export const engagementPublicUrl = (config: Config) => config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`;

/** The engagement feature over a backend, with the channels its configuration enables. */
export function buildEngagement(backend: Backend): Engagement {
  const { config } = backend;
  const limits = createLimitsService(backend);
  return createEngagement({
    ...backend,
    // Messages count against the plan where they happen: one per message handed to a channel.
    allowance: async (scope) => {
      try {
        await limits.consume(scope.ctx, 'messagesPerMonth', 1);
        return null;
      } catch (err) {
        if (err instanceof PlanLimitError) return 'plan_limit';
        if (err instanceof ReadOnlyError) return 'read_only';
        throw err;
      }
    },
    channels: createEngagementChannels(config, backend.clock),
    publicUrl: engagementPublicUrl(config),
    ratePerSecond: config.ENGAGEMENT_RATE_PER_SECOND,
    dryRun: config.ENGAGEMENT_DRY_RUN,
    ...(config.TWILIO_AUTH_TOKEN
      ? { verifyTwilio: createTwilioWebhookVerifier({ authToken: config.TWILIO_AUTH_TOKEN }) }
      : {}),
  });
}
