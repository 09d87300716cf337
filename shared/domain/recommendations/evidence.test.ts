import { describe, expect, it } from 'vitest';
import {
  aCampaign,
  anInput,
  aProduct,
  aSpendLine,
  curvePoints,
} from '../../../test/support/recommendation-builders';
import { declarationFor, undeclaredEvidence } from '../evidence';
import { engageOverstock, generateRecommendations, type RecommendationDraft } from '.';
import { RECOMMENDATION_EVIDENCE, withDeclaredEvidence } from './evidence';

/** One input on which every rule fires: a stockout, a low-cover product, a below-target and a scaling campaign, overstock. */
function everyRule(): RecommendationDraft[] {
  const cut = curvePoints(40, 0.7, 10_000, 28);
  const scale = curvePoints(400, 0.8, 5_000, 28);
  const sum = (d: typeof cut, k: 'spendMinor' | 'revenueMinor') => d.slice(-14).reduce((s, p) => s + p[k], 0);
  const input = anInput({
    totalSpendMinor: sum(scale, 'spendMinor') * 20,
    campaigns: [
      aCampaign('c1', { spendMinor: 280_000 }),
      aCampaign('c3', {
        spendMinor: sum(cut, 'spendMinor'),
        revenueMinor: sum(cut, 'revenueMinor'),
        profitMinor: 0,
        daily: cut,
      }),
      aCampaign('c2', {
        spendMinor: sum(scale, 'spendMinor'),
        revenueMinor: sum(scale, 'revenueMinor'),
        profitMinor: sum(scale, 'revenueMinor') / 2,
        daily: scale,
      }),
      aCampaign('c4', { spendMinor: 280_000, revenueMinor: 1_400_000 }),
    ],
    campaignProducts: [
      aSpendLine('c1', 'p1', { spendMinor: 280_000, recentSpendMinor: 60_000 }),
      aSpendLine('c2', 'p2', { spendMinor: sum(scale, 'spendMinor'), recentSpendMinor: 1 }),
      aSpendLine('c4', 'p4', { spendMinor: 140_000 }),
    ],
    products: [
      aProduct('p1', { stockAvailable: 0, daysOfCover: 0 }),
      aProduct('p2'),
      aProduct('p4', { stockAvailable: 10, daysOfCover: 2 }),
      aProduct('p9', { stockAvailable: 2600, daysOfCover: 455, units: 80, cogsMinor: 248_000 }),
    ],
  });
  const audience = {
    productId: 'p9',
    customers: 400,
    byIntent: 300,
    category: 'Outerwear',
    windowDays: 30,
    priceMinor: 9_900,
  };
  return [...generateRecommendations(input), ...engageOverstock(input, new Map([['p9', audience]]))];
}

describe('recommendation evidence declarations', () => {
  it('every rule declares every key it writes, and stores the declaration with it', () => {
    const drafts = everyRule();
    expect(new Set(drafts.map((d) => d.type))).toEqual(
      new Set(['pause', 'reduce_spend', 'increase_spend', 'promote', 'engage']),
    );
    for (const d of drafts) {
      expect(undeclaredEvidence(d.evidence, d.evidenceUnits), d.dedupeKey).toEqual([]);
      expect(Object.keys(d.evidenceLabels).sort(), d.dedupeKey).toEqual(Object.keys(d.evidence).sort());
      const current = declarationFor(d.evidence, RECOMMENDATION_EVIDENCE[d.type]);
      expect(undeclaredEvidence(d.evidence, current), d.dedupeKey).toEqual([]);
    }
  });

  it('gives a record stored without a declaration its type’s current one', () => {
    const [draft] = everyRule().filter((d) => d.type === 'pause');
    const { evidenceUnits: _dropped, evidenceLabels: _none, ...old } = draft!;
    const rec = withDeclaredEvidence({ ...old, id: 'r', status: 'open', createdAt: 'x', updatedAt: 'x' });
    expect(rec.evidenceUnits).toEqual(draft!.evidenceUnits);
    expect(rec.evidenceUnits).toMatchObject({ spend_recent_minor: 'money-minor', stock_available: 'count' });
    expect(rec.evidenceLabels).toEqual(draft!.evidenceLabels);
  });

  it('gives a record stored before labels the labels of the rule that wrote it, not of its type’s other rule', () => {
    // Both a below-target cut and a low-cover cut are `reduce_spend`, and label `spend_window_minor` differently.
    const cuts = everyRule().filter((d) => d.type === 'reduce_spend');
    const byCover = cuts.find((d) => d.dedupeKey.startsWith('reduce_spend:cover:'));
    const byTarget = cuts.find((d) => !d.dedupeKey.startsWith('reduce_spend:cover:'));
    for (const draft of [byCover!, byTarget!]) {
      const { evidenceLabels: _none, ...old } = draft;
      const rec = withDeclaredEvidence({ ...old, id: 'r', status: 'open', createdAt: 'x', updatedAt: 'x' });
      expect(rec.evidenceLabels, draft.dedupeKey).toEqual(draft.evidenceLabels);
    }
    expect(byCover!.evidenceLabels.spend_window_minor).not.toBe(byTarget!.evidenceLabels.spend_window_minor);
  });
});
