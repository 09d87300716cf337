import { describe, expect, it } from 'vitest';
import { humanize, phoneNumber } from '../../../shared/domain/format';
import { readableEvidence, whoAndDetails } from './customer-reviews';

describe('merge review evidence as a reviewer reads it', () => {
  it('names the fields, says close for a typo, and leaves out what is missing', () => {
    expect(
      readableEvidence(
        'firstName: exact; lastName: jaro-winkler ≥ 0.92; address1: jaro-winkler ≥ 0.90; address2: missing; city: different; postcode: one edit; dateOfBirth: missing',
      ),
    ).toBe('First name: exact · Last name: close · Street: close · City: different · Postcode: one edit');
  });

  it('reads a shared identifier as its kind and value, a phone number formatted', () => {
    expect(readableEvidence('email:ana@example.com')).toBe('Email ana@example.com');
    expect(readableEvidence('shopify_customer_id:7001')).toBe(`${humanize('shopify_customer_id')} 7001`);
    expect(readableEvidence('phone:+14155550123')).toBe(`Phone ${phoneNumber('+14155550123')}`);
  });

  it('keeps any other evidence text as it is', () => {
    expect(readableEvidence('shared email a@b.c')).toBe('shared email a@b.c');
  });
});

describe('a profile under review', () => {
  it('is its name, then its email, phone and place', () => {
    expect(whoAndDetails({ name: 'Ana Wong', email: 'ana@example.com', place: 'Leeds, GB' })).toEqual([
      'Ana Wong',
      'ana@example.com',
      'Leeds, GB',
    ]);
  });

  it('is its email when it has no name, not "Unnamed customer" beside the email', () => {
    expect(whoAndDetails({ name: null, email: 'ana.w@example.com', phone: null, place: null })).toEqual([
      'ana.w@example.com',
    ]);
  });

  it('is its phone, formatted, with neither name nor email, and unnamed with nothing at all', () => {
    expect(whoAndDetails({ phone: '+14155550123' })).toEqual([phoneNumber('+14155550123')]);
    expect(whoAndDetails(undefined)).toEqual(['Unnamed customer']);
  });
});
