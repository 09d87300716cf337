import { scheduleFunction } from '../_runtime';

/** Composition root of the `customer-analytics` function (infra/manifest.ts). */
export const handler = scheduleFunction('customer-analytics');
