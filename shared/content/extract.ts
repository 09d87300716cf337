import * as cheerio from 'cheerio';
import type { SiteFacts } from '../domain/content/profile';
import { UpstreamError, ValidationError } from '../kernel/errors';

/**
 * What a storefront says about its brand, read from its HTML with cheerio: title, meta
 * description, Open Graph (`og:site_name`, `og:image`), headings, `lang`, and the palette — the
 * `theme-color` meta, hex colours in its styles and Shopify themes' `--color-*: r, g, b` custom
 * properties (Dawn writes its colour schemes that way), most used first.
 */
const hex2 = (n: number) =>
  Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, '0');
const normalise = (hex: string) => {
  const h = hex.toLowerCase().replace('#', '');
  return `#${h.length === 3 ? [...h].map((c) => c + c).join('') : h}`;
};
const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'our',
  'your',
  'made',
  'over',
  'free',
  'shop',
  'from',
  'that',
  'this',
]);

export function extractSiteFacts(html: string, url: string): SiteFacts {
  const $ = cheerio.load(html);
  const meta = (sel: string) => $(sel).attr('content')?.trim() || undefined;
  const title = $('title').first().text().trim() || meta('meta[property="og:title"]') || '';
  const description = meta('meta[name="description"]') ?? meta('meta[property="og:description"]') ?? '';
  const headings = [
    ...new Set(
      $('h1, h2, h3')
        .map((_, el) => $(el).text().replace(/\s+/g, ' ').trim())
        .get()
        .filter((h) => h.length > 0),
    ),
  ].slice(0, 20);

  const counts = new Map<string, number>();
  const count = (c: string, weight = 1) => counts.set(c, (counts.get(c) ?? 0) + weight);
  const theme = meta('meta[name="theme-color"]');
  if (theme && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(theme)) count(normalise(theme), 3);
  const styles = [
    $('style').text(),
    ...$('[style]')
      .map((_, el) => $(el).attr('style') ?? '')
      .get(),
  ].join('\n');
  for (const m of styles.matchAll(/#([0-9a-f]{6}|[0-9a-f]{3})\b/gi)) count(normalise(m[0]));
  for (const m of styles.matchAll(/--color-[\w-]+:\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3})/g))
    count(`#${hex2(Number(m[1]))}${hex2(Number(m[2]))}${hex2(Number(m[3]))}`);
  const colours = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c)
    .slice(0, 6);

  const words = new Map<string, number>();
  for (const w of `${title} ${description} ${headings.join(' ')}`.toLowerCase().match(/[\p{L}]{3,}/gu) ?? [])
    if (!STOP.has(w)) words.set(w, (words.get(w) ?? 0) + 1);
  const keywords = [...words.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([w]) => w)
    .slice(0, 15);
  const siteName = meta('meta[property="og:site_name"]');
  const ogImage = meta('meta[property="og:image"]');
  const language = $('html').attr('lang')?.trim();
  return {
    url,
    title,
    description,
    ...(siteName ? { siteName } : {}),
    ...(ogImage ? { ogImage } : {}),
    headings,
    colours,
    keywords,
    ...(language ? { language } : {}),
  };
}

/** Fetches a storefront page (through the app's guarded fetch) and extracts its facts. */
export async function fetchSiteFacts(fetchFn: typeof fetch, url: string): Promise<SiteFacts> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`not a URL: "${url}"`);
  }
  const res = await fetchFn(parsed, {
    headers: { accept: 'text/html' },
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new UpstreamError(`${parsed.host} answered HTTP ${res.status} for the storefront`);
  const html = await res.text();
  return extractSiteFacts(html.slice(0, 2_000_000), parsed.toString());
}
