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
  // A store's own customers export said so (Shopify's "Accepts Email/SMS Marketing": decision 1025).
  'shopify_export',
] as const;

export const consentSchema = z.object({
  channel: channelKindSchema,
  /** Normalised: lower-case email, E.164 phone. */
  address: z.string().min(1),
  status: z.enum(['opted_in', 'opted_out']),
  source: z.enum(CONSENT_SOURCES),
  at: z.string(),
  /** Where an imported state was read: the file and its line, so the merchant can show it. */
  evidence: z.object({ file: z.string(), line: z.number().int().positive() }).optional(),
});
export type Consent = z.infer<typeof consentSchema>;

/**
 * One customer's marketing state as a store's export states it, channel by channel: `subscribed`
 * for an export's "yes", `not_subscribed` for its "no". Not consent yet: the consent store decides
 * what it changes (decision 1025).
 */
export interface ExportedConsent {
  channel: 'email' | 'sms';
  address: string;
  state: 'subscribed' | 'not_subscribed';
  evidence: { file: string; line: number };
}

/**
 * What an export's state does to the consent already held for the address (decision 1025):
 * - "yes" with nothing held records an opt-in from the export; an opt-in the export gave earlier
 *   is refreshed (and one it withdrew is restored: the store has them subscribed again); an
 *   opt-in from anywhere else is kept as it is (its source is the stronger proof); an opt-out from
 *   anywhere else (an unsubscribe link, STOP, the merchant) is never overturned;
 * - "no" withdraws only an opt-in an earlier export gave (Shopify no longer has them subscribed)
 *   and otherwise records nothing: "no" is not an opt-out the person gave.
 */
export function consentAfterExport(
  held: Consent | undefined,
  state: ExportedConsent['state'],
): 'opt_in' | 'opt_out' | 'keep' {
  if (state === 'subscribed') {
    if (!held || held.source === 'shopify_export') return 'opt_in';
    return 'keep';
  }
  return held?.status === 'opted_in' && held.source === 'shopify_export' ? 'opt_out' : 'keep';
}

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
