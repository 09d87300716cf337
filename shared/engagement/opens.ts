import { systemContext, tenantIdSchema } from '../domain/tenancy';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import { docPath } from './paths';
import { type SendRecord, sendRecordSchema } from './send-record';
import type { EngagementTimeline } from './timeline';
import { OPEN_PATH, type TrackingLinks } from './tracking';

/** The smallest transparent GIF: 1×1, one transparent colour (GIF89a, 43 bytes). */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const notFound = () =>
  Response.json({ error: { code: 'not_found', message: 'This image is not valid.' } }, { status: 404 });

/**
 * `GET /open/{tenant}/{token}`: the email's 1×1 image was loaded. Marks the send `opened` once (in
 * a transaction: a second load changes nothing) and puts `opened` on the customer's timeline once,
 * then answers the GIF with `no-store`, so every load reaches us rather than a cache. A token that
 * does not verify as an open token under the tenant's key (forged, altered, another tenant's, or a
 * click token) answers 404 JSON, as clicks do: only an attacker sends one, and the sends' ids stay
 * unconfirmed. Opens are approximate (decision 935): Apple Mail Privacy Protection loads every
 * image, and clients that block images never load it.
 */
export function createOpenReceiver(deps: {
  links: TrackingLinks;
  db: DocumentDb;
  clock: Clock;
  timeline?: EngagementTimeline;
}) {
  return async function receiveOpen(request: Request): Promise<Response> {
    if (request.method !== 'GET')
      return Response.json(
        { error: { code: 'method_not_allowed', message: 'Method not allowed.' } },
        { status: 405, headers: { allow: 'GET' } },
      );
    const match = OPEN_PATH.exec(new URL(request.url).pathname);
    const tenant = tenantIdSchema.safeParse(decodeURIComponent(match?.[1] ?? ''));
    if (!match || !tenant.success) return notFound();
    const payload = await deps.links.verifyOpen(tenant.data, match[2] ?? '');
    if (!payload) return notFound();
    const scope: BrandScope = { ctx: systemContext(tenant.data, 'engagement-tracking'), brandId: payload.b };
    const path = docPath(scope, 'sends', payload.s);
    const result = await deps.db.runTransaction(async (tx) => {
      const doc = await tx.get(path);
      if (!doc) return undefined;
      const send = sendRecordSchema.parse(doc.data);
      if (send.opened) return { marked: undefined };
      const marked: SendRecord = { ...send, opened: true, updatedAt: deps.clock.now().toISOString() };
      await tx.set(path, marked);
      return { marked };
    });
    if (!result) return notFound();
    if (result.marked) {
      await deps.timeline?.record(scope, result.marked, 'opened');
      await deps.timeline?.flush();
    }
    return new Response(new Uint8Array(PIXEL_GIF), {
      status: 200,
      headers: {
        'content-type': 'image/gif',
        'content-length': String(PIXEL_GIF.length),
        'cache-control': 'no-store, max-age=0',
        'referrer-policy': 'no-referrer',
      },
    });
  };
}
