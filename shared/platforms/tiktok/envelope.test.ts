import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../kernel/http';
import { classifyTiktokResponse } from './envelope';

const ok200 = (body: unknown): HttpResponse => ({ status: 200, headers: new Headers(), body });

describe('classifyTiktokResponse', () => {
  it('retries the rate limit TikTok reports inside an HTTP 200', () => {
    expect(
      classifyTiktokResponse(ok200({ code: 40100, message: 'Requests made too frequently' })).retry,
    ).toBe(true);
  });

  it('retries TikTok system errors', () => {
    expect(classifyTiktokResponse(ok200({ code: 50000, message: 'System error' })).retry).toBe(true);
  });

  it.each([0, 40001, 40002, 40105])('does not retry code %i', (code) => {
    expect(classifyTiktokResponse(ok200({ code, message: 'x' })).retry).toBe(false);
  });
});
