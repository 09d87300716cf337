import { z } from 'zod';
import { keywordOf } from '../domain/engagement/consent';
import { brandIdSchema, systemContext, tenantIdSchema } from '../domain/tenancy';
import type { Logger } from '../kernel/logging/logger';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import type { ConsentStore } from './consent';
import { docPath } from './paths';
import { PROVIDER_STATUS_RANK, providerLinkSchema, type SendRecord, sendRecordSchema } from './send-record';
import type { EngagementTimeline, MessageEventStatus } from './timeline';

export interface TwilioWebhookDeps {
  db: DocumentDb;
  consent: ConsentStore;
  timeline: EngagementTimeline;
  logger: Logger;
  clock: Clock;
  /** `twilio.validateRequest` over the URL Twilio called (adapters/twilio/webhook-verifier.ts). */
  verify: (url: string, params: Readonly<Record<string, string>>, signature: string | null) => boolean;
  /**
   * The public origin Twilio calls (PUBLIC_URL): behind a load balancer the request's own URL is
   * not the one Twilio signed. Defaults to the request URL.
   */
  publicUrl?: string;
}

/** Routes: POST /webhooks/twilio/{tenantId}/{brandId}/status | /inbound. */
export const TWILIO_WEBHOOK_PATH = /^\/webhooks\/twilio\/([^/]+)\/([^/]+)\/(status|inbound)$/;
export const twilioWebhookPath = (tenantId: string, brandId: string, kind: 'status' | 'inbound') =>
  `/webhooks/twilio/${tenantId}/${brandId}/${kind}`;

/**
 * Status callback parameters (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status);
 * fixtures in adapters/twilio/fixtures.ts.
 */
const statusSchema = z.object({
  MessageSid: z.string().min(1),
  MessageStatus: z.string().min(1),
  ErrorCode: z.string().optional(),
});
/** Incoming message parameters (https://www.twilio.com/docs/messaging/guides/webhook-request). */
const inboundSchema = z.object({ MessageSid: z.string().min(1), From: z.string().min(1), Body: z.string() });

/**
 * Error codes after which the number is not worth another message
 * (https://www.twilio.com/docs/api/errors): 30005 unknown destination handset, 30006 landline or
 * unreachable carrier, 30004 message blocked, 21610 the recipient opted out, 63024 invalid WhatsApp
 * recipient. 30003 (handset unreachable, e.g. switched off) is transient and does not suppress.
 */
const SUPPRESSING = new Set(['30004', '30005', '30006', '21610', '63024']);

const RANK = PROVIDER_STATUS_RANK;

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (code: string, message: string, status: number) => json({ error: { code, message } }, status);
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * The Twilio half of the `engagement-webhooks` function: delivery statuses and inbound messages,
 * refused with 403 unless `X-Twilio-Signature` verifies. STOP / START change consent before the
 * answer goes back; statuses update the outbox and land on the customer's timeline; an
 * undeliverable number is suppressed.
 */
export function createTwilioWebhookReceiver(deps: TwilioWebhookDeps) {
  async function onStatus(scope: BrandScope, p: z.infer<typeof statusSchema>): Promise<Response> {
    const status = p.MessageStatus;
    if (!(status in RANK)) return json({ status: 'ignored' }, 200);
    const linkPath = docPath(scope, 'providerIds', p.MessageSid);
    // The callback can beat the sender's write of the provider's id (Twilio answers, then calls
    // back within milliseconds): park the status on the link for the sender to apply.
    const sendId = await deps.db.runTransaction(async (tx) => {
      const link = providerLinkSchema.parse((await tx.get(linkPath))?.data ?? {});
      if (link.sendId) return link.sendId;
      await tx.set(linkPath, {
        pending: [...link.pending, { status, errorCode: p.ErrorCode ?? null }],
      });
      return undefined;
    });
    if (!sendId) return json({ status: 'pending' }, 200);
    const path = docPath(scope, 'sends', sendId);
    // Read and write in one transaction: two callbacks for one message cannot interleave.
    const next = await deps.db.runTransaction(async (tx) => {
      const doc = await tx.get(path);
      if (!doc) return undefined;
      const send = sendRecordSchema.parse(doc.data);
      // `sending`: the sender has not yet written the provider's answer; the callback still counts.
      if ((RANK[send.status] ?? 0) >= (RANK[status] ?? 0)) return undefined;
      const updated: SendRecord = {
        ...send,
        status: status === 'read' ? 'delivered' : (status as SendRecord['status']),
        reason: p.ErrorCode ? `twilio ${p.ErrorCode}` : send.reason,
        updatedAt: deps.clock.now().toISOString(),
      };
      await tx.set(path, updated);
      return updated;
    });
    if (!next) return json({ status: 'duplicate' }, 200);
    const send = next;
    const suppress =
      (status === 'undelivered' || status === 'failed') && p.ErrorCode && SUPPRESSING.has(p.ErrorCode);
    if (suppress && send.to)
      await deps.consent.suppress(scope, send.channel, send.to, 'bounce', `twilio ${p.ErrorCode}`);
    await deps.timeline.record(
      scope,
      next,
      (suppress ? 'bounced' : status) as MessageEventStatus,
      p.ErrorCode,
    );
    await deps.timeline.flush();
    return json({ status: 'recorded' }, 200);
  }

  async function onInbound(scope: BrandScope, p: z.infer<typeof inboundSchema>): Promise<Response> {
    const channel = p.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const keyword = keywordOf(p.Body);
    if (keyword)
      await deps.consent.set(
        scope,
        channel,
        p.From,
        keyword === 'opt_out' ? 'opted_out' : 'opted_in',
        'keyword',
      );
    await deps.timeline.received(scope, {
      channel,
      from: p.From.replace(/^whatsapp:/, ''),
      messageId: p.MessageSid,
    });
    await deps.timeline.flush();
    return new Response(EMPTY_TWIML, { status: 200, headers: { 'content-type': 'text/xml' } });
  }

  return async function receiveTwilioWebhook(request: Request): Promise<Response> {
    if (request.method !== 'POST') return refusal('method_not_allowed', 'POST only', 405);
    const url = new URL(request.url);
    const match = TWILIO_WEBHOOK_PATH.exec(url.pathname);
    const tenant = tenantIdSchema.safeParse(match?.[1]);
    const brand = brandIdSchema.safeParse(match?.[2]);
    if (!match || !tenant.success || !brand.success) return refusal('not_found', 'no such webhook', 404);
    const params = Object.fromEntries(new URLSearchParams(await request.text()));
    const signedUrl = deps.publicUrl
      ? `${deps.publicUrl.replace(/\/$/, '')}${url.pathname}${url.search}`
      : url.href;
    if (!deps.verify(signedUrl, params, request.headers.get('x-twilio-signature'))) {
      deps.logger.warn('twilio webhook refused: bad signature', { path: url.pathname });
      return refusal('forbidden', 'X-Twilio-Signature does not match', 403);
    }
    const scope: BrandScope = { ctx: systemContext(tenant.data, 'twilio-webhooks'), brandId: brand.data };
    if (match[3] === 'status') {
      const p = statusSchema.safeParse(params);
      return p.success ? onStatus(scope, p.data) : refusal('invalid_request', p.error.message, 400);
    }
    const p = inboundSchema.safeParse(params);
    return p.success ? onInbound(scope, p.data) : refusal('invalid_request', p.error.message, 400);
  };
}
