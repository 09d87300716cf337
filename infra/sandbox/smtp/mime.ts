/**
 * Just enough MIME (RFC 2045/2046) to read a received message as a mail client does: its headers,
 * and the body of its text/html part, decoded from quoted-printable or base64. Multipart bodies are
 * walked recursively; the first text/html part wins (a multipart/alternative puts it last, as the
 * one clients prefer).
 */
export interface ParsedMail {
  /** Header names lower-cased, folded lines unfolded (RFC 5322 §2.2.3). */
  headers: ReadonlyMap<string, string>;
  html: string | null;
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: '' };
  const sep = raw.slice(at).match(/^\r?\n\r?\n/)![0];
  return { head: raw.slice(0, at), body: raw.slice(at + sep.length) };
}

function headersOf(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter of a structured header value (`boundary`, `charset`), quoted or not. */
function parameter(value: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value);
  return m?.[1];
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'quoted-printable': {
      // Soft line breaks go; =XX are bytes of the (UTF-8) text.
      const bytes = body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

function findHtml(headers: ReadonlyMap<string, string>, body: string): string | null {
  const type = headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = parameter(type, 'boundary');
    if (!boundary) return null;
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      const { head, body: partBody } = splitHead(part.replace(/^\r?\n/, ''));
      const html = findHtml(headersOf(head), partBody.replace(/\r?\n$/, ''));
      if (html !== null) return html;
    }
    return null;
  }
  return /^text\/html/i.test(type) ? decodeBody(body, headers.get('content-transfer-encoding')) : null;
}

export function parseMail(raw: string): ParsedMail {
  const { head, body } = splitHead(raw);
  const headers = headersOf(head);
  return { headers, html: findHtml(headers, body) };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeHtml = (s: string) =>
  s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** The http(s) URLs of an HTML body's images (`<img src>`) and links (`<a href>`), in order. */
export function imagesAndLinks(html: string): { images: string[]; links: string[] } {
  const urls = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((m) => unescapeHtml(m[1] ?? '')).filter((u) => /^https?:\/\//i.test(u));
  return {
    images: urls(/<img\b[^>]*?\bsrc="([^"]*)"/gi),
    links: urls(/<a\b[^>]*?\bhref="([^"]*)"/gi),
  };
}
