import { systemContext } from '../../../domain/tenancy';
import type { Logger } from '../../../kernel/logging/logger';
import type { Clock, Ids } from '../../../ports/clock';
import type { MessageHandler } from '../../../ports/events';
import type { OperationalStore } from '../../../ports/operational-store';
import type { SecretStore } from '../../../ports/secret-store';
import type { TaskQueue } from '../../../ports/task-queue';
import type { Warehouse } from '../../../ports/warehouse';
import { exportCustomerData, redactCustomer, redactShop } from './privacy';
import { TOPIC_HANDLERS, type TopicHandler } from './topics';

/**
 * `apply-shopify-webhook`: applies one verified webhook (from the bus) to store and warehouse.
 * Unknown topics are logged and acknowledged; a payload that fails validation throws, so the bus
 * retries it and finally dead-letters it where it can be inspected.
 */
const HANDLERS: Readonly<Record<string, TopicHandler>> = {
  ...TOPIC_HANDLERS,
  'customers/data_request': exportCustomerData,
  'customers/redact': redactCustomer,
  'shop/redact': redactShop,
};

export const SHOPIFY_WEBHOOK_TOPICS = Object.keys(HANDLERS);

export function createApplyShopifyWebhookJob(deps: {
  store: OperationalStore;
  warehouse: Warehouse;
  secrets: SecretStore;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
  logger: Logger;
}): MessageHandler<'shopify.webhook'> {
  return async function applyShopifyWebhook(message) {
    const ctx = systemContext(message.tenantId, 'apply-shopify-webhook', message.traceparent);
    const brand = await deps.store.brands.get(ctx, message.brandId);
    const handler = HANDLERS[message.topic];
    if (!brand || !handler) {
      deps.logger.warn('shopify webhook not applied', {
        topic: message.topic,
        brand: message.brandId,
        known: Boolean(brand),
      });
      return;
    }
    const result = await handler(deps, ctx, brand, message.payload);
    deps.logger.debug('shopify webhook applied', {
      topic: message.topic,
      webhookId: message.webhookId,
      result,
    });
  };
}
