import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  canAccessBrand,
  roleSchema,
  systemContext,
  type TenantContext,
  tenantIdSchema,
} from '../domain/tenancy';
import { AppError, ConflictError, NotFoundError } from '../kernel/errors';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { MessageChannel } from '../ports/message-channel';
import type { OperationalStore } from '../ports/operational-store';
import type { Invitation, MemberService } from './service';

/** How long an emailed invitation can be accepted. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export const INVITATION_REFUSALS = {
  expired: 'expired',
  used: 'used',
  revoked: 'revoked',
} as const;
export type InvitationRefusal = (typeof INVITATION_REFUSALS)[keyof typeof INVITATION_REFUSALS];

/** An invitation that can no longer be accepted; `reason` says why (the accept page shows it). */
export class InvitationClosedError extends AppError {
  override readonly code = 'invitation_closed';
  override readonly status = 410;
  constructor(readonly reason: InvitationRefusal) {
    super(`this invitation is ${reason === 'used' ? 'already used' : reason}`, { details: { reason } });
  }
}

const recordSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  brandIds: z.array(z.string()).optional(),
  /** sha256 of the secret in the link; the secret itself is never stored. */
  secretHash: z.string(),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'accepted', 'revoked']),
  acceptedAt: z.string().optional(),
});
export type InvitationRecord = z.infer<typeof recordSchema>;
export type InvitationView = Omit<InvitationRecord, 'secretHash'>;

export interface InvitationDeps {
  documents: DocumentDb;
  store: Pick<OperationalStore, 'tenants'>;
  members: Pick<MemberService, 'vetInvitation' | 'invite'>;
  clock: Clock;
  ids: Ids;
  /** Where the web app lives: the accept link is `<publicUrl>/invitations/accept#token=…`. */
  publicUrl: string;
  /** The deployment's email channel (SMTP); absent, the inviter is given the link to pass on. */
  mail?: MessageChannel;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const pathOf = (tenantId: string, id: string) => `tenants/${tenantId}/invitations/${id}`;
const viewOf = ({ secretHash: _s, ...view }: InvitationRecord): InvitationView => view;
/** As for members: a brand-limited actor sees only invitations confined to its own brands. */
const visibleTo = (ctx: TenantContext, r: Pick<InvitationRecord, 'brandIds'>) =>
  !ctx.brandIds || (r.brandIds?.every((b) => canAccessBrand(ctx, b)) ?? false);

/** `<tenant>.<invitation id>.<secret>`: tenant ids and our ids never contain a dot. */
function parseToken(token: string) {
  const [tenantId = '', id = '', secret = '', ...rest] = token.split('.');
  if (rest.length || !tenantIdSchema.safeParse(tenantId).success || !/^[\w-]{1,128}$/.test(id) || !secret)
    return undefined;
  return { tenantId, id, secret };
}

/**
 * Emailed invitations (docs/decisions/925): the invitation is vetted like a direct add (role at or
 * below the inviter's, brands the inviter can access), stored with the hash of a one-time secret,
 * and the accept link is mailed. Accepting with the secret binds the member — the account for the
 * invited address, its claims and membership record, through the member service — once, before
 * it expires. The token travels in the URL fragment, so it reaches no server log or Referer.
 */
export function createInvitations(deps: InvitationDeps) {
  const now = () => deps.clock.now();

  async function read(tenantId: string, id: string) {
    const doc = await deps.documents.get(pathOf(tenantId, id));
    return doc ? recordSchema.parse(doc.data) : undefined;
  }

  async function send(ctx: TenantContext, record: InvitationRecord, acceptUrl: string) {
    const tenant = await deps.store.tenants.get(ctx);
    const workspace = tenant?.name ?? ctx.tenantId;
    const outcome = await deps.mail!.send({
      channel: 'email',
      to: record.email,
      subject: `You are invited to ${workspace} on Pulsepoint`,
      text: [
        `You have been invited to the Pulsepoint workspace ${workspace} as ${record.role}.`,
        '',
        `Accept the invitation: ${acceptUrl}`,
        '',
        `The link works once and expires on ${record.expiresAt.slice(0, 10)} (UTC).`,
        'If you did not expect this, ignore this email.',
      ].join('\n'),
      reference: `invitation:${ctx.tenantId}:${record.id}`,
    });
    if (!outcome.ok) throw new ConflictError(`the invitation email was refused: ${outcome.message}`);
  }

  return {
    async create(ctx: TenantContext, invitation: Invitation) {
      const vetted = await deps.members.vetInvitation(ctx, invitation);
      const secret = randomBytes(32).toString('base64url');
      const at = now();
      const record = recordSchema.parse({
        id: deps.ids.next().replace(/[^\w-]/g, '_'),
        email: vetted.email,
        role: vetted.role,
        ...(vetted.brandIds ? { brandIds: vetted.brandIds } : {}),
        secretHash: hash(secret),
        invitedBy: ctx.uid,
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + INVITATION_TTL_MS).toISOString(),
        status: 'pending',
      });
      await deps.documents.set(pathOf(ctx.tenantId, record.id), record);
      const acceptUrl = `${deps.publicUrl.replace(/\/$/, '')}/invitations/accept#token=${ctx.tenantId}.${record.id}.${secret}`;
      if (deps.mail) await send(ctx, record, acceptUrl);
      // Without a mail channel the inviter passes the link on (as decision 921's sign-in link).
      return { invitation: viewOf(record), emailed: Boolean(deps.mail), ...(deps.mail ? {} : { acceptUrl }) };
    },

    async listPending(ctx: TenantContext): Promise<InvitationView[]> {
      const at = now().toISOString();
      const docs = await deps.documents.query(`tenants/${ctx.tenantId}/invitations`, {
        where: [['status', '==', 'pending']],
      });
      return docs
        .map((d) => recordSchema.parse(d.data))
        .filter((r) => r.expiresAt > at && visibleTo(ctx, r))
        .map(viewOf)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    async revoke(ctx: TenantContext, id: string) {
      const record = await read(ctx.tenantId, id);
      if (record?.status !== 'pending' || !visibleTo(ctx, record))
        throw new NotFoundError(`invitation ${id} not found`);
      await deps.documents.set(pathOf(ctx.tenantId, id), { ...record, status: 'revoked' });
    },

    /**
     * Binds the invited address as a member. The invitation is marked used in the same
     * transaction that checks it, so two clicks cannot both bind; if binding then fails for a
     * reason worth retrying (an outage, the seat limit), it is reopened.
     */
    async accept(token: string, beforeBind?: () => Promise<void>) {
      const parsed = parseToken(token);
      if (!parsed) throw new NotFoundError('invitation not found');
      const { tenantId, id, secret } = parsed;
      const at = now().toISOString();
      const record = await deps.documents.runTransaction(async (tx) => {
        const doc = await tx.get(pathOf(tenantId, id));
        const r = doc ? recordSchema.parse(doc.data) : undefined;
        const given = Buffer.from(hash(secret), 'hex');
        if (!r || !timingSafeEqual(given, Buffer.from(r.secretHash, 'hex')))
          throw new NotFoundError('invitation not found');
        if (r.status === 'accepted') throw new InvitationClosedError('used');
        if (r.status === 'revoked') throw new InvitationClosedError('revoked');
        if (r.expiresAt <= at) throw new InvitationClosedError('expired');
        await tx.set(pathOf(tenantId, id), { ...r, status: 'accepted', acceptedAt: at });
        return r;
      });
      const reopen = () => deps.documents.set(pathOf(tenantId, id), record);
      try {
        // A check of the moment (the seat limit): refused, the invitation stays open for later.
        await beforeBind?.();
      } catch (err) {
        await reopen();
        throw err;
      }
      try {
        const bound = await deps.members.invite(systemContext(tenantId, `invitation:${id}`), {
          email: record.email,
          role: record.role,
          ...(record.brandIds ? { brandIds: record.brandIds } : {}),
        });
        return { tenantId, ...bound };
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) await reopen();
        throw err;
      }
    },
  };
}
export type Invitations = ReturnType<typeof createInvitations>;
