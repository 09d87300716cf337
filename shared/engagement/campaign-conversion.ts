import { addDays, type LocalDate, toLocalDate } from '../domain/time';
import type { DocumentDb } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import type { OrdersSource } from './audience';
import { CAMPAIGN_STEP, campaignSchema } from './campaigns';
import { collectionPath } from './paths';
import { sendRecordSchema } from './send-record';

/** Statuses of a message the provider accepted and did not report undelivered (email: accepted). */
const DELIVERED = new Set(['sent', 'delivered']);

/**
 * What the brand's own campaigns converted at (decision 951): over the campaigns sent within
 * `days` before `asOf` whose attribution window has closed by then, the treated messages delivered
 * and the orders and revenue their recipients placed in that window. The recommend job turns it into
 * an order rate per delivered message and an average order (domain/recommendations/engage-rules.ts).
 * Dry runs and the holdout are left out; automations too (their audience chose itself by intent).
 */
export function createCampaignConversion(deps: { db: DocumentDb; orders: OrdersSource }) {
  return async function measuredConversion(
    scope: BrandScope,
    asOf: LocalDate,
    timeZone: string,
    days: number,
  ) {
    const since = addDays(asOf, -days);
    const docs = await deps.db.query(collectionPath(scope, 'campaigns'));
    const total = { campaigns: 0, delivered: 0, orders: 0, revenueMinor: 0 };
    for (const doc of docs) {
      const campaign = campaignSchema.parse(doc.data);
      if (campaign.status !== 'sent' || !campaign.sentAt) continue;
      const from = toLocalDate(new Date(campaign.sentAt), timeZone);
      const to = addDays(from, campaign.attributionDays);
      // A window still open would undercount its orders: only finished campaigns are measured.
      if (from < since || to > asOf) continue;
      const sends = await deps.db.query(collectionPath(scope, 'sends'), {
        where: [['sourceKey', '==', `campaign:${campaign.id}`]],
      });
      const reached = sends
        .map((d) => sendRecordSchema.parse(d.data))
        .filter((s) => s.group === 'treated' && s.step === CAMPAIGN_STEP && DELIVERED.has(s.status))
        .map((s) => s.customerId);
      if (reached.length === 0) continue;
      const orders = await deps.orders.ordersBy(scope, reached, from, to);
      total.campaigns++;
      total.delivered += reached.length;
      for (const o of orders) {
        total.orders += o.orders;
        total.revenueMinor += o.revenueMinor;
      }
    }
    return total;
  };
}
export type MeasuredConversion = ReturnType<typeof createCampaignConversion>;
