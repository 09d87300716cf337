import { describe, expect, it } from 'vitest';
import { NOT_APPLICABLE, type ResultsInput, resultRows } from './engagement-results';
import type { ResultRow } from './engagement-schemas';

const row = (variantId: string, opened: number | null, extra: Partial<ResultRow> = {}) => ({
  variantId,
  name: variantId,
  label: variantId,
  customers: 10,
  orders: 1,
  revenueMinor: 1_000,
  revenuePerCustomerMinor: 100,
  sent: 10,
  delivered: opened === null ? 9 : null,
  opened,
  clicked: 2,
  unsubscribed: 0,
  fromLinks: { orders: 1, revenueMinor: 500 },
  incrementalRevenueMinor: null,
  ...extra,
});
const group = { customers: 3, orders: 0, revenueMinor: 0, revenuePerCustomerMinor: 0 };
const input = (rows: ResultsInput['rows']): ResultsInput => ({
  rows,
  treated: { ...group, customers: 20 },
  holdout: group,
  incrementalRevenueMinor: 700,
});

describe('resultRows', () => {
  it('shows opens as not applicable on SMS rows, and adds up the email rows in the treated total', () => {
    const rows = resultRows(input([row('step-1', 4), row('step-2', null)]));
    expect(rows.map((r) => [r.key, r.opened])).toEqual([
      ['step-1', 4],
      ['step-2', NOT_APPLICABLE],
      ['treated', 4],
      // The holdout got nothing: not measured, not "not applicable".
      ['holdout', null],
    ]);
  });

  it('an SMS-only set of rows has no opens to add up, and no email means delivered adds up', () => {
    const [, treated] = resultRows(input([row('a', null)]));
    expect(treated).toMatchObject({ key: 'treated', opened: NOT_APPLICABLE, delivered: 9, sent: 10 });
  });

  it('an email row with no opens is 0, not n/a', () => {
    const [first, treated] = resultRows(input([row('a', 0)]));
    expect([first?.opened, treated?.opened, treated?.delivered]).toEqual([0, 0, null]);
  });
});
