import nodemailer from 'nodemailer';
import { renderEmailHtml } from '../../domain/engagement/email-html';
import { RetryableError } from '../../kernel/errors';
import type { Clock } from '../../ports/clock';
import type { MessageChannel, OutboundMessage, SendOutcome } from '../../ports/message-channel';

export interface SmtpEmailChannelOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  from: string;
  /** Concurrent SMTP connections of the pool (default 5). */
  maxConnections?: number;
  /** Loopback sandboxes have no certificate. */
  allowUnverifiedTls?: boolean;
  /**
   * Stamps the `Date` header (RFC 5322 §3.6.1: when the message was ready to enter the mail
   * system) from the sender's clock; default the system's.
   */
  clock?: Clock;
}

/** SMTP reply codes: 4xx is "try again later", 5xx is permanent (RFC 5321 §4.2.1). */
function outcomeOfError(err: unknown): SendOutcome {
  const code = (err as { responseCode?: number }).responseCode;
  const message = err instanceof Error ? err.message : String(err);
  if (code !== undefined && code >= 500) {
    // 550/551/553 on RCPT: the mailbox does not exist or is not accepted — a hard bounce.
    const invalid = code === 550 || code === 551 || code === 553;
    return { ok: false, reason: invalid ? 'invalid_recipient' : 'rejected', message };
  }
  throw new RetryableError(`SMTP send failed: ${message}`, 60_000, { cause: err });
}

/**
 * Email through any SMTP server with nodemailer. Every marketing message carries RFC 8058 one-click
 * unsubscribe: `List-Unsubscribe` with an HTTPS URI and `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click`, which Gmail and Yahoo require of bulk senders.
 */
export function createSmtpEmailChannel(options: SmtpEmailChannelOptions): MessageChannel {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    // One pooled connection carries many messages: a campaign is thousands of sends.
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.allowUnverifiedTls ? { tls: { rejectUnauthorized: false } } : {}),
  });
  return {
    kind: 'email',
    async close() {
      transport.close();
    },
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const headers: Record<string, string> = { 'X-Pulsepoint-Reference': message.reference };
      if (message.unsubscribeUrl) {
        headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject ?? '',
          ...(options.clock ? { date: options.clock.now() } : {}),
          // Both parts make multipart/alternative (RFC 2046 §5.1.4): clients show the HTML, the
          // text is the fallback; both come from the same message, so they never disagree.
          text: message.text,
          html: message.html ?? renderEmailHtml(message.text, { subject: message.subject ?? null }),
          headers,
        });
        if (info.rejected.length > 0)
          return { ok: false, reason: 'invalid_recipient', message: `rejected: ${String(info.response)}` };
        return { ok: true, providerId: info.messageId };
      } catch (err) {
        return outcomeOfError(err);
      }
    },
  };
}
