import { z } from 'zod';
import {
  IDENTIFIER_RULES,
  type Identifier,
  identifierKey,
  identifierKindSchema,
  isLinking,
} from './identifiers';

export const personFieldsSchema = z.object({
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  postcode: z.string().nullish(),
  country: z.string().nullish(),
  dateOfBirth: z.string().nullish(),
});
export type PersonRecordFields = z.infer<typeof personFieldsSchema>;

export const profileIdentifierSchema = z.object({
  kind: identifierKindSchema,
  value: z.string(),
  /** 1 for deterministic identifiers; the kind's confidence for weak ones. */
  confidence: z.number().min(0).max(1),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type ProfileIdentifier = z.infer<typeof profileIdentifierSchema>;

/** One person of one brand. Merged profiles stay as tombstones pointing at their survivor. */
export const customerProfileSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  status: z.enum(['active', 'merged']),
  mergedInto: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  identifiers: z.array(profileIdentifierSchema),
  person: personFieldsSchema.nullable(),
  strength: z.number().int().min(0).max(100),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

/**
 * Profile strength 0–100: how surely the profile can be recognised and reached. Email and phone
 * carry most of it; the platforms' customer ids, loyalty and WhatsApp add; weak identifiers add a
 * little each (capped), and a name and a postal address add the rest.
 */
const POINTS: Record<Identifier['kind'], number> = {
  email: 30,
  phone: 30,
  loyalty_id: 10,
  whatsapp: 8,
  shopify_customer_id: 8,
  woocommerce_customer_id: 8,
  upi_id: 4,
  shopify_client_id: 3,
  device_id: 3,
  qr_id: 2,
  card_last4: 1,
};

/** One thing profile strength counts, and the points it gives (0 when the profile lacks it). */
export interface StrengthPart {
  /** An identifier kind, `devices` for the weak identifiers together, or a person field. */
  readonly part: Identifier['kind'] | 'devices' | 'name' | 'address' | 'date_of_birth';
  readonly points: number;
  /** What it gives when present. */
  readonly max: number;
}

/** Points of the weak identifiers together: a household's devices and browsers add only a little. */
const WEAK_CAP = 10;

/**
 * What profile strength is made of, one part per thing it counts, so a page can say which the
 * profile has and which it lacks (decision 1020): the linking identifiers each, the weak ones
 * together (capped), a name, a postal address, a date of birth.
 */
export function profileStrengthParts(
  identifiers: readonly Pick<ProfileIdentifier, 'kind'>[],
  person: PersonRecordFields | null,
): StrengthPart[] {
  const kinds = new Set(identifiers.map((i) => i.kind));
  const parts: StrengthPart[] = [];
  let weak = 0;
  for (const kind of Object.keys(POINTS) as Identifier['kind'][]) {
    if (isLinking(kind))
      parts.push({ part: kind, points: kinds.has(kind) ? POINTS[kind] : 0, max: POINTS[kind] });
    else if (kinds.has(kind)) weak += POINTS[kind];
  }
  parts.push({ part: 'devices', points: Math.min(weak, WEAK_CAP), max: WEAK_CAP });
  const has = (ok: unknown, points: number) => (ok ? points : 0);
  parts.push({ part: 'name', points: has(person?.firstName || person?.lastName, 5), max: 5 });
  parts.push({
    part: 'address',
    points: has(person?.address1 && (person.postcode || person.city), 5),
    max: 5,
  });
  parts.push({ part: 'date_of_birth', points: has(person?.dateOfBirth, 2), max: 2 });
  return parts;
}

export function profileStrength(
  identifiers: readonly Pick<ProfileIdentifier, 'kind'>[],
  person: PersonRecordFields | null,
): number {
  return Math.min(
    100,
    profileStrengthParts(identifiers, person).reduce((sum, p) => sum + p.points, 0),
  );
}

/** Adds identifiers seen at `at` (idempotent: a replay changes nothing). */
export function withIdentifiers(
  existing: readonly ProfileIdentifier[],
  added: readonly Identifier[],
  at: string,
): ProfileIdentifier[] {
  const byKey = new Map(existing.map((i) => [identifierKey(i), i]));
  for (const id of added) {
    const key = identifierKey(id);
    const held = byKey.get(key);
    if (held) {
      byKey.set(key, {
        ...held,
        firstSeenAt: held.firstSeenAt < at ? held.firstSeenAt : at,
        lastSeenAt: held.lastSeenAt > at ? held.lastSeenAt : at,
      });
    } else {
      byKey.set(key, {
        ...id,
        confidence: IDENTIFIER_RULES[id.kind].confidence,
        firstSeenAt: at,
        lastSeenAt: at,
      });
    }
  }
  return [...byKey.values()].sort((a, b) => identifierKey(a).localeCompare(identifierKey(b)));
}

/** Fills the profile's missing person fields from a newer record; known values are kept. */
export function withPerson(
  existing: PersonRecordFields | null,
  added: PersonRecordFields | null | undefined,
): PersonRecordFields | null {
  if (!added) return existing;
  if (!existing) return compactPerson(added);
  const merged: PersonRecordFields = { ...existing };
  for (const [field, value] of Object.entries(added) as Array<[keyof PersonRecordFields, string | null]>) {
    if (value && !merged[field]) merged[field] = value;
  }
  return compactPerson(merged);
}

function compactPerson(person: PersonRecordFields): PersonRecordFields | null {
  const entries = Object.entries(person).filter(([, v]) => typeof v === 'string' && v.trim() !== '');
  return entries.length === 0
    ? null
    : (Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) as PersonRecordFields);
}

export const isIdentified = (profile: Pick<CustomerProfile, 'identifiers'>): boolean =>
  profile.identifiers.some((i) => isLinking(i.kind));
