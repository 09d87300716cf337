import { RetryableError } from '../../kernel/errors';
import type { MessageChannel, OutboundMessage, SendOutcome } from '../../ports/message-channel';
import type { TwilioClient } from './client';

export interface TwilioChannelOptions {
  client: TwilioClient;
  kind: 'sms' | 'whatsapp';
  /** The sending number (E.164) or a Messaging Service SID (`MG…`). */
  from: string;
}

/**
 * Twilio error codes that mean "never send to this number again" vs "give up on this message"
 * (https://www.twilio.com/docs/api/errors): 21211 invalid To, 21614 not a mobile number,
 * 21610 the recipient replied STOP, 63024 invalid WhatsApp recipient.
 */
const INVALID_RECIPIENT = new Set([21211, 21614, 63024]);
const UNSUBSCRIBED = 21610;

function outcomeOfError(err: unknown): SendOutcome {
  const { status, code, message } = err as { status?: number; code?: number; message?: string };
  const text = message ?? String(err);
  if (status === 429 || status === undefined || status >= 500) {
    throw new RetryableError(`Twilio send failed: ${text}`, status === 429 ? 1_000 : 30_000, { cause: err });
  }
  if (code === UNSUBSCRIBED) return { ok: false, reason: 'unsubscribed', message: text };
  if (code !== undefined && INVALID_RECIPIENT.has(code))
    return { ok: false, reason: 'invalid_recipient', message: text };
  return { ok: false, reason: 'rejected', message: text };
}

/** SMS or WhatsApp through Twilio's Programmable Messaging `Messages` resource. */
export function createTwilioChannel(options: TwilioChannelOptions): MessageChannel {
  const address = (n: string) =>
    options.kind === 'whatsapp' && !n.startsWith('whatsapp:') ? `whatsapp:${n}` : n;
  const sender = options.from.startsWith('MG')
    ? { messagingServiceSid: options.from }
    : { from: address(options.from) };
  return {
    kind: options.kind,
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const content = message.template
        ? {
            contentSid: message.template.contentSid,
            contentVariables: JSON.stringify(message.template.variables),
          }
        : { body: message.text };
      try {
        const created = await options.client.messages.create({
          to: address(message.to),
          ...sender,
          ...content,
          ...(message.statusCallbackUrl ? { statusCallback: message.statusCallbackUrl } : {}),
        });
        return { ok: true, providerId: created.sid };
      } catch (err) {
        return outcomeOfError(err);
      }
    },
  };
}
