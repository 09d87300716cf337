import { minorUnitExponent } from '../money';
import type { Brief } from './brief';
import type { FeaturedProduct } from './post';
import type { BrandProfileInput } from './profile';

/** The words of one post, before it is stored. */
export interface PostCopy {
  caption: string;
  hashtags: string[];
  callToAction: string;
}

const OPENERS: Readonly<Record<FeaturedProduct['kind'], readonly string[]>> = {
  overstock: [
    'Cold evenings, sorted.',
    'The one we never stop recommending.',
    'Made for slow mornings and long nights out.',
  ],
  margin: ['Built to last, priced to love.', 'Small thing, big difference.', 'Quality you can feel.'],
  bestseller: [
    'Our most-loved pick this month.',
    'Back in the spotlight.',
    'Everyone is asking about this one.',
  ],
};

/** A phrase the merchant typed, ended as a sentence: "Free shipping over $75" → "Free shipping over $75.". */
const sentence = (text: string) => {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
};

const tag = (word: string) => `#${word.replace(/[^\p{L}\p{N}]+/gu, '')}`;

/**
 * The no-key copywriter: deterministic captions from the profile, the brief and the product,
 * varied by the post's position in the month. The price is the catalogue's, formatted once.
 *
 * The caption ends with the profile's first pillar, the site's own headline when the profile was
 * read from the storefront ("Gear for weekends outside"). The other pillars are often the site's
 * collection headings ("Trail-tested footwear"), and without knowing which collection a product
 * is in, rotating them put "Trail-tested footwear." under a merino tee. Claude's writer sees the
 * products and the pillars together and chooses; this one says only what is true of every product.
 */
export function localPostCopy(
  profile: Pick<BrandProfileInput, 'name' | 'pillars'>,
  brief: Pick<Brief, 'offers' | 'goals'>,
  product: FeaturedProduct,
  index: number,
): PostCopy {
  const openers = OPENERS[product.kind];
  const opener = openers[index % openers.length]!;
  const pillar = profile.pillars[0]!;
  const price = new Intl.NumberFormat('en', { style: 'currency', currency: product.currency }).format(
    product.priceMinor / 10 ** minorUnitExponent(product.currency),
  );
  const offer = brief.offers.trim() ? ` ${sentence(brief.offers)}` : '';
  const caption = `${opener} The ${product.title} is ${price} at ${profile.name}.${offer} ${sentence(pillar)}`;
  const productWords = product.title.split(/[\s—-]+/).filter((w) => w.length > 2);
  const hashtags = [
    tag(profile.name),
    tag(productWords.join('')),
    ...pillar
      .split(/\s+/)
      .filter((w) => w.length > 3)
      .slice(0, 2)
      .map((w) => tag(w.toLowerCase())),
  ].filter((h, i, all) => h.length > 1 && all.indexOf(h) === i);
  const callToAction =
    product.kind === 'overstock' ? 'Shop it now: link in bio.' : 'Tap the link in bio to shop.';
  return { caption, hashtags: hashtags.slice(0, 8), callToAction };
}
