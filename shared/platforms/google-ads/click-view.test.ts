import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GOOGLE_SANDBOX_APP,
  GOOGLE_SANDBOX_TOKEN,
  type GoogleAdsSandbox,
  startGoogleAdsSandbox,
} from '../../../infra/sandbox/google-ads';
import { localDate } from '../../domain/time';
import { createGoogleAdsConnector } from '.';
import { CLICK_VIEW_STREAM } from './fixtures/click-view';

const account = { accountId: '123-456-7890', currency: 'USD', timezone: 'America/Los_Angeles' };

describe('gclid → campaign through click_view', () => {
  it('asks for one day and reads each click id with its campaign, skipping clicks without a gclid', async () => {
    const sent: string[] = [];
    const fakeFetch: typeof fetch = async (url, init) => {
      sent.push(`${String(url)} ${JSON.parse(String(init?.body)).query}`);
      return new Response(JSON.stringify(CLICK_VIEW_STREAM), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const google = createGoogleAdsConnector({ fetch: fakeFetch, credentials: { accessToken: 't' } });
    const clicks = await google.clickCampaigns!(account, localDate('2026-03-09'));
    expect(sent).toEqual([
      "https://googleads.googleapis.com/v21/customers/1234567890/googleAds:searchStream SELECT click_view.gclid, campaign.id, segments.date FROM click_view WHERE segments.date = '2026-03-09'",
    ]);
    expect(clicks).toEqual([
      {
        platform: 'google_ads',
        accountId: '123-456-7890',
        clickId: 'EAIaIQobChMI8rX1',
        campaignId: '21736540913',
        date: '2026-03-09',
      },
      {
        platform: 'google_ads',
        accountId: '123-456-7890',
        clickId: 'Cj0KCQiA4L2BBhCvARIsAO0SBdYx',
        campaignId: '21736540914',
        date: '2026-03-09',
      },
    ]);
  });
});

describe('the sandbox click_view', () => {
  let sandbox: GoogleAdsSandbox;
  const google = () =>
    createGoogleAdsConnector({
      fetch,
      credentials: { accessToken: GOOGLE_SANDBOX_TOKEN, developerToken: GOOGLE_SANDBOX_APP.developerToken },
      baseUrl: sandbox.url,
      retry: { maxRetries: 0 },
    });
  beforeAll(async () => {
    sandbox = await startGoogleAdsSandbox({ endDate: '2026-03-10' });
  });
  afterAll(() => sandbox?.close());

  it("lists the day's clicks on the world's campaigns", async () => {
    const clicks = await google().clickCampaigns!(
      { ...account, accountId: '1234567890' },
      localDate('2026-03-09'),
    );
    expect(clicks.length).toBeGreaterThan(0);
    expect(new Set(clicks.map((c) => c.clickId)).size).toBe(clicks.length);
    expect(clicks.every((c) => /^\d+$/.test(c.campaignId) && c.date === '2026-03-09')).toBe(true);
  });

  it('answers today, the day after the last day with data, with no clicks rather than an error', async () => {
    // The sync asks for every day up to today; a refusal here dead-lettered the whole Google sync.
    const clicks = await google().clickCampaigns!(
      { ...account, accountId: '1234567890' },
      localDate('2026-03-11'),
    );
    expect(clicks).toEqual([]);
  });

  it('refuses a range or a day more than 90 days back, as the API does', async () => {
    const res = await fetch(`${sandbox.url}/v21/customers/1234567890/googleAds:searchStream`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${GOOGLE_SANDBOX_TOKEN}`,
        'developer-token': GOOGLE_SANDBOX_APP.developerToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        query:
          "SELECT click_view.gclid FROM click_view WHERE segments.date BETWEEN '2026-03-01' AND '2026-03-09'",
      }),
    });
    expect(res.status).toBe(400);
    await expect(
      google().clickCampaigns!({ ...account, accountId: '1234567890' }, localDate('2025-11-01')),
    ).rejects.toThrow(/90 days/);
  });
});
