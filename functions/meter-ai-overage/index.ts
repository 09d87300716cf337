import { scheduleFunction } from '../_runtime';

/** Composition root of the `meter-ai-overage` function (infra/manifest.ts). */
export const handler = scheduleFunction('meter-ai-overage');
