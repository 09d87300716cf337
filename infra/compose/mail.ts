import { createSmtpEmailChannel } from '../../shared/adapters/smtp/email-channel';
import type { Config } from '../../shared/kernel/config';
import type { MessageChannel } from '../../shared/ports/message-channel';

/**
 * The deployment's own email (invitations) from `PULSEPOINT_SMTP_URL`: `smtps://` is implicit TLS
 * (port 465 by default), `smtp://` STARTTLS when offered (587). User and password come from the
 * URL, percent-decoded. No URL: no channel, and the inviter is handed the accept link.
 */
export function createConfiguredMail(
  config: Pick<Config, 'PULSEPOINT_SMTP_URL' | 'PULSEPOINT_MAIL_FROM'>,
): MessageChannel | undefined {
  if (!config.PULSEPOINT_SMTP_URL || !config.PULSEPOINT_MAIL_FROM) return undefined;
  return createSmtpEmailChannel(smtpOptionsOf(config.PULSEPOINT_SMTP_URL, config.PULSEPOINT_MAIL_FROM));
}

export function smtpOptionsOf(url: string, from: string) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    from,
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
  };
}
