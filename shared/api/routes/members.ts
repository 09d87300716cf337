import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { LimitsService } from '../../billing/limits';
import { userSchema } from '../../domain/entities';
import { brandIdSchema, roleSchema } from '../../domain/tenancy';
import type { MemberService } from '../../members/service';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { CONFLICT_RESPONSE, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';

const memberView = z.object(userSchema.shape).openapi('Member');
const inviteBody = z
  .object({
    email: z.string().email().max(320),
    role: roleSchema,
    /** Agency clients: only these brands. Absent: every brand. */
    brandIds: z.array(brandIdSchema).min(1).max(1000).optional(),
  })
  .openapi('InviteMember', { example: { email: 'ana@agency.example', role: 'analyst', brandIds: ['acme'] } });
const invited = z
  .object({
    member: memberView,
    signInLink: z
      .string()
      .optional()
      .openapi({ description: 'Where a new account sets its password; pass it on to the invitee.' }),
  })
  .openapi('InvitedMember');
const patchBody = z
  .object({
    role: roleSchema.optional(),
    brandIds: z.array(brandIdSchema).min(1).max(1000).nullable().optional(),
  })
  .openapi('PatchMember', { example: { role: 'viewer' } });
const memberParams = z.object({
  uid: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'uid', in: 'path' }, example: 'Zq3…' }),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/members',
    summary: 'Members of the tenant',
    responses: {
      200: jsonResponse(z.object({ members: z.array(memberView) }), 'The members'),
      ...ERROR_RESPONSES,
    },
  }),
  invite: createRoute({
    method: 'post',
    path: '/api/members',
    summary: 'Invite someone by email (creates their account, sets its claims)',
    request: { body: jsonBody(inviteBody) },
    responses: {
      201: jsonResponse(invited, 'The new member'),
      ...ERROR_RESPONSES,
      409: CONFLICT_RESPONSE,
    },
  }),
  update: createRoute({
    method: 'patch',
    path: '/api/members/{uid}',
    summary: 'Change a member’s role or brands (signs them out everywhere)',
    request: { params: memberParams, body: jsonBody(patchBody) },
    responses: { 200: jsonResponse(memberView, 'The member'), ...ERROR_RESPONSES, 409: CONFLICT_RESPONSE },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/members/{uid}',
    summary: 'Remove a member (claims cleared, sessions revoked)',
    request: { params: memberParams },
    responses: { 204: { description: 'Removed' }, ...ERROR_RESPONSES, 409: CONFLICT_RESPONSE },
  }),
};

export function memberRoutes(deps: {
  store: OperationalStore;
  clock: Clock;
  ids: Ids;
  members: MemberService;
  limits: Pick<LimitsService, 'assertCanAdd'>;
}) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(routes.list, async (c) => c.json({ members: await deps.members.list(c.get('tenant')) }, 200));

  app.openapi(routes.invite, async (c) => {
    const ctx = c.get('tenant');
    const body = c.req.valid('json');
    await deps.limits.assertCanAdd(ctx, 'seats');
    const result = await deps.members.invite(ctx, body);
    await recordAudit(deps, ctx, {
      action: 'member.invited',
      target: `users/${result.member.uid}`,
      details: { role: body.role },
    });
    return c.json(result, 201);
  });

  app.openapi(routes.update, async (c) => {
    const ctx = c.get('tenant');
    const { uid } = c.req.valid('param');
    const member = await deps.members.update(ctx, uid, c.req.valid('json'));
    await recordAudit(deps, ctx, {
      action: 'member.updated',
      target: `users/${uid}`,
      details: { role: member.role },
    });
    return c.json(member, 200);
  });

  app.openapi(routes.remove, async (c) => {
    const ctx = c.get('tenant');
    const { uid } = c.req.valid('param');
    await deps.members.remove(ctx, uid);
    await recordAudit(deps, ctx, { action: 'member.removed', target: `users/${uid}` });
    return c.body(null, 204);
  });

  return app;
}
