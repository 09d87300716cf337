import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS, type Config, loadConfig } from '.';

describe('loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8080,
      PULSEPOINT_DATA_DIR: '.data',
      PULSEPOINT_BACKEND: 'embedded',
      PULSEPOINT_SEED_DEMO: true,
    });
    expect(c.ANTHROPIC_API_KEY).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: expected a port number.*got "eighty"/],
    [{ PORT: '70000' }, /PORT: expected 1-65535/],
    [{ PULSEPOINT_BACKEND: 'aws' }, /PULSEPOINT_BACKEND/],
    [{ PULSEPOINT_SEED_DEMO: 'maybe' }, /PULSEPOINT_SEED_DEMO: expected true or false/],
    [{ PULSEPOINT_SECRET_KEY: 'c2hvcnQ=' }, /PULSEPOINT_SECRET_KEY: expected 32 bytes/],
    [{ SHOPIFY_API_VERSION: 'latest' }, /SHOPIFY_API_VERSION: expected a Shopify API version/],
    [{ BIGQUERY_MAX_BYTES_BILLED: '1000' }, /BIGQUERY_MAX_BYTES_BILLED: expected at least 10 MiB/],
    [
      { PULSEPOINT_SMTP_URL: 'smtp://relay.example' },
      /PULSEPOINT_MAIL_FROM: required with PULSEPOINT_SMTP_URL/,
    ],
    [{ PULSEPOINT_BACKEND: 'gcp' }, /GOOGLE_CLOUD_PROJECT: required when PULSEPOINT_BACKEND=gcp \(not set\)/],
    [
      { PULSEPOINT_BACKEND: 'gcp', GOOGLE_CLOUD_PROJECT: 'p', NODE_ENV: 'production' },
      /SHOPIFY_API_SECRET: the development default must not be used in production/,
    ],
    [
      {
        NODE_ENV: 'production',
        SHOPIFY_API_SECRET: 'real-secret',
        META_GRAPH_API_BASE_URL: 'http://127.0.0.1:4000',
      },
      /META_GRAPH_API_BASE_URL: sandboxes must not be used in production/,
    ],
  ])('stops on %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each(['FIREBASE_AUTH_EMULATOR_HOST', 'FIRESTORE_EMULATOR_HOST', 'PUBSUB_EMULATOR_HOST'])(
    'refuses %s in production (firebase-admin would accept unsigned tokens)',
    (name) => {
      const env = { NODE_ENV: 'production', SHOPIFY_API_SECRET: 'real-secret', [name]: '127.0.0.1:9099' };
      expect(() => loadConfig(env)).toThrow(
        new RegExp(`${name}: an emulator must not be used in production`),
      );
      expect(loadConfig({ ...env, NODE_ENV: 'test' })[name as keyof Config]).toBe('127.0.0.1:9099');
    },
  );

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8080);
  });

  it('documents every variable it reads', () => {
    const parsed = Object.keys(loadConfig({}));
    for (const name of parsed) expect(CONFIG_DOCS, name).toHaveProperty(name);
  });
});
