import { describe, expect, it } from 'vitest';
import { RESERVED_TENANT_IDS, tenantIdSchema } from '../domain/tenancy';
import { OPS_DATASET, TENANT_TABLES, type TenantRow, tenantDatasetName } from './warehouse-tables';

describe('row types derived from the table definitions', () => {
  it('requires every required column and only known columns (checked by the compiler)', () => {
    const refund: TenantRow<'refunds'> = {
      brand_id: 'b1',
      refund_id: 'r1',
      order_id: 'o1',
      date: '2026-03-01',
      created_at: '2026-03-01T10:00:00.000Z',
      quantity: 1,
      amount_minor: 1_250,
      currency: 'EUR',
      kind: 'line',
      // Optional columns may be left out or null.
      variant_id: null,
    };
    // @ts-expect-error amount_minor is required
    const missing: TenantRow<'refunds'> = { ...refund, amount_minor: undefined };
    // @ts-expect-error a column the table does not have
    const unknown: TenantRow<'refunds'> = { ...refund, amount: 1 };
    // @ts-expect-error an INT64 column holds a number
    const wrongType: TenantRow<'refunds'> = { ...refund, quantity: '1' };
    expect([missing, unknown, wrongType]).toHaveLength(3);
    const names = TENANT_TABLES.refunds.columns.map((c) => c.name);
    expect(Object.keys(refund).every((k) => names.includes(k as (typeof names)[number]))).toBe(true);
  });

  it('keeps each column literal in the definition the adapters read', () => {
    const amount = TENANT_TABLES.refunds.columns.find((c) => c.name === 'amount_minor');
    expect(amount).toEqual({ name: 'amount_minor', type: 'INT64', required: true });
    expect(TENANT_TABLES.orders.columns.find((c) => c.name === 'email')).toEqual({
      name: 'email',
      type: 'STRING',
      pii: true,
    });
  });
});

describe('tenant datasets', () => {
  it('no tenant id can name the shared ops dataset: the id is refused, and so is the dataset name', () => {
    expect(RESERVED_TENANT_IDS).toContain(OPS_DATASET.slice('pp_'.length));
    for (const id of RESERVED_TENANT_IDS) {
      expect(tenantIdSchema.safeParse(id).success).toBe(false);
      expect(() => tenantDatasetName(id)).toThrow(/shared dataset/);
    }
    expect(tenantIdSchema.safeParse('ops_team').success).toBe(true);
    expect(tenantDatasetName('acme')).toBe('pp_acme');
  });
});
