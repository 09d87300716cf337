import type { Backend } from '../../infra/compose/backend';
import { buildHandler } from '../../infra/compose/handlers';
import { type FunctionSpec, functionSpec, manifest } from '../../infra/manifest';
import pkg from '../../package.json' with { type: 'json' };
import { type Config, loadConfig } from '../../shared/kernel/config';
import type { Handler } from '../../shared/ports/function-handler';
import { createGcpBackend, functionUrl } from './gcp-backend';

/**
 * What one function instance needs, built on its first request and kept for the instance's
 * life: config, adapters (their clients are themselves lazy) and the handler for this function.
 * Building on first use rather than at import keeps cold starts short and lets a bad config
 * surface as a logged 500 instead of a crash loop.
 */
export interface Instance {
  spec: FunctionSpec;
  backend: Backend;
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

async function createBackend(config: Config): Promise<Backend> {
  if (config.PULSEPOINT_BACKEND === 'gcp')
    return createGcpBackend(config, { queueTargets: queueTargets(config) });
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
      const backend = await createBackend(config);
      // Only this function's feature is loaded and built (infra/compose/handlers.ts).
      const handler = await buildHandler(name, backend, { version: pkg.version, startedAt: new Date() });
      return { spec, backend, handler };
    })().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
