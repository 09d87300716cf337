import { declareEvidence, type EvidenceDeclaration } from '../evidence';
import { platformName } from '../names/names';
import { amount, counted, day, dayRange, days, month, ratio, round4, share } from '../phrasing';
import { addDays, type LocalDate } from '../time';
import { sameWeekdayAnomaly } from './anomaly';
import type { AlertDraft, AlertInput, DailyTotal } from './types';

/** ROAS of the last 7 days against the 28 before them. */
const RECENT_WEEK = 7;
const BASELINE_DAYS = 28;
/** Share of the monthly AI budget at which the tenant is warned. */
export const AI_BUDGET_WARNING = 0.8;

/** What each rule's evidence measures (shared/domain/evidence.ts). */
export const ROAS_DROP_EVIDENCE = {
  recent_from: { unit: 'date', label: `Start of the last ${RECENT_WEEK} days` },
  recent_to: { unit: 'date', label: `End of the last ${RECENT_WEEK} days` },
  recent_spend_minor: { unit: 'money-minor', label: `Ad spend, last ${RECENT_WEEK} days` },
  recent_revenue_minor: { unit: 'money-minor', label: `Revenue, last ${RECENT_WEEK} days` },
  recent_roas: { unit: 'ratio', label: `ROAS, last ${RECENT_WEEK} days` },
  baseline_from: { unit: 'date', label: `Start of the previous ${BASELINE_DAYS} days` },
  baseline_to: { unit: 'date', label: `End of the previous ${BASELINE_DAYS} days` },
  baseline_spend_minor: { unit: 'money-minor', label: `Ad spend, previous ${BASELINE_DAYS} days` },
  baseline_revenue_minor: { unit: 'money-minor', label: `Revenue, previous ${BASELINE_DAYS} days` },
  baseline_roas: { unit: 'ratio', label: `ROAS, previous ${BASELINE_DAYS} days` },
  drop_pct: { unit: 'percent', label: 'How much ROAS fell' },
  threshold_pct: { unit: 'percent', label: 'Alerts from a fall of' },
} as const satisfies EvidenceDeclaration;
export const ANOMALY_EVIDENCE = {
  date: { unit: 'date', label: 'Unusual day' },
  metric: { unit: 'text', label: 'What was unusual' },
  value_minor: { unit: 'money-minor', label: 'Amount that day' },
  weekday_median_minor: { unit: 'money-minor', label: 'Usual for that weekday (median)' },
  robust_scale_minor: { unit: 'money-minor', label: 'Usual swing from week to week' },
  robust_z: { unit: 'number', label: 'How unusual (robust z-score)' },
  weeks_of_history: { unit: 'count', label: 'Same weekdays compared' },
} as const satisfies EvidenceDeclaration;
export const SPENDING_ON_STOCKOUT_EVIDENCE = {
  product: { unit: 'text', label: 'Out-of-stock product' },
  stock_available: { unit: 'count', label: 'Units in stock' },
  recent_days: { unit: 'days', label: 'Recent period' },
  spend_recent_minor: { unit: 'money-minor', label: 'Ad spend on it, recent period' },
  campaigns: { unit: 'count', label: 'Campaigns still advertising it' },
} as const satisfies EvidenceDeclaration;
export const STOCKOUT_RISK_EVIDENCE = {
  product: { unit: 'text', label: 'Product running low' },
  stock_available: { unit: 'count', label: 'Units in stock' },
  days_of_cover: { unit: 'days', label: 'Days of stock left' },
  threshold_days: { unit: 'days', label: 'Alerts below (days of cover)' },
  spend_window_minor: { unit: 'money-minor', label: 'Ad spend on it in the period' },
} as const satisfies EvidenceDeclaration;
export const SYNC_FAILURE_EVIDENCE = {
  platform: { unit: 'text', label: 'Platform not syncing' },
  error: { unit: 'text', label: 'What the platform said' },
  last_sync_at: { unit: 'date', label: 'Last successful sync' },
  failed_run_id: { unit: 'internal', label: 'Failed sync run (id)' },
} as const satisfies EvidenceDeclaration;
/** AI costs are kept in USD micros; the merchant reads dollars. */
export const AI_BUDGET_EVIDENCE = {
  month: { unit: 'date', label: 'Budget month' },
  ai_cost_usd: { unit: 'money-major', label: 'AI spend this month' },
  budget_usd: { unit: 'money-major', label: 'Monthly AI budget' },
  currency: { unit: 'currency', label: 'Currency of the budget' },
  used_share: { unit: 'fraction', label: 'Share of the budget used' },
  used_micros: { unit: 'internal', label: 'AI spend in millionths of a dollar' },
  budget_micros: { unit: 'internal', label: 'AI budget in millionths of a dollar' },
} as const satisfies EvidenceDeclaration;

function sumRange(daily: readonly DailyTotal[], from: string, to: string) {
  let spend = 0;
  let revenue = 0;
  for (const d of daily) {
    if (d.date < from || d.date > to) continue;
    spend += d.spendMinor;
    revenue += d.revenueMinor;
  }
  return { spend, revenue };
}

/** The last day the daily rules judge: `asOf`, or the last whole day when `asOf` is still running. */
function wholeDay(input: AlertInput): LocalDate {
  return input.lastCompleteDay !== undefined && input.lastCompleteDay < input.asOf
    ? input.lastCompleteDay
    : input.asOf;
}

export function roasDrop(input: AlertInput): AlertDraft[] {
  const asOf = wholeDay(input);
  const recentFrom = addDays(asOf, -(RECENT_WEEK - 1));
  const baseTo = addDays(recentFrom, -1);
  const baseFrom = addDays(baseTo, -(BASELINE_DAYS - 1));
  const recent = sumRange(input.daily, recentFrom, asOf);
  const base = sumRange(input.daily, baseFrom, baseTo);
  if (recent.spend <= 0 || base.spend <= 0 || base.revenue <= 0) return [];
  const recentRoas = recent.revenue / recent.spend;
  const baseRoas = base.revenue / base.spend;
  const dropPct = (1 - recentRoas / baseRoas) * 100;
  const limit = input.targets.roasDropAlertPct;
  if (dropPct < limit) return [];
  return [
    {
      brandId: input.brandId,
      dedupeKey: 'roas_drop:brand',
      type: 'roas_drop',
      severity: dropPct >= 2 * limit ? 'critical' : 'warning',
      title: `ROAS fell ${share(dropPct / 100)} against the previous ${BASELINE_DAYS} days`,
      explanation: `Over ${dayRange(recentFrom, asOf)} the brand earned ${amount(recent.revenue, input.currency)} on ${amount(recent.spend, input.currency)} of ad spend (ROAS ${ratio(recentRoas)}); over ${dayRange(baseFrom, baseTo)} ROAS was ${ratio(baseRoas)}. The alert line is a ${share(limit / 100)} drop.`,
      recommendedAction:
        'Open the campaigns view sorted by ROAS change and check the campaigns and products whose revenue fell while spend held; see the open recommendations.',
      ...declareEvidence(ROAS_DROP_EVIDENCE, {
        recent_from: recentFrom,
        recent_to: asOf,
        recent_spend_minor: recent.spend,
        recent_revenue_minor: recent.revenue,
        recent_roas: round4(recentRoas),
        baseline_from: baseFrom,
        baseline_to: baseTo,
        baseline_spend_minor: base.spend,
        baseline_revenue_minor: base.revenue,
        baseline_roas: round4(baseRoas),
        drop_pct: round4(dropPct),
        threshold_pct: limit,
      }),
    },
  ];
}

export function dailyAnomalies(input: AlertInput): AlertDraft[] {
  const asOf = wholeDay(input);
  const byDate = new Map(input.daily.map((d) => [d.date as string, d]));
  const today = byDate.get(asOf);
  if (!today) return [];
  const history = Array.from({ length: 8 }, (_, k) => byDate.get(addDays(asOf, -7 * (k + 1)))).filter(
    (d): d is DailyTotal => d !== undefined,
  );
  const out: AlertDraft[] = [];
  for (const metric of ['spend', 'revenue'] as const) {
    const pick = (d: DailyTotal) => (metric === 'spend' ? d.spendMinor : d.revenueMinor);
    const v = sameWeekdayAnomaly(pick(today), history.map(pick));
    if (!v?.anomalous) continue;
    const direction = v.z > 0 ? 'above' : 'below';
    out.push({
      brandId: input.brandId,
      dedupeKey: `anomaly:${metric}:${asOf}`,
      type: 'anomaly',
      severity: metric === 'spend' && v.z > 0 ? 'critical' : 'warning',
      title: `Unusual ${metric} on ${day(asOf)}: ${amount(v.value, input.currency)}, ${direction} the usual for that weekday`,
      explanation: `${metric === 'spend' ? 'Ad spend' : 'Revenue'} on ${day(asOf)} was ${amount(v.value, input.currency)}; the median of the same weekday over the previous ${history.length} weeks is ${amount(Math.round(v.median), input.currency)} (robust z-score ${v.z.toFixed(1)}, alert beyond ±3.5).`,
      recommendedAction:
        metric === 'spend'
          ? 'Check for a budget change, a new campaign or a bidding change on that day in the ad platforms.'
          : 'Check the store for checkout, stock or tracking problems on that day, and the channels whose revenue moved.',
      ...declareEvidence(ANOMALY_EVIDENCE, {
        date: asOf,
        metric,
        value_minor: v.value,
        weekday_median_minor: Math.round(v.median),
        robust_scale_minor: Math.round(v.scale),
        robust_z: round4(v.z),
        weeks_of_history: history.length,
      }),
    });
  }
  return out;
}

export function stockAlerts(input: AlertInput): AlertDraft[] {
  const riskDays = input.targets.stockoutRiskDays ?? input.targets.lowCoverDays;
  const out: AlertDraft[] = [];
  for (const p of input.products) {
    if (p.stockAvailable === null) continue;
    if (p.stockAvailable <= 0 && p.recentSpendMinor > 0) {
      out.push({
        brandId: input.brandId,
        dedupeKey: `spending_on_stockout:${p.productId}`,
        type: 'spending_on_stockout',
        severity: 'critical',
        title: `Ads are still running for ${p.title}, which is out of stock`,
        explanation: `${p.title} has ${p.stockAvailable} units available, yet ${counted(p.campaignCount, 'campaign')} spent ${amount(p.recentSpendMinor, input.currency)} on it in the last ${input.recentDays} days.`,
        recommendedAction: `Pause or exclude ${p.title} in those campaigns until it is restocked (see the pause recommendations).`,
        ...declareEvidence(SPENDING_ON_STOCKOUT_EVIDENCE, {
          product: p.title,
          stock_available: p.stockAvailable,
          recent_days: input.recentDays,
          spend_recent_minor: p.recentSpendMinor,
          campaigns: p.campaignCount,
        }),
      });
    } else if (
      p.stockAvailable > 0 &&
      p.daysOfCover !== null &&
      p.daysOfCover < riskDays &&
      p.spendMinor > 0
    ) {
      out.push({
        brandId: input.brandId,
        dedupeKey: `stockout_risk:${p.productId}`,
        type: 'stockout_risk',
        severity: p.daysOfCover < 3 ? 'critical' : 'warning',
        title: `${p.title} will stock out in about ${days(p.daysOfCover)} while ads keep selling it`,
        explanation: `${p.title} has ${p.stockAvailable} units, ${days(p.daysOfCover)} of cover at the current sales rate (alert below ${riskDays} days), and ${amount(p.spendMinor, input.currency)} of ad spend in the window.`,
        recommendedAction: `Reorder ${p.title} or slow the campaigns that advertise it (see the reduce-spend recommendations).`,
        ...declareEvidence(STOCKOUT_RISK_EVIDENCE, {
          product: p.title,
          stock_available: p.stockAvailable,
          days_of_cover: round4(p.daysOfCover),
          threshold_days: riskDays,
          spend_window_minor: p.spendMinor,
        }),
      });
    }
  }
  return out;
}

export function syncFailures(input: AlertInput): AlertDraft[] {
  const failedRuns = new Map(
    input.latestRuns.filter((r) => r.status === 'failed').map((r) => [r.platform, r]),
  );
  const out: AlertDraft[] = [];
  const platforms = new Set([
    ...input.integrations.filter((i) => i.status === 'error').map((i) => i.platform),
    ...failedRuns.keys(),
  ]);
  for (const platform of [...platforms].sort()) {
    const integration = input.integrations.find((i) => i.platform === platform);
    const run = failedRuns.get(platform);
    const error = run?.error ?? integration?.lastError ?? 'unknown error';
    out.push({
      brandId: input.brandId,
      dedupeKey: `sync_failure:${platform}`,
      type: 'sync_failure',
      severity: 'warning',
      title: `Syncing ${platformName(platform)} is failing`,
      explanation: `The last ${platformName(platform)} sync failed: ${error}. Numbers from ${platformName(platform)} stop at ${integration?.lastSyncAt ? `the sync of ${integration.lastSyncAt.slice(0, 10)}` : 'the last successful sync'}.`,
      recommendedAction:
        'Check the connection in Settings → Integrations (an expired token needs reconnecting); syncs retry automatically every hour.',
      ...declareEvidence(SYNC_FAILURE_EVIDENCE, {
        platform: platformName(platform),
        error,
        last_sync_at: integration?.lastSyncAt ?? null,
        failed_run_id: run?.id ?? null,
      }),
    });
  }
  return out;
}

export function aiBudget(input: AlertInput): AlertDraft[] {
  const b = input.aiBudget;
  if (!b || b.budgetMicros <= 0) return [];
  const used = b.usedMicros / b.budgetMicros;
  if (used < AI_BUDGET_WARNING) return [];
  return [
    {
      brandId: input.brandId,
      dedupeKey: `ai_budget:${b.month}`,
      type: 'ai_budget',
      severity: used >= 1 ? 'critical' : 'warning',
      title: `AI cap ${used >= 1 ? 'used up' : 'nearly used'}: ${share(used)} of the ${month(b.month)} cap`,
      explanation: `This month's AI questions and summaries cost ${amount(Math.round(b.usedMicros / 1e4), 'USD')} of your ${amount(Math.round(b.budgetMicros / 1e4), 'USD')} monthly cap. Once it is used up, AI answers are refused until next month, whatever the plan includes.`,
      recommendedAction:
        'An owner can raise the monthly AI cap on the AI usage page; otherwise ask fewer ad-hoc questions until the month ends.',
      ...declareEvidence(AI_BUDGET_EVIDENCE, {
        month: b.month,
        ai_cost_usd: b.usedMicros / 1e6,
        budget_usd: b.budgetMicros / 1e6,
        currency: 'USD',
        used_share: round4(used),
        used_micros: b.usedMicros,
        budget_micros: b.budgetMicros,
      }),
    },
  ];
}
