import { createMiddleware } from 'hono/factory';
import type { LatencyHistograms } from '../../kernel/observability/latency-histograms';
import type { ApiEnv } from '../env';
import type { OpsEventSink } from '../ops-events';
import { routeKey } from '../permissions';
import { matchedRoute } from './matched-route';

/**
 * One structured log line per request in Cloud Logging's `httpRequest` shape, a latency sample
 * for the matched route's histogram, and an `observability_events` row. The URL is logged
 * without its query string: OAuth callbacks carry codes and HMACs there.
 */
export function observe(options: {
  histograms: LatencyHistograms;
  events: OpsEventSink;
  /** Severity of a successful request's line (failures are always `warn` or `error`). */
  successLevel?: 'info' | 'debug';
}) {
  return createMiddleware<ApiEnv>(async function observeMiddleware(c, next) {
    const started = performance.now();
    await next();
    const durationMs = performance.now() - started;
    const route = matchedRoute(c);
    const name = route ? routeKey(route.method, route.path).replace(/\{\}/g, '{id}') : 'unmatched';
    const status = c.res.status;
    const tenant = c.get('tenant');
    options.histograms.observe(name, durationMs, tenant?.tenantId);
    options.events.record({
      kind: 'http_request',
      name,
      status: String(status),
      durationMs,
      traceparent: c.get('traceparent'),
      ...(tenant ? { tenantId: tenant.tenantId } : {}),
      attributes: { requestId: c.get('requestId') },
    });
    const log = c.get('logger');
    const fields = {
      httpRequest: {
        requestMethod: c.req.method,
        requestUrl: c.req.path,
        status,
        latency: `${(durationMs / 1000).toFixed(3)}s`,
        userAgent: c.req.header('user-agent') ?? '',
      },
      route: name,
      ...(tenant ? { tenantId: tenant.tenantId, uid: tenant.uid } : {}),
    };
    if (status >= 500) log.error('request failed', fields);
    else if (status >= 400) log.warn('request refused', fields);
    else if (options.successLevel === 'debug') log.debug('request', fields);
    else log.info('request', fields);
  });
}
