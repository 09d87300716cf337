import { taskFunction } from '../_runtime';

/** Composition root of the `engagement-campaigns` function (infra/manifest.ts). */
export const handler = taskFunction('engagement-campaigns');
