import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { withDeclaredEvidence } from '../domain/alerts/evidence';
import { alertSubject } from '../domain/alerts/subject';
import type { Alert, Brand } from '../domain/entities';
import { systemContext, type TenantContext } from '../domain/tenancy';
import type { Config } from '../kernel/config';
import { UpstreamError } from '../kernel/errors';
import { createHttpClient } from '../kernel/http';
import type { Logger } from '../kernel/logging/logger';
import {
  createOutboundGuard,
  type OutboundGuardOptions,
  OutboundRefusedError,
} from '../kernel/outbound-guard';
import type { Clock } from '../ports/clock';
import type { TopicMessage } from '../ports/events';
import type { OperationalStore } from '../ports/operational-store';
import type { SecretStore } from '../ports/secret-store';

/** The tenant's webhook signing key lives in the SecretStore; receivers get it from Settings. */
export const WEBHOOK_SIGNING_SECRET = 'notifications/webhook-signing-key';
export const SIGNATURE_HEADER = 'x-pulsepoint-signature';
export const TIMESTAMP_HEADER = 'x-pulsepoint-timestamp';

/**
 * Signature over `<timestamp>.<body>` (the Stripe/Slack scheme): the timestamp is signed too, so a
 * captured request cannot be replayed later with a fresh timestamp header.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function signingSecret(secrets: SecretStore, ctx: TenantContext): Promise<string> {
  const existing = await secrets.get(ctx, WEBHOOK_SIGNING_SECRET);
  if (existing) return existing;
  const created = randomBytes(32).toString('base64url');
  await secrets.put(ctx, WEBHOOK_SIGNING_SECRET, created);
  return created;
}

const EMOJI: Record<Alert['severity'], string> = {
  critical: ':rotating_light:',
  warning: ':warning:',
  info: ':information_source:',
};

/** Slack's link markup: `<url|label>`, with the three characters it reserves escaped in the label. */
const slackLink = (url: string, label: string) =>
  `<${url}|${label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}>`;

/**
 * Slack reads `text`; n8n and friends read the flat, typed fields beside it. Both name what the
 * alert is about and link to its page in the app (`appUrl`: the app's public origin).
 */
export function webhookPayload(
  alert: Alert,
  brand: Brand,
  tenantId: string,
  idempotencyKey: string,
  sentAt: string,
  appUrl: string,
) {
  const subject = alertSubject(alert);
  const declared = withDeclaredEvidence(alert);
  const link = `${appUrl.replace(/\/$/, '')}${subject.path}`;
  return {
    text: `${EMOJI[alert.severity]} *${brand.name}* — ${alert.title}\n${alert.explanation}\n*Next:* ${alert.recommendedAction}\n*About:* ${slackLink(link, subject.name)}`,
    event: 'alert.raised',
    idempotency_key: idempotencyKey,
    sent_at: sentAt,
    tenant_id: tenantId,
    brand_id: brand.id,
    brand_name: brand.name,
    alert_id: alert.id,
    alert_type: alert.type,
    severity: alert.severity,
    title: alert.title,
    explanation: alert.explanation,
    recommended_action: alert.recommendedAction,
    subject: subject.name,
    link,
    evidence: alert.evidence,
    // What each evidence value measures and its label, so a receiver formats money as money and
    // names each value as the app does (decisions 997, 961).
    evidence_units: declared.evidenceUnits,
    evidence_labels: declared.evidenceLabels,
    raised_at: alert.createdAt,
  };
}

/**
 * `notify` on `alert.raised`: posts the alert, signed, to the brand's (else the tenant's) webhook.
 * One attempt per delivery: a 5xx, 429 or network failure throws RetryableError and the bus
 * redelivers with backoff; a 4xx means the receiver refuses it and retrying will not help.
 */
export interface NotifyJobOptions {
  /**
   * The outbound guard's policy. Default: in production only https to public addresses; in
   * development and tests any http(s) target, loopback receivers included. Redirects are
   * re-checked hop by hop either way.
   */
  outbound?: Pick<OutboundGuardOptions, 'requireHttps' | 'allow' | 'resolve'>;
}

export function createNotifyJob(
  deps: {
    config: Config;
    store: OperationalStore;
    secrets: SecretStore;
    clock: Clock;
    logger: Logger;
    fetch: typeof fetch;
  },
  options: NotifyJobOptions = {},
) {
  const production = deps.config.NODE_ENV === 'production';
  const guard = createOutboundGuard({
    fetch: deps.fetch,
    ...(options.outbound ?? { requireHttps: production, ...(production ? {} : { allow: () => true }) }),
  });
  const http = createHttpClient({
    fetch: guard.fetch as typeof fetch,
    logger: deps.logger,
    maxRetries: 0,
    timeoutMs: 10_000,
  });
  return async function notify(message: TopicMessage<'alert.raised'>): Promise<'sent' | 'skipped'> {
    const ctx = systemContext(message.tenantId, 'notify', message.traceparent);
    const log = deps.logger.child({
      tenant: message.tenantId,
      brand: message.brandId,
      alert: message.alertId,
    });
    const [alert, brand, tenant] = await Promise.all([
      deps.store.alerts.get(ctx, message.brandId, message.alertId),
      deps.store.brands.get(ctx, message.brandId),
      deps.store.tenants.get(ctx),
    ]);
    if (!alert || !brand || alert.status === 'resolved') {
      log.info('alert gone or resolved before it was sent; skipping');
      return 'skipped';
    }
    const url = brand.notificationWebhookUrl ?? tenant?.notificationWebhookUrl;
    if (!url) {
      log.debug('no notification webhook configured');
      return 'skipped';
    }
    const sentAt = deps.clock.now();
    const body = JSON.stringify(
      webhookPayload(
        alert,
        brand,
        message.tenantId,
        message.idempotencyKey,
        sentAt.toISOString(),
        deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`,
      ),
    );
    const timestamp = String(Math.floor(sentAt.getTime() / 1000));
    const signature = signWebhook(await signingSecret(deps.secrets, ctx), timestamp, body);
    try {
      await http.request({
        method: 'POST',
        url,
        body,
        headers: {
          [SIGNATURE_HEADER]: signature,
          [TIMESTAMP_HEADER]: timestamp,
          'x-pulsepoint-event': 'alert.raised',
          'idempotency-key': message.idempotencyKey,
        },
      });
    } catch (err) {
      if (err instanceof OutboundRefusedError) {
        log.warn('notification webhook refused', { detail: err.message });
        return 'skipped';
      }
      if (!(err instanceof UpstreamError)) throw err;
      log.warn('webhook receiver refused the alert; not retrying', { error: err.message });
      return 'skipped';
    }
    log.info('alert sent to webhook', { host: new URL(url).host });
    return 'sent';
  };
}
