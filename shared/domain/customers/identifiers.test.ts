import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, normaliseIdentifiers } from './identifiers';

describe('identifier normalisation', () => {
  it.each([
    [{ kind: 'email', value: '  Jane.Doe@Example.COM ' }, 'GB', 'jane.doe@example.com'],
    [{ kind: 'phone', value: '07700 900123' }, 'GB', '+447700900123'],
    [{ kind: 'phone', value: '+44 7700 900123' }, 'US', '+447700900123'],
    [{ kind: 'phone', value: '0044 7700 900123' }, 'US', '+447700900123'],
    [{ kind: 'phone', value: '(415) 555-0132' }, 'US', '+14155550132'],
    [{ kind: 'phone', value: '1-415-555-0132' }, 'US', '+14155550132'],
    [{ kind: 'phone', value: '098765 43210' }, 'IN', '+919876543210'],
    [{ kind: 'phone', value: '06 1234 5678' }, 'IT', '+390612345678'],
    [{ kind: 'whatsapp', value: 'whatsapp:+919876543210' }, 'IN', '+919876543210'],
    [{ kind: 'shopify_customer_id', value: '207119551' }, 'US', 'gid://shopify/Customer/207119551'],
    [
      { kind: 'shopify_customer_id', value: 'gid://shopify/Customer/207119551' },
      'US',
      'gid://shopify/Customer/207119551',
    ],
    [{ kind: 'card_last4', value: '**** 4242' }, 'US', '4242'],
    [{ kind: 'upi_id', value: 'Priya.S@okhdfc' }, 'IN', 'priya.s@okhdfc'],
    [{ kind: 'loyalty_id', value: 'ab 123' }, 'IN', 'AB123'],
  ] as const)('%o in %s becomes %s', (raw, country, expected) => {
    const result = normaliseIdentifier(raw, country);
    expect(result).toEqual({ ok: true, value: { kind: raw.kind, value: expected } });
  });

  it.each([
    [{ kind: 'email', value: 'not-an-email' }, 'not an email address'],
    [{ kind: 'phone', value: '12345' }, 'digits'],
    [{ kind: 'phone', value: 'call me' }, 'letters'],
    [{ kind: 'card_last4', value: '42' }, '4 digits'],
    [{ kind: 'device_id', value: '  ' }, 'empty'],
  ] as const)('rejects %o with a reason', (raw, reason) => {
    const result = normaliseIdentifier(raw, 'US');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('refuses a national number when the brand has no known country', () => {
    expect(normaliseIdentifier({ kind: 'phone', value: '07700 900123' }, undefined).ok).toBe(false);
  });

  it('drops duplicates that differ only in form and lists the rejected ones', () => {
    const { identifiers, rejected } = normaliseIdentifiers(
      [
        { kind: 'email', value: 'A@B.co' },
        { kind: 'email', value: 'a@b.co ' },
        { kind: 'phone', value: 'nope' },
      ],
      'US',
    );
    expect(identifiers).toEqual([{ kind: 'email', value: 'a@b.co' }]);
    expect(rejected).toHaveLength(1);
  });
});
