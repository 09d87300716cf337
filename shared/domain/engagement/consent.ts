import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from './channel';

export const channelKindSchema = z.enum(CHANNEL_KINDS);

/** How a consent state came about: shown beside it, so a merchant can prove an opt-in. */
export const CONSENT_SOURCES = [
  'checkout',
  'signup_form',
  'import',
  'api',
  'keyword',
  'unsubscribe_link',
  'merchant',
] as const;

export const consentSchema = z.object({
  channel: channelKindSchema,
  /** Normalised: lower-case email, E.164 phone. */
  address: z.string().min(1),
  status: z.enum(['opted_in', 'opted_out']),
  source: z.enum(CONSENT_SOURCES),
  at: z.string(),
});
export type Consent = z.infer<typeof consentSchema>;

export const SUPPRESSION_REASONS = ['bounce', 'complaint', 'invalid_recipient', 'merchant'] as const;
export const suppressionSchema = z.object({
  channel: channelKindSchema,
  address: z.string().min(1),
  reason: z.enum(SUPPRESSION_REASONS),
  detail: z.string().nullable(),
  at: z.string(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

/**
 * Keywords carriers and Twilio honour on SMS and WhatsApp
 * (https://help.twilio.com/articles/223134027): an opt-out keyword stops every further message at
 * once; an opt-in keyword restores consent. Matched on the whole trimmed message, any case.
 */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);

export function keywordOf(body: string): 'opt_out' | 'opt_in' | null {
  const word = body.trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'opt_out';
  if (OPT_IN.has(word)) return 'opt_in';
  return null;
}

export function normaliseAddress(channel: ChannelKind, address: string): string {
  const a = address.trim();
  return channel === 'email' ? a.toLowerCase() : a.replace(/^whatsapp:/, '').replace(/[\s()-]/g, '');
}
