import { addDays, toLocalDate } from '../../shared/domain/time';
import type { Config } from '../../shared/kernel/config';
import type { Clock, Ids } from '../../shared/ports/clock';
import type { EventBus } from '../../shared/ports/events';
import type { OperationalStore } from '../../shared/ports/operational-store';
import type { SecretStore } from '../../shared/ports/secret-store';
import type { TaskQueue } from '../../shared/ports/task-queue';
import type { Warehouse } from '../../shared/ports/warehouse';
import { type AdSandboxes, connectDemoBrandToAds, startAdSandboxes } from '../sandbox/ads';
import { adOAuthSandboxConfig } from '../sandbox/ads/oauth-config';
import { startGraphSandbox } from '../sandbox/meta-graph/server';
import { playDemoCustomerEvents } from '../sandbox/pixel/play';
import { connectDemoBrandToShopify } from '../sandbox/shopify/connect-demo';
import { startShopifySandbox } from '../sandbox/shopify/server';
import { type SmtpSandbox, startSmtpSandbox } from '../sandbox/smtp/server';
import { type StripeSandbox, startStripeSandbox } from '../sandbox/stripe/server';
import { startTwilioSandbox, type TwilioSandbox } from '../sandbox/twilio/server';
import { STORE } from '../sandbox/world';

/** The demo's readers' time: a mean open an hour after delivery comes 20 s after the send. */
export const DEMO_READING_TIME_SCALE = 1 / 180;

/**
 * The platform sandboxes of `npm start`: loopback servers speaking each platform's wire format
 * from the seeded demo world, ending yesterday in the store's timezone (a generated day is a whole
 * day, so ending today would put orders in the future); the store's clock is the real one. The ad sandboxes are cheap and
 * start first (they also serve the FX reference rates the ad sync converts with); the Shopify store
 * takes a moment to generate, so it starts after the API is already answering.
 */
export async function startDemoSandboxes(config: Config, now: Date) {
  const endDate = addDays(toLocalDate(now, STORE.timezone), -1);
  const ads: AdSandboxes = await startAdSandboxes({ endDate });
  // Billing runs against the Stripe sandbox unless a real Stripe account is configured.
  const stripe: StripeSandbox | undefined = config.STRIPE_SECRET_KEY ? undefined : await startStripeSandbox();
  let shopify: Awaited<ReturnType<typeof startShopifySandbox>> | undefined;
  // Meta's Graph API for content publishing (Pages, Instagram).
  const graph = await startGraphSandbox();
  // Engagement email and SMS/WhatsApp go to loopback servers unless real providers are configured;
  // the Twilio sandbox refuses past the configured rate limit, as Twilio's queue does.
  // Its readers (the world's people) open and click what they are sent, an hour of theirs a few
  // seconds of the merchant's (decision 989); a click's redirect takes them to the sandbox store,
  // where a share of them buy (decision 1003).
  const smtp: SmtpSandbox | undefined = config.SMTP_URL
    ? undefined
    : await startSmtpSandbox({
        readers: {
          timeScale: DEMO_READING_TIME_SCALE,
          shop: async (visit) => {
            if (visit.buys) await shopify?.checkout(visit);
          },
        },
      });
  const twilio: TwilioSandbox | undefined = config.TWILIO_ACCOUNT_SID
    ? undefined
    : await startTwilioSandbox({ ratePerSecond: config.ENGAGEMENT_RATE_PER_SECOND });
  return {
    stripe,
    graph,
    smtp,
    twilio,
    /** The configuration the embedded deps should use: FX rates and Stripe from the sandboxes. */
    config: {
      ...config,
      PULSEPOINT_FX_RATES_URL: ads.fxUrl,
      // A Facebook Page connected in the content studio is checked and posted to in the Graph sandbox.
      META_GRAPH_API_BASE_URL: graph.url,
      // "Connect" in Settings runs each ad platform's OAuth flow against its sandbox, unless the
      // deployment has its own apps configured.
      ...(config.META_APP_ID || config.GOOGLE_ADS_CLIENT_ID || config.TIKTOK_APP_ID
        ? {}
        : { ...adOAuthSandboxConfig(ads.urls), PULSEPOINT_AD_OAUTH_SANDBOXES: ads.urls }),
      ...(stripe
        ? {
            STRIPE_SECRET_KEY: stripe.secretKey,
            STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
            STRIPE_API_HOST: stripe.host,
            STRIPE_API_PORT: stripe.port,
            STRIPE_API_PROTOCOL: 'http' as const,
          }
        : {}),
      ...(smtp
        ? {
            SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
            ENGAGEMENT_EMAIL_FROM: 'Demo Brand <hello@demo-brand.example>',
          }
        : {}),
      ...(twilio
        ? {
            TWILIO_ACCOUNT_SID: twilio.accountSid,
            TWILIO_AUTH_TOKEN: twilio.authToken,
            TWILIO_FROM: twilio.number,
            TWILIO_API_BASE_URL: twilio.url,
          }
        : {}),
    } satisfies Config,
    /**
     * Starts the store and connects the demo brand to every platform (requests the backfills),
     * then replays the store's browsing through the sandbox pixel to `collectUrl`.
     */
    async connectDemo(
      deps: {
        store: OperationalStore;
        secrets: SecretStore;
        tasks: TaskQueue;
        clock: Clock;
        warehouse: Warehouse;
        bus: EventBus;
        ids: Ids;
        fetch: typeof fetch;
      },
      collectUrl?: string,
      signal?: AbortSignal,
    ): Promise<void> {
      shopify = await startShopifySandbox({
        endDate,
        apiKey: config.SHOPIFY_API_KEY,
        apiSecret: config.SHOPIFY_API_SECRET,
        // Pulsepoint runs on the real clock here; its webhook time window checks against it.
        webhookClock: () => Date.now(),
      });
      await connectDemoBrandToShopify(deps, shopify.url);
      await connectDemoBrandToAds(deps, ads.urls);
      if (collectUrl && !signal?.aborted)
        await playDemoCustomerEvents(deps, collectUrl, shopify.store, signal);
    },
    async close(): Promise<void> {
      await Promise.all([
        ads.close(),
        shopify?.close(),
        stripe?.close(),
        graph.close(),
        smtp?.close(),
        twilio?.close(),
      ]);
    },
  };
}
