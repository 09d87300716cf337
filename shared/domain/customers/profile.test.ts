import { describe, expect, it } from 'vitest';
import type { IdentifierKind } from './identifiers';
import { profileStrength, profileStrengthParts, withIdentifiers, withPerson } from './profile';

const kinds = (...list: IdentifierKind[]) => list.map((kind) => ({ kind }));

describe('profile strength', () => {
  it.each([
    [[], null, 0],
    [[{ kind: 'shopify_client_id' }], null, 3],
    [[{ kind: 'email' }], null, 30],
    [[{ kind: 'email' }, { kind: 'phone' }], { firstName: 'Jo' }, 65],
    [
      [{ kind: 'email' }, { kind: 'phone' }, { kind: 'loyalty_id' }, { kind: 'shopify_customer_id' }],
      { firstName: 'Jo', address1: '1 High St', postcode: 'M1', dateOfBirth: '1990-01-01' },
      90,
    ],
  ] as const)('%o with %o scores %i', (identifiers, person, expected) => {
    expect(profileStrength(identifiers, person)).toBe(expected);
  });

  it('caps weak identifiers at 10 points and the total at 100', () => {
    const weak = kinds('device_id', 'shopify_client_id', 'qr_id', 'upi_id', 'card_last4');
    expect(profileStrength(weak, null)).toBe(10);
    const all = [
      ...weak,
      ...kinds('email', 'phone', 'loyalty_id', 'whatsapp', 'shopify_customer_id', 'woocommerce_customer_id'),
    ];
    expect(profileStrength(all, { firstName: 'A', address1: 'B', city: 'C', dateOfBirth: 'D' })).toBe(100);
  });
});

describe('what profile strength is made of', () => {
  it('lists every part with its points, which add up to the strength', () => {
    const identifiers = kinds('email', 'shopify_customer_id', 'shopify_client_id');
    const person = { firstName: 'Maya', lastName: 'Patel' };
    const parts = profileStrengthParts(identifiers, person);
    expect(parts.filter((p) => p.points > 0)).toEqual([
      { part: 'email', points: 30, max: 30 },
      { part: 'shopify_customer_id', points: 8, max: 8 },
      { part: 'devices', points: 3, max: 10 },
      { part: 'name', points: 5, max: 5 },
    ]);
    expect(parts.reduce((s, p) => s + p.points, 0)).toBe(profileStrength(identifiers, person));
    expect(parts.find((p) => p.part === 'phone')).toEqual({ part: 'phone', points: 0, max: 30 });
  });
});

describe('profile updates', () => {
  it('adding an identifier already held only widens its seen window', () => {
    const once = withIdentifiers([], [{ kind: 'email', value: 'a@b.co' }], '2026-01-02T00:00:00Z');
    const twice = withIdentifiers(once, [{ kind: 'email', value: 'a@b.co' }], '2026-01-01T00:00:00Z');
    expect(twice).toEqual([
      {
        kind: 'email',
        value: 'a@b.co',
        confidence: 1,
        firstSeenAt: '2026-01-01T00:00:00Z',
        lastSeenAt: '2026-01-02T00:00:00Z',
      },
    ]);
    expect(withIdentifiers(twice, [{ kind: 'email', value: 'a@b.co' }], '2026-01-01T12:00:00Z')).toEqual(
      twice,
    );
  });

  it('fills missing person fields and keeps the known ones', () => {
    expect(
      withPerson({ firstName: 'Jo', city: null }, { firstName: 'Joanna', city: 'Leeds', postcode: '' }),
    ).toEqual({
      city: 'Leeds',
      firstName: 'Jo',
    });
  });
});
