/**
 * Reads the raw messages the SMTP sandbox keeps: the top-level headers, and the leaf parts of a
 * multipart body with their content-transfer-encoding undone. Written from the MIME RFCs, which
 * nodemailer follows: multipart bodies and boundaries, RFC 2046 §5.1.1
 * (https://www.rfc-editor.org/rfc/rfc2046#section-5.1.1); quoted-printable, RFC 2045 §6.7
 * (https://www.rfc-editor.org/rfc/rfc2045#section-6.7); base64, RFC 2045 §6.8.
 */
export interface MimePart {
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The decoded body (UTF-8). */
  readonly body: string;
}

function split(raw: string): { headers: Record<string, string>; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers: Record<string, string> = {};
  // Folded header lines continue with whitespace (RFC 5322 §2.2.3).
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: end < 0 ? '' : text.slice(end + 2) };
}

export function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decode(body: string, encoding: string | undefined): string {
  const e = (encoding ?? '7bit').toLowerCase();
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

const typeOf = (headers: Record<string, string>) =>
  (headers['content-type'] ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? 'text/plain';

/** The leaf parts of a message, depth first; a single-part message is one part. */
export function mimeParts(raw: string): MimePart[] {
  const { headers, body } = split(raw);
  const type = typeOf(headers);
  if (!type.startsWith('multipart/'))
    return [{ contentType: type, headers, body: decode(body, headers['content-transfer-encoding']) }];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary) throw new Error('multipart without a boundary');
  const [, ...rest] = body.split(`--${boundary}`);
  return rest
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => mimeParts(chunk.replace(/^\n/, '').replace(/\n$/, '')));
}

/** The message's top-level headers, names lower-cased. */
export const mimeHeaders = (raw: string): Readonly<Record<string, string>> => split(raw).headers;
