import { type SmtpSandbox, startSmtpSandbox } from '../../infra/sandbox/smtp/server';
import { createSmtpEmailChannel } from '../../shared/adapters/smtp/email-channel';
import { createEngagement, type Engagement } from '../../shared/engagement/index';
import { createTestApi, type TestApi } from './api';

/**
 * A test API whose engagement really sends: email through the loopback SMTP sandbox, no dry run,
 * 50 sends a second. `campaignBatchSize` makes a campaign's send take several queued batches.
 */
export async function createEmailEngagementApi(
  options: Omit<NonNullable<Parameters<typeof createTestApi>[0]>, 'engagement'> & {
    campaignBatchSize?: number;
  } = {},
): Promise<{ api: TestApi; smtp: SmtpSandbox; engagement: Engagement }> {
  const { campaignBatchSize, ...apiOptions } = options;
  const smtp = await startSmtpSandbox();
  let engagement: Engagement | undefined;
  const api = await createTestApi({
    ...apiOptions,
    engagement: (deps) => {
      engagement = createEngagement({
        ...deps,
        channels: {
          email: createSmtpEmailChannel({ host: smtp.host, port: smtp.port, from: 'Shop <hi@shop.example>' }),
        },
        publicUrl: 'https://app.pulsepoint.example',
        ratePerSecond: 50,
        ...(campaignBatchSize ? { campaignBatchSize } : {}),
        dryRun: false,
      });
      return engagement;
    },
  });
  if (!engagement) throw new Error('createTestApi did not build the engagement feature');
  return { api, smtp, engagement };
}
