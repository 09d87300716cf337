import { sampleFromSchema } from './sample-from-schema';

export interface RegisteredRoute {
  method: string;
  /** As registered: `/api/brands/:brandId`. */
  path: string;
  params: string[];
}

/**
 * Every route the app answers under /api and /mcp, read from the app itself (not a list kept by
 * hand), so a route added later by any area is covered by the suites that use this.
 */
export function registeredRoutes(app: {
  routes: ReadonlyArray<{ method: string; path: string }>;
}): RegisteredRoute[] {
  const seen = new Map<string, RegisteredRoute>();
  for (const r of app.routes) {
    if (!/^\/(api|mcp)(\/|$)/.test(r.path)) continue;
    if (r.method === 'ALL' && r.path.endsWith('*')) continue;
    const methods = r.method === 'ALL' ? ['GET', 'POST'] : [r.method];
    for (const method of methods) {
      const params = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
      seen.set(`${method} ${r.path}`, { method, path: r.path, params });
    }
  }
  return [...seen.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

export function fillPath(path: string, values: (param: string, path: string) => string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, (_, name: string) =>
    encodeURIComponent(values(name, path)),
  );
}

type OpenApiDoc = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } }>
  >;
  components?: { schemas?: Record<string, Record<string, unknown>> };
};

/** A body the route's own request schema accepts (from /openapi.json), or undefined when it takes none. */
export function sampleBody(doc: OpenApiDoc, route: RegisteredRoute): unknown {
  const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const op = doc.paths[openApiPath]?.[route.method.toLowerCase()];
  const schema = op?.requestBody?.content?.['application/json']?.schema;
  if (schema) return sampleFromSchema(schema, doc.components?.schemas ?? {});
  return ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
}
