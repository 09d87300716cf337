import { z } from 'zod';
import { renderEmailHtml } from '../domain/engagement/email-html';
import { rewriteHtmlLinks, rewriteTextLinks } from '../domain/engagement/links';
import { brandIdSchema, systemContext, tenantIdSchema } from '../domain/tenancy';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { SecretStore } from '../ports/secret-store';
import type { BrandScope } from '../ports/warehouse-rows';
import { docPath } from './paths';
import { type SendRecord, sendRecordSchema } from './send-record';
import { createTenantSigner, TOKEN_PATTERN } from './signing';
import type { EngagementTimeline } from './timeline';

/**
 * Click and open tracking (decision 935): each link of a message leaves as `{publicUrl}/click/
 * {tenant}/{token}`, the token naming the brand, the send and the link's index in the message. The
 * target is read back from the send's own text in the ledger, never from the URL, so a click link
 * can only lead where the merchant's message did: no open redirect, and short tokens (SMS is
 * billed by the segment). An email's HTML part also carries a 1×1 image at `/open/{tenant}/
 * {token}` (opens.ts).
 *
 * Both kinds share the signer and its key, so the payloads keep them apart: an open token says
 * `k: 'open'` and has no link index; both schemas are strict, so neither parses as the other.
 * (Click tokens carry no kind: those already sent in messages must keep working.)
 */
const payloadSchema = z
  .object({ b: brandIdSchema, s: z.string().min(1), i: z.number().int().min(0) })
  .strict();
type Payload = z.infer<typeof payloadSchema>;
const openPayloadSchema = z.object({ k: z.literal('open'), b: brandIdSchema, s: z.string().min(1) }).strict();
export type OpenPayload = z.infer<typeof openPayloadSchema>;
const KEY_NAME = 'engagement/tracking-key';
export const CLICK_PATH = new RegExp(`^/click/([^/]+)/(${TOKEN_PATTERN})$`);
export const OPEN_PATH = new RegExp(`^/open/([^/]+)/(${TOKEN_PATTERN})$`);

export function createTrackingLinks(deps: { secrets: SecretStore; publicUrl: string }) {
  const signer = createTenantSigner({
    secrets: deps.secrets,
    keyName: KEY_NAME,
    actor: 'engagement-tracking',
  });
  const origin = deps.publicUrl.replace(/\/$/, '');
  async function clickUrl(scope: BrandScope, sendId: string, index: number): Promise<string> {
    const payload: Payload = { b: scope.brandId, s: sendId, i: index };
    const token = await signer.sign(scope.ctx.tenantId, payload);
    return `${origin}/click/${encodeURIComponent(scope.ctx.tenantId)}/${token}`;
  }
  async function openUrl(scope: BrandScope, sendId: string): Promise<string> {
    const payload: OpenPayload = { k: 'open', b: scope.brandId, s: sendId };
    const token = await signer.sign(scope.ctx.tenantId, payload);
    return `${origin}/open/${encodeURIComponent(scope.ctx.tenantId)}/${token}`;
  }
  /** Click links by the index of the link they replace: every link but our own (unsubscribe). */
  async function clickUrls(scope: BrandScope, send: Pick<SendRecord, 'id' | 'text'>) {
    const indexes: number[] = [];
    rewriteTextLinks(send.text, (url, i) => {
      if (!url.startsWith(`${origin}/`)) indexes.push(i);
      return url;
    });
    const tracked = new Map<number, string>();
    for (const i of indexes) tracked.set(i, await clickUrl(scope, send.id, i));
    return tracked;
  }
  return {
    clickUrl,
    openUrl,
    /**
     * The send's text with every link but our own (unsubscribe, an already tracked link) replaced
     * by its click link.
     */
    async track(scope: BrandScope, send: Pick<SendRecord, 'id' | 'text'>): Promise<string> {
      const tracked = await clickUrls(scope, send);
      return rewriteTextLinks(send.text, (url, i) => tracked.get(i) ?? url);
    },
    /**
     * The HTML part of an email send: rendered from the ledger's text, each href replaced by the
     * click link of the same index (the renderer numbers hrefs as the text numbers links), and the
     * open pixel at the end.
     */
    async trackHtml(scope: BrandScope, send: Pick<SendRecord, 'id' | 'text' | 'subject'>): Promise<string> {
      const tracked = await clickUrls(scope, send);
      const html = renderEmailHtml(send.text, {
        subject: send.subject,
        pixelUrl: await openUrl(scope, send.id),
      });
      return rewriteHtmlLinks(html, (url, i) => tracked.get(i) ?? url);
    },
    verify: (tenantId: string, token: string): Promise<Payload | undefined> =>
      signer.verify(tenantId, token, payloadSchema),
    verifyOpen: (tenantId: string, token: string): Promise<OpenPayload | undefined> =>
      signer.verify(tenantId, token, openPayloadSchema),
  };
}
export type TrackingLinks = ReturnType<typeof createTrackingLinks>;

const notFound = () =>
  Response.json({ error: { code: 'not_found', message: 'This link is not valid.' } }, { status: 404 });

export interface TrackingReceiverDeps {
  links: TrackingLinks;
  db: DocumentDb;
  clock: Clock;
  timeline?: EngagementTimeline;
}

/** 405 JSON for anything but GET: a tap, and an image load, are GETs. */
export const onlyGet = (request: Request): Response | undefined =>
  request.method === 'GET'
    ? undefined
    : Response.json(
        { error: { code: 'method_not_allowed', message: 'Method not allowed.' } },
        { status: 405, headers: { allow: 'GET' } },
      );

/**
 * Sets `flag` on the send once, in a transaction (a second click or load changes nothing), and puts
 * it on the customer's timeline the first time. `read` picks what the receiver needs from the
 * send; undefined from it (or an unknown send) is undefined here, and nothing is marked.
 */
export async function markSendOnce<T>(
  deps: TrackingReceiverDeps,
  scope: BrandScope,
  sendId: string,
  flag: 'clicked' | 'opened',
  read: (send: SendRecord) => T | undefined,
): Promise<{ value: T } | undefined> {
  const path = docPath(scope, 'sends', sendId);
  const result = await deps.db.runTransaction(async (tx) => {
    const doc = await tx.get(path);
    if (!doc) return undefined;
    const send = sendRecordSchema.parse(doc.data);
    const value = read(send);
    if (value === undefined) return undefined;
    if (send[flag]) return { value, marked: undefined };
    const marked: SendRecord = { ...send, [flag]: true, updatedAt: deps.clock.now().toISOString() };
    await tx.set(path, marked);
    return { value, marked };
  });
  if (result?.marked) {
    await deps.timeline?.record(scope, result.marked, flag);
    await deps.timeline?.flush();
  }
  return result && { value: result.value };
}

/**
 * `GET /click/{tenant}/{token}`: marks the send clicked (once: a second click changes nothing),
 * puts `clicked` on the customer's timeline, and redirects to the link as the message had it (with
 * its UTM tags). A token that does not verify under the tenant's key answers 404 JSON, never a
 * redirect. Every read and write is scoped to the token's tenant and brand.
 */
export function createClickReceiver(deps: TrackingReceiverDeps) {
  return async function receiveClick(request: Request): Promise<Response> {
    const refused = onlyGet(request);
    if (refused) return refused;
    const match = CLICK_PATH.exec(new URL(request.url).pathname);
    const tenant = tenantIdSchema.safeParse(decodeURIComponent(match?.[1] ?? ''));
    if (!match || !tenant.success) return notFound();
    const payload = await deps.links.verify(tenant.data, match[2] ?? '');
    if (!payload) return notFound();
    const scope: BrandScope = { ctx: systemContext(tenant.data, 'engagement-tracking'), brandId: payload.b };
    const result = await markSendOnce(deps, scope, payload.s, 'clicked', (send) => {
      let target: string | undefined;
      rewriteTextLinks(send.text, (url, i) => {
        if (i === payload.i) target = url;
        return url;
      });
      return target;
    });
    if (!result) return notFound();
    return new Response(null, {
      status: 302,
      headers: { location: result.value, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    });
  };
}
