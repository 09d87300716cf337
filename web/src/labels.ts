/** Display names for platform ids and other enums the API sends. */
const PLATFORM_LABELS: Record<string, string> = {
  shopify: 'Shopify',
  meta: 'Meta',
  tiktok: 'TikTok',
  google_ads: 'Google Ads',
  organic: 'Organic',
  unattributed: 'Unattributed',
};

export const platformLabel = (id: string) => PLATFORM_LABELS[id] ?? humanize(id);

/** `reduce_spend` → "Reduce spend". */
export function humanize(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Products arrive as Shopify variant gids (`gid://shopify/ProductVariant/101`); until the API
 * sends titles, show the kind and number rather than the whole URI.
 */
export function productLabel(id: string): string {
  const gid = /^gid:\/\/shopify\/(ProductVariant|Product)\/(\d+)$/.exec(id);
  if (gid) return `${gid[1] === 'Product' ? 'Product' : 'Variant'} ${gid[2]}`;
  return id;
}

/** Any drilldown key in words: platform names for channels, short ids for products. */
export function dimensionKeyLabel(dimension: string, key: string): string {
  if (dimension === 'channel') return platformLabel(key);
  if (dimension === 'product') return productLabel(key);
  return key;
}
