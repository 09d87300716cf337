import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { LimitsService } from '../../billing/limits';
import { userSchema } from '../../domain/entities';
import { brandIdSchema, roleSchema, systemContext } from '../../domain/tenancy';
import type { Invitations } from '../../members/invitations';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { CONFLICT_RESPONSE, ERROR_RESPONSES, errorSchema, jsonBody, jsonResponse } from '../openapi';

const invitationView = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    brandIds: z.array(z.string()).optional(),
    invitedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    status: z.enum(['pending', 'accepted', 'revoked']),
    acceptedAt: z.string().optional(),
  })
  .openapi('Invitation');
const inviteBody = z
  .object({
    email: z.string().email().max(320),
    role: roleSchema,
    brandIds: z.array(brandIdSchema).min(1).max(1000).optional(),
  })
  .openapi('InviteByEmail', {
    example: { email: 'ana@agency.example', role: 'analyst', brandIds: ['acme'] },
  });
const created = z
  .object({
    invitation: invitationView,
    emailed: z.boolean(),
    acceptUrl: z.string().optional().openapi({
      description: 'Only when the deployment has no mail channel: pass it on to the invitee yourself.',
    }),
  })
  .openapi('InvitationCreated');
const acceptBody = z
  .object({ token: z.string().min(10).max(400) })
  .openapi('AcceptInvitation', { example: { token: 'acme.inv-1.9f…' } });
const accepted = z
  .object({
    tenantId: z.string(),
    member: z.object(userSchema.shape),
    signInLink: z.string().optional().openapi({ description: 'A new account sets its password here.' }),
  })
  .openapi('InvitationAccepted');
const idParams = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'inv-1' }),
});
const CLOSED_RESPONSE = {
  description: 'The invitation expired, was used or was revoked (details.reason)',
  content: { 'application/json': { schema: errorSchema } },
};

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/invitations',
    summary: 'Pending invitations',
    responses: {
      200: jsonResponse(z.object({ invitations: z.array(invitationView) }), 'Not yet accepted or expired'),
      ...ERROR_RESPONSES,
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/api/invitations',
    summary: 'Invite someone by email: they become a member when they accept the link',
    request: { body: jsonBody(inviteBody) },
    responses: { 201: jsonResponse(created, 'Invited'), ...ERROR_RESPONSES, 409: CONFLICT_RESPONSE },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/api/invitations/{id}',
    summary: 'Revoke a pending invitation (its link stops working)',
    request: { params: idParams },
    responses: { 204: { description: 'Revoked' }, ...ERROR_RESPONSES },
  }),
  accept: createRoute({
    method: 'post',
    path: '/api/invitations/accept',
    summary: 'Accept an invitation with the token from its email (no sign-in needed)',
    security: [],
    request: { body: jsonBody(acceptBody) },
    responses: {
      200: jsonResponse(accepted, 'Now a member'),
      ...ERROR_RESPONSES,
      409: CONFLICT_RESPONSE,
      410: CLOSED_RESPONSE,
    },
  }),
};

type Deps = {
  store: OperationalStore;
  clock: Clock;
  ids: Ids;
  invitations: Invitations;
  limits: Pick<LimitsService, 'assertCanAdd'>;
};

/** Inviting, listing and revoking: members:manage, behind authentication like every /api route. */
export function invitationRoutes(deps: Deps) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(routes.list, async (c) =>
    c.json({ invitations: await deps.invitations.listPending(c.get('tenant')) }, 200),
  );
  app.openapi(routes.create, async (c) => {
    const ctx = c.get('tenant');
    await deps.limits.assertCanAdd(ctx, 'seats');
    const result = await deps.invitations.create(ctx, c.req.valid('json'));
    await recordAudit(deps, ctx, {
      action: 'member.invitation_sent',
      target: `invitations/${result.invitation.id}`,
      details: { role: result.invitation.role, emailed: result.emailed },
    });
    return c.json(result, 201);
  });
  app.openapi(routes.revoke, async (c) => {
    const ctx = c.get('tenant');
    const { id } = c.req.valid('param');
    await deps.invitations.revoke(ctx, id);
    await recordAudit(deps, ctx, { action: 'member.invitation_revoked', target: `invitations/${id}` });
    return c.body(null, 204);
  });
  return app;
}

/**
 * Accepting is mounted before authentication: the invitee may have no account yet, and the
 * one-time secret in the token is the proof (it was mailed to the invited address).
 */
export function invitationAcceptRoutes(deps: Deps) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(routes.accept, async (c) => {
    const token = c.req.valid('json').token;
    const tenantId = token.split('.')[0] ?? '';
    // The seat limit is checked again: seats may have filled since the invitation was sent.
    const result = await deps.invitations.accept(token, () =>
      deps.limits.assertCanAdd(systemContext(tenantId, 'invitation'), 'seats'),
    );
    await recordAudit(deps, systemContext(result.tenantId, 'invitation'), {
      action: 'member.invitation_accepted',
      target: `users/${result.member.uid}`,
      details: { role: result.member.role },
    });
    c.header('cache-control', 'no-store');
    return c.json(result, 200);
  });
  return app;
}
