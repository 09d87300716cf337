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
