import { systemContext, tenantIdSchema } from '../domain/tenancy';
import type { BrandScope } from '../ports/warehouse-rows';
import { markSendOnce, OPEN_PATH, onlyGet, type TrackingReceiverDeps } from './tracking';

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
export function createOpenReceiver(deps: TrackingReceiverDeps) {
  return async function receiveOpen(request: Request): Promise<Response> {
    const refused = onlyGet(request);
    if (refused) return refused;
    const match = OPEN_PATH.exec(new URL(request.url).pathname);
    const tenant = tenantIdSchema.safeParse(decodeURIComponent(match?.[1] ?? ''));
    if (!match || !tenant.success) return notFound();
    const payload = await deps.links.verifyOpen(tenant.data, match[2] ?? '');
    if (!payload) return notFound();
    const scope: BrandScope = { ctx: systemContext(tenant.data, 'engagement-tracking'), brandId: payload.b };
    if (!(await markSendOnce(deps, scope, payload.s, 'opened', () => true))) return notFound();
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
