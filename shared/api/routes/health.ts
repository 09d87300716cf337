import { Hono } from 'hono';
import { systemContext } from '../../domain/tenancy';
import type { SystemDirectory } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import type { Warehouse } from '../../ports/warehouse';
import type { ApiEnv } from '../env';

export interface HealthCheck {
  name: string;
  check: () => Promise<void>;
}

/** A check slower than this counts as failing: a hung backend must not hang /health too. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * Cheap probes of every backend the API stands on: one document read, one trivial warehouse
 * query, one secret read (of a name that never exists). For composition roots to pass to
 * createApiApp; none of them touches tenant data.
 */
export function backendHealthChecks(deps: {
  directory: SystemDirectory;
  warehouse: Warehouse;
  secrets: SecretStore;
}): HealthCheck[] {
  const probe = systemContext('pp_health', 'health');
  return [
    {
      name: 'store',
      check: async () => void (await deps.directory.resolveShop('health-probe.myshopify.com')),
    },
    { name: 'warehouse', check: async () => void (await deps.warehouse.queryOps('SELECT 1 AS ok')) },
    { name: 'secrets', check: async () => void (await deps.secrets.get(probe, 'health-probe')) },
  ];
}

async function run(check: HealthCheck['check']): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `/health` answers 200 only when every backend check passes; `/version` names the build. */
export function healthRoutes(options: { checks: HealthCheck[]; version: string; startedAt: Date }) {
  const app = new Hono<ApiEnv>();
  app.get('/health', async (c) => {
    const results = await Promise.all(
      options.checks.map(async ({ name, check }) => {
        try {
          await run(check);
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
