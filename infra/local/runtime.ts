import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Cron } from 'croner';
import { Hono } from 'hono';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { createCustomerAnalyticsJob } from '../../shared/customers/job';
import type { Config } from '../../shared/kernel/config';
import { systemClock } from '../../shared/ports/clock';
import type { Handler } from '../../shared/ports/function-handler';
import { createBillingAdapters } from '../compose/billing';
import { buildAllHandlers } from '../compose/handlers';
import { chooseLlm } from '../compose/llm';
import { manifest } from '../manifest';
import { runContentDemo } from './content-demo';
import { putDemoOnTrial } from './demo-trial';
import { createEmbeddedDeps, type EmbeddedOverrides, type EmbeddedRuntimeDeps } from './embedded-deps';
import { runEngagementDemo } from './engagement-demo';
import { analyticsAfterPass } from './first-analytics';
import { startDemoSandboxes } from './sandboxes';
import { DEMO_TENANT, seedDemo } from './seed';
import { removeServerFile, writeServerFile } from './server-file';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export interface LocalRuntime {
  url: string;
  embedded: EmbeddedRuntimeDeps;
  /**
   * Settles when the demo brand is connected and its storefront browsing replayed (at once when
   * there is no demo); `close` stops the replay.
   */
  demoConnected: Promise<void>;
  close(graceMs?: number): Promise<void>;
}

/** Manifest routes use `**` for "and everything below"; Hono spells it `*`. */
const honoPath = (route: string) => route.replace(/\*\*$/, '*');

/**
 * The whole product in one process: every manifest function wired to its trigger (HTTP routes,
 * bus subscriptions, task queues with their rate limits, cron), plus the web app.
 */
export async function startLocalRuntime(
  config: Config,
  overrides: EmbeddedOverrides & {
    webDist?: string;
    /** 0 = any free port (tests). */
    port?: number;
    /**
     * Told once the demo's numbers are in (its first recommendations are out). `npm start` prints
     * it for the person waiting, whatever the log level; the log has it too.
     */
    onDemoReady?: (line: string) => void;
  } = {},
): Promise<LocalRuntime> {
  const startedAt = new Date();
  const sandboxes = config.PULSEPOINT_SANDBOXES
    ? await startDemoSandboxes(config, (overrides.clock ?? systemClock).now())
    : undefined;
  const embedded = await createEmbeddedDeps(sandboxes?.config ?? config, overrides);
  const { deps } = embedded;
  const log = deps.logger;
  if (config.PULSEPOINT_SEED_DEMO) {
    const { created } = await seedDemo(deps);
    if (created) log.info('seeded demo tenant', { tenant: 'demo', brand: 'demo-brand' });
  }
  const handlers: Record<string, Handler> = await buildAllHandlers(deps, {
    version: VERSION,
    startedAt,
    // A person reads this console: successful requests stay out of it unless LOG_LEVEL=DEBUG.
    successLogLevel: (config.LOG_FORMAT ?? 'text') === 'text' ? 'debug' : 'info',
    devSignIn: {
      tenantId: DEMO_TENANT,
      ttlSeconds: 12 * 3600,
      // Issued on the clock the verifier reads, so a runtime on a shifted clock accepts its own tokens.
      issue: (o) => issueLocalToken(embedded.authKey, { ...o, now: deps.clock.now() }),
    },
  });

  const root = new Hono();
  const crons: Cron[] = [];
  for (const spec of manifest) {
    const handler = handlers[spec.name];
    if (!handler) {
      log.warn('function has no handler; its trigger is not wired', { function: spec.name });
      continue;
    }
    const trigger = spec.trigger;
    if (trigger.kind === 'http' && handler.kind === 'http') {
      for (const route of trigger.routes) root.all(honoPath(route), (c) => handler.fetch(c.req.raw));
    } else if (trigger.kind === 'topic' && handler.kind === 'topic') {
      embedded.bus.subscribe(trigger.topic, spec.name, handler.handle, {
        maxAttempts: spec.maxAttempts ?? 5,
      });
    } else if (trigger.kind === 'task' && handler.kind === 'task') {
      embedded.tasks.handle(trigger.queue, (payload, attempt) => handler.handle(payload, { attempt }), {
        ratePerSecond: trigger.maxDispatchesPerSecond,
        concurrency: trigger.maxConcurrentDispatches,
        maxAttempts: spec.maxAttempts ?? 5,
      });
    } else if (trigger.kind === 'schedule' && handler.kind === 'schedule') {
      crons.push(
        new Cron(trigger.cron, { timezone: trigger.timeZone, protect: true }, async () => {
          try {
            await handler.run();
          } catch (err) {
            log.error('scheduled function failed', { function: spec.name, error: err });
          }
        }),
      );
    } else {
      throw new Error(
        `function ${spec.name}: handler kind ${handler.kind} does not match trigger ${trigger.kind}`,
      );
    }
  }

  // Customer analytics run nightly; a brand's first attribution pass of the day also runs them
  // when that day's model is missing, so the demo store has segments and LTV within minutes.
  const customerAnalytics = createCustomerAnalyticsJob({
    directory: deps.directory,
    brands: deps.store.brands,
    warehouse: deps.warehouse,
    clock: deps.clock,
    logger: log,
  });
  const afterPass = analyticsAfterPass(customerAnalytics, handlers.recommend);
  embedded.bus.subscribe('attribution.completed', 'customer-analytics-first-run', async (m, meta) => {
    await afterPass(m, meta);
    // The engagement demo targets a segment: it needs the analytics that just ran.
    if (sandboxes && config.PULSEPOINT_SEED_DEMO) await runEngagementDemo(deps, m.tenantId, m.brandId);
  });

  // The demo brand's content studio fills in once an attribution pass has stock numbers.
  if (sandboxes && config.PULSEPOINT_SEED_DEMO && deps.media) {
    const media = deps.media;
    // One pass at a time: two passes finishing together must not draft the month twice.
    embedded.bus.subscribe(
      'attribution.completed',
      'content-demo',
      async (m) =>
        void (await runContentDemo(
          { ...deps, media, llm: deps.llm ?? chooseLlm(deps.config) },
          sandboxes.graph.url,
          m.tenantId,
          m.brandId,
        )),
      { concurrency: 1 },
    );
  }

  const webDist = overrides.webDist ?? join(process.cwd(), 'web', 'dist');
  if (existsSync(join(webDist, 'index.html'))) {
    root.use('/*', serveStatic({ root: webDist }));
    const indexHtml = readFileSync(join(webDist, 'index.html'), 'utf8');
    // Client-side routes: any other GET that wants HTML gets the app shell.
    root.get('*', (c) => c.html(indexHtml));
  }

  const server = serve({ fetch: root.fetch, port: overrides.port ?? config.PORT, hostname: config.HOST });
  // Idle keep-alive sockets are closed by the client first (undici and browsers drop them after
  // about 4 s): with Node's 5 s server default, a request sent on a socket the server is closing
  // at that moment (a busy event loop) fails with ECONNRESET.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${address.port}`;
  log.info('pulsepoint is running', { url, dataDir: config.PULSEPOINT_DATA_DIR });
  // The CLI finds the server here and imports through it (see server-file.ts).
  writeServerFile(config.PULSEPOINT_DATA_DIR, { url, pid: process.pid });

  // One line for the person who ran `npm start`: the demo has numbers worth looking at once its
  // first recommendations are out (the backfill and the first pass take a few minutes).
  if (sandboxes && config.PULSEPOINT_SEED_DEMO) {
    let announced = false;
    embedded.bus.subscribe('recommendations.generated', 'demo-ready', async (m) => {
      if (announced || m.tenantId !== DEMO_TENANT || m.opened + m.updated === 0) return;
      announced = true;
      const line = `demo ready — open ${url} and press "Sign in to the demo"`;
      log.info(line, { recommendations: m.opened + m.updated });
      overrides.onDemoReady?.(line);
    });
  }

  if (sandboxes?.stripe) {
    sandboxes.stripe.addWebhookUrl(`${url}/webhooks/stripe`);
    const stripe = createBillingAdapters(deps.config, deps).providers.stripe;
    if (stripe && config.PULSEPOINT_SEED_DEMO)
      await putDemoOnTrial(deps, sandboxes.stripe, stripe).then(
        () => log.info('demo tenant is on a Stripe sandbox trial'),
        (err: unknown) => log.error('could not start the demo trial', { error: err }),
      );
  }

  // The demo store is generated after the API answers, so start-up stays fast; its failure is
  // logged, not fatal (the product runs without the demo data).
  const stopDemo = new AbortController();
  const connecting =
    sandboxes && config.PULSEPOINT_SEED_DEMO
      ? sandboxes.connectDemo(deps, `${url}/collect`, stopDemo.signal).then(
          () => log.info('demo brand connected to the platform sandboxes'),
          (err: unknown) => log.error('could not connect the demo brand to the sandboxes', { error: err }),
        )
      : Promise.resolve();

  let closing: Promise<void> | undefined;
  return {
    url,
    embedded,
    demoConnected: connecting,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        stopDemo.abort();
        for (const c of crons) c.stop();
        removeServerFile(config.PULSEPOINT_DATA_DIR);
        // Requests still running after the grace (the demo's replay posting a batch, a reader's
        // fetch) are cut rather than holding the close open.
        const cut = setTimeout(
          () => (server as { closeAllConnections?: () => void }).closeAllConnections?.(),
          graceMs,
        );
        await new Promise<void>((resolve) => server.close(() => resolve()));
        clearTimeout(cut);
        await connecting;
        for (const h of Object.values(handlers)) if (h.kind === 'http') await h.flush?.();
        await sandboxes?.close();
        await embedded.close(graceMs);
      })();
      return closing;
    },
  };
}
