import { Readable } from 'node:stream';
import type {
  Request as FrameworkRequest,
  Response as FrameworkResponse,
} from '@google-cloud/functions-framework';

/**
 * The Functions Framework speaks Express; the API is a Hono app speaking fetch. These two turn
 * one into the other. The framework has already read the body into `rawBody`, which is what
 * HMAC checks (Shopify webhooks) need byte for byte.
 */
export function toFetchRequest(req: FrameworkRequest): Request {
  const proto = String(req.headers['x-forwarded-proto'] ?? 'https').split(',')[0];
  const url = `${proto}://${req.headers.host ?? 'localhost'}${req.originalUrl ?? req.url}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? (req.rawBody ? new Uint8Array(req.rawBody) : bodyOf(req.body)) : undefined;
  return new Request(url, { method: req.method, headers, ...(body ? { body } : {}) });
}

function bodyOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** Streams the response (MCP over SSE needs it), rather than buffering it whole. */
export async function sendFetchResponse(res: FrameworkResponse, response: Response): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
      .on('error', reject)
      .pipe(res)
      .on('finish', resolve)
      .on('error', reject);
  });
}
