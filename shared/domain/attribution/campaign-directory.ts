import type { AdPlatform } from '../entities/integration';
import type { Destination } from './types';

/** A campaign the brand ran: its prefixed id (`<platform>:<account>:<nativeId>`) and, when known, its name. */
export interface KnownCampaign {
  readonly id: string;
  readonly name?: string | null;
}

/**
 * The brand's campaigns, found the ways stores tag them: by native id (Google's `{campaignid}`
 * ValueTrack parameter, TikTok's `__CAMPAIGN_ID__`) or by name (Meta's `{{campaign.name}}`, the
 * template most stores use), always within one platform.
 */
export interface CampaignDirectory {
  /** `<platform>:<nativeId>` → campaign id, and `*:<nativeId>` when the native id is unique. */
  readonly byNative: ReadonlyMap<string, string>;
  /** `<platform>|<normalized name>` → campaign id, or AMBIGUOUS when two campaigns share the name. */
  readonly byName: ReadonlyMap<string, string>;
  readonly platformOf: ReadonlyMap<string, AdPlatform>;
  /** Resolutions by the touch fields they depend on: a pass sees millions of touches, few shapes. */
  readonly resolved: Map<string, Destination>;
}

/** Two campaigns of one platform with the same name: a UTM naming it cannot say which one. */
export const AMBIGUOUS = '\u0000ambiguous';

const PLATFORMS: ReadonlySet<string> = new Set(['meta', 'tiktok', 'google_ads']);

/**
 * How names compare: case-insensitive, surrounding and repeated spaces ignored. Shopify keeps the
 * landing URL's query as it arrived, so a `utm_campaign` may still be URL-encoded, with `+` for a
 * space (application/x-www-form-urlencoded) — `utmNameCandidates` undoes that first.
 */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The names a `utm_campaign` value may stand for: URL-decoded with `+` as a space, and as written
 * (a name that really contains `+` or `%` arrives decoded from some sources).
 */
export function utmNameCandidates(value: string): string[] {
  const out = new Set<string>();
  try {
    out.add(normalizeName(decodeURIComponent(value.replace(/\+/g, ' '))));
  } catch {
    // A stray `%` that is not an escape: the value was never encoded.
    out.add(normalizeName(value.replace(/\+/g, ' ')));
  }
  out.add(normalizeName(value));
  return [...out].filter(Boolean);
}

/** Campaign ids are `<platform>:<account>:<nativeId>` (see infra/sandbox/world.ts). */
export function createCampaignDirectory(campaigns: Iterable<string | KnownCampaign>): CampaignDirectory {
  const byNative = new Map<string, string>();
  const byName = new Map<string, string>();
  const platformOf = new Map<string, AdPlatform>();
  const seen = new Map<string, Set<string>>();
  const names = new Map<string, Set<string>>();
  for (const entry of campaigns) {
    const { id, name } = typeof entry === 'string' ? { id: entry, name: null } : entry;
    const first = id.indexOf(':');
    const last = id.lastIndexOf(':');
    if (first < 0 || last <= first) continue;
    const platform = id.slice(0, first);
    if (!PLATFORMS.has(platform)) continue;
    const native = id.slice(last + 1);
    platformOf.set(id, platform as AdPlatform);
    byNative.set(`${platform}:${native}`, id);
    seen.set(native, (seen.get(native) ?? new Set()).add(id));
    if (name?.trim()) {
      const key = `${platform}|${normalizeName(name)}`;
      names.set(key, (names.get(key) ?? new Set()).add(id));
    }
  }
  for (const [native, ids] of seen) if (ids.size === 1) byNative.set(`*:${native}`, [...ids][0]!);
  for (const [key, ids] of names) byName.set(key, ids.size === 1 ? [...ids][0]! : AMBIGUOUS);
  return { byNative, byName, platformOf, resolved: new Map() };
}

/**
 * The campaign a reference (native id, prefixed id or name) stands for within one platform, or
 * null. An id wins over a name; a name two campaigns share matches neither.
 */
export function findCampaign(
  directory: CampaignDirectory,
  platform: AdPlatform,
  reference: string,
): string | null {
  const ref = reference.trim();
  if (!ref) return null;
  if (directory.platformOf.get(ref) === platform) return ref;
  const byId = directory.byNative.get(`${platform}:${ref}`);
  if (byId) return byId;
  for (const name of utmNameCandidates(ref)) {
    const id = directory.byName.get(`${platform}|${name}`);
    if (id) return id === AMBIGUOUS ? null : id;
  }
  return null;
}
