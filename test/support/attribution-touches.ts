import type { Touch } from '../../shared/domain/attribution/types';

const DAY_MS = 86_400_000;

/** Test-data builder for journey touches: `aTouch('t1').daysBefore(at, 2).withClick('fbclid', '101')`. */
export function aTouch(id: string, at = 0) {
  const touch: { -readonly [K in keyof Touch]: Touch[K] } = {
    id,
    at,
    source: null,
    medium: null,
    campaign: null,
    clickIdType: null,
  };
  const builder = {
    at(ms: number) {
      touch.at = ms;
      return builder;
    },
    daysBefore(conversionAt: number, days: number) {
      touch.at = conversionAt - days * DAY_MS;
      return builder;
    },
    withUtm(source: string, medium: string, campaign?: string) {
      touch.source = source;
      touch.medium = medium;
      touch.campaign = campaign ?? null;
      return builder;
    },
    withClick(type: string, campaign: string) {
      touch.clickIdType = type;
      touch.campaign = campaign;
      return builder;
    },
    build(): Touch {
      return { ...touch };
    },
  };
  return builder;
}
