import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../web/src/routes';
import { contentPublishAlert } from '../content/publish-alert';
import { engagementPausedAlert } from '../engagement/stockout-alert';
import { ALERT_TYPES, type Alert } from '../entities';
import { localDate } from '../time';
import { aiBudget, stockAlerts, syncFailures } from './rules';
import { alertSubject } from './subject';
import type { AlertDraft, AlertInput } from './types';

const B = 'demo-brand';
const VARIANT = 'gid://shopify/ProductVariant/1001';
const input: AlertInput = {
  brandId: B,
  currency: 'USD',
  asOf: localDate('2026-11-14'),
  targets: { roasDropAlertPct: 25, lowCoverDays: 14, stockoutRiskDays: 14 },
  recentDays: 7,
  daily: [],
  products: [
    {
      productId: VARIANT,
      title: 'Velocity Runner — M',
      stockAvailable: 4,
      daysOfCover: 2.5,
      spendMinor: 50_000,
      recentSpendMinor: 10_000,
      campaignCount: 1,
    },
    {
      productId: 'gid://shopify/ProductVariant/2002',
      title: 'Trail Bottle — OS',
      stockAvailable: 0,
      daysOfCover: 0,
      spendMinor: 20_000,
      recentSpendMinor: 5_000,
      campaignCount: 2,
    },
  ],
  integrations: [
    {
      platform: 'meta',
      status: 'error',
      accountIds: ['act_1'],
      lastError: 'token expired',
      updatedAt: '2026-11-14T00:00:00Z',
    },
  ],
  latestRuns: [],
  aiBudget: { month: '2026-11', usedMicros: 9_000_000, budgetMicros: 10_000_000 },
};
const only = (drafts: AlertDraft[], type: Alert['type']) => {
  const d = drafts.find((x) => x.type === type);
  if (!d) throw new Error(`no ${type} draft`);
  return d;
};

/**
 * One alert of every type, from the code that raises it where that takes a few values, by the
 * raiser's own key and evidence otherwise. Keyed by type: a new type fails here until it has one.
 */
const DRAFTS: Record<Alert['type'], () => AlertDraft> = {
  stockout_risk: () => only(stockAlerts(input), 'stockout_risk'),
  spending_on_stockout: () => only(stockAlerts(input), 'spending_on_stockout'),
  sync_failure: () => only(syncFailures(input), 'sync_failure'),
  ai_budget: () => only(aiBudget(input), 'ai_budget'),
  roas_drop: () => ({
    ...base('roas_drop', 'roas_drop:brand'),
    evidence: { recent_from: '2026-11-08', recent_to: '2026-11-14', drop_pct: 40 },
  }),
  anomaly: () => ({
    ...base('anomaly', 'anomaly:spend:2026-11-14'),
    evidence: { date: '2026-11-14', metric: 'spend', value_minor: 90_000 },
  }),
  content_publish_failed: () =>
    contentPublishAlert({
      brandId: B,
      timeZone: 'UTC',
      currency: 'USD',
      post: {
        id: 'post-7',
        product: { title: 'Trail Bottle' } as never,
        scheduledFor: '2026-11-14T09:00:00Z',
        channels: ['facebook'],
      },
      reason: 'the token expired',
      blocked: false,
      attempts: 3,
    }),
  customer_in_store: () => ({
    ...base('customer_in_store', 'customer_in_store:prof-42:Flagship:2026-11-14'),
    evidence: { customer: 'Ada Lovelace', profile_id: 'prof-42', location: 'Flagship' },
  }),
  engagement_paused: () =>
    engagementPausedAlert({
      brandId: B,
      product: { variantId: VARIANT, title: 'Trail Bottle — OS' },
      since: '2026-11-14T08:00:00Z',
      paused: [{ kind: 'automation', name: 'Back in stock' }],
    }),
};
function base(type: Alert['type'], dedupeKey: string): AlertDraft {
  return {
    brandId: B,
    dedupeKey,
    type,
    severity: 'warning',
    title: 't',
    explanation: 'e',
    recommendedAction: 'r',
    evidence: {},
    evidenceUnits: {},
    evidenceLabels: {},
  };
}

describe('every alert names and links what it is about', () => {
  it.each(ALERT_TYPES.map((t) => [t]))('%s links to a page of the app', (type) => {
    const draft = DRAFTS[type]?.();
    expect(draft, `no alert of type ${type} in this test`).toBeDefined();
    const subject = alertSubject(draft as AlertDraft);
    const url = new URL(subject.path, 'https://app.example');
    const route = matchRoute(url.pathname);
    expect(route, `${subject.path} is no page of the app`).toBeDefined();
    expect(route?.name).not.toBe('home');
    if (route?.params.brandId !== undefined) expect(route.params.brandId).toBe(B);
    expect(subject.name).not.toMatch(/gid:|^the |^The /);
  });

  it('sends a stock alert to its product, by the id the inventory view uses and the name merchants know', () => {
    const subject = alertSubject(DRAFTS.stockout_risk());
    expect(subject.name).toBe('Velocity Runner — M');
    expect(matchRoute(new URL(subject.path, 'https://app.example').pathname)).toEqual({
      name: 'drilldown',
      params: { brandId: B, kind: 'product', id: VARIANT },
    });
  });

  it('opens a spend anomaly on its day, compared with the same weekday a week before', () => {
    const subject = alertSubject(DRAFTS.anomaly());
    expect(subject).toEqual({
      name: 'Ad spend on 2026-11-14',
      path: `/brands/${B}?from=2026-11-14&to=2026-11-14&compare=custom&cfrom=2026-11-07&cto=2026-11-07`,
    });
  });

  it('names the platform of a failing sync and opens the brand settings where it is reconnected', () => {
    expect(alertSubject(DRAFTS.sync_failure())).toEqual({
      name: 'Meta connection',
      path: `/brands/${B}/settings`,
    });
  });
});
