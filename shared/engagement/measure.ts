import {
  type EngagementResults,
  engagementResults,
  type RecipientOutcome,
} from '../domain/engagement/results';
import type { DocumentDb } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import type { CustomerOrders, OrdersSource } from './audience';
import { collectionPath } from './paths';
import { type SendRecord, sendRecordSchema, WENT_OUT } from './send-record';

/** Brand-local days, both inclusive. */
export interface ResultsWindow {
  readonly from: string;
  readonly to: string;
}

/** Every send record of a campaign or automation, by the ledger's `sourceKey`. */
export async function sendsOf(db: DocumentDb, scope: BrandScope, source: SendRecord['source']) {
  const docs = await db.query(collectionPath(scope, 'sends'), {
    where: [['sourceKey', '==', `${source.kind}:${source.id}`]],
  });
  return docs.map((d) => sendRecordSchema.parse(d.data));
}

/**
 * The results of a set of send records, for campaigns and automations alike: each record's outcome,
 * the recipients' orders (not cancelled) in the window, the orders whose converting visit came
 * from the `utmCampaign`'s links, and `engagementResults` over them.
 */
export async function measureSends(
  orders: OrdersSource,
  scope: BrandScope,
  sends: readonly SendRecord[],
  options: {
    window: ResultsWindow;
    utmCampaign: string;
    /** The results row a message belongs to (default: its variant). */
    variantOf?: (send: SendRecord) => string | null;
    /**
     * The day each customer's orders start to count (default: the window's first day): an
     * automation reaches customers all through the window, and their orders before that are not
     * its doing.
     */
    startOf?: ReadonlyMap<string, string>;
  },
): Promise<EngagementResults> {
  const { window } = options;
  const byStart = new Map<string, string[]>();
  for (const id of new Set(sends.map((s) => s.customerId))) {
    const start = options.startOf?.get(id) ?? window.from;
    byStart.set(start, [...(byStart.get(start) ?? []), id]);
  }
  const placed: CustomerOrders[] = [];
  for (const [start, ids] of [...byStart].sort(([a], [b]) => a.localeCompare(b)))
    placed.push(...(await orders.ordersBy(scope, ids, start, window.to)));
  const linkOrders =
    (await orders.ordersFromLinks?.(scope, options.utmCampaign, window.from, window.to)) ?? [];
  const variantOf = options.variantOf ?? ((s: SendRecord) => s.variantId);
  const outcomes = sends.map(
    (s): RecipientOutcome => ({
      customerId: s.customerId,
      group: s.group,
      variantId: variantOf(s),
      sent: WENT_OUT.has(s.status),
      delivered: s.status === 'delivered',
      opened: s.opened,
      clicked: s.clicked,
      unsubscribed: s.unsubscribed,
    }),
  );
  return engagementResults(outcomes, placed, linkOrders);
}
