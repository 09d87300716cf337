import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GOOGLE_SANDBOX_APP,
  GOOGLE_SANDBOX_TOKEN,
  type GoogleAdsSandbox,
  startGoogleAdsSandbox,
} from '../../../infra/sandbox/google-ads';
import { UpstreamError } from '../../kernel/errors';
import { createGoogleAdsConnector } from '.';

describe('Google Ads connector against the sandbox', () => {
  let sandbox: GoogleAdsSandbox;
  const connector = () =>
    createGoogleAdsConnector({
      fetch,
      credentials: {
        accessToken: GOOGLE_SANDBOX_TOKEN,
        developerToken: GOOGLE_SANDBOX_APP.developerToken,
        loginCustomerId: '999-000-1111',
      },
      baseUrl: sandbox.url,
    });
  beforeAll(async () => {
    sandbox = await startGoogleAdsSandbox({ endDate: '2026-03-10' });
  });
  afterAll(() => sandbox?.close());

  it('surfaces a partial failure of a mutate instead of reporting success', async () => {
    const google = connector();
    const account = await google.account('123-456-7890');
    const err: unknown = await google.setStatus(account, '777', 'paused').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as Error).message).toMatch(/partially failed: operations\[0\]: resource not found/);
  });

  it('reads budgets from micros and normalizes campaign statuses', async () => {
    const google = connector();
    const account = await google.account('1234567890');
    const campaigns = await google.campaigns(account);
    expect(campaigns.find((c) => c.campaignId === '20000000301')).toMatchObject({
      status: 'active',
      rawStatus: 'ENABLED',
      dailyBudgetMinor: 12_000,
      objective: 'SEARCH',
    });
  });
});
