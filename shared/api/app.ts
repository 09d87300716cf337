import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { createAttributionRequester } from '../attribution/request-pass';
import { createLimitsService } from '../billing/limits';
import { createBillingService } from '../billing/service';
import { createContent } from '../content/index';
import { createEventIngestion } from '../customers/events/ingest';
import { createCustomersRefreshRequester } from '../customers/refresh-after-import';
import type { BillingProviderKind } from '../domain/billing/subscription';
import { createExportedConsentRecorder } from '../engagement/consent';
import type { Engagement } from '../engagement/index';
import { createTokenLedger } from '../insights/ledger';
import type { Config } from '../kernel/config';
import { PayloadTooLargeError, ValidationError } from '../kernel/errors';
import type { Logger } from '../kernel/logging/logger';
import { createLatencyHistograms, type LatencyHistograms } from '../kernel/observability/latency-histograms';
import { createInvitations } from '../members/invitations';
import { createMemberService } from '../members/service';
import { createConfiguredFxRates } from '../platforms/fx/ecb';
import { createImportService } from '../platforms/imports/service';
import type { BillingProvider } from '../ports/billing-provider';
import type { BudgetActions } from '../ports/budget-actions';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { EventBus } from '../ports/events';
import type { IdentityAdmin, IdentityVerifier } from '../ports/identity';
import type { LlmClient } from '../ports/llm';
import type { MediaStore } from '../ports/media-store';
import type { MessageChannel } from '../ports/message-channel';
import type { OperationalStore, SystemDirectory } from '../ports/operational-store';
import type { SecretStore } from '../ports/secret-store';
import type { TaskQueue } from '../ports/task-queue';
import type { Warehouse } from '../ports/warehouse';
import { createDashboardQueries } from '../reporting/dashboard';
import { createPerformanceFreshness } from '../reporting/freshness';
import { composeVerifiers, createApiKeyVerifier } from './auth/api-keys';
import { requireMembership, requireTenant } from './auth/membership';
import { createBrandCache } from './brand-cache';
import type { ApiEnv } from './env';
import { errorBody, onApiError } from './errors';
import { authenticate } from './middleware/authenticate';
import { authorize } from './middleware/authorize';
import { brandScope } from './middleware/brand-scope';
import { observe } from './middleware/observe';
import { historyRetention, planFeatures } from './middleware/plan-gates';
import { type RateLimits, rateLimit } from './middleware/rate-limit';
import { requestContext } from './middleware/request-context';
import { subscriptionAccess } from './middleware/subscription-access';
import { createOpsEventSink, type OpsEventSink } from './ops-events';
import type { RateClass } from './permissions';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limit/token-bucket';
import { adOAuthRoutes } from './routes/ad-oauth';
import { agencyRoutes } from './routes/agency';
import { aiUsageRoutes } from './routes/ai-usage';
import { alertRoutes } from './routes/alerts';
import { analyticsRoutes } from './routes/analytics';
import { apiKeyRoutes } from './routes/api-keys';
import { attributionMappingRoutes } from './routes/attribution-mappings';
import { auditRoutes } from './routes/audit';
import { billingRoutes } from './routes/billing';
import { brandRoutes } from './routes/brands';
import { contentMediaRoutes, contentRoutes } from './routes/content';
import { curveRoutes } from './routes/curves';
import { customerAnalyticsRoutes } from './routes/customer-analytics';
import { customerListRoutes } from './routes/customer-list';
import { customerRoutes } from './routes/customers';
import { type DevSignIn, devAuthRoutes } from './routes/dev-auth';
import { docsRoutes } from './routes/docs';
import { engagementRoutes } from './routes/engagement';
import { eventRoutes } from './routes/events';
import { type HealthCheck, healthRoutes } from './routes/health';
import { importRoutes } from './routes/imports';
import { integrationRoutes } from './routes/integrations';
import { invitationAcceptRoutes, invitationRoutes } from './routes/invitations';
import { mcpRoutes } from './routes/mcp';
import { meRoutes } from './routes/me';
import { memberRoutes } from './routes/members';
import { metricsRoutes } from './routes/metrics';
import { productCostRoutes } from './routes/product-costs';
import { questionRoutes } from './routes/questions';
import { recommendationRoutes } from './routes/recommendations';
import { reportRoutes } from './routes/reports';
import { shopifyOAuthRoutes } from './routes/shopify-oauth';
import { syncRoutes } from './routes/sync';
import { tenantRoutes } from './routes/tenant';
import { writeKeyRoutes } from './routes/write-keys';

/**
 * The ports the API uses: it is the widest consumer (every resource), so it names most of them.
 * The composition root passes the model it chose and, where the ad platforms are wired, budget actions.
 */
export interface ApiDeps {
  config: Config;
  store: OperationalStore;
  /** The document database under `store`: feature repositories written over it (customers). */
  documents: DocumentDb;
  directory: SystemDirectory;
  warehouse: Warehouse;
  bus: EventBus;
  tasks: TaskQueue;
  secrets: SecretStore;
  identity: IdentityVerifier;
  identityAdmin: IdentityAdmin;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  fetch: typeof fetch;
  llm: LlmClient;
  /** Absent: recommendations cannot be applied on the platform (409). */
  budgetActions?: BudgetActions;
  /** Rendered post images (content studio); absent: content routes answer 409. */
  media?: MediaStore;
  /** Who bills tenants (Stripe, Shopify), chosen by the composition root; none = checkout refused (409). */
  billingProviders?: Partial<Record<BillingProviderKind, BillingProvider>>;
  /** The deployment's email (SMTP) for invitations; absent, the inviter is handed the accept link. */
  mail?: MessageChannel;
  /** Automations, campaigns and the outbox over the configured channels; absent: those routes answer 409. */
  engagement?: Engagement;
}

export interface ApiOptions {
  version: string;
  startedAt: Date;
  healthChecks: HealthCheck[];
  /** Largest accepted request body (default 1 MiB). */
  maxBodyBytes?: number;
  /** Largest accepted import upload, a platform's export files as text (default 64 MiB). */
  maxImportBytes?: number;
  /** Defaults to in-memory token buckets on deps.clock. */
  rateLimiter?: RateLimiter;
  rateLimits?: Record<RateClass, RateLimits>;
  /** Defaults to a batching sink into the warehouse ops table. */
  opsEvents?: OpsEventSink;
  histograms?: LatencyHistograms;
  /** Development sign-in (embedded runtime only; ignored in production). */
  devSignIn?: DevSignIn;
  /**
   * Severity of the log line for a request that succeeded (default `info`). The local runtime,
   * whose console a person reads, uses `debug`: a page of the app makes five or more requests,
   * each already an `http_request` observability event.
   */
  successLogLevel?: 'info' | 'debug';
}

/**
 * The Hono app behind the `api` function and the local runtime. Every `/api/*` and `/mcp`
 * request passes, in order: request id + traceparent → access log/metrics → body limit →
 * authentication (bearer token or API key) → the permission table → rate limits → brand scope.
 */
/** How long a brand's rollup is kept when no update moved its freshness version. */
const ROLLUP_BACKSTOP_MS = 15 * 60_000;

export function createApiApp(given: ApiDeps, options: ApiOptions) {
  // Every brand write through this app drops the brand its requests are scoped by (decision 1024).
  const brands = createBrandCache(given);
  const deps: ApiDeps = { ...given, store: brands.store };
  const app = new OpenAPIHono<ApiEnv>({
    // Sub-apps mounted below inherit this: zod failures become the one error shape, via onError.
    defaultHook: (result) => {
      if (!result.success)
        throw new ValidationError('request failed validation', {
          details: result.error.issues.map((i) => ({
            in: result.target,
            path: i.path.join('.'),
            message: i.message,
          })),
        });
    },
  });
  const histograms = options.histograms ?? createLatencyHistograms();
  const events =
    options.opsEvents ??
    createOpsEventSink({ warehouse: deps.warehouse, clock: deps.clock, logger: deps.logger });
  const members = requireMembership(deps.identity, deps);
  const verifier = composeVerifiers({
    bearer: members,
    apiKeys: requireTenant(createApiKeyVerifier(deps), deps),
  });
  const limiter = options.rateLimiter ?? createMemoryRateLimiter({ clock: deps.clock });
  const limits = createLimitsService({ store: deps.store, clock: deps.clock });
  const billing = createBillingService({
    store: deps.store,
    providers: deps.billingProviders ?? {},
    limits,
    clock: deps.clock,
    logger: deps.logger,
    publicUrl: deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`,
  });
  const memberService = createMemberService({
    ...deps,
    onChanged: (ctx, uid) => members.forget(ctx.tenantId, uid),
  });
  const invitations = createInvitations({
    ...deps,
    members: memberService,
    publicUrl: deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`,
    ...(deps.mail ? { mail: deps.mail } : {}),
  });
  const content = deps.media
    ? createContent({ ...deps, media: deps.media, aiBudget: limits.aiBudget })
    : undefined;
  const dashboards = createDashboardQueries(deps.warehouse, {
    catalog: (ctx, brandId) => deps.store.products.list(ctx, brandId),
    freshness: createPerformanceFreshness(deps.documents),
    // Incremental updates and full passes move the brand's freshness version, which drops the
    // rollup; the time-to-live is only a backstop for writes that announce nothing (decision 503).
    ttlMs: ROLLUP_BACKSTOP_MS,
  });

  app.onError(onApiError);
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.use('*', requestContext({ logger: deps.logger }));
  app.use('*', observe({ histograms, events, successLevel: options.successLogLevel ?? 'info' }));
  app.use('*', secureHeaders());
  // Tenant data must never sit in a shared cache (CDN, corporate proxy).
  app.use('/api/*', async function noStore(c, next) {
    // Set before the handler so c.json carries it; setting a header on a finished response makes
    // Hono rebuild it around a stream, which costs every response a slow write.
    c.header('cache-control', 'no-store');
    await next();
    if (c.res.headers.get('cache-control') !== 'no-store') c.header('cache-control', 'no-store');
  });
  const tooLarge = () => {
    throw new PayloadTooLargeError('request body too large');
  };
  const smallBodies = bodyLimit({ maxSize: options.maxBodyBytes ?? 1024 * 1024, onError: tooLarge });
  // Export files are uploaded as JSON text: their routes take more than the rest of the API.
  const importBodies = bodyLimit({ maxSize: options.maxImportBytes ?? 64 * 1024 * 1024, onError: tooLarge });
  app.use('*', function limitBody(c, next) {
    // A GET or HEAD carries no body; asking would make the node adapter build a whole Request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return (/^\/api\/brands\/[^/]+\/imports(\/preview)?$/.test(c.req.path) ? importBodies : smallBodies)(
      c,
      next,
    );
  });
  app.route(
    '/',
    healthRoutes({ checks: options.healthChecks, version: options.version, startedAt: options.startedAt }),
  );
  app.route('/', docsRoutes());
  app.route('/', devAuthRoutes(deps, options.devSignIn));
  app.route('/', invitationAcceptRoutes({ ...deps, invitations, limits }));
  app.route('/', shopifyOAuthRoutes(deps));
  app.route('/', contentMediaRoutes(deps));
  // `/mcp/*` also matches `/mcp` itself; listing both would run each middleware twice.
  for (const path of ['/api/*', '/mcp/*']) {
    app.use(path, authenticate({ verifier }));
    app.use(path, authorize());
    app.use(path, rateLimit({ limiter, ...(options.rateLimits ? { limits: options.rateLimits } : {}) }));
    app.use(path, planFeatures({ limits }));
  }
  app.use('/api/*', subscriptionAccess({ limits }));
  app.use('/api/brands/:brandId/*', brandScope({ brands, store: deps.store }));
  // The plan's history retention and features, where the action happens.
  app.use('/api/brands/:brandId/*', historyRetention({ limits, clock: deps.clock }));

  app.route('/', meRoutes(deps));
  app.route('/', tenantRoutes(deps));
  app.route('/', brandRoutes({ ...deps, limits }));
  app.route('/', attributionMappingRoutes(deps));
  app.route('/', integrationRoutes(deps));
  app.route('/', adOAuthRoutes(deps));
  app.route('/', syncRoutes(deps));
  app.route(
    '/',
    importRoutes({
      ...deps,
      imports: createImportService({
        ...deps,
        fxRates: createConfiguredFxRates(deps),
        requestAttribution: createAttributionRequester(deps, 'import'),
        requestCustomersRefresh: createCustomersRefreshRequester(deps),
        recordExportedConsents: createExportedConsentRecorder(deps),
      }),
    }),
  );
  app.route('/', reportRoutes({ ...deps, dashboards }));
  app.route('/', analyticsRoutes(deps));
  app.route('/', productCostRoutes(deps));
  app.route('/', curveRoutes(deps));
  app.route('/', customerRoutes(deps));
  app.route('/', customerListRoutes(deps));
  app.route('/', agencyRoutes({ ...deps, dashboards }));
  app.route('/', apiKeyRoutes({ ...deps, limits }));
  app.route('/', memberRoutes({ ...deps, limits, members: memberService }));
  app.route('/', invitationRoutes({ ...deps, invitations, limits }));
  app.route('/', writeKeyRoutes(deps));
  app.route(
    '/',
    eventRoutes({
      ...deps,
      ingestion: createEventIngestion(deps),
      publicUrl: deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`,
    }),
  );
  app.route('/', billingRoutes({ ...deps, billing, limits }));
  app.route('/', metricsRoutes({ histograms }));
  app.route('/', auditRoutes(deps));
  app.route('/', questionRoutes({ ...deps, aiBudget: limits.aiBudget }));
  app.route('/', recommendationRoutes(deps));
  app.route('/', alertRoutes(deps));
  app.route('/', aiUsageRoutes({ ledger: createTokenLedger(deps) }));
  app.route('/', customerAnalyticsRoutes(deps));
  app.route('/', contentRoutes(deps, content));
  app.route('/', engagementRoutes(deps));
  app.route('/', mcpRoutes({ ...deps, ...(content ? { content } : {}) }, { version: options.version }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A Firebase ID token, a local signed token, or a pp_live_ API key',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Pulsepoint API', version: options.version },
    security: [{ bearer: [] }],
  });
  return Object.assign(app, { opsEvents: events, histograms });
}
export type ApiApp = ReturnType<typeof createApiApp>;
