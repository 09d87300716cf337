import { describe, expect, it } from 'vitest';
import { columnBatchBuilder, NumberColumn } from './warehouse-batch';
import { rowsOfBatch } from './warehouse-columns';
import { TENANT_TABLES } from './warehouse-tables';

describe('column batches built from a table definition', () => {
  it('have a column per defined column: required numbers as growing Float64Arrays, the rest as arrays', () => {
    const b = columnBatchBuilder(TENANT_TABLES.reconciliation, { brand_id: 'b1' });
    const def = TENANT_TABLES.reconciliation.columns.map((c) => c.name).filter((n) => n !== 'brand_id');
    expect(Object.keys(b.columns)).toEqual(def);
    expect(b.columns.attributed_revenue_minor).toBeInstanceOf(NumberColumn);
    expect(b.columns.over_claim_ratio).toEqual([]); // nullable FLOAT64: an array
    expect(b.columns.date).toEqual([]);
  });

  it('hand over the rows pushed, fixed columns filled on every row, and start the next batch empty', () => {
    // Capacity 2, three rows: the number columns grow past their first buffer.
    const b = columnBatchBuilder(TENANT_TABLES.reconciliation, { brand_id: 'b1', currency: 'EUR' }, 2);
    const c = b.columns;
    for (let i = 0; i < 3; i++) {
      c.date.push(`2026-01-0${i + 1}`);
      c.platform.push('meta');
      c.model.push('last_touch');
      c.attributed_revenue_minor.push(2 ** 40 + i);
      c.claimed_value_minor.push(i);
      c.over_claim_ratio.push(i === 1 ? null : i / 2);
    }
    expect(b.length).toBe(3);
    const first = b.take();
    expect(first.rowCount).toBe(3);
    expect(first.columns.attributed_revenue_minor).toEqual(
      new Float64Array([2 ** 40, 2 ** 40 + 1, 2 ** 40 + 2]),
    );
    expect(rowsOfBatch(first)[1]).toEqual({
      date: '2026-01-02',
      platform: 'meta',
      model: 'last_touch',
      attributed_revenue_minor: 2 ** 40 + 1,
      claimed_value_minor: 1,
      over_claim_ratio: null,
      brand_id: 'b1',
      currency: 'EUR',
    });
    expect(b.length).toBe(0);
    c.date.push('2026-01-09');
    c.platform.push('tiktok');
    c.model.push('last_touch');
    c.attributed_revenue_minor.push(5);
    c.claimed_value_minor.push(6);
    c.over_claim_ratio.push(null);
    const second = b.take();
    expect(second.rowCount).toBe(1);
    expect(second.columns.attributed_revenue_minor).toEqual(new Float64Array([5]));
    expect(second.columns.brand_id).toEqual(['b1']);
    // The first batch's columns are its own: the next batch did not write over them.
    expect(first.columns.attributed_revenue_minor).toHaveLength(3);
    expect(first.columns.date).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });

  it('refuse a batch whose columns were pushed to unequal lengths, naming the short column', () => {
    const b = columnBatchBuilder(TENANT_TABLES.reconciliation, { brand_id: 'b1', currency: 'EUR' });
    const c = b.columns;
    c.date.push('2026-01-01');
    c.platform.push('meta');
    c.model.push('last_touch');
    c.attributed_revenue_minor.push(1);
    c.over_claim_ratio.push(null);
    expect(() => b.take()).toThrow('column claimed_value_minor holds 0 values for 1 rows');
  });

  it('refuse a fixed value for a column the table does not have', () => {
    expect(() => columnBatchBuilder(TENANT_TABLES.reconciliation, { brand: 'b1' } as never)).toThrow(
      'reconciliation has no column brand',
    );
  });
});
