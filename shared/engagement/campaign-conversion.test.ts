import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSqliteDocumentDb } from '../adapters/embedded/sqlite-document-db';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import type { DocumentDb } from '../ports/document-db';
import type { OrdersSource } from './audience';
import { createCampaignConversion } from './campaign-conversion';
import { type Campaign, campaignInputSchema, campaignSchema } from './campaigns';
import { docPath } from './paths';
import type { SendRecord } from './send-record';

const scope = { ctx: systemContext('t1', 'test'), brandId: 'b1' };
let dir: string;
let db: DocumentDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pp-conversion-'));
  db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function aCampaign(id: string, status: Campaign['status'], sentAt: string | null) {
  const input = campaignInputSchema.parse({
    name: id,
    channel: 'email',
    segment: null,
    variants: [{ id: 'a', name: 'A', weight: 1, text: 'Hi' }],
  });
  await db.set(
    docPath(scope, 'campaigns', id),
    campaignSchema.parse({ ...input, id, status, createdAt: '2026-01-01T00:00:00Z', sentAt }),
  );
}
let n = 0;
async function aSend(campaignId: string, customerId: string, over: Partial<SendRecord> = {}) {
  const id = `snd_${n++}`;
  const send: SendRecord = {
    id,
    source: { kind: 'campaign', id: campaignId },
    sourceKey: `campaign:${campaignId}`,
    step: 'message',
    customerId,
    timeZone: 'UTC',
    channel: 'email',
    to: `${customerId}@example.com`,
    group: 'treated',
    variantId: 'a',
    subject: null,
    text: 'Hi',
    status: 'sent',
    reason: null,
    providerId: null,
    releaseAt: null,
    sentAt: null,
    clicked: false,
    opened: false,
    unsubscribed: false,
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-10-01T10:00:00Z',
    ...over,
  };
  await db.set(docPath(scope, 'sends', id), send);
}

it("sums the finished campaigns of the window: treated messages delivered, and their recipients' orders in each attribution window", async () => {
  await aCampaign('october', 'sent', '2026-10-01T10:00:00Z');
  await aSend('october', 'ada');
  await aSend('october', 'ben', { status: 'delivered' });
  await aSend('october', 'cy', { status: 'skipped', reason: 'no_consent' });
  await aSend('october', 'dee', { status: 'undelivered' });
  await aSend('october', 'eve', { group: 'holdout', status: 'holdout', variantId: null });
  await aSend('october', 'fay', { step: 'dry-run', status: 'dry_run' });
  // Its 7-day window is still open on Nov 20; sent 200 days before; never sent.
  await aCampaign('last-week', 'sent', '2026-11-17T10:00:00Z');
  await aSend('last-week', 'ada');
  await aCampaign('spring', 'sent', '2026-05-04T10:00:00Z');
  await aSend('spring', 'ada');
  await aCampaign('draft', 'draft', null);

  const asked: Array<{ customers: readonly string[]; from: string; to: string }> = [];
  const orders: OrdersSource = {
    async ordersBy(_scope, customers, from, to) {
      asked.push({ customers, from, to });
      return [{ customerId: 'ada', orders: 2, revenueMinor: 10_000 }];
    },
  };
  const measured = await createCampaignConversion({ db, orders })(scope, localDate('2026-11-20'), 'UTC', 180);

  expect(measured).toEqual({ campaigns: 1, delivered: 2, orders: 2, revenueMinor: 10_000 });
  expect(asked).toEqual([{ customers: ['ada', 'ben'], from: '2026-10-01', to: '2026-10-08' }]);
});
