import { z } from 'zod';
import type { LocalDate } from '../../domain/time';
import type { Warehouse } from '../../ports/warehouse';
import { type BrandScope, queryRows } from '../../ports/warehouse-rows';

const IN_RANGE = 'brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';
const row = z.object({ date: z.string(), n: z.number(), v: z.string().nullable() });

/**
 * What a rebuild of some days read, per day, in a few cheap aggregates: each day's orders (count
 * and newest `updated_at`, which a cancellation or edit moves), the refunds made that day, and the
 * refunds of the day's orders (a brand may book them on the order day). Two rebuilds of the same
 * days can run at once (Pub/Sub delivers concurrently; a full pass may be running); one that read
 * before a write and commits after the rebuild that saw it would put the older numbers back. So a
 * rebuild compares the fingerprint before its reads with the one after its writes, and runs again
 * when it moved: whoever writes last has checked that what it wrote is still current.
 */
export async function dayFingerprints(
  warehouse: Warehouse,
  scope: BrandScope,
  range: { from: LocalDate; to: LocalDate },
): Promise<Map<string, string>> {
  const q = (sql: string) => queryRows(warehouse, scope, row, sql, range);
  const [orders, refunds, ofOrders] = await Promise.all([
    q(`SELECT date, COUNT(*) AS n, CAST(MAX(updated_at) AS STRING) AS v FROM {{orders}}
       WHERE ${IN_RANGE} GROUP BY date`),
    q(`SELECT date, COUNT(*) AS n, CAST(SUM(amount_minor) AS STRING) AS v FROM {{refunds}}
       WHERE ${IN_RANGE} GROUP BY date`),
    unfilled(warehouse, scope).then((join) => q(refundsOfOrders(join))),
  ]);
  const out = new Map<string, string>();
  const add = (kind: string, rows: ReadonlyArray<z.infer<typeof row>>) => {
    for (const r of rows) out.set(r.date, `${out.get(r.date) ?? ''}${kind}${r.n}:${r.v ?? ''};`);
  };
  add('o', orders);
  add('r', refunds);
  add('p', ofOrders);
  return out;
}

/**
 * The refunds of the range's orders by order day. A refund carries its order's day (`order_date`,
 * decision 1006); rows still without it (written before their order arrived) join their order as
 * before, so the figures are the join's whatever mix the table holds. DuckDB scans every order for
 * that join even when no row needs it, so it is left out when the brand has no such row.
 */
const ORDER_DAY = 'BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';
const refundsOfOrders = (
  join: boolean,
) => `SELECT d AS date, COUNT(*) AS n, CAST(SUM(v) AS STRING) AS v FROM (
    SELECT r.order_date AS d, r.amount_minor AS v FROM {{refunds}} r
    WHERE r.brand_id = @brand AND r.order_date ${ORDER_DAY}${
      join
        ? `
    UNION ALL
    SELECT o.date AS d, r.amount_minor AS v
    FROM {{refunds}} r JOIN {{orders}} o ON o.brand_id = r.brand_id AND o.order_id = r.order_id
    WHERE r.brand_id = @brand AND r.order_date IS NULL AND o.date ${ORDER_DAY}`
        : ''
    }
  ) x GROUP BY d`;

/** Whether any of the brand's refunds still lacks its order's day (and so needs the join). */
async function unfilled(warehouse: Warehouse, scope: BrandScope): Promise<boolean> {
  const rows = await queryRows(
    warehouse,
    scope,
    z.object({ n: z.number() }),
    'SELECT COUNT(*) AS n FROM {{refunds}} WHERE brand_id = @brand AND order_date IS NULL',
    {},
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** The days whose fingerprint differs between two readings. */
export function changedDays(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): LocalDate[] {
  const days = new Set([...before.keys(), ...after.keys()]);
  return [...days].filter((d) => before.get(d) !== after.get(d)).sort() as LocalDate[];
}
