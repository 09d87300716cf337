import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../kernel/http';
import { classifyMetaResponse, pacingDelayMs } from './throttle';

const response = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  body,
  headers: new Headers(headers),
});
const error = (code: number) => ({ error: { message: 'x', code } });

describe('classifyMetaResponse', () => {
  it.each([4, 17, 32, 613, 80000, 80004, 80014])('retries throttling error code %i', (code) => {
    expect(classifyMetaResponse(response(400, error(code))).retry).toBe(true);
  });

  it.each([100, 190, 200, 80015])('does not retry error code %i', (code) => {
    expect(classifyMetaResponse(response(400, error(code))).retry).toBe(false);
  });

  it('waits as long as the business use case header says (minutes)', () => {
    const usage = JSON.stringify({ '1001': [{ call_count: 100, estimated_time_to_regain_access: 3 }] });
    expect(classifyMetaResponse(response(400, error(80000), { 'x-business-use-case-usage': usage }))).toEqual(
      {
        retry: true,
        reason: 'meta throttled (code 80000)',
        afterMs: 180_000,
      },
    );
  });
});

describe('pacingDelayMs', () => {
  it('does not pause while usage is comfortable', () => {
    expect(pacingDelayMs(new Headers({ 'x-ad-account-usage': '{"acc_id_util_pct": 40}' }))).toBe(0);
  });

  it('pauses for the reset time when the account is near its cap', () => {
    const headers = new Headers({
      'x-ad-account-usage': '{"acc_id_util_pct": 95, "reset_time_duration": 30}',
    });
    expect(pacingDelayMs(headers)).toBe(30_000);
  });
});
