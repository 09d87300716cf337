/**
 * The browsers the demo's shoppers use, as Shopify's pixel reports them in
 * `event.context.navigator` (https://shopify.dev/docs/api/web-pixels-api/standard-api/init:
 * WebPixelsNavigator — cookieEnabled, language, languages, userAgent). The user agent strings are
 * real ones (MDN's User-Agent reference, Chrome's reduced UA); the mix is a typical fashion /
 * lifestyle store's: about two visits in three on a phone, one in four on a desktop, the rest on
 * tablets. A shopper's device is fixed by its clientId (one browser, one device).
 */
const BROWSERS: ReadonlyArray<{ weight: number; userAgent: string }> = [
  // Phones
  {
    weight: 30,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  },
  {
    weight: 6,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone14,5; iOS 17_1; en_US; en; scale=3.00; 1170x2532; 532277786)',
  },
  {
    weight: 3,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  },
  {
    weight: 20,
    userAgent:
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  },
  {
    weight: 7,
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  },
  // Tablets
  {
    weight: 4,
    userAgent:
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  },
  {
    weight: 3,
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  },
  {
    weight: 1,
    userAgent:
      'Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/119.4.1 like Chrome/119.0.6045.193 Safari/537.36',
  },
  // Desktops and laptops
  {
    weight: 12,
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  },
  {
    weight: 6,
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  },
  {
    weight: 4,
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  },
  {
    weight: 3,
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  },
  {
    weight: 1,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  },
];
const TOTAL = BROWSERS.reduce((n, b) => n + b.weight, 0);

/** The planted people's client ids say which device they are (`…-phone-…`, `…-laptop-…`). */
const NAMED: Record<string, string> = {
  phone: BROWSERS[0]!.userAgent,
  tablet: BROWSERS[5]!.userAgent,
  laptop: BROWSERS[9]!.userAgent,
};

function unitHash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/** The user agent of the browser behind a clientId: always the same one for the same id. */
export function userAgentFor(clientId: string): string {
  const named = /-(phone|tablet|laptop)-/.exec(clientId)?.[1];
  if (named) return NAMED[named]!;
  let x = unitHash(clientId) * TOTAL;
  for (const b of BROWSERS) {
    x -= b.weight;
    if (x < 0) return b.userAgent;
  }
  return BROWSERS[0]!.userAgent;
}

/** `event.context.navigator` as the pixel receives it for this clientId's browser. */
export function navigatorFor(clientId: string) {
  return {
    cookieEnabled: true,
    language: 'en-US',
    languages: ['en-US', 'en'],
    userAgent: userAgentFor(clientId),
  };
}
