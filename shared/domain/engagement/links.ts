import type { ChannelKind } from './channel';

/**
 * The links in a message: found in a text body (URLs as written) or an HTML body (`href`
 * attributes), tagged with Pulsepoint's UTM parameters so the storefront's orders carry where the
 * visit came from, and rewritable to a tracking redirect (engagement/tracking.ts).
 */
export interface UtmTags {
  readonly medium: ChannelKind;
  /** The campaign's or automation's name; slugged here. */
  readonly campaign: string;
  /** The variant (campaign) or step (automation) the message came from. */
  readonly content: string | null;
}

export const UTM_SOURCE = 'pulsepoint';

/** `Win-back: 10% off!` → `win-back-10-off`. */
export function utmSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/**
 * The URL with `utm_source`, `utm_medium`, `utm_campaign` and `utm_content` appended. A utm_* the
 * merchant already wrote is left as they wrote it; the rest of the query and the fragment are kept
 * byte for byte (appended to, never re-serialised: `searchParams.set` would re-encode `%20` as `+`).
 * Anything that does not parse as an http(s) URL comes back unchanged.
 */
export function withUtm(raw: string, tags: UtmTags): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return raw;
  const wanted: ReadonlyArray<readonly [string, string | null]> = [
    ['utm_source', UTM_SOURCE],
    ['utm_medium', tags.medium],
    ['utm_campaign', utmSlug(tags.campaign) || null],
    ['utm_content', tags.content],
  ];
  const extra = wanted
    .filter((kv): kv is readonly [string, string] => kv[1] !== null && !url.searchParams.has(kv[0]))
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  if (!extra) return raw;
  url.search = url.search.length > 1 ? `${url.search}&${extra}` : `?${extra}`;
  return url.toString();
}

/** A link found in a body, in order of appearance (its index names it in a tracking token). */
export type LinkRewrite = (url: string, index: number) => string;

// Sentence punctuation after a URL in prose is not part of it ("see https://x.example/a.").
const TEXT_URL = /https?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"\]]+$/;

function trimUrl(candidate: string): string {
  let url = candidate.replace(TRAILING, '');
  // A closing parenthesis belongs to the URL only when it closes one the URL opened.
  while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0))
    url = url.slice(0, -1).replace(TRAILING, '');
  return url;
}

/** A plain-text body cut into its prose and the http(s) URLs in it, found as `rewriteTextLinks` finds them. */
export function splitTextLinks(text: string): Array<{ text: string } | { url: string }> {
  const parts: Array<{ text: string } | { url: string }> = [];
  let at = 0;
  for (const m of text.matchAll(TEXT_URL)) {
    const url = trimUrl(m[0]);
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ url });
    at = m.index + url.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** Rewrites every http(s) URL in a plain-text body (email text part, SMS, WhatsApp). */
export function rewriteTextLinks(text: string, rewrite: LinkRewrite): string {
  let index = 0;
  return text.replace(TEXT_URL, (match) => {
    const url = trimUrl(match);
    return rewrite(url, index++) + match.slice(url.length);
  });
}

const HREF = /(\shref\s*=\s*)(["'])(https?:\/\/[^"']*)\2/gi;

/** Rewrites every http(s) `href` of an HTML body; entities in the attribute are decoded first. */
export function rewriteHtmlLinks(html: string, rewrite: LinkRewrite): string {
  let index = 0;
  return html.replace(HREF, (_m, prefix: string, quote: string, value: string) => {
    const next = rewrite(value.replace(/&amp;/g, '&'), index++);
    return `${prefix}${quote}${next.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}${quote}`;
  });
}

/**
 * Tags every link of a body with UTM parameters, except those `keep` says to leave alone (the
 * unsubscribe link: its token is signed, and it is not a visit to the store).
 */
export function tagLinks(
  body: string,
  tags: UtmTags,
  options: { html?: boolean; keep?: (url: string) => boolean } = {},
): string {
  const rewrite: LinkRewrite = (url) => (options.keep?.(url) ? url : withUtm(url, tags));
  return options.html ? rewriteHtmlLinks(body, rewrite) : rewriteTextLinks(body, rewrite);
}
