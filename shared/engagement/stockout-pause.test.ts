import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteDocumentDb } from '../adapters/embedded/sqlite-document-db';
import { systemContext } from '../domain/tenancy';
import { fixedClock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import { type Automation, automationInputSchema, automationSchema } from './automations';
import { type Campaign, campaignInputSchema, campaignSchema } from './campaigns';
import { docPath } from './paths';
import { createStockoutPause } from './stockout-pause';

const scope = { ctx: systemContext('t1', 'test'), brandId: 'b1' };
const BOTTLE = {
  variantId: 'gid://shopify/ProductVariant/303',
  productId: 'gid://shopify/Product/3',
  title: 'Trail Bottle',
};
const NOW = '2026-11-21T12:00:00.000Z';
let dir: string;
let db: DocumentDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pp-stockout-'));
  db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function anAutomation(
  id: string,
  productIds: string[] | undefined,
  status: Automation['status'] = 'active',
) {
  const input = automationInputSchema.parse({
    name: `Automation ${id}`,
    triggerEvent: 'checkout_started',
    steps: [{ waitMinutes: 0, channel: 'email', text: 'Hi' }],
    ...(productIds ? { productIds } : {}),
  });
  await db.set(
    docPath(scope, 'automations', id),
    automationSchema.parse({ ...input, id, status, createdAt: NOW }),
  );
}
async function aCampaign(id: string, productIds: string[], status: Campaign['status'] = 'draft') {
  const input = campaignInputSchema.parse({
    name: `Campaign ${id}`,
    channel: 'email',
    segment: null,
    variants: [{ id: 'a', name: 'A', weight: 1, text: 'Hi' }],
    productIds,
  });
  await db.set(
    docPath(scope, 'campaigns', id),
    campaignSchema.parse({ ...input, id, status, createdAt: NOW, sentAt: status === 'draft' ? null : NOW }),
  );
}
const statusOf = async (kind: 'automations' | 'campaigns', id: string) =>
  (await db.get(docPath(scope, kind, id)))?.data.status;

describe('stockout pause', () => {
  it('pauses the active automations and draft or sending campaigns featuring the product by variant or parent id, nothing else', async () => {
    await anAutomation('by-variant', [BOTTLE.variantId]);
    await anAutomation('by-product', ['gid://shopify/Product/9', BOTTLE.productId]);
    await anAutomation('other', ['gid://shopify/ProductVariant/101']);
    await anAutomation('none', undefined);
    await aCampaign('draft', [BOTTLE.variantId]);
    await aCampaign('sending', [BOTTLE.variantId], 'sending');
    await aCampaign('sent', [BOTTLE.variantId], 'sent');
    const pause = createStockoutPause({ db, clock: fixedClock(NOW) });

    const { paused, stockout } = await pause.pauseFeaturing(scope, BOTTLE);

    expect(paused.map((p) => `${p.kind}:${p.id}`).sort()).toEqual([
      'automation:by-product',
      'automation:by-variant',
      'campaign:draft',
      'campaign:sending',
    ]);
    // Sending through the in-process path (no queued run): what went out is not known.
    expect(paused.find((p) => p.id === 'sending')?.midSend).toEqual({ sent: 0, remaining: null });
    expect(paused.find((p) => p.id === 'draft')?.midSend).toBeUndefined();
    expect(stockout).toMatchObject({ variantId: BOTTLE.variantId, since: NOW });
    expect(await statusOf('automations', 'by-variant')).toBe('paused');
    expect(await statusOf('automations', 'other')).toBe('active');
    expect(await statusOf('automations', 'none')).toBe('active');
    expect(await statusOf('campaigns', 'draft')).toBe('paused');
    expect(await statusOf('campaigns', 'sending')).toBe('paused');
    expect(await statusOf('campaigns', 'sent')).toBe('sent');
  });

  it('pauses nothing on a second signal of the same stockout, leaving what the merchant resumed alone', async () => {
    await anAutomation('a1', [BOTTLE.variantId]);
    const pause = createStockoutPause({ db, clock: fixedClock(NOW) });
    await pause.pauseFeaturing(scope, BOTTLE);
    await anAutomation('a1', [BOTTLE.variantId], 'active'); // the merchant resumes it

    const again = await pause.pauseFeaturing(scope, BOTTLE);

    expect(again.paused).toEqual([]);
    expect(again.stockout.paused.map((p) => p.id)).toEqual(['a1']);
    expect(await statusOf('automations', 'a1')).toBe('active');
  });

  it('once restocked, the next stockout pauses again', async () => {
    await anAutomation('a1', [BOTTLE.variantId]);
    const pause = createStockoutPause({ db, clock: fixedClock(NOW) });
    await pause.pauseFeaturing(scope, BOTTLE);
    await anAutomation('a1', [BOTTLE.variantId], 'active');

    expect(await pause.restocked(scope, [BOTTLE.variantId, 'gid://shopify/ProductVariant/101'])).toBe(1);
    const next = await pause.pauseFeaturing(scope, BOTTLE);

    expect(next.paused.map((p) => p.id)).toEqual(['a1']);
    expect(await statusOf('automations', 'a1')).toBe('paused');
  });

  it('refuses a product list that is not a list of ids', () => {
    expect(() =>
      automationInputSchema.parse({
        name: 'x',
        triggerEvent: 'checkout_started',
        steps: [{ waitMinutes: 0, channel: 'email', text: 'Hi' }],
        productIds: [''],
      }),
    ).toThrow();
  });
});
