/**
 * The browsers the demo's shoppers use, as Shopify's pixel reports them in
 * `event.context.navigator` (https://shopify.dev/docs/api/web-pixels-api/standard-api/init:
 * WebPixelsNavigator — cookieEnabled, language, languages, userAgent). The user agent strings are
 * real ones (MDN's User-Agent reference, Chrome's reduced UA). Phones bring most visits but
 * convert worse than desktops, as every store's analytics shows: the devices behind orders are
 * a little over half phones, those that only browse four in five. A shopper's device is fixed by
 * its clientId (one browser, one device).
 */
type Kind = 'phone' | 'tablet' | 'desktop';
export type Mix = Readonly<Record<Kind, number>>;
/** The devices of visits that end in an order. */
export const BUYER_MIX: Mix = { phone: 0.55, tablet: 0.07, desktop: 0.38 };
/** The devices of visits that only browse (and perhaps add to cart). */
export const BROWSER_MIX: Mix = { phone: 0.8, tablet: 0.06, desktop: 0.14 };

const BROWSERS: ReadonlyArray<{ kind: Kind; weight: number; userAgent: string }> = [
  // Phones
  {
    kind: 'phone',
    weight: 30,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  },
  {
    kind: 'phone',
    weight: 6,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone14,5; iOS 17_1; en_US; en; scale=3.00; 1170x2532; 532277786)',
  },
  {
    kind: 'phone',
    weight: 3,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  },
  {
    kind: 'phone',
    weight: 20,
    userAgent:
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  },
  {
    kind: 'phone',
    weight: 7,
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  },
  // Tablets
  {
    kind: 'tablet',
    weight: 4,
    userAgent:
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  },
  {
    kind: 'tablet',
    weight: 3,
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  },
  {
    kind: 'tablet',
    weight: 1,
    userAgent:
      'Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/119.4.1 like Chrome/119.0.6045.193 Safari/537.36',
  },
  // Desktops and laptops
  {
    kind: 'desktop',
    weight: 12,
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  },
  {
    kind: 'desktop',
    weight: 6,
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  },
  {
    kind: 'desktop',
    weight: 4,
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  },
  {
    kind: 'desktop',
    weight: 3,
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  },
  {
    kind: 'desktop',
    weight: 1,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  },
];

/** The planted people's client ids say which device they are (`…-phone-…`, `…-laptop-…`). */
const NAMED: Record<string, string> = {
  phone: BROWSERS[0]!.userAgent,
  tablet: BROWSERS[5]!.userAgent,
  laptop: BROWSERS[9]!.userAgent,
};

function unitHash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  // FNV-1a's high bits barely move between similar ids; MurmurHash3's finaliser spreads them.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** The user agent of the browser behind a clientId: always the same one for the same id. */
export function userAgentFor(clientId: string, mix: Mix = BUYER_MIX): string {
  const named = /-(phone|tablet|laptop)-/.exec(clientId)?.[1];
  if (named) return NAMED[named]!;
  const r = unitHash(clientId);
  const kind: Kind = r < mix.phone ? 'phone' : r < mix.phone + mix.tablet ? 'tablet' : 'desktop';
  const choices = BROWSERS.filter((b) => b.kind === kind);
  let x = unitHash(`${clientId}/browser`) * choices.reduce((n, b) => n + b.weight, 0);
  for (const b of choices) {
    x -= b.weight;
    if (x < 0) return b.userAgent;
  }
  return choices[0]!.userAgent;
}

/** `event.context.navigator` as the pixel receives it for this clientId's browser. */
export function navigatorFor(clientId: string, mix: Mix = BUYER_MIX) {
  return {
    cookieEnabled: true,
    language: 'en-US',
    languages: ['en-US', 'en'],
    userAgent: userAgentFor(clientId, mix),
  };
}
