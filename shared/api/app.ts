import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../errors';
import type { Deps } from '../jobs/deps';
import type { ApiEnv } from './env';
import { errorBody, onApiError } from './errors';
import { authenticate } from './middleware/authenticate';
import { requestContext } from './middleware/request-context';
import { brandRoutes } from './routes/brands';
import { type HealthCheck, healthRoutes } from './routes/health';
import { shopifyOAuthRoutes } from './routes/shopify-oauth';

export interface ApiOptions {
  version: string;
  startedAt: Date;
  healthChecks: HealthCheck[];
  /** Largest accepted request body (default 1 MiB). */
  maxBodyBytes?: number;
}

/** The Hono app behind the `api` function and the local runtime. */
export function createApiApp(deps: Deps, options: ApiOptions) {
  const app = new OpenAPIHono<ApiEnv>();
  app.onError(onApiError);
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.use('*', requestContext({ logger: deps.logger }));
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: () => {
        throw new PayloadTooLargeError('request body too large');
      },
    }),
  );
  app.route(
    '/',
    healthRoutes({ checks: options.healthChecks, version: options.version, startedAt: options.startedAt }),
  );
  app.route('/', shopifyOAuthRoutes(deps));
  app.use('/api/*', authenticate({ verifier: deps.identity }));
  app.route('/', brandRoutes(deps));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Pulsepoint API', version: options.version },
  });
  return app;
}
export type ApiApp = ReturnType<typeof createApiApp>;
