import { taskFunction } from '../_runtime';

/** Composition root of the `engagement-steps` function (infra/manifest.ts). */
export const handler = taskFunction('engagement-steps');
