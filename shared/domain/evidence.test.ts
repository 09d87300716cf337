import { describe, expect, it } from 'vitest';
import { ALERT_EVIDENCE } from './alerts/evidence';
import { declareEvidence, evidenceUnitsOf, mergeEvidenceUnits, undeclaredEvidence } from './evidence';
import { OUTCOME_EVIDENCE, RECOMMENDATION_EVIDENCE } from './recommendations/evidence';

const UNITS = { spend_minor: 'money-minor', roas: 'ratio', product: 'text', run_id: 'internal' } as const;

describe('declared evidence', () => {
  it('keeps each present value with its declared unit and drops absent ones', () => {
    expect(declareEvidence(UNITS, { spend_minor: 347_923, roas: 2.4, product: undefined })).toEqual({
      evidence: { spend_minor: 347_923, roas: 2.4 },
      evidenceUnits: { spend_minor: 'money-minor', roas: 'ratio' },
    });
  });

  it('does not compile a key its declaration does not name', () => {
    // @ts-expect-error `cover_days` is not declared: tsc fails here if the check ever stops working.
    const out = declareEvidence(UNITS, { spend_minor: 1, cover_days: 4 });
    // At run time the stray key is kept but has no unit, so it would show as a plain number.
    expect(out.evidenceUnits).toEqual({ spend_minor: 'money-minor' });
  });

  it('refuses to merge two rules that declare one key in different units', () => {
    expect(mergeEvidenceUnits({ a: 'days' }, { a: 'days', b: 'count' })).toEqual({ a: 'days', b: 'count' });
    expect(() => mergeEvidenceUnits({ a: 'days' }, { a: 'count' })).toThrow(/a is declared days and count/);
  });

  it('gives a record stored before declarations its rule’s current declaration, for the keys it has', () => {
    const evidence = { spend_minor: 10, gone_key: 3 };
    expect(evidenceUnitsOf(evidence, undefined, UNITS)).toEqual({ spend_minor: 'money-minor' });
    expect(evidenceUnitsOf(evidence, { spend_minor: 'number' }, UNITS)).toEqual({ spend_minor: 'number' });
    expect(undeclaredEvidence(evidence, UNITS)).toEqual(['gone_key']);
  });

  it('every rule agrees with every other on the unit of a key they share', () => {
    // The assistant's tools declare evidence by key path across record types (inventory-tools.ts).
    expect(() =>
      mergeEvidenceUnits(...Object.values(RECOMMENDATION_EVIDENCE), OUTCOME_EVIDENCE),
    ).not.toThrow();
    expect(() => mergeEvidenceUnits(...Object.values(ALERT_EVIDENCE))).not.toThrow();
  });
});
