import { Hono } from 'hono';
import type { ApiEnv } from '../env';

export interface HealthCheck {
  name: string;
  check: () => Promise<void>;
}

/** `/health` answers 200 only when every backend check passes; `/version` names the build. */
export function healthRoutes(options: { checks: HealthCheck[]; version: string; startedAt: Date }) {
  const app = new Hono<ApiEnv>();
  app.get('/health', async (c) => {
    const results = await Promise.all(
      options.checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (err) {
          c.get('logger')?.warn('health check failed', { check: name, error: err });
          return [name, 'failing'] as const;
        }
      }),
    );
    const healthy = results.every(([, s]) => s === 'ok');
    return c.json(
      { status: healthy ? 'ok' : 'degraded', checks: Object.fromEntries(results) },
      healthy ? 200 : 503,
    );
  });
  app.get('/version', (c) =>
    c.json({
      name: 'pulsepoint',
      version: options.version,
      node: process.version,
      startedAt: options.startedAt.toISOString(),
    }),
  );
  return app;
}
