import { describe, expect, it } from 'vitest';
import { TENANT_TABLES } from '../../ports/warehouse-tables';
import { replaceNewerScript } from './bigquery-sql';

const ref = (table: string) => ({ projectId: 'p', dataset: 'pp_t', table });

describe('replaceNewerScript (BigQuery compare-and-set of whole records)', () => {
  const script = (replaceEqual: boolean) =>
    replaceNewerScript(
      { brandId: 'b1', keyColumn: 'order_id', versionColumn: 'updated_at', replaceEqual },
      { def: TENANT_TABLES.orders, target: ref('orders'), stage: ref('_stage_orders_1') },
      [
        { def: TENANT_TABLES.order_lines, target: ref('order_lines'), stage: ref('_stage_order_lines_1') },
        { def: TENANT_TABLES.refunds, target: ref('refunds') },
      ],
    );

  it('decides the fresh keys inside the transaction, before any write, against the stored versions', () => {
    const lines = script(false).sql.split('\n');
    expect(lines[0]).toBe('DECLARE fresh ARRAY<STRING> DEFAULT [];');
    expect(lines[1]).toBe('BEGIN TRANSACTION;');
    expect(lines[2]).toContain('SET fresh = ARRAY(SELECT s.`order_id` FROM `p.pp_t._stage_orders_1` AS s');
    expect(lines[2]).toContain(
      't.brand_id = @brand_id AND t.`order_id` = s.`order_id` AND t.`updated_at` >= s.`updated_at`',
    );
    expect(lines.at(-2)).toBe('COMMIT TRANSACTION;');
    expect(lines.at(-1)).toBe('SELECT written FROM UNNEST(fresh) AS written;');
  });

  it('lets an equal version replace the stored one only when asked (a re-run sync)', () => {
    expect(script(true).sql).toContain('t.`updated_at` > s.`updated_at`');
    expect(script(false).sql).toContain('t.`updated_at` >= s.`updated_at`');
  });

  it('replaces children before the parent, and only the fresh keys', () => {
    const sql = script(false).sql;
    const order = ['`p.pp_t.order_lines`', '`p.pp_t.refunds` WHERE', 'DELETE FROM `p.pp_t.orders`'].map((s) =>
      sql.indexOf(s),
    );
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(sql).toContain('FROM `p.pp_t._stage_order_lines_1` WHERE `order_id` IN UNNEST(fresh);');
    // A child without rows is only cleared for the fresh keys.
    expect(sql).not.toContain('INSERT INTO `p.pp_t.refunds`');
    expect(script(false).params).toEqual({ brand_id: 'b1' });
  });
});
