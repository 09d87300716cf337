import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META_SANDBOX_TOKEN, type MetaSandbox, startMetaSandbox } from '../../../infra/sandbox/meta';
import type { LocalDate } from '../../domain/time';
import { RetryableError, UnauthenticatedError } from '../../kernel/errors';
import { createMetaConnector } from '.';

const d = (s: string) => s as LocalDate;
const key = (r: { campaignId: string; adsetId?: string; date: string; country?: string; region?: string }) =>
  `${r.campaignId}|${r.adsetId ?? ''}|${r.date}|${r.country ?? ''}|${r.region ?? ''}`;

describe('Meta connector against the sandbox', () => {
  let sandbox: MetaSandbox;
  const connector = (accessToken = META_SANDBOX_TOKEN) =>
    createMetaConnector({ fetch, credentials: { accessToken }, baseUrl: sandbox.url, pollIntervalMs: 1 });
  beforeAll(async () => {
    sandbox = await startMetaSandbox({ endDate: '2026-03-10' });
  });
  afterAll(() => sandbox?.close());

  it('reads the same rows through a synchronous call and an async report run', async () => {
    const meta = connector();
    const account = await meta.account('act_1001');
    expect(account).toEqual({
      accountId: 'act_1001',
      name: 'Demo Brand',
      currency: 'USD',
      timezone: 'America/New_York',
    });
    // 10 days: one synchronous request; 20 days: an async report run. Their overlap must agree.
    const short = await meta.report(account, d('2026-03-01'), d('2026-03-10'));
    const long = await meta.report(account, d('2026-02-19'), d('2026-03-10'));
    const overlap = new Map(long.rows.filter((r) => r.date >= '2026-03-01').map((r) => [key(r), r]));
    expect(short.rows.length).toBe(overlap.size);
    for (const r of short.rows) expect(overlap.get(key(r))).toEqual(r);
  });

  it('keeps delivery on region rows and purchases on country rows, never both', async () => {
    const meta = connector();
    const { rows } = await meta.report(await meta.account('act_1001'), d('2026-03-09'), d('2026-03-09'));
    const regional = rows.filter((r) => r.region);
    const national = rows.filter((r) => !r.region);
    expect(regional.every((r) => r.conversions === 0 && r.spendMinor > 0)).toBe(true);
    expect(national.every((r) => r.spendMinor === 0 && r.conversions > 0)).toBe(true);
    expect(national[0]?.attributionSetting).toBe('7d_click_1d_view');
  });

  it('reports a rejected token as unauthenticated, so the session can refresh it', async () => {
    const meta = connector('not-a-token');
    await expect(meta.account('act_1001')).rejects.toThrow(UnauthenticatedError);
  });
});

describe('Meta connector pacing', () => {
  const respond = (usage: Record<string, number>) =>
    new Response(JSON.stringify({ id: 'act_1', currency: 'USD', timezone_name: 'UTC' }), {
      headers: { 'content-type': 'application/json', 'x-ad-account-usage': JSON.stringify(usage) },
    });

  it('pauses briefly when the account nears its cap', async () => {
    const slept: number[] = [];
    const meta = createMetaConnector({
      fetch: (async () =>
        respond({ acc_id_util_pct: 92, reset_time_duration: 2 })) as unknown as typeof fetch,
      credentials: { accessToken: 't' },
      retry: { sleep: async (ms) => void slept.push(ms) },
    });
    await meta.account('act_1');
    await meta.account('act_1');
    expect(slept).toEqual([2_000]);
  });

  it('hands the task back to the queue when Meta asks for minutes of quiet', async () => {
    const meta = createMetaConnector({
      fetch: (async () =>
        respond({ acc_id_util_pct: 99, reset_time_duration: 600 })) as unknown as typeof fetch,
      credentials: { accessToken: 't' },
    });
    await meta.account('act_1');
    const err = await meta.account('act_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as RetryableError).retryAfterMs).toBe(600_000);
  });
});
