import { describe, expect, it } from 'vitest';
import { aCampaign, anInput, curvePoints } from '../../../test/support/recommendation-builders';
import { generateRecommendations } from '.';

/** A campaign at ROAS ≈ 2.3 on its first orders against a target of 3, on a third of the spend. */
function belowTarget(ltvRoas: number | null | undefined) {
  const daily = curvePoints(40, 0.7, 10_000, 28);
  const spend = daily.slice(-14).reduce((s, p) => s + p.spendMinor, 0);
  const revenue = daily.slice(-14).reduce((s, p) => s + p.revenueMinor, 0);
  return anInput({
    totalSpendMinor: spend * 3,
    campaigns: [
      aCampaign('c1', { spendMinor: spend, revenueMinor: revenue, profitMinor: 0, daily, ltvRoas }),
    ],
  });
}

describe('reduce spend with lifetime value', () => {
  it('is not raised when the LTV ROAS of the customers it acquired clears the target', () => {
    expect(generateRecommendations(belowTarget(3.4)).filter((r) => r.type === 'reduce_spend')).toEqual([]);
  });

  it('states the LTV ROAS when that too is below the target', () => {
    const [rec] = generateRecommendations(belowTarget(2.5));
    expect(rec).toMatchObject({ type: 'reduce_spend', evidence: { ltv_roas_window: 2.5 } });
    expect(rec!.reason).toContain('its LTV ROAS is 2.50×, still below the target');
  });

  it('says when no lifetime-value prediction covers the campaign yet', () => {
    const [rec] = generateRecommendations(belowTarget(null));
    expect(rec!.evidence).toMatchObject({ ltv_roas_window: null });
    expect(rec!.reason).toContain('No lifetime-value prediction covers its customers yet.');
  });
});
