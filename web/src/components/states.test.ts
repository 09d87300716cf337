import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describeError } from './states';

describe('error messages', () => {
  it.each([
    [
      new ApiError(404, 'not_found', 'brand x not found'),
      'This was not found, or you do not have access to it.',
    ],
    [new ApiError(403, 'forbidden', 'role viewer may not'), 'Your role does not allow this.'],
    [new ApiError(429, 'rate_limited', 'slow', 12), 'Too many requests. Try again in 12 s.'],
    [new ApiError(500, 'internal', 'internal error'), 'The server had a problem. Try again in a moment.'],
    [new ApiError(400, 'invalid_request', 'reason is required'), 'reason is required'],
    [
      new ApiError(400, 'invalid_request', 'request failed validation', undefined, [
        { path: 'notificationWebhookUrl', message: 'must be an https:// URL' },
      ]),
      'notificationWebhookUrl: must be an https:// URL',
    ],
    [new Error('offline'), 'offline'],
    ['a string', 'a string'],
  ])('explains %o', (error, message) => {
    expect(describeError(error)).toBe(message);
  });
});
