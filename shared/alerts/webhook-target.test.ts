import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, isPrivateAddress } from './webhook-target';

describe('webhook targets', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['169.254.169.254', true],
    ['[::1]', true],
    ['[fd00::1]', true],
    ['metadata.google.internal', true],
    ['localhost', true],
    ['8.8.8.8', false],
    ['hooks.slack.com', false],
  ])('%s is private: %s', (host, expected) => {
    expect(isPrivateAddress(host)).toBe(expected);
  });

  it('allows only public https targets in production, and loopback http in development', () => {
    expect(checkWebhookTarget('https://hooks.slack.com/services/x', true).ok).toBe(true);
    expect(checkWebhookTarget('http://hooks.slack.com/services/x', true)).toMatchObject({
      ok: false,
      reason: 'scheme',
    });
    expect(checkWebhookTarget('https://169.254.169.254/latest', true)).toMatchObject({
      ok: false,
      reason: 'private_address',
    });
    expect(checkWebhookTarget('http://127.0.0.1:9999/hook', false).ok).toBe(true);
    expect(checkWebhookTarget('file:///etc/passwd', false)).toMatchObject({ ok: false, reason: 'scheme' });
  });
});
