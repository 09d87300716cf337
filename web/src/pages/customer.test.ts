import { describe, expect, it } from 'vitest';
import { strengthWords } from './customer';

const ids = (...kinds: string[]) =>
  kinds.map((kind) => ({
    kind,
    value: `${kind}-1`,
    confidence: 1,
    firstSeenAt: '2026-03-01T00:00:00Z',
    lastSeenAt: '2026-03-01T00:00:00Z',
  })) as Parameters<typeof strengthWords>[0]['identifiers'];

describe('profile strength on the customer’s page', () => {
  it('says what the 43 is made of, by name, and what collecting more would add', () => {
    const words = strengthWords({
      identifiers: ids('email', 'shopify_customer_id'),
      person: { firstName: 'Maya', lastName: 'Patel' },
    });
    expect(words.has).toBe('Email 30 · Shopify customer 8 · Name 5');
    // Only what a merchant can collect: not another platform's customer id, not devices.
    expect(words.toAdd).toBe(
      'Phone +30, Loyalty number +10, WhatsApp +8, Postal address +5, Date of birth +2',
    );
  });

  it('says nothing yet for an anonymous visitor and nothing to add for a full profile', () => {
    expect(strengthWords({ identifiers: [], person: null }).has).toBe('nothing yet');
    const full = strengthWords({
      identifiers: ids('email', 'phone', 'loyalty_id', 'whatsapp', 'device_id'),
      person: { firstName: 'A', address1: '1 High St', city: 'Leeds', dateOfBirth: '1990-01-01' },
    });
    expect(full.toAdd).toBeNull();
    expect(full.has).toContain('Devices and browsers 3');
  });
});
