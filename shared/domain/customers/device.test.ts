import { describe, expect, it } from 'vitest';
import { classifyUserAgent, deviceClassOf } from './device';

/**
 * Real user agent strings, as the browsers and crawlers document or send them:
 * - https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/User-Agent (Chrome,
 *   Firefox, Safari, Edge; "Mobi" for phones) and …/Glossary/User_agent
 * - https://developer.chrome.com/docs/privacy-security/user-agent-client-hints (the reduced
 *   Chrome UA: `Android 10; K`, `Chrome/<major>.0.0.0`, "Mobile" only on phones)
 * - https://developers.google.com/search/docs/crawling-indexing/google-common-crawlers (Googlebot
 *   smartphone and desktop)
 * - https://www.bing.com/webmasters/help/which-crawlers-does-bing-use-8c184ec0 (bingbot)
 */
const UAS = {
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  iphoneInstagram:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone14,5; iOS 17_1; en_GB; en; scale=3.00; 1170x2532; 532277786)',
  androidChromePhone:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  androidSamsungPhone:
    'Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  androidFirefoxPhone: 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
  androidChromeTablet:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  galaxyTab:
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  androidFirefoxTablet: 'Mozilla/5.0 (Android 14; Tablet; rv:125.0) Gecko/125.0 Firefox/125.0',
  kindleFire:
    'Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/119.4.1 like Chrome/119.0.6045.193 Safari/537.36',
  ipadMobileMode:
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  ipadDesktopMode:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  windowsFirefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  windowsEdge:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  windowsTabletPcIe: 'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; Tablet PC 2.0; rv:11.0) like Gecko',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  googlebotSmartphone:
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.155 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  googlebotDesktop: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  bingbot: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  headlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
  facebookPreview: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  cubotPhone:
    'Mozilla/5.0 (Linux; Android 10; CUBOT_X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  samsungTv:
    'Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV Safari/537.36',
} as const;

describe('classifyUserAgent', () => {
  it.each([
    ['iphoneSafari', 'mobile'],
    ['iphoneInstagram', 'mobile'],
    ['androidChromePhone', 'mobile'],
    ['androidSamsungPhone', 'mobile'],
    ['androidFirefoxPhone', 'mobile'],
    ['cubotPhone', 'mobile'],
    ['androidChromeTablet', 'tablet'],
    ['galaxyTab', 'tablet'],
    ['androidFirefoxTablet', 'tablet'],
    ['kindleFire', 'tablet'],
    ['ipadMobileMode', 'tablet'],
    ['windowsChrome', 'desktop'],
    ['windowsFirefox', 'desktop'],
    ['macSafari', 'desktop'],
    ['windowsEdge', 'desktop'],
    ['windowsTabletPcIe', 'desktop'],
    ['linuxFirefox', 'desktop'],
    ['chromebook', 'desktop'],
    ['googlebotSmartphone', 'bot'],
    ['googlebotDesktop', 'bot'],
    ['bingbot', 'bot'],
    ['headlessChrome', 'bot'],
    ['facebookPreview', 'bot'],
    ['samsungTv', 'unknown'],
  ] as const)('%s is %s', (name, expected) => {
    expect(classifyUserAgent(UAS[name])).toBe(expected);
  });

  it('counts an iPad in desktop mode as desktop: its user agent is a Mac Safari one, byte for byte', () => {
    expect(UAS.ipadDesktopMode).toBe(UAS.macSafari);
    expect(classifyUserAgent(UAS.ipadDesktopMode)).toBe('desktop');
  });

  it.each([[undefined], [null], [''], ['   '], ['node'], ['Go-http-client/1.1']])(
    'is unknown for what names no device (%s)',
    (ua) => {
      expect(classifyUserAgent(ua)).toBe('unknown');
    },
  );
});

describe('deviceClassOf (a stored value read back)', () => {
  it('reads rows from before the column (NULL) and anything unexpected as unknown', () => {
    expect(deviceClassOf(null)).toBe('unknown');
    expect(deviceClassOf(undefined)).toBe('unknown');
    expect(deviceClassOf('toaster')).toBe('unknown');
    expect(deviceClassOf('tablet')).toBe('tablet');
  });
});
