import { rewriteTextLinks } from './links';

/**
 * The HTML part of an email, rendered from its text part so the two always say the same thing:
 * every character escaped, each http(s) URL an `<a href>` (in the order `rewriteTextLinks` finds
 * them, so `rewriteHtmlLinks` numbers the hrefs exactly as the click tokens number the text's
 * links), blank lines as paragraphs and single line breaks as `<br>`. Inline styles only: mail
 * clients drop `<style>` blocks and scripts, and this markup needs neither.
 */
export interface EmailHtmlOptions {
  /** The document title (clients show it in some previews). */
  readonly subject?: string | null;
  /** A 1×1 open-tracking image appended at the end of the body (engagement/opens.ts). */
  readonly pixelUrl?: string | null;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * What a reader sees for a link: host and path, no scheme, query or fragment. The text part keeps
 * the full URL; in HTML the UTM tags and (once tracked) the click token sit in the href, unread.
 */
export function linkLabel(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
    return `${u.host}${path}`;
  } catch {
    return url;
  }
}

// Placeholders for links while the rest is escaped: NUL never survives in a message body.
const MARK = '\u0000';

export function renderEmailHtml(text: string, options: EmailHtmlOptions = {}): string {
  const urls: string[] = [];
  const marked = rewriteTextLinks(text.replaceAll(MARK, ''), (url, i) => {
    urls[i] = url;
    return `${MARK}${i}${MARK}`;
  });
  const anchor = (i: number) => {
    const url = urls[i] ?? '';
    return `<a href="${escapeHtml(url)}" style="color:#1a56db">${escapeHtml(linkLabel(url))}</a>`;
  };
  const inline = (s: string) =>
    escapeHtml(s).replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_m, i: string) => anchor(Number(i)));
  const paragraphs = marked
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p style="margin:0 0 16px">${p.split('\n').map(inline).join('<br>\n')}</p>`);
  const pixel = options.pixelUrl
    ? `\n<img src="${escapeHtml(options.pixelUrl)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`
    : '';
  return [
    '<!doctype html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.subject ?? '')}</title>`,
    '</head>',
    '<body style="margin:0;padding:24px;background:#ffffff;color:#111827;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    `<div style="max-width:600px;margin:0 auto">\n${paragraphs.join('\n')}\n</div>${pixel}`,
    '</body>',
    '</html>',
  ].join('\n');
}
