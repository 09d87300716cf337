import { z } from 'zod';
import { productLabel, WINDOW_DAYS } from '../../attribution/brand-window';
import { ALERT_EVIDENCE } from '../../domain/alerts/evidence';
import { ALERT_VIEWS, alertsInView, statusOfView } from '../../domain/alerts/snooze';
import { alertSubject } from '../../domain/alerts/subject';
import { RECOMMENDATION_STATUSES } from '../../domain/entities';
import { declarationFor, type EvidenceDeclaration, type EvidenceValue } from '../../domain/evidence';
import { RECOMMENDATION_EVIDENCE } from '../../domain/recommendations/evidence';
import { addDays } from '../../domain/time';
import { rowName, type ToolLabels, type ToolUnits } from '../../domain/tool-units';
import { defineTool, major, PERIOD_UNITS, round, sliceOf } from './types';

/** Most urgent first. */
const STATUSES = ['stockout', 'low', 'overstock', 'healthy'] as const;

export const getInventoryRisks = defineTool({
  name: 'get_inventory_risks',
  description: `Current stock per product (the latest inventory pass, as the dashboard and alerts show it) with its days of cover, status (stockout, low, healthy, overstock — thresholds from the brand settings), projected stockout date and spend alignment, and the ad spend and units sold over the last ${WINDOW_DAYS} days.`,
  input: z.object({
    status: z.enum(['at_risk', 'overstock', 'all']).default('at_risk').describe('at_risk = stockout and low'),
    advertised: z
      .boolean()
      .default(false)
      .describe(`Only products ads spent on in the last ${WINDOW_DAYS} days ("still advertising")`),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  units: {
    ...PERIOD_UNITS,
    currency: 'currency',
    low_cover_days: 'days',
    overstock_cover_days: 'days',
    products_with_stock: 'count',
    stock_available: 'count',
    days_of_cover: 'days',
    units_sold: 'count',
    ad_spend: 'money-major',
    product_id: 'internal',
    status: 'label',
    alignment: 'label',
  },
  async run(tc, input) {
    const period = { from: addDays(tc.asOf, -(WINDOW_DAYS - 1)), to: tc.asOf, days: WINDOW_DAYS };
    const [rows, catalog] = await Promise.all([
      // Stock is a level recorded by the latest pass (dated the day it ran, often today, after the
      // last day of sales): read that one, as the dashboard and the alerts do, not "at or before
      // the window's end", which found no stock at all once the pass ran a day later.
      tc.queries.products(tc.ctx, sliceOf(tc, period), { stock: 'latest' }),
      tc.store.products.list(tc.ctx, tc.brand.id),
    ]);
    const byId = new Map(catalog.map((p) => [p.id, p]));
    const { lowCoverDays, overstockCoverDays } = tc.brand.targets;
    // Status, cover and stockout date are the attribution pass's (velocity with intermittent
    // demand handled), not recomputed here, so every screen and answer agrees.
    const stocked = rows.filter((r) => r.stock_available !== null && r.status !== null);
    const products = stocked
      .map((r) => ({
        product_id: r.variant_id,
        title: productLabel(byId.get(r.variant_id), r.variant_id),
        status: r.status!,
        alignment: r.alignment,
        stock_available: r.stock_available!,
        days_of_cover: r.days_of_cover === null ? null : round(r.days_of_cover, 1),
        projected_stockout_date: r.stockout_date,
        units_sold: round(r.units, 1),
        ad_spend: major(r.spend_minor, tc.brand.currency),
      }))
      .filter((p) =>
        input.status === 'all'
          ? true
          : input.status === 'overstock'
            ? p.status === 'overstock'
            : p.status === 'stockout' || p.status === 'low',
      )
      .filter((p) => !input.advertised || p.ad_spend > 0)
      .sort(
        (a, b) =>
          STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) ||
          (a.status === 'overstock' ? -1 : 1) * ((a.days_of_cover ?? 0) - (b.days_of_cover ?? 0)) ||
          a.product_id.localeCompare(b.product_id),
      );
    const stockDate = stocked.map((r) => r.stock_date).find((d) => d !== null);
    return {
      as_of: stockDate ?? tc.asOf,
      window: period,
      currency: tc.brand.currency,
      thresholds: { low_cover_days: lowCoverDays, overstock_cover_days: overstockCoverDays },
      /** Products with a stock level at all: 0 means no inventory was synced or imported. */
      products_with_stock: stocked.length,
      products: products.slice(0, input.limit),
    };
  },
});

type EvidenceRow = { type?: string; evidence?: Record<string, EvidenceValue> };

/** The rows of a list of recommendations or alerts in a tool's output, with each row's declaration. */
function evidenceRowsIn(
  output: unknown,
  list: string,
  byType: Readonly<Record<string, readonly EvidenceDeclaration[]>>,
): { row: EvidenceRow; index: number; declared: EvidenceDeclaration }[] {
  const rows = (output as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(rows)) return [];
  return (rows as EvidenceRow[]).map((row, index) => ({
    row,
    index,
    declared: declarationFor(row.evidence ?? {}, byType[row.type ?? ''] ?? []),
  }));
}

/**
 * The units of the evidence keys in a list of recommendations or alerts, by each record's type:
 * `recommendations[].evidence.spend_window_minor` → `money-minor`. Rules agree on a shared key's
 * unit (shared/domain/evidence.test.ts), so one path has one unit.
 */
function evidenceUnitsIn(
  output: unknown,
  list: string,
  byType: Readonly<Record<string, readonly EvidenceDeclaration[]>>,
): ToolUnits {
  const units: Record<string, ToolUnits[string]> = {};
  for (const { row, declared } of evidenceRowsIn(output, list, byType)) {
    for (const key of Object.keys(row.evidence ?? {})) {
      const unit = declared[key]?.unit;
      if (unit) units[`${list}[].evidence.${key}`] = unit;
    }
  }
  return units;
}

/**
 * The labels of the evidence keys in a list of recommendations or alerts, by leaf path: a key means
 * what the rule that wrote its record says (a low-cover cut's `spend_window_minor` is spend on the
 * product), so labels go by row, not by key.
 */
function evidenceLabelsIn(
  output: unknown,
  list: string,
  byType: Readonly<Record<string, readonly EvidenceDeclaration[]>>,
): ToolLabels {
  const labels: Record<string, string> = {};
  for (const { row, index, declared } of evidenceRowsIn(output, list, byType)) {
    for (const key of Object.keys(row.evidence ?? {})) {
      const label = declared[key]?.label;
      if (label) labels[`${list}[${rowName(row) ?? index}].evidence.${key}`] = label;
    }
  }
  return labels;
}

export const getRecommendations = defineTool({
  name: 'get_recommendations',
  description:
    'The prioritized recommendations Pulsepoint generated (reduce_spend, increase_spend, promote, pause), with their evidence numbers, expected impact and the model behind it.',
  input: z.object({
    status: z.enum(RECOMMENDATION_STATUSES).default('open'),
    limit: z.number().int().min(1).max(50).default(10),
  }),
  units: {
    score: 'number',
    'recommendations[].id': 'internal',
    'recommendations[].type': 'label',
    'recommendations[].platform': 'internal',
    'recommendations[].priority': 'label',
    'recommendations[].expected_impact.amountMinor': 'money-minor',
    'recommendations[].expected_impact.currency': 'currency',
    // The model behind the impact is a sentence ("stated assumption: ad-driven sales …").
    'recommendations[].expected_impact.model': 'text',
  },
  // Each evidence key as its rule declares and labels it (shared/domain/recommendations/evidence.ts).
  unitsOf: (output) => evidenceUnitsIn(output, 'recommendations', RECOMMENDATION_EVIDENCE),
  labelsOf: (output) => evidenceLabelsIn(output, 'recommendations', RECOMMENDATION_EVIDENCE),
  async run(tc, input) {
    const recs = await tc.store.recommendations.listByStatus(tc.ctx, tc.brand.id, { status: input.status });
    return {
      recommendations: recs
        .sort((a, b) => b.score - a.score)
        .slice(0, input.limit)
        .map((r) => ({
          id: r.id,
          type: r.type,
          // The ad platform whose budget it changes, if any: what "should I spend more on TikTok" is asked of.
          platform: r.change.platform ?? null,
          priority: r.priority,
          score: r.score,
          title: r.title,
          action: r.action,
          reason: r.reason,
          evidence: r.evidence,
          expected_impact: r.expectedImpact,
        })),
    };
  },
});

export const getAlerts = defineTool({
  name: 'get_alerts',
  description:
    'Open alerts (ROAS drops, stockout risk, spending on stockouts, anomalies, sync failures, AI budget, failed posts, customers in store, paused messages), each with what it is about (`about`) and the app page for it (`link`); open and acknowledged leave out the ones the merchant snoozed, which "snoozed" lists.',
  input: z.object({ status: z.enum(ALERT_VIEWS).default('open') }),
  // The link is a page of the app for the model to cite, not a figure for the merchant.
  units: {
    'alerts[].id': 'internal',
    'alerts[].type': 'label',
    'alerts[].severity': 'label',
    'alerts[].link': 'internal',
  },
  // Each evidence key as its rule declares and labels it (shared/domain/alerts/evidence.ts).
  unitsOf: (output) => evidenceUnitsIn(output, 'alerts', ALERT_EVIDENCE),
  labelsOf: (output) => evidenceLabelsIn(output, 'alerts', ALERT_EVIDENCE),
  async run(tc, input) {
    const status = statusOfView(input.status);
    const stored = await tc.store.alerts.listByStatus(tc.ctx, tc.brand.id, status ? { status } : {});
    const alerts = alertsInView(stored, input.status, tc.now);
    return {
      alerts: alerts.map((a) => ({
        id: a.id,
        type: a.type,
        severity: a.severity,
        title: a.title,
        // What it is about by name, and the app page to open (a path of the web app).
        about: alertSubject(a).name,
        link: alertSubject(a).path,
        explanation: a.explanation,
        recommended_action: a.recommendedAction,
        evidence: a.evidence,
      })),
    };
  },
});
