import { CHANNELS, type Channel } from '../../shared/domain/content/post';
import { AD_PLATFORM_FACTS } from '../../shared/domain/entities/integration';
import { humanize } from '../../shared/domain/format';
import { regionName } from '../../shared/domain/names/regions';

/** Display names by id from a set of platform facts (the ad platforms' come from the domain). */
export const platformLabelsFrom = (
  facts: Readonly<Record<string, { label: string }>>,
): Record<string, string> => ({
  shopify: 'Shopify',
  ...Object.fromEntries(Object.entries(facts).map(([id, f]) => [id, f.label])),
  organic: 'Organic',
  unattributed: 'Unattributed',
});

/** Display names for platform ids and other enums the API sends. */
const PLATFORM_LABELS = platformLabelsFrom(AD_PLATFORM_FACTS);

export const platformLabel = (id: string) => PLATFORM_LABELS[id] ?? humanize(id);

/**
 * The content studio's networks in words, for every content page: `name` where a post went ("on
 * Facebook"), `label` for what the brief publishes to (the Page, not the person's profile).
 */
export const CONTENT_CHANNELS: Readonly<Record<Channel, { name: string; label: string }>> = {
  facebook: { name: 'Facebook', label: 'Facebook Page' },
  instagram: { name: 'Instagram', label: 'Instagram' },
};
export { CHANNELS as CONTENT_CHANNEL_IDS };

const isChannel = (id: string): id is Channel => (CHANNELS as readonly string[]).includes(id);
export const channelName = (id: string) => (isChannel(id) ? CONTENT_CHANNELS[id].name : humanize(id));

/** `reduce_spend` → "Reduce spend": the one wording of the app's keys, shared with formatUnit. */
export { humanize };

/**
 * Products arrive as Shopify variant gids (`gid://shopify/ProductVariant/101`); until the API
 * sends titles, show the kind and number rather than the whole URI.
 */
export function productLabel(id: string): string {
  const gid = /^gid:\/\/shopify\/(ProductVariant|Product)\/(\d+)$/.exec(id);
  if (gid) return `${gid[1] === 'Product' ? 'Product' : 'Variant'} ${gid[2]}`;
  return id;
}

/**
 * Any drilldown key in words, for when the API sent no name: platform names for channels, short
 * ids for products, regions from their code ("New York, US"; the API's name is the store's own).
 */
export function dimensionKeyLabel(dimension: string, key: string): string {
  if (dimension === 'channel') return platformLabel(key);
  if (dimension === 'product') return productLabel(key);
  if (dimension === 'region') return regionName(key);
  return key;
}
