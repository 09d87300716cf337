import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from '../domain/engagement/channel';
import { brandIdSchema, systemContext, tenantIdSchema } from '../domain/tenancy';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { SecretStore } from '../ports/secret-store';
import type { BrandScope } from '../ports/warehouse-rows';
import type { ConsentStore } from './consent';
import { docPath } from './paths';
import { sendRecordSchema } from './send-record';
import { createTenantSigner } from './signing';
import type { EngagementTimeline } from './timeline';

/**
 * One-click unsubscribe (RFC 8058): every email carries `List-Unsubscribe: <https://…/unsubscribe/
 * {tenant}/{token}>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. The token is the
 * recipient (brand, channel, address, send) signed with a per-tenant key kept in the secret store,
 * so the link needs no sign-in and cannot be forged for someone else's address.
 */
const payloadSchema = z.object({
  b: brandIdSchema,
  c: z.enum(CHANNEL_KINDS),
  a: z.string().min(1),
  s: z.string().nullable(),
});
type Payload = z.infer<typeof payloadSchema>;
const KEY_NAME = 'engagement/unsubscribe-key';
export const UNSUBSCRIBE_PATH = /^\/unsubscribe\/([^/]+)\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

export function createUnsubscribeLinks(deps: { secrets: SecretStore; publicUrl: string }) {
  const signer = createTenantSigner({
    secrets: deps.secrets,
    keyName: KEY_NAME,
    actor: 'engagement-unsubscribe',
  });
  return {
    async url(scope: BrandScope, channel: ChannelKind, address: string, sendId: string | null = null) {
      const payload: Payload = { b: scope.brandId, c: channel, a: address, s: sendId };
      const token = await signer.sign(scope.ctx.tenantId, payload);
      return `${deps.publicUrl.replace(/\/$/, '')}/unsubscribe/${encodeURIComponent(scope.ctx.tenantId)}/${token}`;
    },
    /** The recipient a token names, or undefined when it was not signed with this tenant's key. */
    verify: (tenantId: string, token: string): Promise<Payload | undefined> =>
      signer.verify(tenantId, token, payloadSchema),
  };
}
export type UnsubscribeLinks = ReturnType<typeof createUnsubscribeLinks>;

const html = (body: string, status = 200) =>
  new Response(
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Unsubscribe</title><body style="font-family:system-ui;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );

/**
 * `/unsubscribe/{tenant}/{token}`. POST (the mail client's one-click, or the page's button) records
 * the opt-out at once; GET only shows a button, because mail scanners fetch every link in a
 * message and must not unsubscribe anyone (RFC 8058 §3.1).
 */
export function createUnsubscribeReceiver(deps: {
  links: UnsubscribeLinks;
  consent: ConsentStore;
  db: DocumentDb;
  clock: Clock;
  timeline?: EngagementTimeline;
}) {
  return async function receiveUnsubscribe(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const match = UNSUBSCRIBE_PATH.exec(url.pathname);
    const tenant = tenantIdSchema.safeParse(decodeURIComponent(match?.[1] ?? ''));
    const payload =
      match && tenant.success ? await deps.links.verify(tenant.data, match[2] ?? '') : undefined;
    if (!tenant.success || !payload) return html('<p>This unsubscribe link is not valid.</p>', 404);
    if (request.method === 'GET')
      return html(
        `<p>Stop messages to <strong>${escapeHtml(payload.a)}</strong>?</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
      );
    if (request.method !== 'POST') return html('<p>Method not allowed.</p>', 405);
    const scope: BrandScope = {
      ctx: systemContext(tenant.data, 'engagement-unsubscribe'),
      brandId: payload.b,
    };
    await deps.consent.set(scope, payload.c, payload.a, 'opted_out', 'unsubscribe_link');
    if (payload.s) {
      const path = docPath(scope, 'sends', payload.s);
      const marked = await deps.db.runTransaction(async (tx) => {
        const doc = await tx.get(path);
        if (!doc) return undefined;
        const send = sendRecordSchema.parse(doc.data);
        if (send.unsubscribed) return undefined;
        const next = { ...send, unsubscribed: true, updatedAt: deps.clock.now().toISOString() };
        await tx.set(path, next);
        return next;
      });
      if (marked) {
        await deps.timeline?.record(scope, marked, 'unsubscribed');
        await deps.timeline?.flush();
      }
    }
    return html(
      `<p><strong>${escapeHtml(payload.a)}</strong> is unsubscribed. No more messages will be sent.</p>`,
    );
  };
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
