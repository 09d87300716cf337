import type { Recommendation } from '../../../shared/domain/entities';
import type { Format } from '../format';
import { href } from '../routes';

/** What an `engage` recommendation pre-fills in the new-campaign form. */
export interface CampaignDraft {
  productId: string;
  /** The variant's parent product, which the interest audience also matches. */
  parentId: string | null;
  product: string;
  audience: number | null;
  name: string;
  text: string;
}

/**
 * The engagement page's address with the draft of an `engage` recommendation in its query
 * (`?draft=engage&product=…`), or undefined for any other recommendation. Nothing is created by
 * following it: the merchant reviews the form and creates the draft.
 */
export function engageDraftHref(brandId: string, rec: Pick<Recommendation, 'type' | 'change' | 'evidence'>) {
  const productId = rec.change.productId;
  if (rec.type !== 'engage' || !productId) return undefined;
  const product = typeof rec.evidence.product === 'string' ? rec.evidence.product : productId;
  const audience = rec.evidence.audience_customers;
  const parent = rec.evidence.parent_product_id;
  const query = new URLSearchParams({
    draft: 'engage',
    product: productId,
    ...(typeof parent === 'string' ? { parent } : {}),
    title: product,
    ...(typeof audience === 'number' ? { audience: String(audience) } : {}),
  });
  return `${href('engagement', { brandId })}?${query.toString()}`;
}

/** The draft a URL's query carries, or undefined when it carries none. */
export function draftFromSearch(search: URLSearchParams): CampaignDraft | undefined {
  const productId = search.get('product');
  if (search.get('draft') !== 'engage' || !productId) return undefined;
  const product = search.get('title') || productId;
  const audience = Number(search.get('audience'));
  return {
    productId,
    parentId: search.get('parent') || null,
    product,
    audience: Number.isInteger(audience) && audience > 0 ? audience : null,
    name: `${product}: for the customers interested in it`.slice(0, 200),
    text: `Hi {{first_name|there}}, ${product} is still here for you.`,
  };
}

/**
 * Why an audience counts no one, from what the page already has (the segments read model): no
 * customer analytics yet, no order naming a customer (a Shopify customer or an email: what the
 * analytics group orders by, decision 1011), an empty segment, or no one in it interested in the
 * product. Null when the count is not 0.
 */
export function emptyAudienceReason(
  count: number,
  segments: {
    model: { customers: number } | null;
    segments: readonly { segment: string; label: string; customers: number }[];
  },
  segment: string | null,
  interestedIn: string | null,
): string | null {
  if (count > 0) return null;
  if (!segments.model)
    return 'Customer segments have not been computed for this brand yet (nightly, and after the first attribution pass), so no one is in an audience.';
  if (segments.model.customers === 0)
    return 'None of the orders carries a Shopify customer or an email address, so there is no one to message.';
  const s = segment ? segments.segments.find((x) => x.segment === segment) : undefined;
  if (s && s.customers === 0) return `No customer is in the ${s.label} segment today.`;
  if (interestedIn)
    return `No customer in this audience showed interest in ${interestedIn} or its category in the last 30 days.`;
  return 'No customer matches this audience today.';
}

/**
 * The audience line under the form: how many customers it counts, in the reader's own numbers
 * (the web app's one formatter), and why an empty one is empty.
 */
export function audienceWords(count: number, why: string | null, fmt: Pick<Format, 'counted'>): string {
  return `${fmt.counted(count, 'customer')} in this audience (before consent).${why ? ` ${why}` : ''}`;
}
