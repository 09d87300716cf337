import { z } from 'zod';

/**
 * The coarse device class of a storefront event, derived from the browser's user agent at
 * ingestion (docs/decisions/940). Only the class is stored, never the user agent itself.
 * `bot` marks crawlers and headless browsers: their events are kept but no funnel counts them.
 */
export const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop', 'bot', 'unknown'] as const;
export const deviceClassSchema = z.enum(DEVICE_CLASSES);
export type DeviceClass = z.infer<typeof deviceClassSchema>;

/** A stored value read back: rows written before the column existed (NULL) are `unknown`. */
export const deviceClassOf = (stored: string | null | undefined): DeviceClass =>
  deviceClassSchema.safeParse(stored).data ?? 'unknown';

// Crawlers name themselves: a documented token, a `+http://…` contact URL by convention
// (Googlebot, bingbot, …), or a whole word bot / crawler / spider (not "CUBOT", a phone brand).
const BOT =
  /googlebot|adsbot|mediapartners-google|google-inspectiontool|storebot-google|bingbot|bingpreview|yandex|baiduspider|duckduckbot|applebot|slurp|facebookexternalhit|facebot|twitterbot|linkedinbot|pinterestbot|semrush|ahrefs|mj12bot|petalbot|bytespider|gptbot|claudebot|ccbot|headlesschrome|phantomjs|lighthouse|pingdom|uptimerobot|\+https?:\/\/|\b(?:bot|crawler|spider)\b/i;
// Televisions, consoles and streaming sticks run browsers too; none of the three classes fits.
const TV_OR_CONSOLE =
  /smart-?tv|hbbtv|web0s|tizen(?!.*mobile)|android tv|\baft[a-z]{1,4}\b|crkey|appletv|playstation|xbox|nintendo/i;
// "Mobi" anywhere means a phone (MDN's advice); Android without it is a tablet (Google's
// guidance to tablet browsers is to leave "Mobile" out, and Firefox's tablet UA says "Tablet").
const TABLET = /ipad|android(?!.*mobi)|kindle|silk\/|playbook/i;
const MOBILE = /mobi|iphone|ipod|android|windows phone|iemobile|opera mini|blackberry|bb10/i;
const DESKTOP = /windows nt|macintosh|mac os x|x11|linux|cros/i;

/**
 * The device class of a user agent string. Pure and total: anything unreadable is `unknown`.
 * iPadOS 13+ Safari asks for desktop sites by default and then sends the Mac's user agent
 * (`Macintosh; Intel Mac OS X 10_15_7`), which nothing in the string tells apart from a Mac:
 * that iPad is counted as `desktop` (decision 940), as the merchant's own store sees it.
 */
export function classifyUserAgent(userAgent: string | null | undefined): DeviceClass {
  const ua = (userAgent ?? '').trim();
  if (ua === '') return 'unknown';
  if (BOT.test(ua)) return 'bot';
  if (TV_OR_CONSOLE.test(ua)) return 'unknown';
  if (TABLET.test(ua)) return 'tablet';
  if (MOBILE.test(ua)) return 'mobile';
  if (DESKTOP.test(ua)) return 'desktop';
  return 'unknown';
}
