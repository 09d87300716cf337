import { describe, expect, it } from 'vitest';
import { createGoogleAdsConnector } from '../google-ads';
import { createMetaConnector } from '../meta';
import { createTiktokConnector } from '../tiktok';

/**
 * Each connector reads an ad account's name, currency and timezone from a response written from the
 * platform's own documentation (not from the sandboxes), and asks for the name explicitly.
 */
function answering(body: unknown, seen: string[]): typeof fetch {
  return (async (url: string | URL, init?: RequestInit) => {
    seen.push(`${String(url)}${init?.body ? ` ${String(init.body)}` : ''}`);
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('ad account details from documented responses', () => {
  it('Meta: GET /act_{id}?fields=id,name,currency,timezone_name', async () => {
    // Graph API AdAccount node: `id` is "act_{ad_account_id}", `name`, `currency` (ISO 4217) and
    // `timezone_name` (the IANA name) — https://developers.facebook.com/docs/marketing-api/reference/ad-account/
    const seen: string[] = [];
    const meta = createMetaConnector({
      fetch: answering(
        { id: 'act_1001', name: 'Acme Outdoor — US', currency: 'USD', timezone_name: 'America/Los_Angeles' },
        seen,
      ),
      credentials: { accessToken: 't' },
    });
    expect(await meta.account('act_1001')).toEqual({
      accountId: 'act_1001',
      name: 'Acme Outdoor — US',
      currency: 'USD',
      timezone: 'America/Los_Angeles',
    });
    expect(seen[0]).toContain('/act_1001?fields=id,name,currency,timezone_name');
  });

  it('TikTok: GET advertiser/info/ with the name among the fields', async () => {
    // Business API v1.3 "Get ad account details" (/advertiser/info/): the envelope {code, message,
    // request_id, data: {list: [...]}} with advertiser_id, name, currency, timezone per advertiser —
    // https://business-api.tiktok.com/portal/docs?id=1739593083610113
    const seen: string[] = [];
    const tiktok = createTiktokConnector({
      fetch: answering(
        {
          code: 0,
          message: 'OK',
          request_id: '202603101200000102151530442D0E6F11',
          data: {
            list: [
              {
                advertiser_id: '7000000001',
                name: 'Acme Outdoor EU',
                currency: 'EUR',
                timezone: 'Europe/Berlin',
                status: 'STATUS_ENABLE',
              },
            ],
          },
        },
        seen,
      ),
      credentials: { accessToken: 't' },
    });
    expect(await tiktok.account('7000000001')).toEqual({
      accountId: '7000000001',
      name: 'Acme Outdoor EU',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    expect(decodeURIComponent(seen[0]!)).toContain('"name"');
  });

  it('Google Ads: customer.descriptive_name from a searchStream over customer', async () => {
    // Customer resource: descriptive_name ("Optional, non-unique descriptive name"), currency_code,
    // time_zone — https://developers.google.com/google-ads/api/reference/rpc/v21/Customer ; REST JSON
    // uses the proto3 JSON mapping (camelCase, int64 as strings) — https://protobuf.dev/programming-guides/proto3/#json
    const seen: string[] = [];
    const google = createGoogleAdsConnector({
      fetch: answering(
        [
          {
            results: [
              {
                customer: {
                  resourceName: 'customers/1234567890',
                  id: '1234567890',
                  descriptiveName: 'Acme Search',
                  currencyCode: 'USD',
                  timeZone: 'America/New_York',
                },
              },
            ],
            fieldMask: 'customer.id,customer.descriptiveName,customer.currencyCode,customer.timeZone',
            requestId: 'x3kP0aQ8qS5xZlA2b1c9Fw',
          },
        ],
        seen,
      ),
      credentials: { accessToken: 't' },
    });
    expect(await google.account('123-456-7890')).toEqual({
      accountId: '123-456-7890',
      name: 'Acme Search',
      currency: 'USD',
      timezone: 'America/New_York',
    });
    expect(seen[0]).toContain('customer.descriptive_name');
  });
});
