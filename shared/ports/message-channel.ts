/**
 * One way of reaching a customer: email (SMTP), SMS or WhatsApp (Twilio). The engagement core
 * decides whether a message may go (consent, suppression, quiet hours, caps, the send ledger);
 * a channel only delivers it. Expected refusals come back as values; throttling and outages are
 * thrown as `RetryableError` so the task queue retries them.
 */
import type { ChannelKind } from '../domain/engagement/channel';

export type { ChannelKind } from '../domain/engagement/channel';

export interface OutboundMessage {
  readonly channel: ChannelKind;
  /** An email address, or an E.164 phone number for SMS and WhatsApp. */
  readonly to: string;
  readonly subject?: string;
  readonly text: string;
  /**
   * Email only: the HTML alternative, its links tracked and its open pixel in place (the sender
   * builds it); absent, the channel renders one from `text` without tracking.
   */
  readonly html?: string;
  /** The one-click unsubscribe endpoint of this recipient (RFC 8058), email only. */
  readonly unsubscribeUrl?: string;
  /** Where the provider reports delivery statuses (Twilio's StatusCallback). */
  readonly statusCallbackUrl?: string;
  /**
   * WhatsApp outside the 24-hour customer-service window may only open with an approved template
   * (Twilio Content API `ContentSid` + variables); inside it, free-form text is allowed.
   */
  readonly template?: { readonly contentSid: string; readonly variables: Readonly<Record<string, string>> };
  /** Our id of this send (the ledger key), carried in a header for tracing. */
  readonly reference: string;
}

export const SEND_REFUSALS = {
  /** The provider says the address does not exist (SMTP 5xx on RCPT, Twilio 21211/21614). */
  invalidRecipient: 'invalid_recipient',
  /** The recipient opted out at the provider (Twilio 21610: replied STOP). */
  unsubscribed: 'unsubscribed',
  /** Anything else the provider refused permanently. */
  rejected: 'rejected',
} as const;
export type SendRefusal = (typeof SEND_REFUSALS)[keyof typeof SEND_REFUSALS];

export type SendOutcome =
  | { readonly ok: true; readonly providerId: string }
  | { readonly ok: false; readonly reason: SendRefusal; readonly message: string };

export interface MessageChannel {
  readonly kind: ChannelKind;
  send(message: OutboundMessage): Promise<SendOutcome>;
  /** Closes pooled connections (shutdown, tests). */
  close?(): Promise<void>;
}
