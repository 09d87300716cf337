import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Role, roleSchema } from '../../domain/tenancy';
import type { Config } from '../../kernel/config';
import type { ApiEnv } from '../env';

/**
 * Development sign-in for the web app under `npm start`: hands out a local signed token for the
 * demo tenant, so nobody needs a Firebase project to click around. Production signs in with
 * Firebase Auth instead (docs/decisions/601-web-sign-in.md).
 */
export interface DevSignIn {
  tenantId: string;
  /** Lifetime of an issued token, in seconds. */
  ttlSeconds: number;
  issue(options: { tenantId: string; role: Role; uid: string; ttlSeconds: number }): Promise<string>;
}

/** Only the embedded backend outside production may mint tokens without a password. */
export function devAuthEnabled(config: Pick<Config, 'PULSEPOINT_BACKEND' | 'NODE_ENV'>): boolean {
  return config.PULSEPOINT_BACKEND === 'embedded' && config.NODE_ENV !== 'production';
}

const devTokenRequest = z.object({ role: roleSchema.default('owner') });
const devTokenResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  identity: z.object({ uid: z.string(), tenantId: z.string(), role: roleSchema }),
});

const issueDevToken = createRoute({
  method: 'post',
  path: '/api/auth/dev-token',
  summary: 'Development only: a local token for the demo tenant',
  request: {
    body: { required: false, content: { 'application/json': { schema: devTokenRequest } } },
  },
  responses: {
    200: { description: 'A bearer token', content: { 'application/json': { schema: devTokenResponse } } },
  },
});

/** Mounted before authentication; empty (every path 404s) unless development sign-in is enabled. */
export function devAuthRoutes(
  deps: { config: Pick<Config, 'PULSEPOINT_BACKEND' | 'NODE_ENV'>; clock: { now(): Date } },
  signIn: DevSignIn | undefined,
) {
  const app = new OpenAPIHono<ApiEnv>();
  if (!signIn || !devAuthEnabled(deps.config)) return app;
  app.openapi(issueDevToken, async (c) => {
    // An absent (optional) body skips the validator, so its defaults are applied here.
    const { role } = devTokenRequest.parse(c.req.valid('json') ?? {});
    const identity = { uid: `local:${signIn.tenantId}:${role}`, tenantId: signIn.tenantId, role };
    const token = await signIn.issue({ ...identity, ttlSeconds: signIn.ttlSeconds });
    const expiresAt = new Date(deps.clock.now().getTime() + signIn.ttlSeconds * 1000).toISOString();
    c.get('logger')?.info('issued development token', { uid: identity.uid });
    return c.json({ token, expiresAt, identity }, 200);
  });
  return app;
}
