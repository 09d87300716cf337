import { describe, expect, it } from 'vitest';
import { PlatformPermissionError, RetryableError, UnauthenticatedError } from '../../kernel/errors';
import type { HttpResponse } from '../../kernel/http';
import { createMetaConnector } from '.';
import * as errors from './fixtures/graph-errors';
import { classifyMetaResponse } from './throttle';

/**
 * The Marketing API connector against the Graph API errors Meta documents (the Marketing API
 * answers in the same format): fixtures from developers.facebook.com/docs/graph-api/guides/error-handling.
 */
const ACCOUNT = { id: 'act_1', name: 'Demo Brand', currency: 'USD', timezone_name: 'UTC' };

function answering(...bodies: Array<{ status: number; body: unknown }>) {
  let calls = 0;
  const fetchFn = (async () => {
    const next = bodies[calls++] ?? { status: 200, body: ACCOUNT };
    return new Response(JSON.stringify(next.body), {
      status: next.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  const meta = createMetaConnector({
    fetch: fetchFn,
    credentials: { accessToken: 't' },
    retry: { sleep: async () => {}, maxRetries: 3 },
  });
  return { meta, calls: () => calls };
}
const response = (status: number, body: unknown): HttpResponse => ({ status, body, headers: new Headers() });

describe("Meta connector against Meta's documented errors", () => {
  it.each([...Object.entries(errors.THROTTLE_ERRORS), ...Object.entries(errors.TRANSIENT_ERRORS)])(
    'retries the %s error and reads the answer after it',
    async (_, body) => {
      const { meta, calls } = answering({ status: 400, body });
      expect((await meta.account('act_1')).currency).toBe('USD');
      expect(calls()).toBe(2);
    },
  );

  it.each([
    ...Object.entries(errors.TOKEN_ERRORS),
    ...Object.entries(errors.PERMISSION_ERRORS),
    ['blocked (368)', errors.BLOCKED_ERROR],
    ['duplicate post (506)', errors.DUPLICATE_POST_ERROR],
  ])('does not repeat the %s error in place', (_, body) => {
    expect(classifyMetaResponse(response(400, body)).retry).toBe(false);
  });

  it.each(Object.entries(errors.TOKEN_ERRORS))(
    'reports a %s token error as unauthenticated, in Meta words, after one call',
    async (_, body) => {
      const { meta, calls } = answering({ status: 400, body });
      const err = await meta.account('act_1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnauthenticatedError);
      expect((err as Error).message).toBe(`meta: access token rejected (${body.error.message})`);
      expect(calls()).toBe(1);
    },
  );

  it('says error_user_msg when Meta wrote one (the documentation’s example)', async () => {
    const { meta } = answering({ status: 400, body: errors.DOC_EXAMPLE });
    await expect(meta.account('act_1')).rejects.toThrow('meta: access token rejected (A message)');
  });

  it('names a missing permission in Meta’s words, as a permission error (final)', async () => {
    const { meta, calls } = answering({ status: 403, body: errors.PERMISSION_ERRORS['denied (10)'] });
    const err = await meta.account('act_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformPermissionError);
    expect((err as Error).message).toBe(
      'meta account: missing permission ((#10) Application does not have permission for this action)',
    );
    expect(calls()).toBe(1);
  });

  it('hands a 368 block back to the queue for an hour, in the words Meta wrote for the user', async () => {
    const { meta } = answering({ status: 400, body: errors.BLOCKED_ERROR });
    const err = await meta.account('act_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as RetryableError).retryAfterMs).toBe(3_600_000);
    expect((err as Error).message).toContain(errors.BLOCKED_ERROR.error.error_user_msg);
  });
});
