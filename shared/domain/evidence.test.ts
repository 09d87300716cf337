import { describe, expect, it } from 'vitest';
import { ALERT_EVIDENCE } from './alerts/evidence';
import {
  declarationFor,
  declareEvidence,
  type EvidenceDeclaration,
  evidenceLabelsOf,
  evidenceUnitsOf,
  mergeEvidenceUnits,
  undeclaredEvidence,
  unitsOfDeclaration,
} from './evidence';
import { OUTCOME_EVIDENCE, RECOMMENDATION_EVIDENCE } from './recommendations/evidence';

const DECLARED = {
  spend_minor: { unit: 'money-minor', label: 'Ad spend in the period' },
  roas: { unit: 'ratio', label: 'ROAS in the period' },
  product: { unit: 'text', label: 'Product advertised' },
  run_id: { unit: 'internal', label: 'Sync run (id)' },
} as const;

/** Every declaration a record type can be shown by, with where it is used. */
const EVERY_DECLARATION: [string, EvidenceDeclaration][] = [
  ...Object.entries(RECOMMENDATION_EVIDENCE).flatMap(([type, rules]) =>
    rules.map((d, i): [string, EvidenceDeclaration] => [`recommendation ${type} #${i}`, d]),
  ),
  ['outcome', OUTCOME_EVIDENCE],
  ...Object.entries(ALERT_EVIDENCE).flatMap(([type, rules]) =>
    rules.map((d, i): [string, EvidenceDeclaration] => [`alert ${type} #${i}`, d]),
  ),
];

describe('declared evidence', () => {
  it('keeps each present value with its declared unit and label and drops absent ones', () => {
    expect(declareEvidence(DECLARED, { spend_minor: 347_923, roas: 2.4, product: undefined })).toEqual({
      evidence: { spend_minor: 347_923, roas: 2.4 },
      evidenceUnits: { spend_minor: 'money-minor', roas: 'ratio' },
      evidenceLabels: { spend_minor: 'Ad spend in the period', roas: 'ROAS in the period' },
    });
  });

  it('does not compile a key its declaration does not name', () => {
    // @ts-expect-error `cover_days` is not declared: tsc fails here if the check ever stops working.
    const out = declareEvidence(DECLARED, { spend_minor: 1, cover_days: 4 });
    // At run time the stray key is kept but has no unit or label, so it would show as a plain number.
    expect(out.evidenceUnits).toEqual({ spend_minor: 'money-minor' });
    expect(out.evidenceLabels).toEqual({ spend_minor: 'Ad spend in the period' });
  });

  it('does not compile a declaration with a key that has no label', () => {
    // @ts-expect-error `roas` has a unit but no label: tsc fails here if labels ever become optional.
    const out = declareEvidence({ roas: { unit: 'ratio' } }, { roas: 2 });
    expect(out.evidenceUnits).toEqual({ roas: 'ratio' });
  });

  it('gives a record stored before declarations or labels its rule’s current ones, for the keys it has', () => {
    const evidence = { spend_minor: 10, gone_key: 3 };
    expect(evidenceUnitsOf(evidence, undefined, DECLARED)).toEqual({ spend_minor: 'money-minor' });
    expect(evidenceUnitsOf(evidence, { spend_minor: 'number' }, DECLARED)).toEqual({ spend_minor: 'number' });
    expect(evidenceLabelsOf(evidence, undefined, DECLARED)).toEqual({
      spend_minor: 'Ad spend in the period',
    });
    expect(evidenceLabelsOf(evidence, { spend_minor: 'Spend then' }, DECLARED)).toEqual({
      spend_minor: 'Spend then',
    });
    expect(undeclaredEvidence(evidence, DECLARED)).toEqual(['gone_key']);
  });

  it('shows an old record by the rule of its type that declares most of its keys', () => {
    const campaign = {
      spend_minor: { unit: 'money-minor', label: 'Campaign spend' },
      roas_target: { unit: 'ratio', label: 'Your ROAS target' },
    } as const;
    const product = {
      spend_minor: { unit: 'money-minor', label: 'Ad spend on the product' },
      days_of_cover: { unit: 'days', label: 'Days of stock left' },
    } as const;
    const rules = [campaign, product];
    expect(declarationFor({ spend_minor: 1, days_of_cover: 2 }, rules).spend_minor?.label).toBe(
      'Ad spend on the product',
    );
    expect(declarationFor({ spend_minor: 1, roas_target: 2 }, rules).spend_minor?.label).toBe(
      'Campaign spend',
    );
    // A key only the other rule declares still has its label.
    expect(declarationFor({ spend_minor: 1, days_of_cover: 2 }, rules).roas_target?.label).toBe(
      'Your ROAS target',
    );
  });

  it('refuses to merge two declarations that give one key different units', () => {
    expect(mergeEvidenceUnits({ a: 'days' }, { a: 'days', b: 'count' })).toEqual({ a: 'days', b: 'count' });
    expect(() => mergeEvidenceUnits({ a: 'days' }, { a: 'count' })).toThrow(/a is declared days and count/);
  });

  it('every rule agrees with every other on the unit of a key they share', () => {
    // The assistant's tools declare evidence units by key path across record types (inventory-tools.ts).
    const units = (ds: readonly EvidenceDeclaration[]) => ds.map(unitsOfDeclaration);
    expect(() =>
      mergeEvidenceUnits(
        ...units(Object.values(RECOMMENDATION_EVIDENCE).flat()),
        unitsOfDeclaration(OUTCOME_EVIDENCE),
      ),
    ).not.toThrow();
    expect(() => mergeEvidenceUnits(...units(Object.values(ALERT_EVIDENCE).flat()))).not.toThrow();
  });

  it.each(EVERY_DECLARATION)(
    '%s labels every key in a merchant’s words, not its storage name',
    (_where, d) => {
      for (const [key, { label }] of Object.entries(d)) {
        expect(label.trim(), key).not.toBe('');
        expect(label, key).not.toMatch(/minor|micros|pct|_/i);
        // A label says more than one word ("Product" for `product` says nothing); a key that is
        // already a phrase may be its own label ("Out of stock since").
        expect(label.trim().split(/\s+/).length, key).toBeGreaterThan(1);
        // Short enough to sit beside its value on a phone (390 px) without wrapping badly.
        expect(label.length, key).toBeLessThanOrEqual(40);
        expect(label[0], key).toBe(label[0]!.toUpperCase());
      }
    },
  );

  it('labels the keys the old words got wrong as the rule means them', () => {
    const spend = RECOMMENDATION_EVIDENCE.increase_spend[0]!;
    expect(spend.half_saturation_daily_minor?.label).toBe("Daily spend at half the curve's ceiling");
    expect(spend.curve_r2?.label).toBe('How well spend explains revenue (R²)');
    expect(ALERT_EVIDENCE.stockout_risk[0]!.threshold_days?.label).toBe('Alerts below (days of cover)');
    // One key, two rules, two meanings: a low-cover cut's spend is on the product, a below-target cut's the campaign's.
    const [campaignCut, coverCut] = RECOMMENDATION_EVIDENCE.reduce_spend;
    expect(campaignCut!.spend_window_minor?.label).toBe('Campaign spend in the period');
    expect(coverCut!.spend_window_minor?.label).toBe('Ad spend on it in the period');
  });
});
