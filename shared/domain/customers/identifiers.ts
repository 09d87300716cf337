import { z } from 'zod';
import { toE164 } from './phone';

/**
 * Customer identifiers (issue #18), in priority order. Email and phone are strong: one value is
 * one person. Loyalty ids, WhatsApp numbers and the platforms' own customer ids are also
 * deterministic. The weak ones (a device, a browser cookie, a QR code, a UPI handle, the last four
 * digits of a card) are shared by households and reused, so they only attach a record to a
 * profile, with a confidence, and never merge two identified people on their own.
 */
export const IDENTIFIER_KINDS = [
  'email',
  'phone',
  'loyalty_id',
  'whatsapp',
  'shopify_customer_id',
  'woocommerce_customer_id',
  'device_id',
  'shopify_client_id',
  'qr_id',
  'upi_id',
  'card_last4',
] as const;
export const identifierKindSchema = z.enum(IDENTIFIER_KINDS);
export type IdentifierKind = z.infer<typeof identifierKindSchema>;

/** An identifier as received (the events table stores these, not normalised). */
export const rawIdentifierSchema = z.object({ kind: identifierKindSchema, value: z.string() });
export type RawIdentifier = z.infer<typeof rawIdentifierSchema>;

/** A normalised identifier: equal values mean the same identifier. */
export interface Identifier {
  readonly kind: IdentifierKind;
  readonly value: string;
}

export type IdentifierTier = 'strong' | 'deterministic' | 'weak';

interface KindRule {
  tier: IdentifierTier;
  /** Confidence that a record carrying it belongs to the profile holding it. */
  confidence: number;
  /** Whether the identifier is looked up to find a profile (card last 4 only rides along). */
  lookup: boolean;
}

export const IDENTIFIER_RULES: Record<IdentifierKind, KindRule> = {
  email: { tier: 'strong', confidence: 1, lookup: true },
  phone: { tier: 'strong', confidence: 1, lookup: true },
  loyalty_id: { tier: 'deterministic', confidence: 0.98, lookup: true },
  whatsapp: { tier: 'deterministic', confidence: 0.97, lookup: true },
  shopify_customer_id: { tier: 'deterministic', confidence: 0.99, lookup: true },
  woocommerce_customer_id: { tier: 'deterministic', confidence: 0.99, lookup: true },
  upi_id: { tier: 'weak', confidence: 0.8, lookup: true },
  shopify_client_id: { tier: 'weak', confidence: 0.7, lookup: true },
  device_id: { tier: 'weak', confidence: 0.6, lookup: true },
  qr_id: { tier: 'weak', confidence: 0.5, lookup: true },
  card_last4: { tier: 'weak', confidence: 0.2, lookup: false },
};

export const isLinking = (kind: IdentifierKind): boolean => IDENTIFIER_RULES[kind].tier !== 'weak';

export type NormaliseResult = { ok: true; value: Identifier } | { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Normalises one identifier; `defaultCountry` (ISO 3166-1 alpha-2) is the brand's, for national phone numbers. */
export function normaliseIdentifier(raw: RawIdentifier, defaultCountry?: string): NormaliseResult {
  const value = raw.value.trim();
  if (value === '') return { ok: false, reason: `${raw.kind} is empty` };
  switch (raw.kind) {
    case 'email': {
      const email = value.toLowerCase();
      return EMAIL.test(email) ? ok(raw.kind, email) : { ok: false, reason: 'not an email address' };
    }
    case 'phone':
    case 'whatsapp': {
      const phone = toE164(value.replace(/^whatsapp:/i, ''), defaultCountry);
      return phone.ok ? ok(raw.kind, phone.value) : { ok: false, reason: `${raw.kind}: ${phone.reason}` };
    }
    case 'card_last4': {
      const digits = value.replace(/\D/g, '');
      return digits.length === 4
        ? ok(raw.kind, digits)
        : { ok: false, reason: 'card_last4 must be 4 digits' };
    }
    case 'upi_id': {
      const upi = value.toLowerCase();
      return /^[a-z0-9._-]+@[a-z0-9]+$/.test(upi)
        ? ok(raw.kind, upi)
        : { ok: false, reason: 'not a UPI id (name@bank)' };
    }
    case 'shopify_customer_id': {
      // Admin API ids arrive as numbers or as `gid://shopify/Customer/<n>`; the gid is the one form kept.
      const id = /^(?:gid:\/\/shopify\/Customer\/)?(\d+)$/.exec(value)?.[1];
      return id
        ? ok(raw.kind, `gid://shopify/Customer/${id}`)
        : { ok: false, reason: 'not a Shopify customer id' };
    }
    case 'loyalty_id':
      return ok(raw.kind, value.toUpperCase().replace(/\s+/g, ''));
    default:
      return ok(raw.kind, value);
  }
}

function ok(kind: IdentifierKind, value: string): NormaliseResult {
  return { ok: true, value: { kind, value } };
}

/** The index key of an identifier: `kind:value`. */
export const identifierKey = (id: Identifier): string => `${id.kind}:${id.value}`;

export function parseIdentifierKey(key: string): Identifier {
  const at = key.indexOf(':');
  return { kind: identifierKindSchema.parse(key.slice(0, at)), value: key.slice(at + 1) };
}

/** Normalises a list, dropping duplicates; the invalid ones are returned with their reasons. */
export function normaliseIdentifiers(
  raw: readonly RawIdentifier[],
  defaultCountry?: string,
): { identifiers: Identifier[]; rejected: Array<{ raw: RawIdentifier; reason: string }> } {
  const seen = new Set<string>();
  const identifiers: Identifier[] = [];
  const rejected: Array<{ raw: RawIdentifier; reason: string }> = [];
  for (const item of raw) {
    const result = normaliseIdentifier(item, defaultCountry);
    if (!result.ok) {
      rejected.push({ raw: item, reason: result.reason });
      continue;
    }
    const key = identifierKey(result.value);
    if (seen.has(key)) continue;
    seen.add(key);
    identifiers.push(result.value);
  }
  return { identifiers, rejected };
}
