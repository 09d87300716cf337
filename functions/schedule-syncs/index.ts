import { scheduleFunction } from '../_runtime';

/** Composition root of the `schedule-syncs` function (infra/manifest.ts). */
export const handler = scheduleFunction('schedule-syncs');
