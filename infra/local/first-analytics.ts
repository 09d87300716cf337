import type { CustomerAnalyticsJob } from '../../shared/customers/job';
import type { MessageHandler } from '../../shared/ports/events';
import type { Handler } from '../../shared/ports/function-handler';

/**
 * The embedded runtime's customer analytics after an attribution pass: the nightly run, made at
 * once when the day's model is missing, so a freshly connected store (the demo) has segments and
 * lifetime value within minutes. The same pass's recommendations ran beside it, before any
 * lifetime value existed, and would say "No lifetime-value prediction covers its customers yet"
 * beside Segments & LTV's LTV ROAS until the next pass; when this run made the model, they are
 * judged again (decision 1018). Deployed, the nightly run precedes the next pass instead.
 */
export function analyticsAfterPass(
  analytics: Pick<CustomerAnalyticsJob, 'runIfMissing'>,
  recommend: Handler | undefined,
): MessageHandler<'attribution.completed'> {
  return async (message, meta) => {
    const made = await analytics.runIfMissing(message.tenantId, message.brandId);
    if (made && recommend?.kind === 'topic') await recommend.handle(message, meta);
  };
}
