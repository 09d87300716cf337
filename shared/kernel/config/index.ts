import { z } from 'zod';
import { ConfigError } from '../errors';

/**
 * Every environment variable Pulsepoint reads, in one schema. `loadConfig(env)` takes the
 * environment as an argument so tests pass their own; a wrong or missing value stops start-up
 * with a message naming the variable and what it expects. The README's table mirrors `CONFIG_DOCS`.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce
  .number({ message: 'expected a port number' })
  .int('expected a whole number')
  .min(1, 'expected 1-65535')
  .max(65535, 'expected 1-65535');
const optionalString = z.string().min(1).optional();

export const DEV_SHOPIFY_API_KEY = 'pulsepoint-dev-key';
export const DEV_SHOPIFY_API_SECRET = 'pulsepoint-dev-secret';

const EMULATOR_VARIABLES = [
  'FIREBASE_AUTH_EMULATOR_HOST',
  'FIRESTORE_EMULATOR_HOST',
  'PUBSUB_EMULATOR_HOST',
] as const;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.string().url('expected an absolute URL such as https://app.example.com').optional(),
    LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']).default('INFO'),
    LOG_FORMAT: z.enum(['json', 'text']).optional(),
    PULSEPOINT_BACKEND: z.enum(['embedded', 'gcp']).default('embedded'),
    PULSEPOINT_DATA_DIR: z.string().min(1).default('.data'),
    PULSEPOINT_SECRET_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'expected 32 bytes, base64-encoded')
      .optional(),
    PULSEPOINT_AUTH_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
    PULSEPOINT_SEED_DEMO: bool.default(true),
    PULSEPOINT_SANDBOXES: bool.default(true),
    SHOPIFY_API_KEY: z.string().min(1).default(DEV_SHOPIFY_API_KEY),
    SHOPIFY_API_SECRET: z.string().min(1).default(DEV_SHOPIFY_API_SECRET),
    SHOPIFY_API_VERSION: z
      .string()
      .regex(/^\d{4}-\d{2}$/, 'expected a Shopify API version such as 2025-10')
      .default('2025-10'),
    SHOPIFY_SCOPES: z
      .string()
      .default(
        'read_products,read_inventory,read_orders,read_all_orders,read_locations,read_customers,write_pixels,read_customer_events',
      ),
    PULSEPOINT_ADS_TRAILING_DAYS: z.coerce
      .number({ message: 'expected a number of days' })
      .int('expected whole days')
      .min(1, 'expected 1-90')
      .max(90, 'expected 1-90')
      .default(28),
    PULSEPOINT_FX_RATES_URL: z
      .string()
      .url('expected the base URL of an ECB SDMX data API')
      .default('https://data-api.ecb.europa.eu/service/data'),
    META_APP_ID: optionalString,
    META_APP_SECRET: optionalString,
    GOOGLE_ADS_CLIENT_ID: optionalString,
    GOOGLE_ADS_CLIENT_SECRET: optionalString,
    GOOGLE_ADS_DEVELOPER_TOKEN: optionalString,
    TIKTOK_APP_ID: optionalString,
    TIKTOK_APP_SECRET: optionalString,
    PULSEPOINT_AD_OAUTH_SANDBOXES: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const parsed = z.record(z.enum(['meta', 'google_ads', 'tiktok']), z.string().url()).safeParse(
          (() => {
            try {
              return JSON.parse(v);
            } catch {
              return undefined;
            }
          })(),
        );
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: 'custom', message: 'expected JSON such as {"meta":"http://127.0.0.1:1234"}' });
        return z.NEVER;
      }),
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-6'),
    ANTHROPIC_BASE_URL: z.string().url().optional(),
    GOOGLE_CLOUD_PROJECT: optionalString,
    GCP_REGION: z.string().default('europe-west1'),
    BIGQUERY_LOCATION: z.string().default('EU'),
    BIGQUERY_API_ENDPOINT: z.string().url().optional(),
    BIGQUERY_MAX_BYTES_BILLED: z.coerce
      .number({ message: 'expected a number of bytes' })
      .int('expected whole bytes')
      .min(10 * 1024 * 1024, 'expected at least 10 MiB (BigQuery bills at least 10 MB per table read)')
      .optional(),
    PULSEPOINT_MEDIA_BUCKET: optionalString,
    FIRESTORE_EMULATOR_HOST: optionalString,
    PUBSUB_EMULATOR_HOST: optionalString,
    FIREBASE_AUTH_EMULATOR_HOST: optionalString,
    STRIPE_SECRET_KEY: z
      .string()
      .regex(
        /^(sk|rk)_(test|live)_/,
        'expected a Stripe secret key (sk_test_…, sk_live_… or a restricted rk_…)',
      )
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .startsWith('whsec_', 'expected a webhook signing secret (whsec_…)')
      .optional(),
    STRIPE_API_HOST: optionalString,
    STRIPE_API_PORT: port.optional(),
    STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
    PULSEPOINT_SMTP_URL: z
      .string()
      .url()
      .refine((u) => /^smtps?:\/\/[^/]+/.test(u), 'expected smtp://user:pass@host:587 or smtps://…:465')
      .optional(),
    PULSEPOINT_MAIL_FROM: optionalString,
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://[user:pass@]host:port or smtps://…')
      .optional(),
    ENGAGEMENT_EMAIL_FROM: z.string().min(3).default('Pulsepoint <no-reply@localhost>'),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'expected an Account SID (AC + 32 hex)')
      .optional(),
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM: z
      .string()
      .regex(
        /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/,
        'expected an E.164 number or a Messaging Service SID (MG…)',
      )
      .optional(),
    TWILIO_API_BASE_URL: z.string().url().optional(),
    META_GRAPH_API_BASE_URL: z.string().url().optional(),
    ENGAGEMENT_RATE_PER_SECOND: z.coerce
      .number({ message: 'expected messages per second' })
      .positive('expected more than 0')
      .max(10_000, 'expected at most 10000')
      .default(10),
    ENGAGEMENT_DRY_RUN: bool.default(false),
  })
  .superRefine((c, issue) => {
    if (c.PULSEPOINT_SMTP_URL && !c.PULSEPOINT_MAIL_FROM)
      issue.addIssue({
        code: 'custom',
        path: ['PULSEPOINT_MAIL_FROM'],
        message: 'required with PULSEPOINT_SMTP_URL: the sender of invitation emails',
      });
    if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET)
      issue.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRET'],
        message: 'required with STRIPE_SECRET_KEY: webhooks cannot be verified without it',
      });
    // firebase-admin reads FIREBASE_AUTH_EMULATOR_HOST from the process itself and then accepts
    // unsigned tokens; the Firestore and Pub/Sub clients would talk to whatever answers there.
    if (c.NODE_ENV === 'production')
      for (const name of EMULATOR_VARIABLES)
        if (c[name])
          issue.addIssue({
            code: 'custom',
            path: [name],
            message: 'an emulator must not be used in production',
          });
    // A sandbox would receive the app secret and every merchant's authorization code.
    if (c.NODE_ENV === 'production' && c.PULSEPOINT_AD_OAUTH_SANDBOXES)
      issue.addIssue({
        code: 'custom',
        path: ['PULSEPOINT_AD_OAUTH_SANDBOXES'],
        message: 'sandboxes must not be used in production',
      });
    // The sandbox would receive every customer's phone number and message.
    if (c.NODE_ENV === 'production' && c.META_GRAPH_API_BASE_URL)
      issue.addIssue({
        code: 'custom',
        path: ['META_GRAPH_API_BASE_URL'],
        message: 'sandboxes must not be used in production',
      });
    if (c.NODE_ENV === 'production' && c.TWILIO_API_BASE_URL)
      issue.addIssue({
        code: 'custom',
        path: ['TWILIO_API_BASE_URL'],
        message: 'sandboxes must not be used in production',
      });
    if (c.TWILIO_ACCOUNT_SID && !(c.TWILIO_AUTH_TOKEN && c.TWILIO_FROM))
      issue.addIssue({
        code: 'custom',
        path: [c.TWILIO_AUTH_TOKEN ? 'TWILIO_FROM' : 'TWILIO_AUTH_TOKEN'],
        message: 'required with TWILIO_ACCOUNT_SID',
      });
    if (c.PULSEPOINT_BACKEND !== 'gcp') return;
    if (!c.GOOGLE_CLOUD_PROJECT)
      issue.addIssue({
        code: 'custom',
        path: ['GOOGLE_CLOUD_PROJECT'],
        message: 'required when PULSEPOINT_BACKEND=gcp',
      });
    if (c.SHOPIFY_API_SECRET === DEV_SHOPIFY_API_SECRET && c.NODE_ENV === 'production')
      issue.addIssue({
        code: 'custom',
        path: ['SHOPIFY_API_SECRET'],
        message: 'the development default must not be used in production',
      });
  });

export type Config = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? 'config');
    const got = name in cleaned ? ` (got "${cleaned[name]}")` : ' (not set)';
    return `${name}: ${i.message}${got}`;
  });
  throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** The configuration table, for the README (a test keeps the two in step). */
export const CONFIG_DOCS: Record<keyof z.input<typeof schema>, string> = {
  NODE_ENV: '`development` | `test` | `production` (default `development`)',
  PORT: 'HTTP port of the local runtime (default `8080`)',
  HOST: 'Interface to bind (default `127.0.0.1`; `0.0.0.0` in a container)',
  PUBLIC_URL: 'Public base URL used in OAuth redirects (default `http://localhost:<PORT>`)',
  LOG_LEVEL: '`DEBUG` | `INFO` | `WARNING` | `ERROR` (default `INFO`)',
  LOG_FORMAT:
    '`text` (one readable line per event; default of the local runtime) or `json` (Cloud Logging entries; always on Google Cloud unless set)',
  PULSEPOINT_BACKEND: '`embedded` (SQLite + DuckDB + in-process bus, default) or `gcp`',
  PULSEPOINT_DATA_DIR: 'Where the embedded backends keep their files (default `.data`)',
  PULSEPOINT_SECRET_KEY:
    'Base64 32-byte key for the embedded secret store (default: generated into the data dir)',
  PULSEPOINT_AUTH_SECRET: 'Signing key of the local token issuer (default: generated into the data dir)',
  PULSEPOINT_SEED_DEMO: 'Seed the demo tenant and brand on first run (default `true`)',
  PULSEPOINT_SANDBOXES: 'Start the loopback platform sandboxes and connect the demo brand (default `true`)',
  SHOPIFY_API_KEY: 'Shopify app client id (development default `pulsepoint-dev-key`)',
  SHOPIFY_API_SECRET:
    'Shopify app secret: HMAC of webhooks and OAuth (development default `pulsepoint-dev-secret`; refused in production)',
  SHOPIFY_API_VERSION: 'Pinned Admin API version (default `2025-10`)',
  SHOPIFY_SCOPES: 'OAuth scopes requested on install',
  PULSEPOINT_ADS_TRAILING_DAYS:
    'Days of ad data every sync re-reads and replaces, because platforms restate them (default `28`)',
  PULSEPOINT_FX_RATES_URL:
    'ECB SDMX data API base for dated FX reference rates (default the ECB Data Portal; the sandboxes serve the same)',
  META_APP_ID: 'Meta app id for the "Connect Meta" OAuth flow',
  META_APP_SECRET: 'Meta app secret (OAuth code exchange, long-lived token renewal)',
  GOOGLE_ADS_CLIENT_ID: 'Google OAuth client id for the "Connect Google Ads" flow',
  GOOGLE_ADS_CLIENT_SECRET: 'Google OAuth client secret (code exchange, refresh tokens)',
  GOOGLE_ADS_DEVELOPER_TOKEN: 'Google Ads API developer token, stored with each connection',
  TIKTOK_APP_ID: 'TikTok API for Business app id for the "Connect TikTok" flow',
  TIKTOK_APP_SECRET: 'TikTok API for Business app secret (code exchange)',
  PULSEPOINT_AD_OAUTH_SANDBOXES:
    'JSON map of ad platform → loopback sandbox serving its OAuth and API endpoints (`npm start`; refused in production)',
  ANTHROPIC_API_KEY: 'Claude API key; without it a deterministic local analyst answers',
  ANTHROPIC_MODEL: 'Claude model id (default `claude-sonnet-4-6`)',
  ANTHROPIC_BASE_URL: 'Override of the Messages API base URL (tests, proxies)',
  GOOGLE_CLOUD_PROJECT: 'Project id; required with `PULSEPOINT_BACKEND=gcp`',
  GCP_REGION: 'Region of functions, queues and tasks (default `europe-west1`)',
  BIGQUERY_LOCATION: 'BigQuery dataset location (default `EU`)',
  BIGQUERY_API_ENDPOINT: 'BigQuery API endpoint override (contract tests)',
  BIGQUERY_MAX_BYTES_BILLED:
    'Bytes one BigQuery query may bill before it fails instead of running (default 50 GiB)',
  PULSEPOINT_MEDIA_BUCKET:
    'Cloud Storage bucket for rendered post images (`PULSEPOINT_BACKEND=gcp`); without it the content studio answers 409',
  FIRESTORE_EMULATOR_HOST: 'Use the Firestore emulator at host:port (refused in production)',
  PUBSUB_EMULATOR_HOST: 'Use the Pub/Sub emulator at host:port (refused in production)',
  FIREBASE_AUTH_EMULATOR_HOST: 'Use the Firebase Auth emulator at host:port (refused in production)',
  STRIPE_SECRET_KEY:
    'Stripe secret key; without it Stripe billing is off (`npm start` uses the Stripe sandbox)',
  STRIPE_WEBHOOK_SECRET:
    'Signing secret of the `/webhooks/stripe` endpoint (`whsec_…`); required with `STRIPE_SECRET_KEY`',
  STRIPE_API_HOST: 'Stripe API host override (the sandbox: `127.0.0.1`)',
  STRIPE_API_PORT: 'Stripe API port override',
  STRIPE_API_PROTOCOL: '`http` | `https`: Stripe API protocol override',
  PULSEPOINT_SMTP_URL:
    'SMTP server for invitation emails (`smtp://user:pass@host:587`, `smtps://…:465`); without it the inviter is handed the accept link',
  PULSEPOINT_MAIL_FROM:
    'Sender of invitation emails (`Pulsepoint <no-reply@example.com>`); required with `PULSEPOINT_SMTP_URL`',
  SMTP_URL:
    'Where engagement email goes: `smtp://user:pass@host:587` (STARTTLS) or `smtps://…:465`; without it email is off (`npm start` uses the SMTP sandbox)',
  ENGAGEMENT_EMAIL_FROM: 'The `From` of engagement email (default `Pulsepoint <no-reply@localhost>`)',
  TWILIO_ACCOUNT_SID:
    'Twilio Account SID for SMS and WhatsApp; without it both are off (`npm start` uses the Twilio sandbox)',
  TWILIO_AUTH_TOKEN:
    'Twilio auth token: API calls and the `X-Twilio-Signature` of status and inbound webhooks',
  TWILIO_FROM: 'Sending number (E.164) or Messaging Service SID (`MG…`)',
  TWILIO_API_BASE_URL: 'Twilio API base URL override (the sandbox; refused in production)',
  META_GRAPH_API_BASE_URL:
    'Meta Graph API base URL for content publishing: a Page connected in the app is checked and posted to there (the sandbox; refused in production)',
  ENGAGEMENT_RATE_PER_SECOND:
    "Messages per second a campaign sends at most, per channel: the provider account's rate limit (default `10`)",
  ENGAGEMENT_DRY_RUN:
    'Record what campaigns and automations would send without sending anything (default `false`)',
};
