import { type FunctionSpec, functionSpec, manifest } from '../../infra/manifest';
import pkg from '../../package.json' with { type: 'json' };
import { createBillingAdapters } from '../../shared/adapters/billing';
import { createGcpDeps, functionUrl } from '../../shared/adapters/gcp/gcp-deps';
import { backendHealthChecks } from '../../shared/api/routes/health';
import { type Config, loadConfig } from '../../shared/config';
import { createBudgetActions } from '../../shared/connectors/ads/budget-actions';
import { createHandlers } from '../../shared/jobs';
import type { Deps } from '../../shared/jobs/deps';
import type { Handler } from '../../shared/jobs/handlers';

/**
 * What one function instance needs, built on its first request and kept for the instance's
 * life: config, adapters (their clients are themselves lazy) and the handler for this function.
 * Building on first use rather than at import keeps cold starts short and lets a bad config
 * surface as a logged 500 instead of a crash loop.
 */
export interface Instance {
  spec: FunctionSpec;
  deps: Deps;
  handler: Handler;
}

/** Cloud Tasks queue → URL of the function its tasks are POSTed to. */
export function queueTargets(config: Config): Record<string, string> {
  const project = config.GOOGLE_CLOUD_PROJECT ?? 'local';
  return Object.fromEntries(
    manifest.flatMap((f) =>
      f.trigger.kind === 'task' ? [[f.trigger.queue, functionUrl(project, config.GCP_REGION, f.name)]] : [],
    ),
  );
}

async function createDeps(config: Config): Promise<Deps> {
  if (config.PULSEPOINT_BACKEND === 'gcp') {
    const deps: Deps = createGcpDeps(config, { queueTargets: queueTargets(config) });
    // Applying a recommendation changes a campaign through the platform's own API.
    deps.budgetActions = createBudgetActions(deps);
    return deps;
  }
  // Running a function on its own outside Google Cloud (functions-framework on a laptop): the
  // embedded backends, loaded only here so deployed bundles never load SQLite or DuckDB.
  const { createEmbeddedDeps } = await import('../../infra/local/embedded-deps');
  return (await createEmbeddedDeps(config)).deps;
}

export function instanceFor(name: string, env: Record<string, string | undefined> = process.env) {
  const spec = functionSpec(name);
  let pending: Promise<Instance> | undefined;
  return (): Promise<Instance> => {
    pending ??= (async () => {
      const config = loadConfig(env);
      const deps = await createDeps(config);
      const handlers = createHandlers(deps, {
        version: pkg.version,
        startedAt: new Date(),
        healthChecks: backendHealthChecks(deps),
        billing: createBillingAdapters(config, deps),
      });
      const handler = handlers[name];
      if (!handler) throw new Error(`function ${name} has no handler in createHandlers`);
      return { spec, deps, handler };
    })().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
