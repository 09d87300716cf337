import { describe, expect, it } from 'vitest';
import { TENANT_TABLES } from '../ports/warehouse-tables';
import { schemaPlan } from './warehouse-rows';

const columns = (def: { columns: ReadonlyArray<{ name: string; required?: boolean }> }) =>
  def.columns.map((c) => ({ name: c.name, required: c.required === true }));

describe('bringing a table made by an earlier version up to date', () => {
  it('leaves a table with exactly its columns alone', () => {
    expect(schemaPlan(TENANT_TABLES.orders, columns(TENANT_TABLES.orders))).toEqual({ kind: 'current' });
  });

  it('adds the columns it lacks', () => {
    const old = columns(TENANT_TABLES.orders).filter((c) => c.name !== 'fulfillment_cost_minor');
    expect(schemaPlan(TENANT_TABLES.orders, old)).toEqual({
      kind: 'add',
      columns: [expect.objectContaining({ name: 'fulfillment_cost_minor' })],
    });
  });

  it('makes a derived table again when columns were removed from it', () => {
    const old = [...columns(TENANT_TABLES.attributions), { name: 'model', required: true }];
    expect(schemaPlan(TENANT_TABLES.attributions, old)).toEqual({ kind: 'recreate', removed: ['model'] });
  });

  it('keeps a source table with a leftover nullable column, and refuses one with a leftover required column', () => {
    const extra = (required: boolean) => [...columns(TENANT_TABLES.orders), { name: 'legacy', required }];
    expect(schemaPlan(TENANT_TABLES.orders, extra(false))).toEqual({ kind: 'current' });
    expect(() => schemaPlan(TENANT_TABLES.orders, extra(true))).toThrow(
      /orders has required column\(s\) legacy/,
    );
  });
});
