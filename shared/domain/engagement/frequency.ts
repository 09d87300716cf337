import type { ChannelKind } from './channel';

/** At most `max` marketing messages per customer per channel in any rolling `windowHours`. */
export interface FrequencyCap {
  readonly max: number;
  readonly windowHours: number;
}

export const DEFAULT_FREQUENCY_CAPS: Readonly<Record<ChannelKind, FrequencyCap>> = {
  email: { max: 3, windowHours: 24 * 7 },
  sms: { max: 2, windowHours: 24 * 7 },
  whatsapp: { max: 2, windowHours: 24 * 7 },
};

export const capWindowStart = (now: Date, cap: FrequencyCap): Date =>
  new Date(now.getTime() - cap.windowHours * 3_600_000);
