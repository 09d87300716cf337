import { httpFunction } from '../_runtime';

/** Composition root of the `engagement-webhooks` function (infra/manifest.ts). */
export const handler = httpFunction('engagement-webhooks');
