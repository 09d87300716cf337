import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/kernel/config';
import { createConfiguredMail, smtpOptionsOf } from './mail';

describe('the invitation mail channel from configuration', () => {
  it.each([
    [
      'smtp://mailer:p%40ss@smtp.example.com:2525',
      { host: 'smtp.example.com', port: 2525, secure: false, auth: { user: 'mailer', pass: 'p@ss' } },
    ],
    [
      'smtps://u:p@smtp.example.com',
      { host: 'smtp.example.com', port: 465, secure: true, auth: { user: 'u', pass: 'p' } },
    ],
    ['smtp://relay.internal', { host: 'relay.internal', port: 587, secure: false }],
  ])('%s', (url, expected) => {
    expect(smtpOptionsOf(url, 'PP <no-reply@pp.example>')).toEqual({
      ...expected,
      from: 'PP <no-reply@pp.example>',
    });
  });

  it('is absent without a URL, and a URL without a sender stops start-up', () => {
    expect(createConfiguredMail(loadConfig({}))).toBeUndefined();
    expect(() => loadConfig({ PULSEPOINT_SMTP_URL: 'smtp://relay.internal' })).toThrow(
      /PULSEPOINT_MAIL_FROM/,
    );
    expect(() =>
      loadConfig({ PULSEPOINT_SMTP_URL: 'https://relay.internal', PULSEPOINT_MAIL_FROM: 'x' }),
    ).toThrow(/PULSEPOINT_SMTP_URL/);
  });
});
