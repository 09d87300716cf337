import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../kernel/http';
import { classifyTiktokResponse, TIKTOK_AUTH_CODES, TIKTOK_PERMISSION_CODES } from './envelope';
import { AUTH_CODES, PERMISSION_CODES, RETRYABLE_CODES } from './fixtures/return-codes';

const ok200 = (body: unknown): HttpResponse => ({ status: 200, headers: new Headers(), body });

describe('classifyTiktokResponse', () => {
  it.each(Object.entries(RETRYABLE_CODES))(
    'retries %s, which TikTok reports inside an HTTP 200',
    (_, body) => {
      expect(classifyTiktokResponse(ok200(body)).retry).toBe(true);
    },
  );

  it.each([
    ...Object.entries(PERMISSION_CODES),
    ...Object.entries(AUTH_CODES),
    ['success', { code: 0, message: 'OK' }] as const,
  ])('does not retry %s in place', (_, body) => {
    expect(classifyTiktokResponse(ok200(body)).retry).toBe(false);
  });

  it('keeps the permission and token families apart: no code is both', () => {
    for (const body of Object.values(PERMISSION_CODES))
      expect(TIKTOK_PERMISSION_CODES.has(body.code)).toBe(true);
    for (const body of Object.values(AUTH_CODES)) expect(TIKTOK_AUTH_CODES.has(body.code)).toBe(true);
    expect([...TIKTOK_PERMISSION_CODES].filter((c) => TIKTOK_AUTH_CODES.has(c))).toEqual([]);
  });
});
