import { scheduleFunction } from '../_runtime';

/** Composition root of the `weekly-summary` function (infra/manifest.ts). */
export const handler = scheduleFunction('weekly-summary');
