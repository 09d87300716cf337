import { describe, expect, it } from 'vitest';
import { googleAdsRefusal } from './errors';
import {
  ACCOUNT_ERRORS,
  OPERATOR_ERRORS,
  PERMISSION_DENIED_ERRORS,
  RECONNECT_ERRORS,
  RETRYABLE_ERRORS,
} from './fixtures/errors';
import { googleErrorSchema } from './schemas';

const read = (body: unknown) => googleAdsRefusal(googleErrorSchema.parse(body).error);

describe("googleAdsRefusal reads Google's documented error codes", () => {
  it.each(Object.entries(OPERATOR_ERRORS))(
    "%s is Pulsepoint's own developer token or project, whatever the status",
    (_, body) => {
      expect(read(body)).toBe('operator');
    },
  );

  it.each(Object.entries(ACCOUNT_ERRORS))('%s is the ad account as it is set up', (_, body) => {
    expect(read(body)).toBe('account');
  });

  it.each(Object.entries(PERMISSION_DENIED_ERRORS))('%s is the signed-in user’s access', (_, body) => {
    expect(read(body)).toBe('permission');
  });

  it.each(Object.entries(RECONNECT_ERRORS))('%s is the merchant’s sign-in', (_, body) => {
    expect(read(body)).toBe('reconnect');
  });

  it('falls back to the status for a code it does not know, and says nothing of a throttle', () => {
    const bare = (status: string) => ({ error: { code: 0, message: 'm', status } });
    expect(read(bare('UNAUTHENTICATED'))).toBe('reconnect');
    expect(read(bare('PERMISSION_DENIED'))).toBe('permission');
    expect(read(RETRYABLE_ERRORS['resource exhausted (429)'].body)).toBeUndefined();
  });

  it("names the operator when one of several errors is the operator's, so the operator is told", () => {
    const both = structuredClone(PERMISSION_DENIED_ERRORS['user permission denied']);
    both.error.details[0]!.errors.push(
      ...OPERATOR_ERRORS['developer token not approved'].error.details[0]!.errors,
    );
    expect(read(both)).toBe('operator');
  });
});
