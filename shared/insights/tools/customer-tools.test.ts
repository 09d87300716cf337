import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aBrand } from '../../../test/support/builders';
import { createSqliteDocumentDb } from '../../adapters/embedded/sqlite-document-db';
import { createIdentityResolver } from '../../customers/identity/resolver';
import { createCustomer360 } from '../../customers/profiles/customer-360';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { shownRaw } from '../../domain/tool-units';
import { fixedClock } from '../../ports/clock';
import type { Warehouse } from '../../ports/warehouse';
import { runTool, toolsForRole } from '.';
import { getCustomer } from './customer-tools';
import { callUnits, type ToolContext } from './types';

describe('customer tools', () => {
  it('hide a customer’s acquisition ids and say its keys in words, when it has them', () => {
    const output = {
      customer_id: 'cus_1',
      journey_stage: 'repeat_buyer',
      acquisition: { channel: 'paid_social', platform: 'meta', campaignId: 'c_1', method: 'last_touch' },
      product_intent: [{ product_id: 'gid://shopify/ProductVariant/1', score: 80 }],
      predictions: { model: 'clv_2026', store_customer_id: '42', segment: 'needs_attention' },
    };
    expect(shownRaw(callUnits(getCustomer, output), output)).toEqual([]);
  });

  it('are not offered to viewers, who may not see personal data', () => {
    const names = (role: string) => toolsForRole(role).map((t) => t.name);
    expect(names('analyst')).toEqual(expect.arrayContaining(['find_customer', 'get_customer']));
    expect(names('viewer')).not.toContain('find_customer');
    expect(names('viewer')).not.toContain('get_customer');
    expect(names('viewer')).toContain('get_kpis');
  });

  it('find a customer by a phone written the local way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-tools-'));
    const db = createSqliteDocumentDb(join(dir, 'db.sqlite'));
    try {
      const ctx = systemContext('t1', 'test');
      const clock = fixedClock('2026-03-01T00:00:00Z');
      await createIdentityResolver({ db, clock }).resolve(
        { ctx, brandId: 'b1' },
        {
          id: 'e1',
          at: '2026-02-01T00:00:00Z',
          source: 'pos',
          identifiers: [{ kind: 'phone', value: '+447700900123' }],
          person: { firstName: 'Jo' },
        },
      );
      const tc: ToolContext = {
        ctx,
        brand: aBrand('b1', { currency: 'GBP' }),
        asOf: localDate('2026-03-01'),
        today: localDate('2026-03-02'),
        now: new Date('2026-03-02T12:00:00Z'),
        queries: {} as ToolContext['queries'],
        store: {} as ToolContext['store'],
        customers: createCustomer360({ db, warehouse: {} as Warehouse, clock }),
      };
      const outcome = await runTool(tc, 'find_customer', { phone: '07700 900123' });
      expect(outcome).toMatchObject({
        ok: true,
        output: { customers: [{ name: 'Jo', phones: ['+447700900123'] }] },
      });
      const missing = await runTool({ ...tc, customers: undefined }, 'find_customer', {
        phone: '07700 900123',
      });
      expect(missing).toMatchObject({
        ok: true,
        output: { error: expect.stringContaining('not available') },
      });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
